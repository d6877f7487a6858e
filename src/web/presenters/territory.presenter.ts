/** Maps territory rows to what pages and the API show. */
import type { TerritoryRow } from '../../db/repositories/territory.repository.js';
import { formatCount } from '../../domain/shared/money.js';
import { LEVEL_LABELS } from '../../domain/territory/territory.js';
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
