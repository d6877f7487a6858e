/**
 * The project of the territory (articles 1 to 4 and 9, annexe 2 of a convention): the needs found on
 * the territory, the shared objectives under the Caf's four missions, the engagements of each party,
 * and the action plan (axes → fiches actions → sous-actions) with its budgets and indicators.
 * Everything is stored as codes; French labels live in `labels.ts`. Money is integer cents
 * (`bigint`); a full-time equivalent is stored in hundredths (0,5 ETP = 50). Dates are `YYYY-MM-DD`.
 * A plan hangs on one convention (its id is the convention's); the territory's CLI resolves a
 * territory code to its current convention.
 */

import type { IsoDate } from '../shared/dates.js';
import type { Cents } from '../shared/money.js';

/** The Caf's four missions, under which shared objectives are grouped (article 4). */
export const MISSIONS = ['conciliation', 'parentality', 'insertion', 'living_environment'] as const;
export type Mission = (typeof MISSIONS)[number];

/** The local authority's domains of action (article 3). */
export const DOMAINS = [
  'early_childhood',
  'childhood_youth',
  'disability',
  'parenting',
  'insertion_rights',
  'social_life',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** Status of a fiche or sous-action. `late` may also be computed (see rules.ts `isLate`). */
export const FICHE_STATUSES = [
  'planned',
  'in_progress',
  'done',
  'paused',
  'blocked',
  'abandoned',
  'late',
] as const;
export type FicheStatus = (typeof FICHE_STATUSES)[number];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The inhabitants' participation (annexes 4 and 5 of the seed ask for it). */
export const PARTICIPATION_LEVELS = [
  'none',
  'information',
  'consultation',
  'concertation',
  'co_construction',
] as const;
export type ParticipationLevel = (typeof PARTICIPATION_LEVELS)[number];

/** Who a fiche is for. */
export const PUBLICS = [
  'families',
  'children_0_3',
  'children_3_6',
  'children_6_11',
  'children_11_17',
  'young_18_25',
  'parents',
  'professionals',
  'seniors',
  'disabled_people',
  'all_inhabitants',
] as const;
export type Public = (typeof PUBLICS)[number];

/** The theme of a fiche: the domains of article 3, plus the cross-cutting ones. */
export const THEMES = [...DOMAINS, 'housing', 'access_to_rights', 'ecological_transition', 'other'] as const;
export type Theme = (typeof THEMES)[number];

export const BUDGET_NATURES = ['investment', 'operating'] as const;
export type BudgetNature = (typeof BUDGET_NATURES)[number];
/** `eur`: amount in cents; `fte`: full-time equivalents in hundredths. */
export const BUDGET_UNITS = ['eur', 'fte'] as const;
export type BudgetUnit = (typeof BUDGET_UNITS)[number];
export const BUDGET_STAGES = ['planned', 'actual'] as const;
export type BudgetStage = (typeof BUDGET_STAGES)[number];

export const INDICATOR_VALUE_KINDS = ['target', 'result'] as const;
export type IndicatorValueKind = (typeof INDICATOR_VALUE_KINDS)[number];

// ─── The project: needs, objectives, engagements (articles 1 to 4) ────────────────────────────────

/** A row of the published diagnostic cited as evidence, with its figures as published then. */
export interface DiagnosticEvidence {
  /** The diagnostic indicator's id in the catalogue (`eaje_places` …). */
  indicatorId: string;
  /** Its label as published. */
  label: string;
  /** The published, protected value as shown ("s" for a blanked cell), never a raw secret value. */
  value: string;
  /** The year of the figure. */
  year: number | null;
}

export interface Need {
  id: string;
  title: string;
  description: string;
  evidence: DiagnosticEvidence[];
  /** Where the finding comes from (a survey, a steering committee, the diagnostic …). */
  source: string;
}

export interface Objective {
  id: string;
  mission: Mission;
  title: string;
  /** Ids of the needs it answers. */
  needIds: string[];
}

/** One of the Caf's priorities for the territory (article 2). */
export interface CafPriority {
  id: string;
  text: string;
}

/** One of the local authority's actions, by domain, with its structures and partners (article 3). */
export interface LocalAction {
  id: string;
  domain: Domain;
  text: string;
}

/** The structures and partners the local authority names for a domain (article 3). */
export interface DomainResources {
  domain: Domain;
  structures: string[];
  partners: string[];
}

export interface Project {
  needs: Need[];
  objectives: Objective[];
  cafPriorities: CafPriority[];
  localActions: LocalAction[];
  domainResources: DomainResources[];
}

// ─── The action plan (annexe 2) ──────────────────────────────────────────────────────────────────

export interface Axe {
  id: string;
  /** Order in the plan, from 1. */
  position: number;
  title: string;
  description: string;
}

/** A pilot: an account of the platform (who may then edit the fiche) or a named person. */
export type Pilot = { kind: 'account'; userId: string; name: string } | { kind: 'person'; name: string };

export interface CoFunder {
  /** The organisation's name (Caf, Département, commune, État …). */
  name: string;
  /** In the line's unit (cents, or hundredths of FTE). */
  amount: Cents;
}

export interface BudgetLine {
  year: number;
  nature: BudgetNature;
  unit: BudgetUnit;
  stage: BudgetStage;
  /** Cents for `eur`, hundredths for `fte`. */
  amount: Cents;
  coFunders: CoFunder[];
}

export interface FollowUpNote {
  id: string;
  date: IsoDate;
  text: string;
  /** Account id of the author (names are joined when read), null for an import. */
  authorId: string | null;
}

/** What a fiche or a sous-action holds, apart from its place in the plan. */
export interface FicheFields {
  title: string;
  description: string;
  status: FicheStatus;
  priority: Priority | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  /** « Reconduite chaque année »: no end date, runs every year of the convention. */
  recurring: boolean;
  pilots: Pilot[];
  budget: BudgetLine[];
}

export interface Fiche extends FicheFields {
  id: string;
  axeId: string;
  /** Number within the plan (`1.2` is shown from the axe's position and this). */
  position: number;
  theme: Theme | null;
  publics: Public[];
  objectiveIds: string[];
  electedReferent: string;
  /** Partner organisations, by name. */
  partners: string[];
  humanMeans: string;
  technicalMeans: string;
  participation: ParticipationLevel;
  evaluationCriteria: string[];
  notes: FollowUpNote[];
  /** Ids of other fiches it is linked to. */
  linkedFicheIds: string[];
  confidential: boolean;
  subActions: SubAction[];
  /** Incremented by every save; a save names the version it read (409 otherwise). */
  version: number;
  updatedAt: string;
}

export interface SubAction extends FicheFields {
  id: string;
  position: number;
}

// ─── Indicators (article 9) ──────────────────────────────────────────────────────────────────────

export interface IndicatorValue {
  year: number;
  kind: IndicatorValueKind;
  /** A decimal number as text with a dot (`12`, `0.35`): exact, never a float in storage. */
  value: string;
  comment: string;
}

/**
 * A diagnostic row's figure as the diagnostic published it when an indicator was linked to it: what
 * the partners agreed to follow. Text only, exactly as published (« s » for a blanked cell).
 */
export interface PublishedFigure {
  /** The row's label as published. */
  label: string;
  /** The value as printed, with its share when published (« 45 (12,5 % du département) », « s »). */
  value: string;
  year: number | null;
  /** As the diagnostic names it: « Diagnostic partagé (CAFDATA s_ben_com_f) ». */
  source: string;
}

export interface Indicator {
  id: string;
  /** Attached to a fiche or to an objective (one of the two). */
  ficheId: string | null;
  objectiveId: string | null;
  title: string;
  unit: string;
  baselineValue: string | null;
  baselineDate: IsoDate | null;
  source: string;
  comment: string;
  /** When it is a row of the diagnostic: its indicator id (figures shown are the published ones). */
  diagnosticIndicatorId: string | null;
  /** The linked row's figure as published when linked; null when not linked or not read (an import). */
  diagnosticFigure: PublishedFigure | null;
  values: IndicatorValue[];
}

// ─── The plan ────────────────────────────────────────────────────────────────────────────────────

export interface PlanValidation {
  date: IsoDate;
  /** Account id of the Caf agent who validated. */
  byUserId: string | null;
  byName: string;
}

export interface Plan {
  conventionId: string;
  project: Project;
  axes: Axe[];
  fiches: Fiche[];
  indicators: Indicator[];
  /** The Caf's validation of the plan, if given (and not withdrawn by a later change). */
  validation: PlanValidation | null;
  /** Version of the project part (needs, objectives, engagements, axes). */
  version: number;
}

export const EMPTY_PROJECT: Project = {
  needs: [],
  objectives: [],
  cafPriorities: [],
  localActions: [],
  domainResources: [],
};
