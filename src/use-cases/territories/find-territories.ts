/**
 * Finds territories by code (commune, EPCI SIREN, département), SIREN, postal code or name,
 * ignoring accents and case: one page of them, why each matches, and how many match in all (counted
 * only when the page is full).
 */
import {
  countTerritorySearch,
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

export async function findTerritories(
  ctx: Pick<Context, 'db'>,
  text: string,
  options: { limit?: number; offset?: number; levels?: TerritoryLevel[] } = {},
): Promise<TerritorySearchResult> {
  const page = { offset: options.offset ?? 0, limit: options.limit ?? 50 };
  const query = territoryQuery(text);
  if (!query.code) return { territories: [], total: 0, ...page };
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
