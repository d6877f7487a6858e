/** One territory with what surrounds it: its EPCI, département and région, or an EPCI's communes. */
import {
  findTerritoriesByCode,
  findTerritory,
  listCommunesOfEpci,
  type TerritoryRow,
} from '../../db/repositories/territory.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { TerritoryLevel } from '../../domain/territory/territory.js';
import type { Context } from '../context.js';

export interface TerritoryView {
  territory: TerritoryRow;
  epci: TerritoryRow | null;
  departements: TerritoryRow[];
  region: TerritoryRow | null;
  communes: TerritoryRow[];
  /** Other territories sharing the code (a région "11" and the département "11"). */
  homonyms: TerritoryRow[];
}

export async function getTerritory(
  ctx: Pick<Context, 'db'>,
  code: string,
  level?: TerritoryLevel,
): Promise<TerritoryView> {
  const matches = await findTerritoriesByCode(ctx.db, code.toUpperCase());
  const territory = level ? matches.find((t) => t.level === level) : matches[0];
  if (!territory) throw new AppError('TERRITORY_NOT_FOUND', { details: { code, level: level ?? null } });
  const epci = territory.epciCode
    ? ((await findTerritory(ctx.db, 'epci', territory.epciCode)) ?? null)
    : null;
  const departements: TerritoryRow[] = [];
  if (territory.level !== 'departement') {
    for (const dep of territory.departementCodes) {
      const d = await findTerritory(ctx.db, 'departement', dep);
      if (d) departements.push(d);
    }
  }
  const region =
    territory.regionCode && territory.level !== 'region'
      ? ((await findTerritory(ctx.db, 'region', territory.regionCode)) ?? null)
      : null;
  const communes = territory.level === 'epci' ? await listCommunesOfEpci(ctx.db, territory.code) : [];
  return {
    territory,
    epci,
    departements,
    region,
    communes,
    homonyms: matches.filter((t) => t !== territory),
  };
}
