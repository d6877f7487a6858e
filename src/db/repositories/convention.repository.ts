/** Conventions with their territories, parties and signatories; lists filtered in SQL by scope. */
import { sql } from 'kysely';
import type { ConventionAccessFacts, ConventionScope } from '../../domain/access/access.js';
import type { TerritoryLevel } from '../../domain/territory/territory.js';
import type { Executor } from '../executor.js';

export interface SignatoryRecord {
  id: string;
  position: number;
  civility: string | null;
  fullName: string;
  functionTitle: string;
  authority: string | null;
  authorityDate: string | null;
  signedOn: string | null;
}

export interface PartyRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  role: 'caf' | 'local_authority' | 'other';
  position: number;
  signatories: SignatoryRecord[];
}

export interface ConventionRecord {
  id: string;
  territoryLevel: TerritoryLevel;
  territoryCode: string;
  territoryName: string;
  status: string;
  variant: string;
  startDate: string;
  endDate: string;
  placeOfSignature: string | null;
  createdAt: Date;
  updatedAt: Date;
  territories: { level: TerritoryLevel; code: string; name: string; departementCodes: string[] }[];
  parties: PartyRecord[];
}

export interface NewConvention {
  id: string;
  territoryLevel: TerritoryLevel;
  territoryCode: string;
  territories: { level: TerritoryLevel; code: string }[];
  status: string;
  variant: string;
  startDate: string;
  endDate: string;
  placeOfSignature: string | null;
  parties: {
    id: string;
    organisationId: string;
    role: PartyRecord['role'];
    signatories: Omit<SignatoryRecord, 'position' | 'signedOn'>[];
  }[];
  now: Date;
}

export async function insertConvention(exec: Executor, c: NewConvention): Promise<void> {
  await exec
    .insertInto('conventions')
    .values({
      id: c.id,
      territory_level: c.territoryLevel,
      territory_code: c.territoryCode,
      status: c.status,
      variant: c.variant,
      start_date: c.startDate,
      end_date: c.endDate,
      place_of_signature: c.placeOfSignature,
      created_at: c.now,
      updated_at: c.now,
    })
    .execute();
  await exec
    .insertInto('convention_territories')
    .values(c.territories.map((t) => ({ convention_id: c.id, level: t.level, code: t.code })))
    .execute();
  for (const [position, party] of c.parties.entries()) {
    await exec
      .insertInto('convention_parties')
      .values({
        id: party.id,
        convention_id: c.id,
        organisation_id: party.organisationId,
        role: party.role,
        position,
      })
      .execute();
    if (party.signatories.length) {
      await exec
        .insertInto('convention_signatories')
        .values(
          party.signatories.map((s, i) => ({
            id: s.id,
            party_id: party.id,
            position: i,
            civility: s.civility,
            full_name: s.fullName,
            function_title: s.functionTitle,
            authority: s.authority,
            authority_date: s.authorityDate,
          })),
        )
        .execute();
    }
  }
}

/** The SQL filter of a scope: a convention is visible when one of its territories or parties matches. */
function scoped(exec: Executor, scope: ConventionScope) {
  let query = exec.selectFrom('conventions as c');
  switch (scope.kind) {
    case 'all':
      return query;
    case 'none':
      return query.where(sql<boolean>`false`);
    case 'departement':
      return query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('convention_territories as ct')
            .innerJoin('territories as t', (j) =>
              j.onRef('t.level', '=', 'ct.level').onRef('t.code', '=', 'ct.code'),
            )
            .whereRef('ct.convention_id', '=', 'c.id')
            .where(sql<boolean>`${scope.departementCode} = any(t.departement_codes)`)
            .select(sql`1`.as('one')),
        ),
      );
    case 'territory':
      return query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('convention_territories as ct')
            .whereRef('ct.convention_id', '=', 'c.id')
            .where('ct.level', '=', scope.level)
            .where('ct.code', '=', scope.code)
            .select(sql`1`.as('one')),
        ),
      );
    case 'party':
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('convention_parties as p')
            .whereRef('p.convention_id', '=', 'c.id')
            .where('p.organisation_id', '=', scope.organisationId)
            .select(sql`1`.as('one')),
        ),
      );
      return query;
  }
}

export interface ConventionSummary {
  id: string;
  territoryLevel: TerritoryLevel;
  territoryCode: string;
  territoryName: string;
  status: string;
  variant: string;
  startDate: string;
  endDate: string;
}

export async function listConventions(
  exec: Executor,
  scope: ConventionScope,
  filter: { territoryCode?: string | undefined; status?: string | undefined } = {},
): Promise<ConventionSummary[]> {
  let query = scoped(exec, scope).leftJoin('territories as tt', (j) =>
    j.onRef('tt.level', '=', 'c.territory_level').onRef('tt.code', '=', 'c.territory_code'),
  );
  if (filter.territoryCode) query = query.where('c.territory_code', '=', filter.territoryCode);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  const rows = await query
    .select([
      'c.id',
      'c.territory_level as territoryLevel',
      'c.territory_code as territoryCode',
      'tt.name as territoryName',
      'c.status',
      'c.variant',
      'c.start_date as startDate',
      'c.end_date as endDate',
    ])
    .orderBy('tt.name')
    .orderBy('c.start_date', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, territoryName: r.territoryName ?? r.territoryCode }));
}

export async function findConvention(exec: Executor, id: string): Promise<ConventionRecord | undefined> {
  const c = await exec
    .selectFrom('conventions as c')
    .leftJoin('territories as tt', (j) =>
      j.onRef('tt.level', '=', 'c.territory_level').onRef('tt.code', '=', 'c.territory_code'),
    )
    .select([
      'c.id',
      'c.territory_level as territoryLevel',
      'c.territory_code as territoryCode',
      'tt.name as territoryName',
      'c.status',
      'c.variant',
      'c.start_date as startDate',
      'c.end_date as endDate',
      'c.place_of_signature as placeOfSignature',
      'c.created_at as createdAt',
      'c.updated_at as updatedAt',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!c) return undefined;
  const territories = await exec
    .selectFrom('convention_territories as ct')
    .leftJoin('territories as t', (j) => j.onRef('t.level', '=', 'ct.level').onRef('t.code', '=', 'ct.code'))
    .select(['ct.level', 'ct.code', 't.name', 't.departement_codes as departementCodes'])
    .where('ct.convention_id', '=', id)
    .orderBy('ct.code')
    .execute();
  const parties = await exec
    .selectFrom('convention_parties as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'p.id',
      'p.organisation_id as organisationId',
      'o.name as organisationName',
      'o.kind as organisationKind',
      'p.role',
      'p.position',
    ])
    .where('p.convention_id', '=', id)
    .orderBy('p.position')
    .execute();
  const signatories = parties.length
    ? await exec
        .selectFrom('convention_signatories')
        .select([
          'id',
          'party_id as partyId',
          'position',
          'civility',
          'full_name as fullName',
          'function_title as functionTitle',
          'authority',
          'authority_date as authorityDate',
          'signed_on as signedOn',
        ])
        .where(
          'party_id',
          'in',
          parties.map((p) => p.id),
        )
        .orderBy('position')
        .execute()
    : [];
  return {
    ...c,
    territoryName: c.territoryName ?? c.territoryCode,
    territories: territories.map((t) => ({
      level: t.level,
      code: t.code,
      name: t.name ?? t.code,
      departementCodes: t.departementCodes ?? [],
    })),
    parties: parties.map((p) => ({
      ...p,
      signatories: signatories.filter((s) => s.partyId === p.id).map(({ partyId: _partyId, ...s }) => s),
    })),
  };
}

export function accessFacts(c: ConventionRecord): ConventionAccessFacts {
  return {
    territories: c.territories.map((t) => ({
      level: t.level,
      code: t.code,
      departementCodes: t.departementCodes,
    })),
    partyOrganisationIds: c.parties.map((p) => p.organisationId),
  };
}
