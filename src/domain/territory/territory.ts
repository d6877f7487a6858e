/** Territories: levels, codes and the accent-free form of names used for searching. */

export type TerritoryLevel = 'commune' | 'epci' | 'departement' | 'region';

export const LEVEL_LABELS: Record<TerritoryLevel, string> = {
  commune: 'Commune',
  epci: 'Intercommunalité (EPCI)',
  departement: 'Département',
  region: 'Région',
};

export interface Territory {
  level: TerritoryLevel;
  code: string;
  name: string;
  population: number | null;
  siren: string | null;
  subtype: string | null;
  postalCodes: string[];
  departementCode: string | null;
  departementCodes: string[];
  regionCode: string | null;
  epciCode: string | null;
}

/** "Carrières-sur-Seine" → "carrieres sur seine"; "L'Haÿ-les-Roses" → "l hay les roses". */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The levels a code can designate, most specific first: "78124" a commune, "200058519" an EPCI. */
export function levelsForCode(code: string): TerritoryLevel[] {
  if (/^\d{9}$/.test(code)) return ['epci'];
  if (/^(\d{5}|2[AB]\d{3})$/i.test(code)) return ['commune'];
  if (/^(\d{2,3}|2[AB])$/i.test(code)) return ['departement', 'region'];
  return [];
}

/**
 * The département of a commune, read from its Insee code: the first two characters ("78124" → "78",
 * "2A004" → "2A"), three overseas ("97411" → "974", "98818" → "988").
 */
export function departementOfCommune(code: string): string {
  return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

/** True when the text looks like a code rather than a name. */
export function looksLikeCode(text: string): boolean {
  return levelsForCode(text.trim()).length > 0;
}
