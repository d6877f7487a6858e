/**
 * The action plan's rules, pure: lateness, what a fiche lacks, the plan's progress, the filters and
 * groupings of the views, budget totals, references (`1.2`, `1.2.1`) and what a reader may see.
 * Today's date is always passed in. Totals are integers (bigint cents, hundredths of FTE, counts);
 * a share is a ratio of integers, formatted as a French percentage only at the edge.
 *
 * Status transitions: none is enforced. Any status may follow any other (a fiche paused, then
 * resumed; an abandoned fiche taken up again); the convention asks for no justification of a
 * change, and the follow-up notes are where one is written.
 */
import { addDays, compareDates, type IsoDate, parseIsoDate } from '../shared/dates.js';
import type { Cents } from '../shared/money.js';
import { FICHE_STATUS_LABELS } from './labels.js';
import {
  type Axe,
  BUDGET_NATURES,
  BUDGET_STAGES,
  BUDGET_UNITS,
  type BudgetNature,
  type BudgetStage,
  type BudgetUnit,
  FICHE_STATUSES,
  type Fiche,
  type FicheFields,
  type FicheStatus,
  type Objective,
  type Plan,
  type Public,
  type SubAction,
  type Theme,
} from './model.js';

// ─── Lateness and status ──────────────────────────────────────────────────────────────────────────

/** Statuses after which a fiche can no longer be late. */
const CLOSED: readonly FicheStatus[] = ['done', 'abandoned'];

/**
 * Late: stored as `late`, or its end date is before today while it is neither done nor abandoned.
 * On its end date itself a fiche is not yet late. A recurring fiche (no end date) is never late by
 * its dates. Works for a sub-action as well.
 */
export function isLate(fiche: FicheFields, today: IsoDate): boolean {
  if (fiche.status === 'late') return true;
  if (CLOSED.includes(fiche.status)) return false;
  if (fiche.recurring || fiche.endDate === null) return false;
  return compareDates(fiche.endDate, today) < 0;
}

/** The status shown: `late` when late (computed or stored), the stored status otherwise. */
export function effectiveStatus(fiche: FicheFields, today: IsoDate): FicheStatus {
  return isLate(fiche, today) ? 'late' : fiche.status;
}

// ─── What a fiche lacks ───────────────────────────────────────────────────────────────────────────

export const MISSING_CODES = [
  'no_pilot',
  'no_indicator',
  'no_budget',
  'no_note_this_year',
  'no_evaluation_criterion',
] as const;
export type MissingCode = (typeof MISSING_CODES)[number];

export const MISSING_LABELS: Record<MissingCode, string> = {
  no_pilot: 'Aucun pilote',
  no_indicator: 'Aucun indicateur',
  no_budget: 'Aucun budget',
  no_note_this_year: 'Aucune note de suivi cette année',
  no_evaluation_criterion: 'Aucun critère d’évaluation',
};

export interface Missing {
  code: MissingCode;
  label: string;
}

function hasIndicator(fiche: Fiche, plan: Pick<Plan, 'indicators'>): boolean {
  return plan.indicators.some((indicator) => indicator.ficheId === fiche.id);
}

/** A budget line of the fiche or of one of its sub-actions. */
function hasBudget(fiche: Fiche): boolean {
  return fiche.budget.length > 0 || fiche.subActions.some((sub) => sub.budget.length > 0);
}

function hasNoteInYear(fiche: Fiche, year: number): boolean {
  return fiche.notes.some((note) => parseIsoDate(note.date).year === year);
}

/**
 * What the fiche lacks, in the order of MISSING_CODES: no pilot of its own, no indicator attached to
 * it, no budget line (its sub-actions' lines count), no follow-up note dated in today's calendar
 * year, no evaluation criterion that is more than blanks.
 */
export function missingOf(fiche: Fiche, plan: Pick<Plan, 'indicators'>, today: IsoDate): Missing[] {
  const lacks: Record<MissingCode, boolean> = {
    no_pilot: fiche.pilots.length === 0,
    no_indicator: !hasIndicator(fiche, plan),
    no_budget: !hasBudget(fiche),
    no_note_this_year: !hasNoteInYear(fiche, parseIsoDate(today).year),
    no_evaluation_criterion: !fiche.evaluationCriteria.some((c) => c.trim() !== ''),
  };
  return MISSING_CODES.filter((code) => lacks[code]).map((code) => ({ code, label: MISSING_LABELS[code] }));
}

// ─── Progress ─────────────────────────────────────────────────────────────────────────────────────

/** A share as a ratio of integers; `denominator` 0 when there is nothing to divide. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface PlanProgress {
  /** Number of fiches (sub-actions are not counted). */
  total: number;
  done: number;
  abandoned: number;
  /** Done among the fiches that are not abandoned: an abandoned fiche is not left to do. */
  doneShare: Ratio;
  /** The same share in thousandths, rounded half up; null when no fiche is left to count. */
  donePerMille: number | null;
  late: number;
  /** Count by the status shown (late computed), every status present, in FICHE_STATUSES order. */
  byStatus: Record<FicheStatus, number>;
}

/** `numerator / denominator` in thousandths, rounded half up; null when the denominator is 0. */
export function perMille(ratio: Ratio): number | null {
  if (ratio.denominator === 0) return null;
  return Math.floor((ratio.numerator * 2000 + ratio.denominator) / (ratio.denominator * 2));
}

export function planProgress(plan: Pick<Plan, 'fiches'>, today: IsoDate): PlanProgress {
  const byStatus = Object.fromEntries(FICHE_STATUSES.map((s) => [s, 0])) as Record<FicheStatus, number>;
  let done = 0;
  let abandoned = 0;
  for (const fiche of plan.fiches) {
    byStatus[effectiveStatus(fiche, today)] += 1;
    // A fiche stored `late` is not done; done and abandoned are read from the stored status.
    if (fiche.status === 'done') done += 1;
    if (fiche.status === 'abandoned') abandoned += 1;
  }
  const doneShare = { numerator: done, denominator: plan.fiches.length - abandoned };
  return {
    total: plan.fiches.length,
    done,
    abandoned,
    doneShare,
    donePerMille: perMille(doneShare),
    late: byStatus.late,
    byStatus,
  };
}

/** "42 %", "42,5 %" (one decimal at most, no-break space before %), "—" when there is none. */
export function formatPerMille(value: number | null): string {
  if (value === null) return '—';
  const whole = Math.trunc(value / 10);
  const tenth = Math.abs(value % 10);
  return `${whole}${tenth === 0 ? '' : `,${tenth}`}\u00a0%`;
}

// ─── References and order ─────────────────────────────────────────────────────────────────────────

function axePosition(axes: readonly Axe[], axeId: string): number | null {
  return axes.find((axe) => axe.id === axeId)?.position ?? null;
}

/** `1.2` for the fiche at position 2 of the axe at position 1 (`?.2` when its axe is unknown). */
export function ficheReference(axes: readonly Axe[], fiche: Pick<Fiche, 'axeId' | 'position'>): string {
  return `${axePosition(axes, fiche.axeId) ?? '?'}.${fiche.position}`;
}

/** `1.2.1` for the first sub-action of fiche `1.2`. */
export function subActionReference(
  axes: readonly Axe[],
  fiche: Pick<Fiche, 'axeId' | 'position'>,
  sub: Pick<SubAction, 'position'>,
): string {
  return `${ficheReference(axes, fiche)}.${sub.position}`;
}

/** The plan's order: by axe position, then fiche position (unknown axes last). */
export function compareFiches(axes: readonly Axe[]) {
  return (a: Fiche, b: Fiche): number => {
    const pa = axePosition(axes, a.axeId) ?? Number.MAX_SAFE_INTEGER;
    const pb = axePosition(axes, b.axeId) ?? Number.MAX_SAFE_INTEGER;
    return pa - pb || a.position - b.position;
  };
}

function inPlanOrder(plan: Pick<Plan, 'axes'>, fiches: readonly Fiche[]): Fiche[] {
  return [...fiches].sort(compareFiches(plan.axes));
}

// ─── Filters ──────────────────────────────────────────────────────────────────────────────────────

export const DEFAULT_RECENT_NOTE_DAYS = 180;

export interface FicheFilter {
  /** Statuses shown (late computed): an `in_progress` fiche past its end date is `late`. */
  statuses?: readonly FicheStatus[];
  themes?: readonly Theme[];
  /** An account id (exact), or part of a pilot's name (case and accents ignored). */
  pilot?: string;
  /** Fiches for at least one of these publics. */
  publics?: readonly Public[];
  /** true: late ones only; false: those not late. */
  late?: boolean;
  withoutPilot?: boolean;
  withoutIndicator?: boolean;
  /** No follow-up note dated in the last `recentNoteDays` days (today included). */
  withoutRecentNote?: boolean;
  /** Defaults to DEFAULT_RECENT_NOTE_DAYS. */
  recentNoteDays?: number;
}

/** Lower case without accents, for matching names typed by people. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

function matchesPilot(fiche: Fiche, query: string): boolean {
  const wanted = foldForSearch(query);
  if (wanted === '') return true;
  return fiche.pilots.some(
    (pilot) =>
      (pilot.kind === 'account' && pilot.userId === query.trim()) ||
      foldForSearch(pilot.name).includes(wanted),
  );
}

/** A note dated from `today - days` to today (a note dated later counts as recent too). */
export function hasRecentNote(fiche: Fiche, today: IsoDate, days = DEFAULT_RECENT_NOTE_DAYS): boolean {
  const since = addDays(today, -days);
  return fiche.notes.some((note) => compareDates(note.date, since) >= 0);
}

/** The plan's fiches that pass every criterion given, in the plan's order. */
export function filterFiches(
  plan: Pick<Plan, 'axes' | 'fiches' | 'indicators'>,
  filter: FicheFilter,
  today: IsoDate,
): Fiche[] {
  const days = filter.recentNoteDays ?? DEFAULT_RECENT_NOTE_DAYS;
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`Nombre de jours invalide pour les notes récentes : « ${days} »`);
  }
  const kept = plan.fiches.filter((fiche) => {
    if (filter.statuses?.length && !filter.statuses.includes(effectiveStatus(fiche, today))) return false;
    if (filter.themes?.length && (fiche.theme === null || !filter.themes.includes(fiche.theme))) return false;
    if (filter.pilot !== undefined && !matchesPilot(fiche, filter.pilot)) return false;
    if (filter.publics?.length && !fiche.publics.some((p) => filter.publics!.includes(p))) return false;
    if (filter.late !== undefined && isLate(fiche, today) !== filter.late) return false;
    if (filter.withoutPilot && fiche.pilots.length > 0) return false;
    if (filter.withoutIndicator && hasIndicator(fiche, plan)) return false;
    if (filter.withoutRecentNote && hasRecentNote(fiche, today, days)) return false;
    return true;
  });
  return inPlanOrder(plan, kept);
}

// ─── Groupings for the views ──────────────────────────────────────────────────────────────────────

export interface StatusGroup {
  status: FicheStatus;
  label: string;
  fiches: Fiche[];
}

/** One group per status, in FICHE_STATUSES order, empty ones included; late computed. */
export function groupByStatus(
  plan: Pick<Plan, 'axes'>,
  fiches: readonly Fiche[],
  today: IsoDate,
): StatusGroup[] {
  const ordered = inPlanOrder(plan, fiches);
  return FICHE_STATUSES.map((status) => ({
    status,
    label: FICHE_STATUS_LABELS[status],
    fiches: ordered.filter((fiche) => effectiveStatus(fiche, today) === status),
  }));
}

export interface ObjectiveGroup {
  /** null: the fiches serving no objective of the plan. */
  objective: Objective | null;
  fiches: Fiche[];
}

/**
 * One group per objective of the project, in its order (a fiche serving several is in each), then
 * the fiches serving none (or only objectives no longer in the project), when there are any.
 */
export function groupByObjective(
  plan: Pick<Plan, 'axes' | 'project'>,
  fiches: readonly Fiche[],
): ObjectiveGroup[] {
  const ordered = inPlanOrder(plan, fiches);
  const known = new Set(plan.project.objectives.map((o) => o.id));
  const groups: ObjectiveGroup[] = plan.project.objectives.map((objective) => ({
    objective,
    fiches: ordered.filter((fiche) => fiche.objectiveIds.includes(objective.id)),
  }));
  const none = ordered.filter((fiche) => !fiche.objectiveIds.some((id) => known.has(id)));
  if (none.length > 0) groups.push({ objective: null, fiches: none });
  return groups;
}

// ─── Budget totals ────────────────────────────────────────────────────────────────────────────────

export interface BudgetTotal {
  year: number;
  nature: BudgetNature;
  stage: BudgetStage;
  unit: BudgetUnit;
  /** Cents for `eur`, hundredths for `fte`. */
  amount: Cents;
}

export interface CoFunderTotal {
  /** The name as first written (names are matched ignoring case, accents and spaces around). */
  name: string;
  stage: BudgetStage;
  unit: BudgetUnit;
  amount: Cents;
}

export interface BudgetOptions {
  /** Count the sub-actions' budget lines with their fiche's (default true). */
  withSubActions?: boolean;
}

function budgetLines(fiches: readonly Fiche[], options: BudgetOptions) {
  const withSubs = options.withSubActions ?? true;
  return fiches.flatMap((fiche) => [
    ...fiche.budget,
    ...(withSubs ? fiche.subActions.flatMap((sub) => sub.budget) : []),
  ]);
}

const order =
  <T>(list: readonly T[]) =>
  (a: T, b: T) =>
    list.indexOf(a) - list.indexOf(b);

/** Totals by year, nature, stage and unit, sorted in that order; no row for a combination absent. */
export function budgetTotals(fiches: readonly Fiche[], options: BudgetOptions = {}): BudgetTotal[] {
  const totals = new Map<string, BudgetTotal>();
  for (const line of budgetLines(fiches, options)) {
    const key = `${line.year}|${line.nature}|${line.stage}|${line.unit}`;
    const total = totals.get(key);
    if (total) total.amount += line.amount;
    else
      totals.set(key, {
        year: line.year,
        nature: line.nature,
        stage: line.stage,
        unit: line.unit,
        amount: line.amount,
      });
  }
  return [...totals.values()].sort(
    (a, b) =>
      a.year - b.year ||
      order(BUDGET_NATURES)(a.nature, b.nature) ||
      order(BUDGET_STAGES)(a.stage, b.stage) ||
      order(BUDGET_UNITS)(a.unit, b.unit),
  );
}

/** Sum of the totals of one unit and stage (all years and natures). */
export function budgetSum(totals: readonly BudgetTotal[], unit: BudgetUnit, stage: BudgetStage): Cents {
  let sum = 0n;
  for (const t of totals) if (t.unit === unit && t.stage === stage) sum += t.amount;
  return sum;
}

/** Made once: a collator per call builds ICU objects outside the JavaScript heap (see shared/dates.ts). */
const funderNames = new Intl.Collator('fr', { sensitivity: 'base' });

/** What each co-funder brings, by stage and unit, sorted by name (French order), then stage, unit. */
export function coFunderTotals(fiches: readonly Fiche[], options: BudgetOptions = {}): CoFunderTotal[] {
  const totals = new Map<string, CoFunderTotal>();
  for (const line of budgetLines(fiches, options)) {
    for (const funder of line.coFunders) {
      const key = `${foldForSearch(funder.name)}|${line.stage}|${line.unit}`;
      const total = totals.get(key);
      if (total) total.amount += funder.amount;
      else
        totals.set(key, {
          name: funder.name.trim(),
          stage: line.stage,
          unit: line.unit,
          amount: funder.amount,
        });
    }
  }
  return [...totals.values()].sort(
    (a, b) =>
      funderNames.compare(a.name, b.name) ||
      order(BUDGET_STAGES)(a.stage, b.stage) ||
      order(BUDGET_UNITS)(a.unit, b.unit),
  );
}

// ─── Confidentiality ──────────────────────────────────────────────────────────────────────────────

export interface Readership {
  /** The reader may read the fiches marked confidential (the right `plan.read_confidential`). */
  mayReadConfidential: boolean;
  /** The reader's account: a pilot of a confidential fiche (or of one of its sub-actions) sees it. */
  userId?: string | null;
}

/** Whether the account pilots the fiche or one of its sous-actions (what a pilot's rights rest on). */
export function pilotedBy(fiche: Pick<Fiche, 'pilots' | 'subActions'>, userId: string): boolean {
  const among = (list: Fiche['pilots']) => list.some((p) => p.kind === 'account' && p.userId === userId);
  return among(fiche.pilots) || fiche.subActions.some((sub) => among(sub.pilots));
}

/** Whether the reader may see the fiche: not confidential, or the reader may, or pilots it. */
export function maySeeFiche(fiche: Fiche, reader: Readership): boolean {
  if (!fiche.confidential || reader.mayReadConfidential) return true;
  return reader.userId != null && pilotedBy(fiche, reader.userId);
}

export function visibleFiches(plan: Pick<Plan, 'fiches'>, reader: Readership): Fiche[] {
  return plan.fiches.filter((fiche) => maySeeFiche(fiche, reader));
}

/**
 * The plan as the reader may see it: without the confidential fiches they may not read, nor the
 * indicators attached to those, nor the links pointing at them (the same plan when nothing is hidden).
 */
export function visiblePlan(plan: Plan, reader: Readership): Plan {
  const fiches = visibleFiches(plan, reader);
  if (fiches.length === plan.fiches.length) return plan;
  const kept = new Set(fiches.map((f) => f.id));
  return {
    ...plan,
    fiches: fiches.map((fiche) => ({
      ...fiche,
      linkedFicheIds: fiche.linkedFicheIds.filter((id) => kept.has(id)),
    })),
    indicators: plan.indicators.filter((i) => i.ficheId === null || kept.has(i.ficheId)),
  };
}
