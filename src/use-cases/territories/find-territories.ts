/**
 * Finds territories by code (commune, EPCI SIREN, département), SIREN, postal code or name,
 * ignoring accents and case: one page of them, why each matches, and how many match in all (counted
 * only when the page is full).
 * The answers change only with the referential (imported once a year or so): they are kept in memory
 * per version of it (`referentialVersion`, one short query), the most recent ones only, so that
 * a common word ("saint": 4 500 territories to sort and count) is not searched again on every page.
 */
import {
  countTerritorySearch,
  referentialVersion,
  searchTerritories,
  type TerritoryRow,
} from '../../db/repositories/territory.repository.js';
import {
  type MatchReason,
  matchReasons,
  territoryQuery,
  totalWithoutCounting,
} from '../../domain/territory/search.js';
import type { TerritoryLevel } from '../../domain/territory/territory.js';
import type { Context } from '../context.js';

export type TerritoryMatch = TerritoryRow & { matchedBy: MatchReason[] };

export interface TerritorySearchResult {
  territories: TerritoryMatch[];
  /** How many territories match in all, of which `territories` are those from `offset` on. */
  total: number;
  offset: number;
  limit: number;
}

const MAX_ENTRIES = 256;
/** One cache per database (a process serves one; tests open several). */
const caches = new WeakMap<object, { version: string; answers: Map<string, TerritorySearchResult> }>();

export async function findTerritories(
  ctx: Pick<Context, 'db'>,
  text: string,
  options: { limit?: number; offset?: number; levels?: TerritoryLevel[] } = {},
): Promise<TerritorySearchResult> {
  const page = { offset: options.offset ?? 0, limit: options.limit ?? 50 };
  const query = territoryQuery(text);
  if (!query.code) return { territories: [], total: 0, ...page };
  const version = await referentialVersion(ctx.db);
  let cache = caches.get(ctx.db);
  if (!cache || cache.version !== version) {
    cache = { version, answers: new Map() };
    caches.set(ctx.db, cache);
  }
  const key = JSON.stringify([query.code, query.normalised, page.offset, page.limit, options.levels ?? []]);
  const known = cache.answers.get(key);
  if (known) {
    cache.answers.delete(key);
    cache.answers.set(key, known);
    return known;
  }
  const result = await search(ctx, query, page, options.levels);
  if (cache.answers.size >= MAX_ENTRIES) cache.answers.delete(cache.answers.keys().next().value!);
  cache.answers.set(key, result);
  return result;
}

async function search(
  ctx: Pick<Context, 'db'>,
  query: ReturnType<typeof territoryQuery>,
  page: { offset: number; limit: number },
  levels: TerritoryLevel[] | undefined,
): Promise<TerritorySearchResult> {
  const options = { levels };
  const rows = await searchTerritories(ctx.db, query, { ...page, levels: options.levels });
  const total =
    totalWithoutCounting(page, rows.length) ??
    (await countTerritorySearch(ctx.db, query, { levels: options.levels }));
  return {
    territories: rows.map((row) => ({ ...row, matchedBy: matchReasons(row, query) })),
    total,
    ...page,
  };
}
