/**
 * Computes the shared diagnostic of a territory (commune, EPCI or département) against its
 * département: values summed over member communes where that is meaningful, shares recomputed
 * from counts, notable gaps with the département, time series, and notes where a published
 * total disagrees with its parts. Nothing here is protected yet: see protection.ts.
 */

import type { IsoDate } from '../shared/dates.js';
import { formatCount, formatEuros } from '../shared/money.js';
import {
  baseOfShare,
  CATALOGUE,
  type Catalogue,
  getIndicator,
  type Indicator,
  type IndicatorKind,
  isAdditive,
  type Relation,
  type SectionId,
  type ShareOf,
  shareUsesReference,
  sourceLine,
  type Unit,
} from './catalogue.js';
import { type IndicatorValue, type Territory, type ValueRow, valueMatchesKind } from './types.js';

export type Derivation = 'given' | 'sum_of_members' | 'sum_of_parts';

/** A value of one territory at one date, after sums over communes and over parts. */
export interface ResolvedValue {
  value: IndicatorValue;
  date: IsoDate;
  derivation: Derivation;
  /** The published total when the displayed value is the sum of its parts and differs from it. */
  published?: IndicatorValue;
  synthetic: boolean;
}

/** indicator id → date → value. */
export type ResolvedTable = Map<string, Map<IsoDate, ResolvedValue>>;

interface TotalDifference {
  relation: Relation;
  date: IsoDate;
  published: IndicatorValue;
  sum: IndicatorValue;
}

interface TerritoryValues {
  table: ResolvedTable;
  differences: TotalDifference[];
  /** indicator → communes whose value is missing, when an aggregate could not be summed. */
  missingMembers: Map<string, string[]>;
}

/**
 * When is a gap with the département "notable" (printed in orange in the seed)? For a share or a
 * rate: the gap exceeds `minPoints` percentage points AND `minRelativeGap` of the département's
 * figure, so that tiny shares (1.0 % vs 1.1 %) and small drifts on large shares (66 % vs 62 %) are
 * not flagged. For a mean (quotient familial): the relative gap alone. Counts and amounts are not
 * compared: a commune and a département differ in size, only proportions are comparable.
 */
export interface NotableRule {
  minPoints: number;
  minRelativeGap: number;
}

export const DEFAULT_NOTABLE_RULE: NotableRule = { minPoints: 3, minRelativeGap: 0.2 };

export type Notable = 'higher' | 'lower';

export const NOTABLE_LABELS: Record<Notable, string> = {
  higher: 'nettement supérieur',
  lower: 'nettement inférieur',
};

export interface SeriesPoint {
  date: IsoDate;
  value: IndicatorValue;
}

/** Which value a share was computed from: the cell ids of protection.ts are made from these. */
export interface ValueRef {
  territory: string;
  indicator: string;
  date: IsoDate;
}

export interface DiagnosticRow {
  section: SectionId;
  id: string;
  label: string;
  kind: IndicatorKind;
  unit: Unit;
  secret: boolean;
  shareOf: ShareOf | null;
  value: IndicatorValue | null;
  date: IsoDate | null;
  derivation: Derivation | null;
  /** "Insee RP2019", "Caf au 31/12/2022": the source line of the value's own date. */
  source: string | null;
  share: number | null;
  shareDenominator: ValueRef | null;
  referenceValue: IndicatorValue | null;
  referenceDate: IsoDate | null;
  referenceShare: number | null;
  referenceShareDenominator: ValueRef | null;
  notable: Notable | null;
  notableLabel: string | null;
  /** Every reference date of the territory's value, oldest first, when there is more than one. */
  series: SeriesPoint[];
  synthetic: boolean;
}

export interface DiagnosticSection {
  id: SectionId;
  title: string;
  rows: DiagnosticRow[];
  /** Notes imported with the section's figures ("dont 78 % en moyenne sont accompagnées"). */
  notes: string[];
}

export type NoteCode = 'total_differs' | 'incomplete_members';

export interface DiagnosticNote {
  code: NoteCode;
  territory: string;
  indicator: string;
  date: IsoDate | null;
  /** What the note is about: "Carrières-sur-Seine – Total enfants et jeunes de 6-24 ans". */
  subject: string;
  /** French sentence, e.g. "Le total publié (4 154) diffère de la somme de ses parties (4 155) : …". */
  message: string;
  /** Values the message prints; protection drops the note unless all of them are published. */
  mentions: ValueRef[];
  /** The message also prints a published total that is not itself a cell of the diagnostic. */
  printsHiddenTotal: boolean;
}

export interface Diagnostic {
  territory: Territory;
  reference: Territory;
  sections: DiagnosticSection[];
  notes: DiagnosticNote[];
  /** All resolved values, by territory code (territory, reference and their member communes). */
  tables: Map<string, ResolvedTable>;
  /** Levels of the territories present in `tables`. */
  levels: Map<string, Territory['level']>;
  notableRule: NotableRule;
  /** At least one displayed value is synthetic: the interface must say so. */
  synthetic: boolean;
  catalogue: Catalogue;
}

export interface ComputeInput {
  territory: Territory;
  /** The département the territory is compared with. */
  reference: Territory;
  values: readonly ValueRow[];
  catalogue?: Catalogue;
  /** Ignore values dated after this day (to rebuild a diagnostic as it was). */
  asOf?: IsoDate;
  notableRule?: NotableRule;
}

type Index = Map<string, Map<string, Map<IsoDate, ValueRow>>>;

function buildIndex(catalogue: Catalogue, values: readonly ValueRow[], asOf: IsoDate | undefined): Index {
  const index: Index = new Map();
  for (const row of values) {
    const indicator = getIndicator(catalogue, row.indicator);
    if (!valueMatchesKind(indicator.kind, row.value)) {
      throw new TypeError(
        `Value of ${row.indicator} for ${row.territory} does not match kind ${indicator.kind}`,
      );
    }
    if (asOf && row.date > asOf) continue;
    const byIndicator = index.get(row.territory) ?? new Map<string, Map<IsoDate, ValueRow>>();
    index.set(row.territory, byIndicator);
    const byDate = byIndicator.get(row.indicator) ?? new Map<IsoDate, ValueRow>();
    byIndicator.set(row.indicator, byDate);
    byDate.set(row.date, row);
  }
  return index;
}

function addValues(a: IndicatorValue, b: IndicatorValue): IndicatorValue {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a + b;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  throw new TypeError('Cannot add a count to an amount');
}

function directTable(index: Index, code: string): ResolvedTable {
  const table: ResolvedTable = new Map();
  for (const [indicator, byDate] of index.get(code) ?? []) {
    const resolved = new Map<IsoDate, ResolvedValue>();
    for (const [date, row] of byDate) {
      resolved.set(date, { value: row.value, date, derivation: 'given', synthetic: row.synthetic === true });
    }
    table.set(indicator, resolved);
  }
  return table;
}

/** Sums additive indicators over member communes at the dates every member has a value. */
function sumOfMembers(
  catalogue: Catalogue,
  memberTables: ReadonlyMap<string, ResolvedTable>,
  missingMembers: Map<string, string[]>,
): ResolvedTable {
  const table: ResolvedTable = new Map();
  if (memberTables.size === 0) return table;
  for (const indicator of catalogue.indicators.values()) {
    if (!isAdditive(indicator.kind)) continue;
    const dates = new Map<IsoDate, number>();
    for (const member of memberTables.values()) {
      for (const date of member.get(indicator.id)?.keys() ?? []) dates.set(date, (dates.get(date) ?? 0) + 1);
    }
    const resolved = new Map<IsoDate, ResolvedValue>();
    for (const [date, count] of dates) {
      if (count < memberTables.size) {
        const missing = [...memberTables]
          .filter(([, member]) => !member.get(indicator.id)?.has(date))
          .map(([code]) => code);
        missingMembers.set(indicator.id, missing);
        continue;
      }
      let sum: IndicatorValue = indicator.kind === 'amount' ? 0n : 0;
      let synthetic = false;
      for (const member of memberTables.values()) {
        const value = member.get(indicator.id)!.get(date)!;
        sum = addValues(sum, value.value);
        synthetic ||= value.synthetic;
      }
      resolved.set(date, { value: sum, date, derivation: 'sum_of_members', synthetic });
    }
    if (resolved.size > 0) {
      table.set(indicator.id, resolved);
      missingMembers.delete(indicator.id);
    }
  }
  return table;
}

/** Fills or checks totals from their parts, recording every disagreement for a note. */
function applyRelations(catalogue: Catalogue, table: ResolvedTable, differences: TotalDifference[]): void {
  for (const relation of catalogue.relations) {
    const totals = table.get(relation.total) ?? new Map<IsoDate, ResolvedValue>();
    const partDates = relation.parts.map((part) => table.get(part));
    const first = partDates[0];
    const completeDates = first
      ? [...first.keys()].filter((date) => partDates.every((dates) => dates?.has(date)))
      : [];
    for (const date of completeDates) {
      let sum: IndicatorValue = typeof first!.get(date)!.value === 'bigint' ? 0n : 0;
      let synthetic = false;
      for (const dates of partDates) {
        const part = dates!.get(date)!;
        sum = addValues(sum, part.value);
        synthetic ||= part.synthetic;
      }
      const published = totals.get(date);
      if (published && published.value !== sum) {
        differences.push({ relation, date, published: published.value, sum });
      }
      if (!published) {
        totals.set(date, { value: sum, date, derivation: 'sum_of_parts', synthetic });
      } else if (relation.totalRule === 'sum_of_parts') {
        totals.set(date, {
          value: sum,
          date,
          derivation: 'sum_of_parts',
          synthetic,
          ...(published.value !== sum ? { published: published.value } : {}),
        });
      }
    }
    if (totals.size > 0) table.set(relation.total, totals);
  }
}

function resolveTerritory(
  catalogue: Catalogue,
  index: Index,
  territory: Territory,
  memberTables: ReadonlyMap<string, ResolvedTable>,
): TerritoryValues {
  const differences: TotalDifference[] = [];
  const missingMembers = new Map<string, string[]>();
  const direct = directTable(index, territory.code);
  let table: ResolvedTable;
  if (territory.level === 'commune') {
    table = direct;
  } else {
    const summed = sumOfMembers(catalogue, memberTables, missingMembers);
    // An EPCI has no statistics of its own: the sum of its communes comes first. A département's
    // published figure includes allocataires with no known commune, so it comes first.
    const [first, second] = territory.level === 'epci' ? [summed, direct] : [direct, summed];
    table = new Map(second);
    for (const [indicator, dates] of first) table.set(indicator, dates);
    for (const indicator of table.keys()) missingMembers.delete(indicator);
  }
  applyRelations(catalogue, table, differences);
  return { table, differences, missingMembers };
}

function latest(dates: Iterable<IsoDate>): IsoDate | null {
  let best: IsoDate | null = null;
  for (const date of dates) if (best === null || date > best) best = date;
  return best;
}

/** Percentage with one decimal, rounded half up, computed on integers so that 0.05 never drifts. */
export function computeShare(numerator: number | bigint, denominator: number | bigint): number | null {
  const num = BigInt(numerator);
  const den = BigInt(denominator);
  if (den <= 0n || num < 0n) return null;
  const tenths = (num * 2000n + den) / (2n * den);
  return Number(tenths) / 10;
}

/**
 * The denominator's date for a numerator dated `date`: the same date when both come from the same
 * source (two censuses are never mixed), otherwise the latest one not after the numerator's.
 */
function denominatorDate(
  numerator: Indicator,
  denominator: Indicator,
  date: IsoDate,
  available: Iterable<IsoDate>,
): IsoDate | null {
  const dates = [...available];
  if (numerator.source === denominator.source) return dates.includes(date) ? date : null;
  return latest(dates.filter((d) => d <= date));
}

function shareOf(
  catalogue: Catalogue,
  numerator: Indicator,
  value: ResolvedValue,
  denominatorCode: string,
  denominatorTable: ResolvedTable,
  denominatorId: string,
): { share: number; ref: ValueRef } | null {
  const denominator = getIndicator(catalogue, denominatorId);
  if (numerator.kind !== 'count' || denominator.kind !== 'count') return null;
  const dates = denominatorTable.get(denominatorId);
  if (!dates) return null;
  const date = denominatorDate(numerator, denominator, value.date, dates.keys());
  if (!date) return null;
  const share = computeShare(value.value, dates.get(date)!.value);
  if (share === null) return null;
  return { share, ref: { territory: denominatorCode, indicator: denominatorId, date } };
}

function toNumber(value: IndicatorValue): number {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** Applies the notable rule; `pointsApply` is false for means, compared by relative gap only. */
export function notableGap(
  value: number | null,
  reference: number | null,
  rule: NotableRule,
  pointsApply: boolean,
): Notable | null {
  if (value === null || reference === null) return null;
  const gap = value - reference;
  if (gap === 0) return null;
  if (pointsApply && Math.abs(gap) <= rule.minPoints) return null;
  const relative = reference === 0 ? Number.POSITIVE_INFINITY : Math.abs(gap) / Math.abs(reference);
  if (relative <= rule.minRelativeGap) return null;
  return gap > 0 ? 'higher' : 'lower';
}

function formatValue(indicator: Indicator, value: IndicatorValue): string {
  if (typeof value === 'bigint') return formatEuros(value);
  if (indicator.kind === 'count') return formatCount(value);
  return String(value).replace('.', ',');
}

function differenceNote(
  catalogue: Catalogue,
  territory: Territory,
  difference: TotalDifference,
): DiagnosticNote {
  const { relation, date, published, sum } = difference;
  const total = getIndicator(catalogue, relation.total);
  const shown = relation.totalRule === 'sum_of_parts' ? sum : published;
  return {
    code: 'total_differs',
    territory: territory.code,
    indicator: relation.total,
    date,
    subject: `${territory.name} – ${total.label}`,
    message:
      `Le total publié (${formatValue(total, published)}) diffère de la somme de ses parties ` +
      `(${formatValue(total, sum)}) : ${relation.differenceReason}`,
    mentions: [
      ...(shown === published ? [{ territory: territory.code, indicator: relation.total, date }] : []),
      ...relation.parts.map((indicator) => ({ territory: territory.code, indicator, date })),
    ],
    printsHiddenTotal: shown !== published,
  };
}

function missingMembersNote(
  catalogue: Catalogue,
  territory: Territory,
  indicator: string,
  missing: string[],
): DiagnosticNote {
  const shown = missing.slice(0, 10).join(', ');
  const more = missing.length > 10 ? ` et ${missing.length - 10} autre(s)` : '';
  return {
    code: 'incomplete_members',
    territory: territory.code,
    indicator,
    date: null,
    subject: `${territory.name} – ${getIndicator(catalogue, indicator).label}`,
    message: `Valeur non calculée : données absentes pour ${missing.length} commune(s) membre(s) (${shown}${more}).`,
    mentions: [],
    printsHiddenTotal: false,
  };
}

function memberTablesOf(
  catalogue: Catalogue,
  index: Index,
  territory: Territory,
  tables: Map<string, ResolvedTable>,
  levels: Map<string, Territory['level']>,
): Map<string, ResolvedTable> {
  const members = new Map<string, ResolvedTable>();
  if (territory.level === 'commune') return members;
  for (const code of territory.members ?? []) {
    const member = resolveTerritory(catalogue, index, { code, name: code, level: 'commune' }, new Map());
    members.set(code, member.table);
    tables.set(code, member.table);
    levels.set(code, 'commune');
  }
  return members;
}

export function computeDiagnostic(input: ComputeInput): Diagnostic {
  const catalogue = input.catalogue ?? CATALOGUE;
  const rule = input.notableRule ?? DEFAULT_NOTABLE_RULE;
  const { territory, reference } = input;
  const index = buildIndex(catalogue, input.values, input.asOf);
  const tables = new Map<string, ResolvedTable>();
  const levels = new Map<string, Territory['level']>();

  const own = resolveTerritory(
    catalogue,
    index,
    territory,
    memberTablesOf(catalogue, index, territory, tables, levels),
  );
  const ref = resolveTerritory(
    catalogue,
    index,
    reference,
    memberTablesOf(catalogue, index, reference, tables, levels),
  );
  tables.set(territory.code, own.table);
  levels.set(territory.code, territory.level);
  tables.set(reference.code, ref.table);
  levels.set(reference.code, reference.level);

  let synthetic = false;
  const sections: DiagnosticSection[] = catalogue.sections.map((section) => ({
    id: section.id,
    title: section.title,
    rows: section.rows.map((sectionRow): DiagnosticRow => {
      const indicator = getIndicator(catalogue, sectionRow.indicator);
      const dates = own.table.get(indicator.id);
      const date = dates ? latest(dates.keys()) : null;
      const value = date ? dates!.get(date)! : null;
      const refDates = ref.table.get(indicator.id);
      const refDate = date ? (refDates?.has(date) ? date : null) : refDates ? latest(refDates.keys()) : null;
      const refValue = refDate ? refDates!.get(refDate)! : null;

      let share: ReturnType<typeof shareOf> = null;
      let referenceShare: ReturnType<typeof shareOf> = null;
      if (sectionRow.shareOf) {
        const base = baseOfShare(sectionRow.shareOf);
        const [denCode, denTable] = shareUsesReference(sectionRow.shareOf)
          ? [reference.code, ref.table]
          : [territory.code, own.table];
        if (value) share = shareOf(catalogue, indicator, value, denCode, denTable, base);
        if (refValue)
          referenceShare = shareOf(catalogue, indicator, refValue, reference.code, ref.table, base);
      }

      let notable: Notable | null = null;
      if (
        sectionRow.shareOf &&
        !shareUsesReference(sectionRow.shareOf) &&
        baseOfShare(sectionRow.shareOf) !== indicator.id
      ) {
        notable = notableGap(share?.share ?? null, referenceShare?.share ?? null, rule, true);
      } else if (indicator.kind === 'rate' || indicator.kind === 'mean') {
        notable = notableGap(
          value ? toNumber(value.value) : null,
          refValue ? toNumber(refValue.value) : null,
          rule,
          indicator.kind === 'rate',
        );
      }
      const series =
        dates && dates.size > 1
          ? [...dates.values()]
              .sort((a, b) => (a.date < b.date ? -1 : 1))
              .map((point) => ({ date: point.date, value: point.value }))
          : [];
      const rowSynthetic = value?.synthetic === true || refValue?.synthetic === true;
      synthetic ||= rowSynthetic;
      return {
        section: section.id,
        id: indicator.id,
        label: sectionRow.label ?? indicator.label,
        kind: indicator.kind,
        unit: indicator.unit,
        secret: indicator.secret,
        shareOf: sectionRow.shareOf ?? null,
        value: value?.value ?? null,
        date: value?.date ?? null,
        derivation: value?.derivation ?? null,
        source: value ? sourceLine(indicator.source, value.date) : null,
        share: share?.share ?? null,
        shareDenominator: share?.ref ?? null,
        referenceValue: refValue?.value ?? null,
        referenceDate: refValue?.date ?? null,
        referenceShare: referenceShare?.share ?? null,
        referenceShareDenominator: referenceShare?.ref ?? null,
        notable,
        notableLabel: notable ? NOTABLE_LABELS[notable] : null,
        series,
        synthetic: rowSynthetic,
      };
    }),
    notes: [],
  }));

  const notes: DiagnosticNote[] = [];
  for (const [who, values] of [
    [territory, own],
    [reference, ref],
  ] as const) {
    const shownDates = new Map<string, IsoDate | null>();
    for (const section of sections) {
      for (const row of section.rows) {
        if (!shownDates.has(row.id)) shownDates.set(row.id, who === territory ? row.date : row.referenceDate);
      }
    }
    for (const difference of values.differences) {
      // Only the totals at the dates actually shown deserve a note; older years stay in the series.
      if (shownDates.get(difference.relation.total) !== difference.date) continue;
      notes.push(differenceNote(catalogue, who, difference));
    }
    for (const [indicator, missing] of values.missingMembers) {
      if (shownDates.has(indicator)) notes.push(missingMembersNote(catalogue, who, indicator, missing));
    }
  }

  return { territory, reference, sections, notes, tables, levels, notableRule: rule, synthetic, catalogue };
}

/** The row of a section, for tests and presenters. */
export function findRow(diagnostic: Diagnostic, section: SectionId, id: string): DiagnosticRow {
  const found = diagnostic.sections.find((s) => s.id === section)?.rows.find((r) => r.id === id);
  if (!found) throw new Error(`No row ${section}/${id}`);
  return found;
}
