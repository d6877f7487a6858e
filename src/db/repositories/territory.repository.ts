/** Territories of the official referential: communes, EPCI, départements, régions. */
import { sql } from 'kysely';
import type { TerritoryQuery } from '../../domain/territory/search.js';
import type { Executor } from '../executor.js';
import { toJson } from '../executor.js';
import type { TerritoryLevel } from '../schema.js';

export interface TerritoryRow {
  level: TerritoryLevel;
  code: string;
  name: string;
  searchName: string;
  population: number | null;
  siren: string | null;
  subtype: string | null;
  postalCodes: string[];
  departementCode: string | null;
  departementCodes: string[];
  regionCode: string | null;
  epciCode: string | null;
  edition: string;
}

const columns = [
  'level',
  'code',
  'name',
  'search_name as searchName',
  'population',
  'siren',
  'subtype',
  'postal_codes as postalCodes',
  'departement_code as departementCode',
  'departement_codes as departementCodes',
  'region_code as regionCode',
  'epci_code as epciCode',
  'edition',
] as const;

export const LEVEL_ORDER: TerritoryLevel[] = ['commune', 'epci', 'departement', 'region'];

/**
 * Inserts or updates territories; a second run updates, never duplicates. Rows travel as one JSON
 * parameter per batch, unpacked by the server with json_to_recordset: much faster than thousands of
 * bound parameters, on PGlite as on PostgreSQL. Unchanged rows are left alone.
 */
export async function upsertTerritories(exec: Executor, rows: TerritoryRow[], now: Date): Promise<void> {
  const batchSize = 10_000;
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = JSON.stringify(
      rows.slice(i, i + batchSize).map((r) => ({
        level: r.level,
        code: r.code,
        name: r.name,
        search_name: r.searchName,
        population: r.population,
        siren: r.siren,
        subtype: r.subtype,
        postal_codes: r.postalCodes,
        departement_code: r.departementCode,
        departement_codes: r.departementCodes,
        region_code: r.regionCode,
        epci_code: r.epciCode,
        edition: r.edition,
      })),
    );
    await sql`
      insert into territories (level, code, name, search_name, population, siren, subtype, postal_codes,
        departement_code, departement_codes, region_code, epci_code, edition, updated_at)
      select r.level, r.code, r.name, r.search_name, r.population, r.siren, r.subtype,
        coalesce(array(select json_array_elements_text(r.postal_codes)), '{}'),
        r.departement_code,
        coalesce(array(select json_array_elements_text(r.departement_codes)), '{}'),
        r.region_code, r.epci_code, r.edition, ${now}::timestamptz
      from json_to_recordset(${batch}::json) as r(level text, code text, name text, search_name text,
        population integer, siren text, subtype text, postal_codes json, departement_code text,
        departement_codes json, region_code text, epci_code text, edition text)
      on conflict (level, code) do update set
        name = excluded.name, search_name = excluded.search_name, population = excluded.population,
        siren = excluded.siren, subtype = excluded.subtype, postal_codes = excluded.postal_codes,
        departement_code = excluded.departement_code, departement_codes = excluded.departement_codes,
        region_code = excluded.region_code, epci_code = excluded.epci_code, edition = excluded.edition,
        updated_at = excluded.updated_at
      where (territories.name, territories.population, territories.siren, territories.subtype,
          territories.postal_codes, territories.departement_code, territories.departement_codes,
          territories.region_code, territories.epci_code, territories.edition)
        is distinct from (excluded.name, excluded.population, excluded.siren, excluded.subtype,
          excluded.postal_codes, excluded.departement_code, excluded.departement_codes,
          excluded.region_code, excluded.epci_code, excluded.edition)
    `.execute(exec);
  }
  // Fresh statistics for the planner (PGlite has no autovacuum): a search matching a few rows then
  // takes its indexes.
  await sql`analyze territories`.execute(exec);
}

/** Territories no longer in the referential's current edition (merged communes, dissolved EPCI). */
export async function deleteTerritoriesNotInEdition(exec: Executor, edition: string): Promise<number> {
  const result = await exec.deleteFrom('territories').where('edition', '<>', edition).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function recordEdition(
  exec: Executor,
  source: string,
  edition: string,
  counts: Record<string, number>,
  now: Date,
): Promise<void> {
  await exec
    .insertInto('referential_editions')
    .values({ source, edition, counts: toJson(counts), imported_at: now })
    .execute();
}

export async function latestEdition(
  exec: Executor,
): Promise<{ source: string; edition: string; importedAt: Date } | undefined> {
  const row = await exec
    .selectFrom('referential_editions')
    .select(['source', 'edition', 'imported_at'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { source: row.source, edition: row.edition, importedAt: row.imported_at };
}

export async function countTerritories(exec: Executor): Promise<Record<TerritoryLevel, number>> {
  const rows = await exec
    .selectFrom('territories')
    .select(['level', (eb) => eb.fn.countAll<bigint>().as('n')])
    .groupBy('level')
    .execute();
  const counts: Record<TerritoryLevel, number> = { commune: 0, epci: 0, departement: 0, region: 0 };
  for (const r of rows) counts[r.level] = Number(r.n);
  return counts;
}

/** Every territory carrying this code, communes first (a région and a département may share "11"). */
export async function findTerritoriesByCode(exec: Executor, code: string): Promise<TerritoryRow[]> {
  const rows = await exec.selectFrom('territories').select(columns).where('code', '=', code).execute();
  return rows.sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level));
}

export async function findTerritory(
  exec: Executor,
  level: TerritoryLevel,
  code: string,
): Promise<TerritoryRow | undefined> {
  return exec
    .selectFrom('territories')
    .select(columns)
    .where('level', '=', level)
    .where('code', '=', code)
    .executeTakeFirst();
}

/**
 * Territories matching a search: its code (Insee, SIREN of an EPCI, département, région), a SIREN,
 * a postal code, or a part of the accent-free name. One where clause for the page and its count.
 */
export interface TerritorySearchFilter {
  levels?: readonly TerritoryLevel[] | undefined;
  /** Only territories lying in this département (a Caf's perimeter), or only this one territory. */
  within?: { departementCode: string } | { level: TerritoryLevel; code: string } | undefined;
}

function searchQuery(exec: Executor, query: TerritoryQuery, filter: TerritorySearchFilter = {}) {
  const { levels, within } = filter;
  const escaped = query.normalised.replace(/[\\%_]/g, (c) => `\\${c}`);
  let q = exec
    .selectFrom('territories')
    .where((eb) =>
      eb.or([
        eb('code', '=', query.code),
        ...(query.normalised
          ? [
              eb('search_name', 'like', `%${escaped}%`),
              eb('siren', '=', query.normalised),
              sql<boolean>`postal_codes @> array[${query.normalised}]::text[]`,
            ]
          : []),
      ]),
    );
  if (levels?.length) q = q.where('level', 'in', [...levels]);
  if (within && 'departementCode' in within)
    q = q.where(sql<boolean>`departement_codes @> array[${within.departementCode}]::text[]`);
  else if (within) q = q.where('level', '=', within.level).where('code', '=', within.code);
  return { q, escaped };
}

/**
 * One page of a search: codes first, then whole names, names starting with the text, postal codes,
 * the rest; larger territories first within each; ties broken by level and code so that pages do
 * not overlap.
 */
export async function searchTerritories(
  exec: Executor,
  query: TerritoryQuery,
  options: { limit: number; offset?: number } & TerritorySearchFilter,
): Promise<TerritoryRow[]> {
  const { q, escaped } = searchQuery(exec, query, options);
  return q
    .select(columns)
    .orderBy(
      sql`case when code = ${query.code} or siren = ${query.normalised} then 0
        when search_name = ${query.normalised} then 1
        when search_name like ${`${escaped}%`} then 2
        when ${query.normalised} = any(postal_codes) then 3 else 4 end`,
    )
    .orderBy(sql`case level when 'region' then 0 when 'departement' then 1 when 'epci' then 2 else 3 end`)
    .orderBy('population', (ob) => ob.desc().nullsLast())
    .orderBy('name')
    .orderBy('code')
    .limit(options.limit)
    .offset(options.offset ?? 0)
    .execute();
}

/** How many territories the search matches in all. */
export async function countTerritorySearch(
  exec: Executor,
  query: TerritoryQuery,
  filter: TerritorySearchFilter = {},
): Promise<number> {
  const { q } = searchQuery(exec, query, filter);
  const row = await q.select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The territories of one level with these codes (the départements of a list of communes). */
export async function listTerritoriesByCodes(
  exec: Executor,
  level: TerritoryLevel,
  codes: readonly string[],
): Promise<TerritoryRow[]> {
  if (!codes.length) return [];
  return exec
    .selectFrom('territories')
    .select(columns)
    .where('level', '=', level)
    .where('code', 'in', [...codes])
    .execute();
}

export async function listCommunesOfEpci(exec: Executor, epciCode: string): Promise<TerritoryRow[]> {
  return exec
    .selectFrom('territories')
    .select(columns)
    .where('level', '=', 'commune')
    .where('epci_code', '=', epciCode)
    .orderBy('name')
    .execute();
}

/** The communes of each of these EPCIs (by name, as `listCommunesOfEpci`), in one query. */
export async function listCommunesOfEpcis(
  exec: Executor,
  epciCodes: readonly string[],
): Promise<Map<string, TerritoryRow[]>> {
  const members = new Map<string, TerritoryRow[]>(epciCodes.map((code) => [code, []]));
  if (!epciCodes.length) return members;
  const rows = await exec
    .selectFrom('territories')
    .select(columns)
    .where('level', '=', 'commune')
    .where('epci_code', '=', sql<string>`any(${[...epciCodes]}::text[])`)
    .orderBy('name')
    .execute();
  for (const row of rows) members.get(row.epciCode!)?.push(row);
  return members;
}

export async function listTerritoriesOfDepartement(
  exec: Executor,
  departementCode: string,
  level: TerritoryLevel,
): Promise<TerritoryRow[]> {
  return exec
    .selectFrom('territories')
    .select(columns)
    .where('level', '=', level)
    .where(sql<boolean>`departement_codes @> array[${departementCode}]::text[]`)
    .orderBy('name')
    .execute();
}

/**
 * A string that changes with every import of the referential (each records an edition, in the same
 * transaction as its rows): what a cache of territory answers is keyed by.
 */
export async function referentialVersion(exec: Executor): Promise<string> {
  const row = await sql<{ version: string }>`
    select count(*) || ':' || coalesce(max(imported_at)::text, '') as version from referential_editions`.execute(
    exec,
  );
  return row.rows[0]!.version;
}
