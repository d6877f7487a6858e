/**
 * The commune or EPCI a new convention is for, from its level and code or from what a person typed
 * (a name, accents and capitals as they come, or a code). Reads the territory area's queries; a name
 * is searched within the actor's perimeter only, so that the choice offered is one they may make.
 */
import type { Executor } from '../../db/executor.js';
import {
  countTerritorySearch,
  findTerritory,
  listTerritoriesByCodes,
  searchTerritories,
  type TerritoryRow,
  type TerritorySearchFilter,
} from '../../db/repositories/territory.repository.js';
import { type Actor, conventionScope } from '../../domain/access/access.js';
import { AppError } from '../../domain/shared/app-error.js';
import { chooseTerritory, territoryQuery } from '../../domain/territory/search.js';

/** At most this many candidates are offered; beyond, the person is asked to be more precise. */
export const MAX_CANDIDATES = 20;

export interface TerritoryCandidate {
  level: 'commune' | 'epci';
  code: string;
  name: string;
  subtype: string | null;
  population: number | null;
  postalCodes: string[];
  departements: { code: string; name: string }[];
}

function perimeterOf(actor: Actor): TerritorySearchFilter['within'] | null {
  const scope = conventionScope(actor);
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'departement':
      return { departementCode: scope.departementCode };
    case 'territory':
      return { level: scope.level, code: scope.code };
    default:
      return null;
  }
}

export async function territoryForConvention(
  exec: Executor,
  actor: Actor,
  territory: { level: 'commune' | 'epci'; code: string } | { search: string },
): Promise<TerritoryRow> {
  if ('level' in territory) {
    const row = await findTerritory(exec, territory.level, territory.code);
    if (!row) throw new AppError('TERRITORY_NOT_FOUND', { details: territory });
    return row;
  }
  const query = territoryQuery(territory.search);
  const within = perimeterOf(actor);
  const filter: TerritorySearchFilter = { levels: ['commune', 'epci'], within: within ?? undefined };
  const found =
    within === null ? [] : await searchTerritories(exec, query, { ...filter, limit: MAX_CANDIDATES + 1 });
  const choice = chooseTerritory(query, found);
  if (choice.kind === 'one') return choice.territory;
  if (choice.kind === 'none') {
    throw new AppError('TERRITORY_NOT_FOUND', {
      message: `Aucune commune ni intercommunalité de votre périmètre ne correspond à « ${territory.search} ». Vérifiez l’orthographe, ou saisissez le code Insee de la commune ou le SIREN de l’intercommunalité.`,
      details: [{ field: 'territory.search', message: 'Aucun territoire trouvé.' }],
    });
  }
  const shown = choice.candidates.slice(0, MAX_CANDIDATES);
  const total =
    found.length > MAX_CANDIDATES
      ? await countTerritorySearch(exec, query, filter)
      : choice.candidates.length;
  const departements = new Map(
    (
      await listTerritoriesByCodes(exec, 'departement', [
        ...new Set(shown.flatMap((t) => t.departementCodes)),
      ])
    ).map((d) => [d.code, d.name]),
  );
  const candidates: TerritoryCandidate[] = shown.map((t) => ({
    level: t.level === 'epci' ? 'epci' : 'commune',
    code: t.code,
    name: t.name,
    subtype: t.subtype,
    population: t.population,
    postalCodes: t.postalCodes,
    departements: t.departementCodes.map((code) => ({ code, name: departements.get(code) ?? code })),
  }));
  throw new AppError('TERRITORY_AMBIGUOUS', {
    message:
      total > shown.length
        ? `${total} communes ou intercommunalités correspondent à « ${territory.search} » : choisissez parmi les ${shown.length} premières, ou précisez le nom.`
        : total === 1
          ? `Un territoire correspond à « ${territory.search} » : confirmez que la convention est bien la sienne.`
          : `${total} territoires correspondent à « ${territory.search} » : choisissez celui de la convention.`,
    details: { search: territory.search, total, candidates },
  });
}
