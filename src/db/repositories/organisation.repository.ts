/** Organisations: Caf, communes and EPCI as local authorities, partners. */
import type { ActorOrganisation, OrganisationKind } from '../../domain/access/access.js';
import type { TerritoryLevel } from '../../domain/territory/territory.js';
import type { Executor } from '../executor.js';

export interface OrganisationRow extends ActorOrganisation {
  siren: string | null;
}

const columns = [
  'id',
  'kind',
  'name',
  'territory_level as territoryLevel',
  'territory_code as territoryCode',
  'siren',
] as const;

export async function insertOrganisation(exec: Executor, org: OrganisationRow): Promise<void> {
  await exec
    .insertInto('organisations')
    .values({
      id: org.id,
      kind: org.kind,
      name: org.name,
      territory_level: org.territoryLevel,
      territory_code: org.territoryCode,
      siren: org.siren,
    })
    .execute();
}

export async function findOrganisation(exec: Executor, id: string): Promise<OrganisationRow | undefined> {
  return exec.selectFrom('organisations').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationForTerritory(
  exec: Executor,
  kind: OrganisationKind,
  level: TerritoryLevel,
  code: string,
): Promise<OrganisationRow | undefined> {
  return exec
    .selectFrom('organisations')
    .select(columns)
    .where('kind', '=', kind)
    .where('territory_level', '=', level)
    .where('territory_code', '=', code)
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function listOrganisations(exec: Executor): Promise<OrganisationRow[]> {
  return exec.selectFrom('organisations').select(columns).orderBy('kind').orderBy('name').execute();
}
