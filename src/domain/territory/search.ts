/**
 * What a territory search looks for, and why each territory found matches it: a person who types
 * "78124" sees Carrières-sur-Seine (its Insee code) and two communes whose postal code is 78124.
 */
import { normaliseName, type TerritoryLevel } from './territory.js';

/** The two forms of the text typed: as a code (upper case, "2A004") and as an accent-free name. */
export interface TerritoryQuery {
  code: string;
  normalised: string;
}

export function territoryQuery(text: string): TerritoryQuery {
  const trimmed = text.trim();
  return { code: trimmed.toUpperCase(), normalised: normaliseName(trimmed) };
}

export type MatchReason =
  | { kind: 'code' }
  | { kind: 'siren' }
  | { kind: 'postal_code'; postalCode: string }
  | { kind: 'name' };

export interface SearchableTerritory {
  level: TerritoryLevel;
  code: string;
  siren: string | null;
  postalCodes: readonly string[];
  searchName: string;
}

/** Every reason the territory matches the query, strongest first (the same tests as the search's SQL). */
export function matchReasons(t: SearchableTerritory, query: TerritoryQuery): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (query.code && t.code === query.code) reasons.push({ kind: 'code' });
  if (query.normalised && t.siren === query.normalised && t.siren !== t.code) reasons.push({ kind: 'siren' });
  if (query.normalised && t.postalCodes.includes(query.normalised))
    reasons.push({ kind: 'postal_code', postalCode: query.normalised });
  if (query.normalised && t.searchName.includes(query.normalised)) reasons.push({ kind: 'name' });
  return reasons;
}

/** One page of a search: which rows to read, and what to say about the total. */
export interface SearchPage {
  offset: number;
  limit: number;
}

export function searchPage(page: number, pageSize: number): SearchPage {
  const p = Number.isInteger(page) && page > 0 ? page : 1;
  return { offset: (p - 1) * pageSize, limit: pageSize };
}

/**
 * The total to announce without counting when the page read is not full: the search was not cut.
 * Undefined when a count is needed.
 */
export function totalWithoutCounting(page: SearchPage, found: number): number | undefined {
  return found < page.limit && (found > 0 || page.offset === 0) ? page.offset + found : undefined;
}

/** What a name or code typed to create a convention designates. */
export type TerritoryChoice<T> =
  | { kind: 'one'; territory: T }
  | { kind: 'several'; candidates: T[] }
  | { kind: 'none' };

/**
 * Picks the territory a person means among those a search found (in the search's order, codes and
 * whole names first): the one whose code or SIREN was typed; else the one whose whole name was
 * typed; else they choose among the homonyms, or among everything found (even a single partial
 * match, which they confirm rather than get a convention for a commune they did not name).
 */
export function chooseTerritory<T extends SearchableTerritory>(
  query: TerritoryQuery,
  found: readonly T[],
): TerritoryChoice<T> {
  const pick = (list: readonly T[]): TerritoryChoice<T> | null =>
    list.length === 1
      ? { kind: 'one', territory: list[0]! }
      : list.length > 1
        ? { kind: 'several', candidates: [...list] }
        : null;
  const byCode = found.filter(
    (t) => t.code === query.code || (query.normalised !== '' && t.siren === query.normalised),
  );
  const byName = found.filter((t) => query.normalised !== '' && t.searchName === query.normalised);
  return (
    pick(byCode) ??
    pick(byName) ??
    (found.length ? { kind: 'several', candidates: [...found] } : { kind: 'none' })
  );
}
