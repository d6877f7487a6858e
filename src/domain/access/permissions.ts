/**
 * The one declaration of who may do what: roles × resources × actions, and the scope each
 * permission needs. Use cases ask `can()`; routes name the permission they need; the route × role
 * test and `docs/permissions.md` are read from this table. A module brings its own lines (the pilot
 * of a fiche, the DPO's opinion) through its registration (`src/modules/`), merged with these by
 * `withPermissions`: the declaration stays one table, and a name declared twice is refused.
 *
 * Scopes:
 * - `none`: the role is enough (an admin managing accounts).
 * - `perimeter`: the resource lies in the actor's perimeter (the Caf's département, the
 *   commune or EPCI, the organisations party to a convention).
 * - `party`: on top of the perimeter, the actor acts for the party concerned: a Caf agent of
 *   that Caf for the Caf's signatories and the Caf's notices, a territory agent of the commune
 *   or EPCI for theirs. Admins and the platform itself may act for any party.
 * - `own_caf`: the resource belongs to the actor's own Caf (its templates).
 * - `own_account`: the actor's own account (their API tokens).
 * - `public`: no login needed.
 */
import {
  type Actor,
  type ConventionAccessFacts,
  conventionScope,
  isInScope,
  ROLES,
  type Role,
} from './access.js';

export type Resource =
  | 'public'
  | 'account'
  | 'convention'
  | 'template'
  | 'territory'
  | 'diagnostic'
  | 'audit'
  | 'user'
  | 'organisation'
  | 'referential'
  | 'job';

export type Scope = 'public' | 'none' | 'perimeter' | 'party' | 'own_caf' | 'own_account';

export interface PermissionRule {
  /** A resource of the platform, or a module's own (`plan`, `steering` …). */
  resource: Resource | (string & {});
  action: string;
  /** Who holds it (a person with several roles holds the union). */
  roles: readonly Role[];
  scope: Scope;
  /** What it allows, in French, for `docs/permissions.md`. */
  label: string;
}

const EVERYONE = ROLES;
const EDITORS = ['caf_agent', 'territory_agent', 'admin'] as const satisfies readonly Role[];
const CAF = ['caf_agent', 'admin'] as const satisfies readonly Role[];
const ADMIN = ['admin'] as const satisfies readonly Role[];

function rule(resource: Resource, action: string, roles: readonly Role[], scope: Scope, label: string) {
  return { resource, action, roles, scope, label } satisfies PermissionRule;
}

export const PERMISSIONS = {
  'public.read': rule('public', 'read', [], 'public', 'Pages publiques, connexion, santé du service'),
  'account.use': rule('account', 'use', EVERYONE, 'own_account', 'Son propre compte : session, jetons d’API'),
  'territory.read': rule('territory', 'read', [], 'public', 'Consulter le référentiel des territoires'),
  'diagnostic.read': rule(
    'diagnostic',
    'read',
    EVERYONE,
    'none',
    'Consulter le diagnostic (valeurs protégées)',
  ),
  'diagnostic.import': rule(
    'diagnostic',
    'import',
    CAF,
    'perimeter',
    'Importer ou générer les données du diagnostic des territoires de sa Caf',
  ),
  'convention.read': rule(
    'convention',
    'read',
    EVERYONE,
    'perimeter',
    'Consulter une convention de son périmètre et ses documents',
  ),
  'convention.create': rule(
    'convention',
    'create',
    EDITORS,
    'perimeter',
    'Créer une convention pour un territoire de son périmètre',
  ),
  'convention.edit': rule(
    'convention',
    'edit',
    EDITORS,
    'perimeter',
    'Modifier le projet, le soumettre, préparer un avenant, annuler la signature, renouveler',
  ),
  'convention.sign': rule(
    'convention',
    'sign',
    EDITORS,
    'party',
    'Enregistrer la signature d’un signataire de la partie pour laquelle on agit',
  ),
  'convention.terminate': rule(
    'convention',
    'terminate',
    EDITORS,
    'party',
    'Mettre en demeure, dénoncer, constater une régularisation, au nom de la partie pour laquelle on agit',
  ),
  'template.manage': rule('template', 'manage', CAF, 'own_caf', 'Gérer les modèles de document de sa Caf'),
  'audit.read': rule('audit', 'read', ['admin', 'dpo'], 'none', 'Consulter le journal d’audit'),
  'user.manage': rule(
    'user',
    'manage',
    ADMIN,
    'none',
    'Gérer les comptes : créer, désactiver, réactiver, changer les rôles et le mot de passe, anonymiser',
  ),
  'organisation.manage': rule('organisation', 'manage', ADMIN, 'none', 'Consulter et créer des organismes'),
  'convention.grant': rule(
    'convention',
    'grant',
    ADMIN,
    'none',
    'Ouvrir à un partenaire l’accès à une convention, ou le lui retirer',
  ),
  'referential.import': rule(
    'referential',
    'import',
    ADMIN,
    'none',
    'Importer le référentiel des territoires',
  ),
  'job.read': rule(
    'job',
    'read',
    ADMIN,
    'none',
    'Consulter les tâches planifiées, leurs exécutions et leurs échecs',
  ),
  'job.run': rule('job', 'run', ADMIN, 'none', 'Lancer une tâche planifiée sans attendre son heure'),
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

/** The declaration, or the declaration with the modules' lines: permission name → rule. */
export type PermissionTable = Readonly<Record<string, PermissionRule>>;

/** The platform's declaration with the lines modules bring; a name declared twice is an error. */
export function withPermissions(...tables: readonly PermissionTable[]): PermissionTable {
  const out: Record<string, PermissionRule> = { ...PERMISSIONS };
  for (const table of tables) {
    for (const [name, rule] of Object.entries(table)) {
      if (name in out) throw new Error(`Permission declared twice: ${name}`);
      out[name] = rule;
    }
  }
  return out;
}

const ruleOf = (permission: Permission | PermissionRule): PermissionRule =>
  typeof permission === 'string' ? PERMISSIONS[permission] : permission;

/** The party of a convention an action is taken for (its signatory's party, the notice's sender). */
export interface PartyRef {
  id: string;
  role: 'caf' | 'local_authority' | 'partner';
}

/** What `can()` needs to know about the resource, depending on the permission's scope. */
export interface ResourceFacts {
  convention?: ConventionAccessFacts;
  party?: PartyRef;
  /** Organisation owning the resource (a Caf's templates). */
  organisationId?: string;
  /** Account owning the resource (a token). */
  userId?: string;
}

function holdsRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.kind === 'system' || actor.roles.some((r) => roles.includes(r));
}

/**
 * Whether the actor holds the permission's role at all, before any scope is known: what a route can
 * check before reading its input. The use case then checks the scope.
 */
export function holdsPermissionRole(actor: Actor, permission: Permission | PermissionRule): boolean {
  const rule = ruleOf(permission);
  return rule.scope === 'public' || holdsRole(actor, rule.roles);
}

/** The role by which a person of an organisation acts for a party of that kind. */
const ACTING_ROLE: Record<PartyRef['role'], Role> = {
  caf: 'caf_agent',
  local_authority: 'territory_agent',
  partner: 'territory_agent',
};

/** Whether the actor acts for that party: a person of that organisation, in the role its kind calls for. */
export function actsForParty(actor: Actor, party: PartyRef): boolean {
  if (actor.kind === 'system' || actor.roles.includes('admin')) return true;
  return actor.organisation.id === party.id && actor.roles.includes(ACTING_ROLE[party.role]);
}

/**
 * Pure: may the actor take this action on that resource? Missing facts the scope needs mean no. A
 * module passes its own rule (from its permission lines) rather than a name of the platform's table.
 */
export function can(
  actor: Actor,
  permission: Permission | PermissionRule,
  facts: ResourceFacts = {},
): boolean {
  const p = ruleOf(permission);
  if (p.scope === 'public') return true;
  if (!holdsRole(actor, p.roles)) return false;
  const inPerimeter = () => !!facts.convention && isInScope(conventionScope(actor), facts.convention);
  switch (p.scope) {
    case 'none':
      return true;
    case 'perimeter':
      // A module's resource hanging on a convention is in the perimeter of that convention.
      return (p.resource !== 'convention' && !facts.convention) || inPerimeter();
    case 'party':
      return inPerimeter() && !!facts.party && actsForParty(actor, facts.party);
    case 'own_caf':
      if (actor.kind === 'system') return true;
      return (
        actor.organisation.kind === 'caf' &&
        (!facts.organisationId || facts.organisationId === actor.organisation.id)
      );
    case 'own_account':
      if (actor.kind === 'system') return true;
      return !facts.userId || facts.userId === actor.userId;
  }
}

/** The parties among `parties` the actor may act for: what the pages offer. */
export function partiesActedFor<P extends PartyRef>(actor: Actor, parties: readonly P[]): P[] {
  return parties.filter((p) => actsForParty(actor, p));
}
