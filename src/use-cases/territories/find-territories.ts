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
  const limit = options.limit ?? 50;
  // A code is looked up exactly first; "78420" is both a commune's INSEE code and a postal code.
  const exact = looksLikeCode(text) ? await findTerritoriesByCode(ctx.db, text.toUpperCase()) : [];
  const normalised = normaliseName(text);
  const found = normalised
    ? await searchTerritories(ctx.db, normalised, {
        limit,
        ...(options.levels ? { levels: options.levels } : {}),
      })
    : [];
  const seen = new Set(exact.map((t) => `${t.level}:${t.code}`));
  const wanted = exact.filter((t) => !options.levels || options.levels.includes(t.level));
  return [...wanted, ...found.filter((t) => !seen.has(`${t.level}:${t.code}`))].slice(0, limit);
}
