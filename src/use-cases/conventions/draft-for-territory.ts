/**
 * The draft the platform makes for a territory: the variant from its kind and population, the
 * default period, and as parties the Caf of its département and the commune or EPCI itself, named
 * from their organisations when they exist. Used by `createConvention` and by document generation
 * for a territory that has no convention yet.
 */

import { createRequire } from 'node:module';
import type { Executor } from '../../db/executor.js';
import {
  findOrganisationForTerritory,
  type OrganisationRow,
} from '../../db/repositories/organisation.repository.js';
import type { TerritoryRow } from '../../db/repositories/territory.repository.js';
import { createConvention, defaultDesignation } from '../../domain/convention/index.js';
import type {
  Convention,
  ConventionPeriod,
  ConventionTerritory,
  EpciNature,
  Party,
  TemplateVariant,
} from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { IsoDate } from '../../domain/shared/dates.js';

const EPCI_NATURES: Record<string, EpciNature> = {
  CC: 'cc',
  CA: 'ca',
  CU: 'cu',
  METRO: 'metropole',
  MET69: 'metropole',
};

export function conventionTerritoryOf(row: TerritoryRow): ConventionTerritory {
  if (row.level !== 'commune' && row.level !== 'epci') {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Une convention se conclut avec une commune ou une intercommunalité (EPCI).',
      details: [{ field: 'territory.level', message: 'Niveau de territoire : commune ou epci.' }],
    });
  }
  return {
    kind: row.level === 'epci' ? 'epci' : 'commune',
    codes: [row.code],
    name: row.name,
    population: row.population ?? 0,
    ...(row.level === 'epci' ? { epciNature: EPCI_NATURES[row.subtype ?? ''] ?? 'other' } : {}),
  };
}

/** « la Caf des Yvelines » from « Caisse d’allocations familiales des Yvelines ». */
export function cafDesignation(name: string): string {
  const short = name.replace(/^Caisse d[’']allocations familiales\s+/i, 'Caf ');
  return /^(la |le |l’)/i.test(short) ? short : `la ${short}`;
}

export function cafParty(org: OrganisationRow): Party {
  return {
    id: org.id,
    role: 'caf',
    kind: 'caf',
    name: org.name,
    designation: cafDesignation(org.name),
    signatories: [],
  };
}

export function localAuthorityParty(
  territory: ConventionTerritory,
  org: OrganisationRow | { id: string; name: string },
): Party {
  return {
    id: org.id,
    role: 'local_authority',
    kind: territory.kind === 'epci' ? 'epci' : 'commune',
    name: org.name,
    designation: defaultDesignation({ territory }),
    signatories: [],
  };
}

const departements = createRequire(import.meta.url)(
  '@etalab/decoupage-administratif/data/departements.json',
) as { code: string; nom: string; typeLiaison: number }[];

/** The linking words of the official referential (« type de nom en clair ») before a département's name. */
const LIAISONS = ['de ', 'd’', 'du ', 'de la ', 'des ', 'de l’', 'des ', 'de las ', 'de los '];

/** « des Yvelines », « de l’Ain », « du Nord », from the referential. */
export function departementWithArticle(code: string): string | null {
  const d = departements.find((x) => x.code === code);
  return d ? `${LIAISONS[d.typeLiaison] ?? 'de '}${d.nom.replace(/'/g, '’')}` : null;
}

/**
 * The Caf of the département when it is not yet an organisation of the platform: named from the
 * referential so the draft still shows both parties.
 */
function referentialCafParty(departement: string): Party | null {
  const of = departementWithArticle(departement);
  if (!of) return null;
  return {
    id: `caf-${departement}`,
    role: 'caf',
    kind: 'caf',
    name: `Caisse d’allocations familiales ${of}`,
    designation: `la Caf ${of}`,
    signatories: [],
  };
}

export interface TerritoryDraft {
  convention: Convention;
  caf: OrganisationRow | undefined;
  localAuthority: OrganisationRow | undefined;
}

export async function draftForTerritory(
  exec: Executor,
  row: TerritoryRow,
  input: {
    id: string;
    today: IsoDate;
    variant?: TemplateVariant;
    period?: ConventionPeriod;
    placeOfSignature?: string;
  },
): Promise<TerritoryDraft> {
  const territory = conventionTerritoryOf(row);
  const departement = row.departementCode ?? row.departementCodes[0] ?? null;
  const caf = departement
    ? await findOrganisationForTerritory(exec, 'caf', 'departement', departement)
    : undefined;
  const localAuthority = await findOrganisationForTerritory(
    exec,
    row.level === 'epci' ? 'epci' : 'commune',
    row.level,
    row.code,
  );
  const parties: Party[] = [];
  const referentialCaf = !caf && departement ? referentialCafParty(departement) : null;
  if (caf) parties.push(cafParty(caf));
  else if (referentialCaf) parties.push(referentialCaf);
  parties.push(
    localAuthorityParty(
      territory,
      localAuthority ?? {
        // Not yet an organisation of the platform: named from the referential until it is created.
        id: `${row.level}-${row.code}`,
        name: row.level === 'epci' ? row.name : `Commune de ${row.name}`,
      },
    ),
  );
  const convention = createConvention({
    id: input.id,
    today: input.today,
    territory,
    parties,
    ...(input.variant ? { variant: input.variant } : {}),
    ...(input.period ? { period: input.period } : {}),
    ...(input.placeOfSignature ? { placeOfSignature: input.placeOfSignature } : {}),
  });
  return { convention, caf, localAuthority };
}
