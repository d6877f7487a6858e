/**
 * French wording of the convention's codes. Data keeps codes; pages, documents and messages take
 * their words from here, so a label can be corrected without touching stored rows.
 */

import type {
  AnnexKey,
  ArticleKey,
  AuthorityKind,
  AvenantStatus,
  BreachGround,
  Civility,
  ConventionStatus,
  EpciNature,
  PartyKind,
  PartyRole,
  Signatory,
  SignatoryFunction,
  TemplateVariant,
  TerminationKind,
  TerritoryKind,
} from './model.js';

export const VARIANT_LABELS: Record<TemplateVariant, string> = {
  commune_over_5000: 'Communes de plus de 5 000 habitants',
  commune_under_5000: 'Communes de moins de 5 000 habitants',
  intercommunality: 'Intercommunalité',
};

export const STATUS_LABELS: Record<ConventionStatus, string> = {
  draft: 'En préparation',
  in_signature: 'En cours de signature',
  signed: 'Signée',
  in_force: 'En vigueur',
  expired: 'Expirée',
  terminated: 'Résiliée',
};

export const AVENANT_STATUS_LABELS: Record<AvenantStatus, string> = {
  draft: 'En préparation',
  in_signature: 'En cours de signature',
  signed: 'Signé',
  cancelled: 'Abandonné',
};

export const TERRITORY_KIND_LABELS: Record<TerritoryKind, string> = {
  commune: 'Commune',
  epci: 'Intercommunalité (EPCI)',
  communes: 'Regroupement de communes',
};

export const EPCI_NATURE_LABELS: Record<EpciNature, string> = {
  cc: 'communauté de communes',
  ca: 'communauté d’agglomération',
  cu: 'communauté urbaine',
  metropole: 'métropole',
  other: 'intercommunalité',
};

export const PARTY_ROLE_LABELS: Record<PartyRole, string> = {
  caf: 'Caisse d’allocations familiales',
  local_authority: 'Collectivité signataire',
  partner: 'Autre partenaire signataire',
};

export const PARTY_KIND_LABELS: Record<PartyKind, string> = {
  caf: 'Caf',
  commune: 'Commune',
  epci: 'Intercommunalité',
  departement: 'Département',
  state: 'État',
  msa: 'Mutualité sociale agricole (MSA)',
  other: 'Autre organisme',
};

export const CIVILITY_LABELS: Record<Civility, string> = {
  madame: 'Madame',
  monsieur: 'Monsieur',
};

/** Function titles agree with the signatory's civility (« la Présidente », « le Directeur »). */
const FUNCTION_LABELS: Record<Exclude<SignatoryFunction, 'other'>, Record<Civility, string>> = {
  board_chair: {
    madame: 'Présidente du conseil d’administration',
    monsieur: 'Président du conseil d’administration',
  },
  director: { madame: 'Directrice', monsieur: 'Directeur' },
  mayor: { madame: 'Maire', monsieur: 'Maire' },
  epci_president: { madame: 'Présidente', monsieur: 'Président' },
  departement_president: {
    madame: 'Présidente du conseil départemental',
    monsieur: 'Président du conseil départemental',
  },
  prefect: { madame: 'Préfète', monsieur: 'Préfet' },
  msa_president: {
    madame: 'Présidente du conseil d’administration',
    monsieur: 'Président du conseil d’administration',
  },
  msa_director: { madame: 'Directrice générale', monsieur: 'Directeur général' },
};

export function functionLabel(signatory: Pick<Signatory, 'function' | 'functionText' | 'civility'>): string {
  if (signatory.function === 'other') return signatory.functionText?.trim() || 'Représentant';
  return FUNCTION_LABELS[signatory.function][signatory.civility];
}

/** « Madame Sophie Barrois ». */
export function signatoryName(signatory: Pick<Signatory, 'civility' | 'firstName' | 'lastName'>): string {
  return `${CIVILITY_LABELS[signatory.civility]} ${signatory.firstName} ${signatory.lastName}`.trim();
}

export const AUTHORITY_LABELS: Record<AuthorityKind, string> = {
  board_deliberation: 'délibération du conseil d’administration',
  municipal_council_deliberation: 'délibération du conseil municipal',
  community_council_deliberation: 'délibération du conseil communautaire',
  departmental_council_deliberation: 'délibération du conseil départemental',
  office: 'en vertu de ses fonctions',
};

export const ARTICLE_TITLES: Record<ArticleKey, string> = {
  object: 'Objet de la convention territoriale globale',
  caf_fields: 'Les champs d’intervention de la Caf',
  local_authority_fields: 'Les champs d’intervention {de_la_collectivite}',
  shared_objectives: 'Les objectifs partagés au regard des besoins',
  commitments: 'Les engagements des partenaires',
  collaboration: 'Les modalités de collaboration',
  data_exchange: 'Les échanges de données',
  communication: 'La communication',
  evaluation: 'L’évaluation',
  duration: 'La durée de la convention',
  formal_execution: 'L’exécution formelle de la convention',
  termination: 'La fin de la convention',
  disputes: 'Les recours',
  confidentiality: 'La confidentialité',
};

export const ANNEX_TITLES: Record<AnnexKey, string> = {
  diagnostic: 'Diagnostic partagé',
  action_plan: 'Plan d’actions et fiches actions',
  facilities: 'Liste des équipements et services soutenus par la collectivité',
  steering: 'Modalités de pilotage stratégique et opérationnel et suivi de la Ctg',
  cooperation_officer: 'Métier de chargé(e) de coopération',
  evaluation: 'Évaluation',
  deliberation: 'Délibération de l’assemblée délibérante',
};

export const TERMINATION_KIND_LABELS: Record<TerminationKind, string> = {
  formal_notice: 'Résiliation de plein droit après mise en demeure',
  notice: 'Dénonciation avec préavis de six mois',
  unapproved_change: 'Résiliation de plein droit pour modification sans avenant',
};

export const BREACH_GROUND_LABELS: Record<BreachGround, string> = {
  contract_breach: 'Manquement aux obligations de la convention',
  legal_breach: 'Manquement aux lois et règlements en vigueur',
};

/** « Convention initiale », « Avenant n° 2 » (no-break space after the « n° »). */
export function versionLabel(avenantNumber: number | null): string {
  return avenantNumber === null ? 'Convention initiale' : `Avenant n\u00b0\u00a0${avenantNumber}`;
}

/** « sept » for the closing sentence (« … et sept annexes »); figures beyond twenty stay as digits. */
const NUMBER_WORDS = [
  'zéro',
  'une',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
  'vingt',
];

export function numberInWords(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}
