/**
 * The catalogue of the shared diagnostic (annexe 1 of a CTG): every indicator the platform knows,
 * how it is printed section by section, which figures add up to which totals, and which values
 * fall under statistical secrecy. Ids are those of `spec/annexe1-carrieres-sur-seine.tsv`, so that
 * any value of the seed maps to exactly one indicator.
 */

import type { IsoDate } from '../shared/dates.js';

export type IndicatorKind = 'count' | 'amount' | 'rate' | 'mean';

/** What a value counts or measures; printed in French in documents and exports. */
export type Unit =
  | 'habitants'
  | 'foyers'
  | 'personnes'
  | 'enfants'
  | 'familles'
  | 'demandes'
  | 'structures'
  | 'places'
  | 'euros'
  | 'pourcentage'
  | 'pour 100 enfants';

/** Where a figure comes from; decides its reference date and whether secrecy applies. */
export type SourceId = 'insee_rp' | 'caf_stock' | 'caf_year' | 'cnaf_rate';

export interface SourceDefinition {
  id: SourceId;
  /** French name of the producer and series. */
  label: string;
  /** French rule giving the reference date of a value of this source. */
  dateRule: string;
}

export const SOURCES: Record<SourceId, SourceDefinition> = {
  insee_rp: {
    id: 'insee_rp',
    label: 'Insee, recensement de la population',
    dateRule: '1er janvier de l’année du millésime (RP2019 → 2019-01-01)',
  },
  caf_stock: {
    id: 'caf_stock',
    label: 'Caf, allocataires présents au 31 décembre',
    dateRule: '31 décembre de l’année observée (Caf au 31/12/2022 → 2022-12-31)',
  },
  caf_year: {
    id: 'caf_year',
    label: 'Caf, données de l’année civile',
    dateRule: '31 décembre de l’année civile (Caf 2022 → 2022-12-31)',
  },
  cnaf_rate: {
    id: 'cnaf_rate',
    label: 'Cnaf, taux calculés',
    dateRule: '31 décembre de l’année du taux (Cnaf, taux 2020 → 2020-12-31)',
  },
};

/** Prints the source line the way annexe 1 does: "Insee RP2019", "Caf au 31/12/2022", "Caf 2022". */
export function sourceLine(source: SourceId, date: IsoDate): string {
  const year = date.slice(0, 4);
  switch (source) {
    case 'insee_rp':
      return `Insee RP${year}`;
    case 'caf_stock':
      return `Caf au ${date.slice(8, 10)}/${date.slice(5, 7)}/${year}`;
    case 'caf_year':
      return `Caf ${year}`;
    case 'cnaf_rate':
      return `Cnaf, taux ${year}`;
  }
}

export type SectionId =
  | 'demographie'
  | 'precarite'
  | 'handicap'
  | 'logement'
  | 'petite_enfance'
  | 'jeunesse'
  | 'parentalite'
  | 'implication_caf';

/** A denominator: an indicator of the same territory, or `<id>@departement` for the reference's value. */
export type ShareOf = string;

export interface Indicator {
  id: string;
  /** French label used when a section row does not give its own. */
  label: string;
  kind: IndicatorKind;
  unit: Unit;
  source: SourceId;
  /** Reference date of the value printed in the seed. */
  seedDate: IsoDate;
  /**
   * Subject to statistical secrecy (article 7 of the seed): Caf figures about allocataires, people,
   * children or the money paid to them. Insee population figures, Cnaf coverage rates, facilities
   * (EAJE) and the Caf's funding of structures are public and never blanked.
   */
  secret: boolean;
  /** French reason for the secrecy decision, printed in docs/indicators.md. */
  secrecyReason: string;
  /** Not printed as a row: computed from its parts to serve as a denominator. */
  derived?: boolean;
}

export interface SectionRow {
  indicator: string;
  /** Label printed in this section when it differs from the indicator's. */
  label?: string;
  shareOf?: ShareOf;
}

export interface Section {
  id: SectionId;
  title: string;
  rows: SectionRow[];
}

/**
 * total = sum(parts). `totalRule` says which figure the diagnostic shows when they disagree:
 * Insee estimates are rounded one by one, so their published total is the better estimate; money
 * lines are exact, so their total is recomputed in cents.
 */
export interface Relation {
  id: string;
  /** French name of the relation, for documentation. */
  label: string;
  total: string;
  parts: string[];
  totalRule: 'published' | 'sum_of_parts';
  /** French explanation printed in the note when the published total differs from its parts. */
  differenceReason: string;
  /** How the relation holds on the seed's printed figures (for documentation and tests). */
  seed: { commune: SeedCheck; departement: SeedCheck };
}

export type SeedCheck = 'exact' | 'inexact' | 'not_printed';

/** sum(parts) ≤ whole: sub-populations ("dont …") that never exceed their population. */
export interface Inclusion {
  whole: string;
  parts: string[];
}

const INSEE_2019 = '2019-01-01';
const INSEE_2018 = '2018-01-01';
const CAF_2022 = '2022-12-31';

const PUBLIC_INSEE = 'Donnée Insee publique : non soumise au secret statistique de la Caf.';
const SECRET_HOUSEHOLDS =
  'Effectif de foyers allocataires : soumis au secret (zone < 100 allocataires, valeur < 5).';
const SECRET_PEOPLE =
  'Effectif de personnes couvertes par la Caf : soumis au secret (zone < 100 allocataires, valeur < 5).';
const SECRET_AMOUNT = 'Montant versé à des foyers : soumis au secret de zone (moins de 100 allocataires).';
const SECRET_RATE =
  'Taux calculé sur des allocataires : soumis au secret de zone (moins de 100 allocataires).';
const PUBLIC_FACILITY = 'Équipements et places : données publiques, non soumises au secret.';
const PUBLIC_FUNDING = 'Financement versé à des structures : donnée publique, non soumise au secret.';
const PUBLIC_CNAF = 'Taux de couverture publié par la Cnaf : donnée publique.';

function insee(id: string, label: string, unit: Unit = 'habitants', seedDate = INSEE_2019): Indicator {
  return {
    id,
    label,
    kind: 'count',
    unit,
    source: 'insee_rp',
    seedDate,
    secret: false,
    secrecyReason: PUBLIC_INSEE,
  };
}
function inseeRate(id: string, label: string): Indicator {
  return {
    id,
    label,
    kind: 'rate',
    unit: 'pourcentage',
    source: 'insee_rp',
    seedDate: INSEE_2019,
    secret: false,
    secrecyReason: PUBLIC_INSEE,
  };
}
function households(
  id: string,
  label: string,
  unit: Unit = 'foyers',
  source: SourceId = 'caf_stock',
): Indicator {
  return {
    id,
    label,
    kind: 'count',
    unit,
    source,
    seedDate: CAF_2022,
    secret: true,
    secrecyReason: SECRET_HOUSEHOLDS,
  };
}
function people(id: string, label: string, unit: Unit = 'personnes'): Indicator {
  return {
    id,
    label,
    kind: 'count',
    unit,
    source: 'caf_stock',
    seedDate: CAF_2022,
    secret: true,
    secrecyReason: SECRET_PEOPLE,
  };
}
function benefitAmount(id: string, label: string, source: SourceId = 'caf_stock'): Indicator {
  return {
    id,
    label,
    kind: 'amount',
    unit: 'euros',
    source,
    seedDate: CAF_2022,
    secret: true,
    secrecyReason: SECRET_AMOUNT,
  };
}
function cafRate(id: string, label: string): Indicator {
  return {
    id,
    label,
    kind: 'rate',
    unit: 'pourcentage',
    source: 'caf_stock',
    seedDate: CAF_2022,
    secret: true,
    secrecyReason: SECRET_RATE,
  };
}
function facility(id: string, label: string, unit: Unit): Indicator {
  return {
    id,
    label,
    kind: 'count',
    unit,
    source: 'caf_year',
    seedDate: CAF_2022,
    secret: false,
    secrecyReason: PUBLIC_FACILITY,
  };
}
function funding(id: string, label: string): Indicator {
  return {
    id,
    label,
    kind: 'amount',
    unit: 'euros',
    source: 'caf_year',
    seedDate: CAF_2022,
    secret: false,
    secrecyReason: PUBLIC_FUNDING,
  };
}

/** Every indicator once, in the order of annexe 1. */
export const INDICATORS: readonly Indicator[] = [
  // 1. Démographie
  insee('population', 'Population Insee'),
  inseeRate('population_evolution_6y', 'Évolution en 6 ans (%)'),
  inseeRate('population_evolution_annual', 'Moyenne par an (%)'),
  inseeRate('population_evolution_natural', '% liée au solde naturel (naissances – décès)'),
  inseeRate('population_evolution_migratory', '% liée au solde migratoire (arrivées – départs)'),
  insee('children_0_2', 'Nb d’enfants 0-2 ans Insee'),
  insee('children_3_5', 'Nb d’enfants 3-5 ans Insee'),
  insee('children_6_11', 'Nb d’enfants 6-11 ans Insee'),
  insee('children_12_15', 'Nb d’enfants 12-15 ans Insee'),
  insee('children_16_19', 'Nb d’enfants 16-19 ans Insee'),
  insee('children_20_24', 'Nb de jeunes 20-24 ans Insee'),
  insee('children_0_24', 'Total enfants et jeunes de moins de 25 ans'),
  households('allocataires', 'Nb (foyers) allocataires Caf'),
  cafRate('caf_coverage', 'Taux de couverture par la Caf (en % de la population)'),
  households('families', 'Nb familles allocataires (avec enfant(s))', 'familles'),
  households('isolated', 'Nb d’allocataires isolés (ni conjoint ni enfant)'),
  households('single_parents', 'Nb d’allocataires monoparents'),
  households('large_families', 'Nb familles de 3 enfants ou plus', 'familles'),
  {
    id: 'family_quotient_mean',
    label: 'Quotient familial moyen (calcul Cnaf)',
    kind: 'mean',
    unit: 'euros',
    source: 'caf_stock',
    seedDate: CAF_2022,
    secret: true,
    secrecyReason:
      'Moyenne calculée sur des foyers allocataires : soumise au secret de zone (moins de 100 allocataires).',
  },
  // 2. Précarité – insertion
  households('dependent_100', '(Foyers) allocataires dépendants à 100 % des prestations Caf'),
  people('low_income_persons', 'Nb personnes couvertes par la Caf sous le seuil des bas revenus'),
  households('rsa', 'Nb (foyers) allocataires RSA'),
  households('rsa_isolation', 'dont RSA avec majoration isolement'),
  households('ppa', 'Nb (foyers) allocataires PPA'),
  benefitAmount('rsa_amount', 'Montants versés pour le RSA (en €), mois de décembre'),
  benefitAmount('ppa_amount', 'Montants versés pour la PPA (en €), mois de décembre'),
  households(
    'social_work_insertion',
    'Demandes d’intervention du travail social : insertion, aides sociales',
    'demandes',
    'caf_year',
  ),
  households(
    'social_work_housing',
    'Demandes d’intervention du travail social : logement (impayés, non-décence)',
    'demandes',
    'caf_year',
  ),
  households(
    'social_work_parenting',
    'Demandes d’intervention du travail social : parentalité (séparation, décès, AUPP)',
    'demandes',
    'caf_year',
  ),
  // 3. Handicap
  households('aah', 'Nb (foyers) allocataires AAH'),
  benefitAmount('aah_amount', 'Montants versés au titre de l’AAH, mois de décembre'),
  households('aeeh', 'Nb allocataires AEEH'),
  people('aeeh_children_0_2', 'Nb enfants 0-2 ans AEEH', 'enfants'),
  people('aeeh_children_3_5', 'Nb enfants 3-5 ans AEEH', 'enfants'),
  people('aeeh_children_6_11', 'Nb enfants 6-11 ans AEEH', 'enfants'),
  people('aeeh_children_12_15', 'Nb enfants 12-15 ans AEEH', 'enfants'),
  people('aeeh_children_16_17', 'Nb enfants 16-17 ans AEEH', 'enfants'),
  people('aeeh_children_0_17', 'Total enfants 0-17 ans AEEH', 'enfants'),
  people('aeeh_children', 'Nb total enfants AEEH', 'enfants'),
  // 4. Logement
  households('housing_aid', 'Nb bénéficiaires d’une aide au logement (AL/APL)'),
  households('apl', 'dont bénéficiaires APL'),
  households('housing_aid_private', 'Nb bénéficiaires AL/APL en locatif parc privé'),
  households('housing_aid_social', 'Nb bénéficiaires AL/APL en locatif parc social'),
  benefitAmount('housing_aid_amount', 'Montants versés au titre des aides au logement, mois de décembre'),
  households('rent_arrears', 'Nb d’impayés de loyer'),
  households('indecent_housing', 'Nb de situations de non-décence'),
  // 5. Petite enfance
  households('families_0_2', 'Familles allocataires avec enfants de 0-2 ans', 'familles'),
  households('families_0_2_all_working', 'dont tous parents actifs occupés', 'familles'),
  cafRate('children_0_2_caf_coverage', '% des 0-2 ans couverts par la Caf'),
  cafRate('children_3_5_caf_coverage', '% des 3-5 ans couverts par la Caf'),
  people(
    'children_0_2_low_income',
    'Nb enfants 0-2 ans vivant dans un foyer allocataire à bas revenus',
    'enfants',
  ),
  people('cmg_assmat', 'Nb enfants 0-2 ans CMG – assistant(e) maternel(le)', 'enfants'),
  people('cmg_home', 'Nb enfants 0-2 ans CMG – garde à domicile', 'enfants'),
  people('cmg_structure', 'Nb enfants 0-2 ans CMG – structure', 'enfants'),
  people('prepare', 'Nb enfants 0-2 ans PreParE (prestation partagée d’éducation, taux plein)', 'enfants'),
  facility(
    'eaje_structures',
    'Nb EAJE (établissements d’accueil du jeune enfant) : structures',
    'structures',
  ),
  facility('eaje_places', 'Nb EAJE (établissements d’accueil du jeune enfant) : places', 'places'),
  facility('eaje_collective_structures', 'dont collectif : structures', 'structures'),
  facility('eaje_collective_places', 'dont collectif : places', 'places'),
  facility('eaje_multi_structures', 'dont multi-accueil : structures', 'structures'),
  facility('eaje_multi_places', 'dont multi-accueil : places', 'places'),
  facility('eaje_family_structures', 'dont familial : structures', 'structures'),
  facility('eaje_family_places', 'dont familial : places', 'places'),
  facility('eaje_micro_psu_structures', 'dont micro-crèche PSU : structures', 'structures'),
  facility('eaje_micro_psu_places', 'dont micro-crèche PSU : places', 'places'),
  facility('eaje_parental_structures', 'dont accueil parental : structures', 'structures'),
  facility('eaje_parental_places', 'dont accueil parental : places', 'places'),
  {
    id: 'coverage_rate_global',
    label: 'Taux de couverture global d’accueil (pour 100 enfants de 0-2 ans)',
    kind: 'rate',
    unit: 'pour 100 enfants',
    source: 'cnaf_rate',
    seedDate: '2020-12-31',
    secret: false,
    secrecyReason: PUBLIC_CNAF,
  },
  {
    id: 'coverage_rate_assmat',
    label: 'Taux de couverture par les assistants maternels libéraux (pour 100 enfants de 0-2 ans)',
    kind: 'rate',
    unit: 'pour 100 enfants',
    source: 'cnaf_rate',
    seedDate: '2020-12-31',
    secret: false,
    secrecyReason: PUBLIC_CNAF,
  },
  // 6. Jeunesse (the seed prints these bands from Insee RP2018)
  insee('youth_6_11', 'Nb d’enfants 6-11 ans Insee', 'habitants', INSEE_2018),
  insee('youth_12_15', 'Nb d’enfants 12-15 ans Insee', 'habitants', INSEE_2018),
  insee('youth_16_17', 'Nb d’enfants 16-17 ans Insee', 'habitants', INSEE_2018),
  insee('youth_18_19', 'Nb de jeunes 18-19 ans Insee', 'habitants', INSEE_2018),
  insee('youth_20_24', 'Nb de jeunes 20-24 ans Insee', 'habitants', INSEE_2018),
  insee('youth_6_24', 'Total enfants et jeunes de 6-24 ans', 'habitants', INSEE_2018),
  { ...insee('youth_6_17', 'Enfants de 6-17 ans Insee', 'habitants', INSEE_2018), derived: true },
  cafRate('youth_caf_coverage_6_24', 'Taux de couverture Caf des 6-24 ans'),
  cafRate('youth_caf_coverage_6_11', 'Taux de couverture Caf des 6-11 ans'),
  cafRate('youth_caf_coverage_12_15', 'Taux de couverture Caf des 12-15 ans'),
  cafRate('youth_caf_coverage_16_17', 'Taux de couverture Caf des 16-17 ans'),
  cafRate('youth_caf_coverage_18_19', 'Taux de couverture Caf des 18-19 ans'),
  cafRate('youth_caf_coverage_20_24', 'Taux de couverture Caf des 20-24 ans'),
  people('neet_16_19', 'Nb de 16-19 ans Caf NEET (ni en emploi, ni en études, ni en formation)'),
  people('aeeh_children_6_17', 'Total enfants de 6-17 ans avec AEEH', 'enfants'),
  {
    ...people('ave_2021', 'Aide aux vacances enfants (AVE) – nb d’enfants bénéficiaires en 2021', 'enfants'),
    source: 'caf_year',
    seedDate: '2021-12-31',
  },
  {
    ...people('ave_2022', 'Aide aux vacances enfants (AVE) – nb d’enfants bénéficiaires en 2022', 'enfants'),
    source: 'caf_year',
  },
  // 7. Parentalité
  households('single_parents_working', 'dont monoparents actifs occupés'),
  households('families_0_2_single', 'dont monoparents', 'familles'),
  households('families_3_5', 'Nb familles allocataires avec enfants de 3-5 ans', 'familles'),
  households('families_3_5_all_working', 'dont tous parents actifs occupés', 'familles'),
  households('families_3_5_single', 'dont monoparents', 'familles'),
  households('families_6_11', 'Nb familles allocataires avec enfants de 6-11 ans', 'familles'),
  households('families_6_11_all_working', 'dont tous parents actifs occupés', 'familles'),
  households('families_6_11_single', 'dont monoparents', 'familles'),
  households('families_12_15', 'Nb familles allocataires avec enfants de 12-15 ans', 'familles'),
  households('families_12_15_all_working', 'dont tous parents actifs occupés', 'familles'),
  households('families_12_15_single', 'dont monoparents', 'familles'),
  households('ajpp', 'Nb allocataires AJPP'),
  // 8. Implication de la Caf
  funding('funding_psu', 'Petite enfance – PSU (y compris aide Covid)'),
  funding('funding_bonus_inclusion', 'Petite enfance – bonus (mixité sociale, inclusion handicap)'),
  funding('funding_bonus_ctg', 'Bonus CTG'),
  funding('funding_rpe', 'Petite enfance – PS relais petite enfance (ex-RAM)'),
  funding('funding_fjt', 'Foyers de jeunes travailleurs – PSO'),
  funding(
    'funding_youth',
    'Jeunesse – PS accueil jeunes, ALSH, extra/périscolaire, TAP, CLAS, ANO, ASRE – PSO',
  ),
  funding('funding_social_centres', 'Centres sociaux et espaces de vie sociale (global)'),
  funding('funding_laep', 'LAEP – lieux d’accueil enfants-parents'),
  funding('funding_family_mediation', 'Médiation familiale'),
  funding('funding_home_help', 'Aide à domicile'),
  funding('funding_total', 'Total des financements d’action sociale de la Caf'),
  benefitAmount(
    'family_benefits_december',
    'Prestations familiales versées : somme des prestations périodiques du mois de décembre',
    'caf_year',
  ),
];

const row = (indicator: string, shareOf?: ShareOf, label?: string): SectionRow => ({
  indicator,
  ...(shareOf ? { shareOf } : {}),
  ...(label ? { label } : {}),
});

/** The eight sections of annexe 1, with their rows in printed order and the denominator of each share. */
export const SECTIONS: readonly Section[] = [
  {
    id: 'demographie',
    title: 'Démographie',
    rows: [
      row('population', 'population@departement'),
      row('population_evolution_6y'),
      row('population_evolution_annual'),
      row('population_evolution_natural'),
      row('population_evolution_migratory'),
      row('children_0_2', 'population'),
      row('children_3_5', 'population'),
      row('children_6_11', 'population'),
      row('children_12_15', 'population'),
      row('children_16_19', 'population'),
      row('children_20_24', 'population'),
      row('children_0_24', 'population'),
      row('allocataires'),
      row('caf_coverage'),
      row('families', 'allocataires'),
      row('isolated', 'allocataires'),
      row('single_parents', 'families'),
      row('large_families', 'families'),
      row('family_quotient_mean'),
    ],
  },
  {
    id: 'precarite',
    title: 'Précarité – insertion',
    rows: [
      row('dependent_100', 'allocataires'),
      row('low_income_persons', 'population'),
      row('rsa', 'allocataires'),
      row('rsa_isolation', 'allocataires'),
      row('ppa', 'allocataires'),
      row('rsa_amount'),
      row('ppa_amount'),
      row('social_work_insertion'),
      row('social_work_housing'),
      row('social_work_parenting'),
    ],
  },
  {
    id: 'handicap',
    title: 'Handicap',
    rows: [
      row('aah', 'allocataires'),
      row('aah_amount'),
      row('aeeh', 'allocataires'),
      row('aeeh_children_0_2', 'aeeh_children'),
      row('aeeh_children_3_5', 'aeeh_children'),
      row('aeeh_children_6_11', 'aeeh_children'),
      row('aeeh_children_12_15', 'aeeh_children'),
      row('aeeh_children_16_17', 'aeeh_children'),
      row('aeeh_children_0_17', 'aeeh_children'),
      row('aeeh_children', 'aeeh_children'),
    ],
  },
  {
    id: 'logement',
    title: 'Logement',
    rows: [
      row('housing_aid', 'allocataires'),
      row('apl', 'housing_aid'),
      row('housing_aid_private', 'housing_aid'),
      row('housing_aid_social', 'housing_aid'),
      row('housing_aid_amount'),
      row('rent_arrears'),
      row('indecent_housing'),
    ],
  },
  {
    id: 'petite_enfance',
    title: 'Petite enfance',
    rows: [
      row('families_0_2'),
      row('families_0_2_all_working', 'families_0_2'),
      row('children_0_2', 'population', 'Nb enfants 0-2 ans'),
      row('children_0_2_caf_coverage'),
      row('children_3_5', 'population', 'Nb enfants 3-5 ans'),
      row('children_3_5_caf_coverage'),
      row('children_0_2_low_income', 'children_0_2'),
      row('cmg_assmat', 'children_0_2'),
      row('cmg_home', 'children_0_2'),
      row('cmg_structure', 'children_0_2'),
      row('prepare', 'children_0_2'),
      row('eaje_structures'),
      row('eaje_places'),
      row('eaje_collective_structures'),
      row('eaje_collective_places'),
      row('eaje_multi_structures'),
      row('eaje_multi_places'),
      row('eaje_family_structures'),
      row('eaje_family_places'),
      row('eaje_micro_psu_structures'),
      row('eaje_micro_psu_places'),
      row('eaje_parental_structures'),
      row('eaje_parental_places'),
      row('coverage_rate_global'),
      row('coverage_rate_assmat'),
    ],
  },
  {
    id: 'jeunesse',
    title: 'Jeunesse',
    rows: [
      row('youth_6_11', 'youth_6_24'),
      row('youth_12_15', 'youth_6_24'),
      row('youth_16_17', 'youth_6_24'),
      row('youth_18_19', 'youth_6_24'),
      row('youth_20_24', 'youth_6_24'),
      row('youth_6_24', 'youth_6_24'),
      row('youth_caf_coverage_6_24'),
      row('youth_caf_coverage_6_11'),
      row('youth_caf_coverage_12_15'),
      row('youth_caf_coverage_16_17'),
      row('youth_caf_coverage_18_19'),
      row('youth_caf_coverage_20_24'),
      row('neet_16_19', 'children_16_19'),
      row('aeeh_children_6_17', 'youth_6_17'),
      row('ave_2021'),
      row('ave_2022'),
    ],
  },
  {
    id: 'parentalite',
    title: 'Parentalité',
    rows: [
      row('families', 'allocataires'),
      row('single_parents_working', 'allocataires'),
      row('families_0_2', 'allocataires', 'Nb familles allocataires avec enfants de 0-2 ans'),
      row('families_0_2_all_working', 'allocataires', '– tous parents actifs occupés'),
      row('families_0_2_single', 'allocataires', '– monoparents'),
      row('families_3_5', 'allocataires'),
      row('families_3_5_all_working', 'allocataires', '– tous parents actifs occupés'),
      row('families_3_5_single', 'allocataires', '– monoparents'),
      row('families_6_11', 'allocataires'),
      row('families_6_11_all_working', 'allocataires', '– tous parents actifs occupés'),
      row('families_6_11_single', 'allocataires', '– monoparents'),
      row('families_12_15', 'allocataires'),
      row('families_12_15_all_working', 'allocataires', '– tous parents actifs occupés'),
      row('families_12_15_single', 'allocataires', '– monoparents'),
      row('ajpp', 'allocataires'),
    ],
  },
  {
    id: 'implication_caf',
    title: 'Implication Caf sur le territoire',
    rows: [
      row('funding_psu'),
      row('funding_bonus_inclusion'),
      row('funding_bonus_ctg'),
      row('funding_rpe'),
      row('funding_fjt'),
      row('funding_youth'),
      row('funding_social_centres'),
      row('funding_laep'),
      row('funding_family_mediation'),
      row('funding_home_help'),
      row('funding_total', undefined, 'Total'),
      row('family_benefits_december'),
    ],
  },
];

const INSEE_ROUNDING = 'les estimations Insee sont arrondies séparément.';
/**
 * The Caf prints its funding lines rounded to the euro and its total from the exact amounts: the
 * printed total is the better figure (130 161 413 € in the seed, where the rounded lines add up to
 * 130 161 414 €), as for Insee's rounded estimates.
 */
const CAF_ROUNDING =
  'les lignes sont imprimées arrondies à l’euro ; le total publié, calculé sur les montants exacts, est conservé.';

export const RELATIONS: readonly Relation[] = [
  {
    id: 'children_age_bands',
    label: 'Tranches d’âge Insee 0-24 ans → total des moins de 25 ans',
    total: 'children_0_24',
    parts: [
      'children_0_2',
      'children_3_5',
      'children_6_11',
      'children_12_15',
      'children_16_19',
      'children_20_24',
    ],
    totalRule: 'published',
    differenceReason: INSEE_ROUNDING,
    seed: { commune: 'exact', departement: 'not_printed' },
  },
  {
    id: 'youth_age_bands',
    label: 'Tranches d’âge Insee 6-24 ans → total des 6-24 ans',
    total: 'youth_6_24',
    parts: ['youth_6_11', 'youth_12_15', 'youth_16_17', 'youth_18_19', 'youth_20_24'],
    totalRule: 'published',
    differenceReason: INSEE_ROUNDING,
    seed: { commune: 'inexact', departement: 'not_printed' },
  },
  {
    id: 'youth_6_17',
    label: 'Tranches d’âge Insee 6-17 ans → dénominateur des enfants AEEH de 6-17 ans',
    total: 'youth_6_17',
    parts: ['youth_6_11', 'youth_12_15', 'youth_16_17'],
    totalRule: 'sum_of_parts',
    differenceReason: INSEE_ROUNDING,
    seed: { commune: 'not_printed', departement: 'not_printed' },
  },
  {
    id: 'aeeh_age_bands',
    label: 'Enfants AEEH par tranche d’âge → total des 0-17 ans',
    total: 'aeeh_children_0_17',
    parts: [
      'aeeh_children_0_2',
      'aeeh_children_3_5',
      'aeeh_children_6_11',
      'aeeh_children_12_15',
      'aeeh_children_16_17',
    ],
    totalRule: 'published',
    differenceReason: 'les effectifs publiés par la Caf sont arrondis séparément.',
    seed: { commune: 'exact', departement: 'not_printed' },
  },
  {
    id: 'aeeh_6_17',
    label: 'Enfants AEEH de 6-11, 12-15 et 16-17 ans → total des 6-17 ans',
    total: 'aeeh_children_6_17',
    parts: ['aeeh_children_6_11', 'aeeh_children_12_15', 'aeeh_children_16_17'],
    totalRule: 'published',
    differenceReason: 'les effectifs publiés par la Caf sont arrondis séparément.',
    seed: { commune: 'exact', departement: 'not_printed' },
  },
  {
    id: 'eaje_structures',
    label: 'Types d’EAJE → ensemble des EAJE (structures)',
    total: 'eaje_structures',
    parts: [
      'eaje_collective_structures',
      'eaje_multi_structures',
      'eaje_family_structures',
      'eaje_micro_psu_structures',
      'eaje_parental_structures',
    ],
    totalRule: 'published',
    differenceReason: 'un établissement peut relever de plusieurs types.',
    seed: { commune: 'exact', departement: 'exact' },
  },
  {
    id: 'eaje_places',
    label: 'Types d’EAJE → ensemble des EAJE (places)',
    total: 'eaje_places',
    parts: [
      'eaje_collective_places',
      'eaje_multi_places',
      'eaje_family_places',
      'eaje_micro_psu_places',
      'eaje_parental_places',
    ],
    totalRule: 'published',
    differenceReason: 'un établissement peut relever de plusieurs types.',
    seed: { commune: 'exact', departement: 'exact' },
  },
  {
    id: 'funding_lines',
    label: 'Lignes de financement de la Caf → total',
    total: 'funding_total',
    parts: [
      'funding_psu',
      'funding_bonus_inclusion',
      'funding_bonus_ctg',
      'funding_rpe',
      'funding_fjt',
      'funding_youth',
      'funding_social_centres',
      'funding_laep',
      'funding_family_mediation',
      'funding_home_help',
    ],
    totalRule: 'published',
    differenceReason: CAF_ROUNDING,
    seed: { commune: 'exact', departement: 'inexact' },
  },
];

/** Sub-populations never larger than their population; used to keep synthetic data plausible. */
export const INCLUSIONS: readonly Inclusion[] = [
  { whole: 'population', parts: ['children_0_24'] },
  { whole: 'population', parts: ['low_income_persons'] },
  { whole: 'allocataires', parts: ['families', 'isolated'] },
  { whole: 'families', parts: ['single_parents'] },
  { whole: 'families', parts: ['large_families'] },
  { whole: 'single_parents', parts: ['single_parents_working'] },
  { whole: 'allocataires', parts: ['dependent_100'] },
  { whole: 'allocataires', parts: ['rsa'] },
  { whole: 'rsa', parts: ['rsa_isolation'] },
  { whole: 'allocataires', parts: ['ppa'] },
  { whole: 'allocataires', parts: ['aah'] },
  { whole: 'allocataires', parts: ['aeeh'] },
  { whole: 'allocataires', parts: ['ajpp'] },
  { whole: 'aeeh_children', parts: ['aeeh_children_0_17'] },
  { whole: 'allocataires', parts: ['housing_aid'] },
  { whole: 'housing_aid', parts: ['apl'] },
  { whole: 'housing_aid', parts: ['housing_aid_private', 'housing_aid_social'] },
  { whole: 'housing_aid', parts: ['rent_arrears'] },
  { whole: 'families', parts: ['families_0_2'] },
  { whole: 'families_0_2', parts: ['families_0_2_all_working'] },
  { whole: 'families_0_2', parts: ['families_0_2_single'] },
  { whole: 'families', parts: ['families_3_5'] },
  { whole: 'families_3_5', parts: ['families_3_5_all_working'] },
  { whole: 'families_3_5', parts: ['families_3_5_single'] },
  { whole: 'families', parts: ['families_6_11'] },
  { whole: 'families_6_11', parts: ['families_6_11_all_working'] },
  { whole: 'families_6_11', parts: ['families_6_11_single'] },
  { whole: 'families', parts: ['families_12_15'] },
  { whole: 'families_12_15', parts: ['families_12_15_all_working'] },
  { whole: 'families_12_15', parts: ['families_12_15_single'] },
  { whole: 'children_0_2', parts: ['children_0_2_low_income'] },
  { whole: 'children_0_2', parts: ['cmg_assmat', 'cmg_home', 'cmg_structure', 'prepare'] },
  { whole: 'children_16_19', parts: ['neet_16_19'] },
  { whole: 'youth_6_17', parts: ['aeeh_children_6_17'] },
];

export interface Catalogue {
  indicators: ReadonlyMap<string, Indicator>;
  sections: readonly Section[];
  relations: readonly Relation[];
  inclusions: readonly Inclusion[];
}

export function buildCatalogue(
  indicators: readonly Indicator[] = INDICATORS,
  sections: readonly Section[] = SECTIONS,
  relations: readonly Relation[] = RELATIONS,
  inclusions: readonly Inclusion[] = INCLUSIONS,
): Catalogue {
  const byId = new Map<string, Indicator>();
  for (const indicator of indicators) {
    if (byId.has(indicator.id)) throw new Error(`Duplicate indicator id ${indicator.id}`);
    byId.set(indicator.id, indicator);
  }
  const known = (id: string, where: string) => {
    if (!byId.has(id)) throw new Error(`Unknown indicator ${id} in ${where}`);
  };
  for (const section of sections) {
    for (const r of section.rows) {
      known(r.indicator, `section ${section.id}`);
      if (r.shareOf) known(baseOfShare(r.shareOf), `share of ${r.indicator}`);
    }
  }
  for (const relation of relations) {
    known(relation.total, relation.id);
    for (const part of relation.parts) known(part, relation.id);
    const kinds = new Set([relation.total, ...relation.parts].map((id) => byId.get(id)!.kind));
    if (kinds.size !== 1 || kinds.has('rate') || kinds.has('mean')) {
      throw new Error(`Relation ${relation.id} must add figures of one additive kind`);
    }
  }
  for (const inclusion of inclusions) {
    known(inclusion.whole, 'inclusion');
    for (const part of inclusion.parts) known(part, 'inclusion');
  }
  return { indicators: byId, sections, relations, inclusions };
}

/** The catalogue of annexe 1. */
export const CATALOGUE: Catalogue = buildCatalogue();

/** `population@departement` → `population`. */
export function baseOfShare(shareOf: ShareOf): string {
  const at = shareOf.indexOf('@');
  return at < 0 ? shareOf : shareOf.slice(0, at);
}

/** True when the denominator is the reference territory's value rather than the territory's own. */
export function shareUsesReference(shareOf: ShareOf): boolean {
  return shareOf.endsWith('@departement');
}

export function getIndicator(catalogue: Catalogue, id: string): Indicator {
  const indicator = catalogue.indicators.get(id);
  if (!indicator) throw new Error(`Unknown indicator ${id}`);
  return indicator;
}

/** Additive figures are summed over communes; rates and means are never averaged. */
export function isAdditive(kind: IndicatorKind): kind is 'count' | 'amount' {
  return kind === 'count' || kind === 'amount';
}
