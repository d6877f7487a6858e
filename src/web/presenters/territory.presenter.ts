/** Maps territory rows to what pages and the API show. */
import type { TerritoryRow } from '../../db/repositories/territory.repository.js';
import { formatCount } from '../../domain/shared/money.js';
import type { MatchReason } from '../../domain/territory/search.js';
import { LEVEL_LABELS, type TerritoryLevel } from '../../domain/territory/territory.js';
import type { TerritoryView } from '../../use-cases/territories/get-territory.js';

export interface TerritoryJson {
  code: string;
  name: string;
  level: string;
  levelLabel: string;
  population: number | null;
  siren: string | null;
  postalCodes: string[];
  epci: string | null;
  departement: string | null;
  departements: string[];
  region: string | null;
}

export function territoryJson(t: TerritoryRow): TerritoryJson {
  return {
    code: t.code,
    name: t.name,
    level: t.level,
    levelLabel: LEVEL_LABELS[t.level],
    population: t.population,
    siren: t.siren,
    postalCodes: t.postalCodes,
    epci: t.epciCode,
    departement: t.departementCode,
    departements: t.departementCodes,
    region: t.regionCode,
  };
}

export function territoryHref(t: Pick<TerritoryRow, 'level' | 'code'>): string {
  return t.level === 'region' ? `/territoires/${t.code}?niveau=region` : `/territoires/${t.code}`;
}

export function populationLabel(t: Pick<TerritoryRow, 'population'>): string {
  return t.population === null ? 'non renseignée' : `${formatCount(t.population)} habitants`;
}

export function territoryViewJson(view: TerritoryView) {
  return {
    ...territoryJson(view.territory),
    epciDetail: view.epci ? territoryJson(view.epci) : null,
    departementsDetail: view.departements.map(territoryJson),
    regionDetail: view.region ? territoryJson(view.region) : null,
    communes: view.communes.map(territoryJson),
  };
}

const CODE_LABELS: Record<TerritoryLevel, string> = {
  commune: 'code Insee',
  epci: 'SIREN',
  departement: 'code du département',
  region: 'code de la région',
};

/** « code Insee », « code postal 78124 », « nom »: why a territory is in a search's results. */
export function matchLabel(reason: MatchReason, level: TerritoryLevel): string {
  switch (reason.kind) {
    case 'code':
      return CODE_LABELS[level];
    case 'siren':
      return 'SIREN';
    case 'postal_code':
      return `code postal ${reason.postalCode}`;
    case 'name':
      return 'nom';
  }
}

export function matchLabels(t: { level: TerritoryLevel; matchedBy: readonly MatchReason[] }): string {
  return t.matchedBy.map((r) => matchLabel(r, t.level)).join(', ');
}

/** « 3 résultats », « 50 premiers résultats sur 312 », « résultats 51 à 100 sur 312 ». */
export function resultCountLabel(page: { offset: number; shown: number; total: number }): string {
  const { offset, shown, total } = page;
  const n = formatCount;
  if (offset === 0 && shown >= total) return total === 1 ? '1 résultat' : `${n(total)} résultats`;
  if (offset === 0) return `${n(shown)} premiers résultats sur ${n(total)}`;
  if (shown === 0) return `aucun résultat sur cette page (${n(total)} en tout)`;
  return `résultats ${n(offset + 1)} à ${n(offset + shown)} sur ${n(total)}`;
}
