/** Finds territories by code (commune, EPCI SIREN, département) or by name, ignoring accents and case. */
import { findTerritoriesByCode, searchTerritories } from '../../db/repositories/territory.repository.js';
import { looksLikeCode, normaliseName, type TerritoryLevel } from '../../domain/territory/territory.js';
import type { Context } from '../context.js';

export async function findTerritories(
  ctx: Pick<Context, 'db'>,
  query: string,
  options: { limit?: number; levels?: TerritoryLevel[] } = {},
) {
  const text = query.trim();
  if (!text) return [];
  if (looksLikeCode(text)) {
    const exact = await findTerritoriesByCode(ctx.db, text.toUpperCase());
    if (exact.length) return exact;
  }
  const normalised = normaliseName(text);
  if (!normalised) return [];
  return searchTerritories(ctx.db, normalised, {
    limit: options.limit ?? 50,
    ...(options.levels ? { levels: options.levels } : {}),
  });
}
