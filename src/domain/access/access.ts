/**
 * Who may do what on which territory. Declared here once, checked inside use cases; lists are
 * filtered in SQL from the scope computed here.
 */
import type { TerritoryLevel } from '../territory/territory.js';

export const ROLES = ['caf_agent', 'territory_agent', 'partner', 'dpo', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  caf_agent: 'Conseiller·ère territorial·e de la Caf',
  territory_agent: 'Agent de la collectivité',
  partner: 'Partenaire (consultatif)',
  dpo: 'Délégué·e à la protection des données',
  admin: 'Administrateur·rice',
};

export type OrganisationKind = 'caf' | 'commune' | 'epci' | 'departement' | 'state' | 'msa' | 'partner';

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  caf: 'Caisse d’allocations familiales',
  commune: 'Commune',
  epci: 'Intercommunalité',
  departement: 'Conseil départemental',
  state: 'Services de l’État',
  msa: 'Mutualité sociale agricole',
  partner: 'Partenaire',
};

export interface ActorOrganisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  territoryLevel: TerritoryLevel | null;
  territoryCode: string | null;
}

export type Actor =
  | {
      kind: 'user';
      userId: string;
      email: string;
      displayName: string;
      roles: Role[];
      organisation: ActorOrganisation;
    }
  | { kind: 'system'; system: SystemActorKind };

/**
 * The platform acting by itself, recorded by kind (never a person's name): the command line, the
 * scheduled jobs, the demo data. A kind unknown to this table (written by a later version) reads as
 * « La plateforme ».
 */
export const SYSTEM_ACTOR_LABELS = {
  cli: 'Ligne de commande ctg',
  schedule: 'Échéancier de la plateforme',
  demo: 'Données de démonstration',
  platform: 'La plateforme',
} as const;
export type SystemActorKind = keyof typeof SYSTEM_ACTOR_LABELS;

export function isSystemActorKind(value: string): value is SystemActorKind {
  return Object.hasOwn(SYSTEM_ACTOR_LABELS, value);
}

/** What the actor may see among conventions, to be turned into a SQL filter. */
export type ConventionScope =
  | { kind: 'all' }
  | { kind: 'departement'; departementCode: string }
  | { kind: 'territory'; level: TerritoryLevel; code: string }
  | { kind: 'party'; organisationId: string }
  | { kind: 'none' };

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.kind === 'user' && actor.roles.includes(role);
}

export function conventionScope(actor: Actor): ConventionScope {
  if (actor.kind === 'system' || hasRole(actor, 'admin')) return { kind: 'all' };
  const org = actor.organisation;
  if (org.kind === 'caf' && org.territoryLevel === 'departement' && org.territoryCode) {
    return { kind: 'departement', departementCode: org.territoryCode };
  }
  if ((org.kind === 'commune' || org.kind === 'epci') && org.territoryLevel && org.territoryCode) {
    return { kind: 'territory', level: org.territoryLevel, code: org.territoryCode };
  }
  if (actor.roles.length > 0) return { kind: 'party', organisationId: org.id };
  return { kind: 'none' };
}

/** The facts about a convention that decide who reaches it. */
export interface ConventionAccessFacts {
  territories: { level: TerritoryLevel; code: string; departementCodes: string[] }[];
  partyOrganisationIds: string[];
  /** Organisations that are not parties but were given access (partners); none when left out. */
  grantedOrganisationIds?: string[];
}

/**
 * Organisations that see conventions only as a party or by access given to them: partners, the
 * MSA, the State's services, the département. A Caf sees its département, a commune or an EPCI
 * its territory, without any grant.
 */
export const GRANTABLE_KINDS: readonly OrganisationKind[] = ['partner', 'msa', 'state', 'departement'];

export function receivesGrants(kind: OrganisationKind): boolean {
  return GRANTABLE_KINDS.includes(kind);
}

export function isInScope(scope: ConventionScope, facts: ConventionAccessFacts): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'departement':
      return facts.territories.some((t) => t.departementCodes.includes(scope.departementCode));
    case 'territory':
      return facts.territories.some((t) => t.level === scope.level && t.code === scope.code);
    case 'party':
      return (
        facts.partyOrganisationIds.includes(scope.organisationId) ||
        (facts.grantedOrganisationIds ?? []).includes(scope.organisationId)
      );
    case 'none':
      return false;
  }
}

/**
 * Who did something, as stored: an account id or a kind of system actor, never a name. Names are
 * joined from the account when read, so that erasing a person happens in one place.
 */
export interface AuthorRef {
  userId: string | null;
  system: SystemActorKind | null;
}

export function authorRefOf(actor: Actor): AuthorRef {
  return actor.kind === 'system'
    ? { userId: null, system: actor.system }
    : { userId: actor.userId, system: null };
}

/** An author as read back: the account joined (or gone, or anonymised), or the system actor. */
export type Author =
  | { kind: 'user'; userId: string; displayName: string; email: string }
  | { kind: 'anonymised'; userId: string }
  | { kind: 'system'; system: string }
  | { kind: 'deleted' };

export const DELETED_ACCOUNT_LABEL = 'Compte supprimé';
export const ANONYMISED_ACCOUNT_LABEL = 'Personne anonymisée';

/** What the columns of a stored author and its joined account say (the account may be gone). */
export function authorOf(row: {
  userId: string | null;
  system: string | null;
  displayName: string | null;
  email: string | null;
  anonymisedAt: Date | string | null;
}): Author {
  if (row.userId && row.anonymisedAt) return { kind: 'anonymised', userId: row.userId };
  if (row.userId && row.displayName !== null && row.email !== null) {
    return { kind: 'user', userId: row.userId, displayName: row.displayName, email: row.email };
  }
  if (!row.userId && row.system) return { kind: 'system', system: row.system };
  return { kind: 'deleted' };
}

/** The French label of an author: a name, « Compte supprimé », « Personne anonymisée », a system actor. */
export function authorLabel(author: Author, options: { withEmail?: boolean } = {}): string {
  switch (author.kind) {
    case 'user':
      return options.withEmail ? `${author.displayName} <${author.email}>` : author.displayName;
    case 'anonymised':
      return ANONYMISED_ACCOUNT_LABEL;
    case 'deleted':
      return DELETED_ACCOUNT_LABEL;
    case 'system':
      return isSystemActorKind(author.system)
        ? SYSTEM_ACTOR_LABELS[author.system]
        : SYSTEM_ACTOR_LABELS.platform;
  }
}
