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
  | { kind: 'system'; label: string };

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
      return facts.partyOrganisationIds.includes(scope.organisationId);
    case 'none':
      return false;
  }
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? actor.label : `${actor.displayName} <${actor.email}>`;
}
