/**
 * Reads the official referential shipped in `@etalab/decoupage-administratif` (Insee's COG with
 * populations, SIREN, postal codes and EPCI membership) into territory rows.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normaliseName, type Territory, type TerritoryLevel } from '../../domain/territory/territory.js';

export const REFERENTIAL_SOURCE = '@etalab/decoupage-administratif';

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  siren?: string;
  codesPostaux?: string[];
  population?: number;
}
interface RawEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: { code: string }[];
}
interface RawDepartement {
  code: string;
  nom: string;
  region: string;
}
interface RawRegion {
  code: string;
  nom: string;
}

export interface ReferentialRow extends Territory {
  searchName: string;
  edition: string;
}

export interface Referential {
  edition: string;
  rows: ReferentialRow[];
}

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(`${REFERENTIAL_SOURCE}/package.json`));
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, 'data', file), 'utf8')) as T;
}

/**
 * Builds every current commune, EPCI, département and région. With `departements`, keeps only the
 * territories lying in those départements (used by tests and small demos).
 */
export function readReferential(options: { departements?: string[] } = {}): Referential {
  const dir = packageDir();
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const edition = `${REFERENTIAL_SOURCE}@${version}`;
  const communes = readJson<RawCommune[]>(dir, 'communes.json').filter((c) => c.type === 'commune-actuelle');
  const epcis = readJson<RawEpci[]>(dir, 'epci.json');
  const departements = readJson<RawDepartement[]>(dir, 'departements.json');
  const regions = readJson<RawRegion[]>(dir, 'regions.json');

  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const epciOfCommune = new Map<string, string>();
  for (const e of epcis) for (const m of e.membres) epciOfCommune.set(m.code, e.code);

  const keep = options.departements ? new Set(options.departements) : null;
  const inScope = (codes: string[]) => !keep || codes.some((c) => keep.has(c));
  const rows: ReferentialRow[] = [];
  const make = (t: Territory): ReferentialRow => ({ ...t, searchName: normaliseName(t.name), edition });

  const depPopulation = new Map<string, number>();
  const regionPopulation = new Map<string, number>();
  for (const c of communes) {
    const dep = c.departement ?? null;
    if (dep) depPopulation.set(dep, (depPopulation.get(dep) ?? 0) + (c.population ?? 0));
    if (c.region) regionPopulation.set(c.region, (regionPopulation.get(c.region) ?? 0) + (c.population ?? 0));
    if (!inScope(dep ? [dep] : [])) continue;
    rows.push(
      make({
        level: 'commune',
        code: c.code,
        name: c.nom,
        population: c.population ?? null,
        siren: c.siren ?? null,
        subtype: null,
        postalCodes: c.codesPostaux ?? [],
        departementCode: dep,
        departementCodes: dep ? [dep] : [],
        regionCode: c.region ?? null,
        epciCode: epciOfCommune.get(c.code) ?? null,
      }),
    );
  }

  for (const e of epcis) {
    const deps = [
      ...new Set(
        e.membres.map((m) => communeByCode.get(m.code)?.departement).filter((d): d is string => !!d),
      ),
    ].sort();
    if (!inScope(deps)) continue;
    const regionsOfEpci = [
      ...new Set(e.membres.map((m) => communeByCode.get(m.code)?.region).filter((r): r is string => !!r)),
    ];
    const population = e.membres.reduce((sum, m) => sum + (communeByCode.get(m.code)?.population ?? 0), 0);
    rows.push(
      make({
        level: 'epci',
        code: e.code,
        name: e.nom,
        population: population || (e.populationMunicipale ?? null),
        siren: e.code,
        subtype: e.type,
        postalCodes: [],
        // The département holding most of the EPCI's population is its main one.
        departementCode: mainDepartement(e, communeByCode) ?? deps[0] ?? null,
        departementCodes: deps,
        regionCode: regionsOfEpci.length === 1 ? regionsOfEpci[0]! : null,
        epciCode: null,
      }),
    );
  }

  for (const d of departements) {
    if (!inScope([d.code])) continue;
    rows.push(
      make({
        level: 'departement',
        code: d.code,
        name: d.nom,
        population: depPopulation.get(d.code) ?? null,
        siren: null,
        subtype: null,
        postalCodes: [],
        departementCode: d.code,
        departementCodes: [d.code],
        regionCode: d.region,
        epciCode: null,
      }),
    );
  }

  for (const r of regions) {
    const deps = departements.filter((d) => d.region === r.code).map((d) => d.code);
    if (!inScope(deps)) continue;
    rows.push(
      make({
        level: 'region',
        code: r.code,
        name: r.nom,
        population: regionPopulation.get(r.code) ?? null,
        siren: null,
        subtype: null,
        postalCodes: [],
        departementCode: null,
        departementCodes: deps,
        regionCode: r.code,
        epciCode: null,
      }),
    );
  }
  return { edition, rows };
}

function mainDepartement(e: RawEpci, communes: Map<string, RawCommune>): string | null {
  const byDep = new Map<string, number>();
  for (const m of e.membres) {
    const c = communes.get(m.code);
    if (c?.departement) byDep.set(c.departement, (byDep.get(c.departement) ?? 0) + (c.population ?? 0));
  }
  let best: string | null = null;
  for (const [dep, pop] of byDep) if (best === null || pop > (byDep.get(best) ?? 0)) best = dep;
  return best;
}

export function countByLevel(rows: { level: TerritoryLevel }[]): Record<TerritoryLevel, number> {
  const counts: Record<TerritoryLevel, number> = { commune: 0, epci: 0, departement: 0, region: 0 };
  for (const r of rows) counts[r.level]++;
  return counts;
}
