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
import {
  type GivenShareRow,
  type IndicatorValue,
  type Territory,
  type ValueRow,
  valueMatchesKind,
} from './types.js';

export type Derivation = 'given' | 'sum_of_members' | 'sum_of_parts';

/** A value of one territory at one date, after sums over communes and over parts. */
export interface ResolvedValue {
  /** null when unknown: withheld by the source, or a sum that includes such a figure. */
  value: IndicatorValue | null;
  date: IsoDate;
  derivation: Derivation;
  /** The published total when the displayed value is the sum of its parts and differs from it. */
  published?: IndicatorValue;
  synthetic: boolean;
  /** Note the source printed with the figure. */
  note?: string;
}

/** indicator id → date → value. */
export type ResolvedTable = Map<string, Map<IsoDate, ResolvedValue>>;

/** How many member communes of an EPCI (or of a département) have figures. */
export interface MemberCoverage {
  total: number;
  withFigures: number;
}

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
  coverage: MemberCoverage | null;
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
  /** null: withheld by the source. */
  value: IndicatorValue | null;
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
  /** The territory's figure exists but is unknown (withheld by its source): shown as secret. */
  unknown: boolean;
  date: IsoDate | null;
  derivation: Derivation | null;
  /** "Insee RP2019", "Caf au 31/12/2022": the source line of the value's own date. */
  source: string | null;
  share: number | null;
  shareDenominator: ValueRef | null;
  /** The share is a percentage the source printed without its count (see GivenShareRow). */
  shareGiven: boolean;
  referenceValue: IndicatorValue | null;
  referenceUnknown: boolean;
  referenceDate: IsoDate | null;
  referenceDerivation: Derivation | null;
  referenceShare: number | null;
  referenceShareDenominator: ValueRef | null;
  referenceShareGiven: boolean;
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
  /** Notes printed under the table: what sources said of its figures, how its columns were made. */
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
  /** For an EPCI or a département: how many of its communes have figures ("12 communes sur 19"). */
  coverage: MemberCoverage | null;
}

export interface ComputeInput {
  territory: Territory;
  /** The département the territory is compared with. */
  reference: Territory;
  values: readonly ValueRow[];
  /** Percentages printed without their count; used only where no count exists. */
  givenShares?: readonly GivenShareRow[];
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

/** A sum with an unknown term is unknown. */
function addValues(a: IndicatorValue | null, b: IndicatorValue | null): IndicatorValue | null {
  if (a === null || b === null) return null;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a + b;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  throw new TypeError('Cannot add a count to an amount');
}

function directTable(index: Index, code: string): ResolvedTable {
  const table: ResolvedTable = new Map();
  for (const [indicator, byDate] of index.get(code) ?? []) {
    const resolved = new Map<IsoDate, ResolvedValue>();
    for (const [date, row] of byDate) {
      resolved.set(date, {
        value: row.value,
        date,
        derivation: row.summedFromMembers ? 'sum_of_members' : 'given',
        synthetic: row.synthetic === true,
        ...(row.note ? { note: row.note } : {}),
      });
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
      let sum: IndicatorValue | null = indicator.kind === 'amount' ? 0n : 0;
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
      const kind = getIndicator(catalogue, relation.parts[0]!).kind;
      let sum: IndicatorValue | null = kind === 'amount' || kind === 'mean' ? 0n : 0;
      let synthetic = false;
      for (const dates of partDates) {
        const part = dates!.get(date)!;
        sum = addValues(sum, part.value);
        synthetic ||= part.synthetic;
      }
      const published = totals.get(date);
      // With an unknown part the sum is unknown: a published total stays, and is not checked.
      if (published && sum === null) continue;
      if (published && published.value !== null && published.value !== sum) {
        differences.push({ relation, date, published: published.value, sum: sum! });
      }
      if (!published) {
        totals.set(date, { value: sum, date, derivation: 'sum_of_parts', synthetic });
      } else if (published.value !== null && relation.totalRule === 'sum_of_parts') {
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
  let coverage: MemberCoverage | null = null;
  if (territory.level === 'commune') {
    table = direct;
  } else {
    coverage = {
      total: memberTables.size,
      withFigures: [...memberTables.values()].filter((member) => member.size > 0).length,
    };
    const summed = sumOfMembers(catalogue, memberTables, missingMembers);
    // An EPCI has no statistics of its own: the sum of its communes comes first. A département's
    // published figure includes allocataires with no known commune, so it comes first.
    const [first, second] = territory.level === 'epci' ? [summed, direct] : [direct, summed];
    table = new Map(second);
    for (const [indicator, dates] of first) table.set(indicator, dates);
    for (const indicator of table.keys()) missingMembers.delete(indicator);
  }
  applyRelations(catalogue, table, differences);
  return { table, differences, missingMembers, coverage };
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
): { share: number | null; ref: ValueRef } | null {
  const denominator = getIndicator(catalogue, denominatorId);
  if (numerator.kind !== 'count' || denominator.kind !== 'count') return null;
  const dates = denominatorTable.get(denominatorId);
  if (!dates) return null;
  const date = denominatorDate(numerator, denominator, value.date, dates.keys());
  if (!date) return null;
  const ref = { territory: denominatorCode, indicator: denominatorId, date };
  const den = dates.get(date)!.value;
  // An unknown numerator or denominator makes the share unknown: it is shown as secret, not absent.
  if (value.value === null || den === null) return { share: null, ref };
  const share = computeShare(value.value, den);
  if (share === null) return null;
  return { share, ref };
}

type GivenIndex = Map<string, GivenShareRow[]>;

function givenKey(territory: string, indicator: string, base: string): string {
  return `${territory}|${indicator}|${base}`;
}

function indexGivenShares(rows: readonly GivenShareRow[], asOf: IsoDate | undefined): GivenIndex {
  const index: GivenIndex = new Map();
  for (const row of rows) {
    if (asOf && row.date > asOf) continue;
    const key = givenKey(row.territory, row.indicator, row.base);
    index.set(key, [...(index.get(key) ?? []), row]);
  }
  return index;
}

/** The given share at `date`, or the latest one when the date is not fixed by a value. */
function givenShareAt(
  index: GivenIndex,
  territory: string,
  indicator: string,
  base: string,
  date: IsoDate | null,
): GivenShareRow | null {
  const rows = index.get(givenKey(territory, indicator, base));
  if (!rows) return null;
  if (date) return rows.find((row) => row.date === date) ?? null;
  return rows.reduce<GivenShareRow | null>((best, row) => (!best || row.date > best.date ? row : best), null);
}

/**
 * The denominator a given share was printed against: the nearest value not after its date, or the
 * share's own date when the file holds no such value (the protection then decides without it).
 */
function givenDenominator(table: ResolvedTable, territory: string, base: string, date: IsoDate): ValueRef {
  const dates = [...(table.get(base)?.keys() ?? [])];
  const chosen = latest(dates.filter((d) => d <= date)) ?? latest(dates) ?? date;
  return { territory, indicator: base, date: chosen };
}

function toNumber(value: IndicatorValue | null): number | null {
  if (value === null) return null;
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
  const given = indexGivenShares(input.givenShares ?? [], input.asOf);
  const tables = new Map<string, ResolvedTable>();
  const levels = new Map<string, Territory['level']>();

  const own = resolveTerritory(
    catalogue,
    index,
    territory,
    memberTablesOf(catalogue, index, territory, tables, levels),
  );
  const ref =
    reference.code === territory.code
      ? own
      : resolveTerritory(
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
  const sections: DiagnosticSection[] = catalogue.sections.map((section) => {
    const notes: string[] = [];
    const note = (text: string | undefined) => {
      if (text && !notes.includes(text)) notes.push(text);
    };
    let referenceSummed = false;
    let givenUsed = false;
    const rows = section.rows.map((sectionRow): DiagnosticRow => {
      const indicator = getIndicator(catalogue, sectionRow.indicator);
      const dates = own.table.get(indicator.id);
      let date = dates ? latest(dates.keys()) : null;
      const value = date ? dates!.get(date)! : null;
      const refDates = ref.table.get(indicator.id);
      const refDate = date ? (refDates?.has(date) ? date : null) : refDates ? latest(refDates.keys()) : null;
      const refValue = refDate ? refDates!.get(refDate)! : null;

      let share: ReturnType<typeof shareOf> = null;
      let referenceShare: ReturnType<typeof shareOf> = null;
      let shareGiven = false;
      let referenceShareGiven = false;
      let source = value ? sourceLine(indicator.source, value.date) : null;
      if (sectionRow.shareOf) {
        const base = baseOfShare(sectionRow.shareOf);
        const ofReference = shareUsesReference(sectionRow.shareOf);
        const [denCode, denTable] = ofReference ? [reference.code, ref.table] : [territory.code, own.table];
        if (value) share = shareOf(catalogue, indicator, value, denCode, denTable, base);
        if (refValue)
          referenceShare = shareOf(catalogue, indicator, refValue, reference.code, ref.table, base);
        // A percentage printed without its count stands only where there is no count at all.
        const printedShare = (who: string, table: ResolvedTable, at: IsoDate | null) => {
          const printed = givenShareAt(given, who, indicator.id, base, at);
          if (!printed) return null;
          note(printed.note);
          const found = { share: printed.share, ref: givenDenominator(table, who, base, printed.date) };
          return { printed, found };
        };
        const ownPrinted = !value && !ofReference ? printedShare(territory.code, own.table, null) : null;
        if (ownPrinted) {
          share = ownPrinted.found;
          shareGiven = true;
          date = ownPrinted.printed.date;
          source = sourceLine(indicator.source, date);
        }
        const refPrinted = !refValue && !ofReference ? printedShare(reference.code, ref.table, date) : null;
        if (refPrinted) {
          referenceShare = refPrinted.found;
          referenceShareGiven = true;
          givenUsed = true;
        }
      }
      note(value?.note);
      note(refValue?.note);
      if (refValue?.derivation === 'sum_of_members') referenceSummed = true;

      let notable: Notable | null = null;
      if (
        sectionRow.shareOf &&
        !shareUsesReference(sectionRow.shareOf) &&
        baseOfShare(sectionRow.shareOf) !== indicator.id
      ) {
        notable = notableGap(share?.share ?? null, referenceShare?.share ?? null, rule, true);
      } else if (indicator.kind === 'rate' || indicator.kind === 'mean') {
        notable = notableGap(
          toNumber(value?.value ?? null),
          toNumber(refValue?.value ?? null),
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
        unknown: value !== null && value.value === null,
        date: value?.date ?? (shareGiven ? date : null),
        derivation: value?.derivation ?? null,
        source,
        share: share?.share ?? null,
        shareDenominator: share?.ref ?? null,
        shareGiven,
        referenceValue: refValue?.value ?? null,
        referenceUnknown: refValue !== null && refValue.value === null,
        referenceDate: refValue?.date ?? null,
        referenceDerivation: refValue?.derivation ?? null,
        referenceShare: referenceShare?.share ?? null,
        referenceShareDenominator: referenceShare?.ref ?? null,
        referenceShareGiven,
        notable,
        notableLabel: notable ? NOTABLE_LABELS[notable] : null,
        series,
        synthetic: rowSynthetic,
      };
    });
    if (referenceSummed && reference.code !== territory.code) {
      note(
        `Colonne « ${reference.name} » : les chiffres que le département ne publie pas sont la somme de ceux de ses communes.`,
      );
    }
    if (givenUsed) {
      note(
        `Colonne « ${reference.name} » : certains pourcentages sont repris tels que la source les publie, sans leur effectif.`,
      );
    }
    return { id: section.id, title: section.title, rows, notes };
  });

  const notes: DiagnosticNote[] = [];
  for (const [who, values] of [
    [territory, own],
    [reference, ref],
  ] as const) {
    if (who === reference && reference.code === territory.code) continue;
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
    // The reference is summed only where it publishes nothing: its gaps are said once, per table.
    if (who === reference && reference.code !== territory.code) continue;
    for (const [indicator, missing] of values.missingMembers) {
      if (shownDates.has(indicator)) notes.push(missingMembersNote(catalogue, who, indicator, missing));
    }
  }

  return {
    territory,
    reference,
    sections,
    notes,
    tables,
    levels,
    notableRule: rule,
    synthetic,
    catalogue,
    coverage: own.coverage,
  };
}

/** The row of a section, for tests and presenters. */
export function findRow(diagnostic: Diagnostic, section: SectionId, id: string): DiagnosticRow {
  const found = diagnostic.sections.find((s) => s.id === section)?.rows.find((r) => r.id === id);
  if (!found) throw new Error(`No row ${section}/${id}`);
  return found;
}
