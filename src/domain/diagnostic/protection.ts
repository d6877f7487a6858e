/**
 * Bridge between a computed diagnostic and statistical secrecy (domain/secrecy): builds the
 * protection problem (cells, additive relations, shares, zones with their allocataires) and turns
 * the engine's answer into the rows that may leave the server, with every value the engine blanked
 * set to null and its status kept so that a blank is never mistaken for a zero.
 */

import {
  type LinearSolver,
  type LinkedProblem,
  type LinkedResult,
  protect,
  protectLinked,
  resultFromStatuses,
} from '../secrecy/index.js';
import {
  type Cell,
  DEFAULT_THRESHOLDS,
  type ProtectionProblem,
  type ProtectionResult,
  type Ratio,
  type Reader,
  type Relation,
  type SecrecyThresholds,
  type Status,
  type Zone,
} from '../secrecy/types.js';
import type { IsoDate } from '../shared/dates.js';
import { departementOfCommune } from '../territory/territory.js';
import {
  type Catalogue,
  getIndicator,
  type Indicator,
  isAdditive,
  type SectionId,
  type SourceId,
  shareUsesReference,
  sourceLine,
} from './catalogue.js';
import {
  computeDiagnostic,
  type Diagnostic,
  type DiagnosticNote,
  type DiagnosticRow,
  type MemberCoverage,
  type Notable,
  type ResolvedTable,
  type ResolvedValue,
  type ValueRef,
} from './compute.js';
import type { IndicatorValue, Territory, ValueRow } from './types.js';

export interface ProtectionOptions {
  thresholds?: SecrecyThresholds;
  /**
   * For an EPCI or a département: also put the member communes' cells and the commune → aggregate
   * relations in the problem, so that the aggregate minus the other communes never gives a blanked
   * commune's value away. Default true; turning it off is only safe when communes are never published.
   */
  includeMembers?: boolean;
  /** The reader to defend against; `PUBLISHED_READER` (one sign for every blank) by default. */
  reader?: Reader;
}

/** Cell ids carry zone, indicator and date, so that two years of one figure are two cells. */
export function cellId(territory: string, indicator: string, date: IsoDate): string {
  return `${territory}|${indicator}|${date}`;
}

/** The zone of a territory at a date: the zone rule reads that date's allocataires. */
export function zoneId(territory: string, date: IsoDate): string {
  return `${territory}@${date}`;
}

/**
 * Public denominators (Insee populations) enter the problem only so that a share can be expressed;
 * they live in a zone the zone rule does not touch. The contract has no "public" flag: the engine may
 * still blank such a cell (a nonzero count below 5, or as a secondary cell), which over-protects.
 */
function publicZoneId(territory: string, date: IsoDate): string {
  return `${territory}#public@${date}`;
}

export function ratioId(numerator: ValueRef, denominator: ValueRef): string {
  return `${cellId(numerator.territory, numerator.indicator, numerator.date)}/${cellId(denominator.territory, denominator.indicator, denominator.date)}`;
}

const LEVEL_RANK: Record<Territory['level'], number> = { commune: 0, epci: 1, departement: 2 };

/** Allocataires of a territory at a date: that date's figure, else the nearest earlier, else later one. */
function allocatairesAt(table: ResolvedTable | undefined, date: IsoDate): number | null {
  return allocatairesFigureAt(table, date)?.value ?? null;
}

/** The allocataires figure `allocatairesAt` reads, with its own date. */
function allocatairesFigureAt(
  table: ResolvedTable | undefined,
  date: IsoDate,
): { date: IsoDate; value: number } | null {
  const dates = table?.get('allocataires');
  if (!dates || dates.size === 0) return null;
  const sorted = [...dates.keys()].sort();
  const before = sorted.filter((d) => d <= date);
  const chosen = before.length > 0 ? before[before.length - 1]! : sorted[0]!;
  const value = dates.get(chosen)!.value;
  // Allocataires withheld by the source: the zone is taken as too small, and blanked whole.
  return { date: chosen, value: value === null ? 0 : Number(value) };
}

/**
 * What the platform's outputs let a reader know: one sign for every blank (see
 * docs/secrecy-readers.md). `ctg protect`, whose output names the kinds, keeps the engine's default.
 */
export const PUBLISHED_READER: Reader = 'one_sign';

function isCell(indicator: Indicator): boolean {
  return indicator.secret && indicator.kind !== 'rate';
}

class ProblemBuilder {
  readonly cells = new Map<string, Cell>();
  readonly zones = new Map<string, Zone>();
  readonly relations: Relation[] = [];
  readonly ratios = new Map<string, Ratio>();
  /** The sub-table each relation belongs to: a territory's code, or "aggregate|indicator|date". */
  readonly relationGroups: string[] = [];
  /** The territory each cell describes. */
  readonly cellTerritory = new Map<string, string>();
  private readonly relationKeys = new Set<string>();
  /** territory → indicator → date → cell id (null: no such value), so that a cell is made once. */
  private readonly ids = new Map<string, Map<string, Map<IsoDate, string | null>>>();
  /** Territories whose own cells and relations are in already. */
  private readonly layered = new Set<string>();

  constructor(private readonly diagnostic: Diagnostic) {}

  zone(territory: string, date: IsoDate): string {
    const id = zoneId(territory, date);
    if (!this.zones.has(id)) {
      const level = this.diagnostic.levels.get(territory) ?? 'commune';
      const figure = allocatairesFigureAt(this.diagnostic.tables.get(territory), date);
      this.zones.set(id, {
        id,
        allocataires: figure?.value ?? null,
        // Article 7 speaks of communal and infra-communal zones: aggregates are not blanked whole.
        subjectToZoneRule: level === 'commune',
        // The pattern tells a reader which side of the threshold that figure lies on.
        ...(figure ? { allocatairesCell: cellId(territory, 'allocataires', figure.date) } : {}),
      });
    }
    return id;
  }

  /** The zones, each naming its allocataires cell only if that cell is in the problem. */
  problemZones(): Zone[] {
    return [...this.zones.values()].map((zone) => {
      if (zone.allocatairesCell === undefined || this.cells.has(zone.allocatairesCell)) return zone;
      const { allocatairesCell: _absent, ...rest } = zone;
      return rest;
    });
  }

  /** Adds the cell of a value if it exists; returns its id or null. */
  cell(territory: string, indicatorId: string, date: IsoDate): string | null {
    let ofTerritory = this.ids.get(territory);
    if (!ofTerritory) {
      ofTerritory = new Map();
      this.ids.set(territory, ofTerritory);
    }
    let ofIndicator = ofTerritory.get(indicatorId);
    if (!ofIndicator) {
      ofIndicator = new Map();
      ofTerritory.set(indicatorId, ofIndicator);
    }
    let id = ofIndicator.get(date);
    if (id === undefined) {
      id = this.newCell(territory, indicatorId, date);
      ofIndicator.set(date, id);
    }
    return id;
  }

  private newCell(territory: string, indicatorId: string, date: IsoDate): string | null {
    const indicator = getIndicator(this.diagnostic.catalogue, indicatorId);
    const value = this.diagnostic.tables.get(territory)?.get(indicatorId)?.get(date);
    if (!value) return null;
    const publicCell = !isCell(indicator);
    const id = publicCell
      ? `${territory}#public|${indicatorId}|${date}`
      : cellId(territory, indicatorId, date);
    if (this.cells.has(id)) return id;
    let zone: string;
    if (publicCell) {
      zone = publicZoneId(territory, date);
      if (!this.zones.has(zone))
        this.zones.set(zone, { id: zone, allocataires: null, subjectToZoneRule: false });
    } else {
      zone = this.zone(territory, date);
    }
    this.cellTerritory.set(id, territory);
    this.cells.set(id, {
      id,
      // A figure withheld by its source has no value: a blank whose placeholder is never read.
      value: value.value === null ? 0n : BigInt(value.value),
      kind: indicator.kind === 'count' ? 'count' : 'amount',
      zone,
      level: LEVEL_RANK[this.diagnostic.levels.get(territory) ?? 'commune'],
      ...(value.value === null ? { unknown: true } : {}),
    });
    return id;
  }

  /** `key` names the relation for de-duplication; by default its cells (long for big aggregates). */
  relation(total: string, parts: string[], group = '', key = `${total}=${parts.join('+')}`): void {
    if (this.relationKeys.has(key)) return;
    this.relationKeys.add(key);
    this.relations.push({ total, parts });
    this.relationGroups.push(group);
  }

  /** Every secret value of a territory at every date, and the catalogue's relations between them. */
  territoryLayer(territory: string): void {
    const table = this.diagnostic.tables.get(territory);
    if (!table || this.layered.has(territory)) return;
    this.layered.add(territory);
    const { catalogue } = this.diagnostic;
    for (const [indicatorId, dates] of table) {
      if (!isCell(getIndicator(catalogue, indicatorId))) continue;
      for (const date of dates.keys()) this.cell(territory, indicatorId, date);
    }
    for (const relation of catalogue.relations) {
      if (![relation.total, ...relation.parts].some((id) => isCell(getIndicator(catalogue, id)))) continue;
      for (const date of table.get(relation.total)?.keys() ?? []) {
        if (!relation.parts.every((part) => table.get(part)?.has(date))) continue;
        const total = this.cell(territory, relation.total, date)!;
        this.relation(
          total,
          relation.parts.map((part) => this.cell(territory, part, date)!),
          territory,
        );
      }
    }
  }

  /** Aggregate = Σ member communes, for every secret value that was summed from them. */
  hierarchy(aggregate: Territory): void {
    const table = this.diagnostic.tables.get(aggregate.code);
    const members = aggregate.members ?? [];
    if (!table || members.length === 0) return;
    for (const member of members) this.territoryLayer(member);
    for (const [indicatorId, dates] of table) {
      if (!isCell(getIndicator(this.diagnostic.catalogue, indicatorId))) continue;
      for (const [date, value] of dates) {
        if (!summedFromMembers(value)) continue;
        const parts = members.map((member) => this.cell(member, indicatorId, date));
        if (parts.some((part) => part === null)) continue;
        this.relation(this.cell(aggregate.code, indicatorId, date)!, parts as string[]);
      }
    }
  }

  /**
   * Aggregate = Σ member communes for every additive secret value every member has, whether the
   * aggregate's figure was summed or given: a given total is modelled by the same equation, which
   * tells a reader at least as much as the true data (see protect.ts on totals that differ).
   */
  sums(aggregate: Territory): void {
    const table = this.diagnostic.tables.get(aggregate.code);
    const members = aggregate.members ?? [];
    if (!table || members.length === 0) return;
    for (const member of members) this.territoryLayer(member);
    for (const [indicatorId, dates] of table) {
      const indicator = getIndicator(this.diagnostic.catalogue, indicatorId);
      if (!isCell(indicator) || !isAdditive(indicator.kind)) continue;
      for (const date of dates.keys()) {
        const parts = members.map((member) => this.cell(member, indicatorId, date));
        if (parts.some((part) => part === null)) continue;
        const group = `${aggregate.code}|${indicatorId}|${date}`;
        this.relation(this.cell(aggregate.code, indicatorId, date)!, parts as string[], group, `Σ${group}`);
      }
    }
  }

  /**
   * The communes of `departement`'s EPCIs that lie in another département belong to that
   * département's total too, which this problem does not hold. A reader may know every other commune
   * of that département and its total, and so the sum of those communes: for each neighbouring
   * département and each additive secret value they all have, that sum enters as a figure the reader
   * knows (`Cell.known`). Assuming the reader knows more than they may is the safe side: the
   * département's own communes in those EPCIs are then protected whatever the neighbour publishes.
   */
  neighbourSums(departement: Territory, epcis: readonly Territory[]): void {
    const own = new Set(departement.members ?? []);
    const outside = new Map<string, Set<string>>();
    for (const epci of epcis) {
      for (const member of epci.members ?? []) {
        if (own.has(member)) continue;
        const neighbour = departementOfCommune(member);
        if (neighbour === departement.code) continue;
        let communes = outside.get(neighbour);
        if (!communes) {
          communes = new Set();
          outside.set(neighbour, communes);
        }
        communes.add(member);
      }
    }
    const { catalogue } = this.diagnostic;
    for (const [neighbour, communes] of outside) {
      const members = [...communes].sort();
      for (const [indicatorId, dates] of this.diagnostic.tables.get(members[0]!) ?? []) {
        const indicator = getIndicator(catalogue, indicatorId);
        if (!isCell(indicator) || !isAdditive(indicator.kind)) continue;
        for (const date of dates.keys()) {
          const parts = members.map((member) => this.cell(member, indicatorId, date));
          if (parts.some((part) => part === null)) continue;
          const group = `${neighbour}#hors-${departement.code}|${indicatorId}|${date}`;
          const zone = publicZoneId(neighbour, date);
          if (!this.zones.has(zone))
            this.zones.set(zone, { id: zone, allocataires: null, subjectToZoneRule: false });
          this.cells.set(group, {
            id: group,
            value: parts.reduce((sum, id) => sum + this.cells.get(id!)!.value, 0n),
            kind: indicator.kind === 'count' ? 'count' : 'amount',
            zone,
            level: LEVEL_RANK.departement,
            known: true,
          });
          this.cellTerritory.set(group, group);
          this.relation(group, parts as string[], group, `Σ${group}`);
        }
      }
    }
  }

  share(numerator: ValueRef, denominator: ValueRef): void {
    const { catalogue } = this.diagnostic;
    const num = getIndicator(catalogue, numerator.indicator);
    const den = getIndicator(catalogue, denominator.indicator);
    // A share of two public figures is itself public.
    if (!isCell(num) && !isCell(den)) return;
    const numeratorCell = this.cell(numerator.territory, numerator.indicator, numerator.date);
    const denominatorCell = this.cell(denominator.territory, denominator.indicator, denominator.date);
    if (!numeratorCell || !denominatorCell) return;
    const id = ratioId(numerator, denominator);
    this.ratios.set(id, { id, numerator: numeratorCell, denominator: denominatorCell, decimals: 1 });
  }
}

/**
 * Whether a percentage printed with one decimal may stand for a nonzero count below `minCount`:
 * the count lies in [(p − 0.05) × d / 100, (p + 0.05) × d / 100], computed on integers.
 */
export function givenShareMayHideSmallCount(share: number, denominator: bigint, minCount: number): boolean {
  const tenths = BigInt(Math.round(share * 10));
  // 2000 × count lies in [(2 × tenths − 1) × d, (2 × tenths + 1) × d].
  const low = (2n * tenths - 1n) * denominator;
  const high = (2n * tenths + 1n) * denominator;
  for (let k = 1n; k < BigInt(minCount); k++) {
    if (2000n * k >= low && 2000n * k <= high) return true;
  }
  return false;
}

function summedFromMembers(value: ResolvedValue): boolean {
  return value.derivation === 'sum_of_members';
}

export function buildProtectionProblem(
  diagnostic: Diagnostic,
  options: ProtectionOptions = {},
): ProtectionProblem {
  const builder = new ProblemBuilder(diagnostic);
  const { territory, reference } = diagnostic;
  builder.territoryLayer(territory.code);
  builder.territoryLayer(reference.code);
  if (options.includeMembers !== false) {
    builder.hierarchy(territory);
    builder.hierarchy(reference);
  }
  for (const section of diagnostic.sections) {
    for (const row of section.rows) {
      if (row.shareDenominator && row.date) {
        builder.share({ territory: territory.code, indicator: row.id, date: row.date }, row.shareDenominator);
      }
      if (row.referenceShareDenominator && row.referenceDate) {
        builder.share(
          { territory: reference.code, indicator: row.id, date: row.referenceDate },
          row.referenceShareDenominator,
        );
      }
    }
  }
  return {
    zones: builder.problemZones(),
    cells: [...builder.cells.values()],
    relations: builder.relations,
    ratios: [...builder.ratios.values()],
    thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
    reader: options.reader ?? PUBLISHED_READER,
  };
}

/**
 * The status of a figure as every reader receives it: published, secret (blanked, whatever the
 * reason) or absent (no data). Readers are never told why a figure is blanked: telling a primary
 * blank (a count in 1..4) from a secondary one narrows both and pins cells no blank can hide.
 */
export type PublishedStatus = 'published' | 'secret' | 'absent';

/** The one place where the engine's kinds of blank become the single sign readers see. */
export function publishedStatus(status: Status): PublishedStatus {
  return status === 'published' ? 'published' : 'secret';
}

export interface ProtectedRow {
  id: string;
  label: string;
  value: IndicatorValue | null;
  share: number | null;
  referenceValue: IndicatorValue | null;
  referenceShare: number | null;
  /** The status of the territory's value (secret when its value or its share is). */
  status: PublishedStatus;
  notable: Notable | null;
  notableLabel: string | null;
  statuses: {
    value: PublishedStatus;
    share: PublishedStatus;
    referenceValue: PublishedStatus;
    referenceShare: PublishedStatus;
  };
  /** The share is of the département's figure (a commune's population as a part of the département's). */
  shareOfReference: boolean;
  kind: DiagnosticRow['kind'];
  unit: DiagnosticRow['unit'];
  date: IsoDate | null;
  source: string | null;
  series: { date: IsoDate; value: IndicatorValue | null; status: PublishedStatus }[];
}

export interface ProtectedSection {
  id: SectionId;
  title: string;
  rows: ProtectedRow[];
  /** Distinct source lines of the section's figures, territory's and département's ("Insee RP2019"). */
  sources: string[];
  /** Notes imported with the section's figures, printed under its table. */
  notes: string[];
}

export interface ProtectedDiagnostic {
  territory: Territory;
  reference: Territory;
  sections: ProtectedSection[];
  notes: DiagnosticNote[];
  synthetic: boolean;
  /** For an EPCI or a département: how many of its communes have figures. */
  coverage: MemberCoverage | null;
}

const SEVERITY: Record<Status, number> = { published: 0, secondary: 1, primary: 2 };

export function applyProtection(
  diagnostic: Diagnostic,
  result: ProtectionResult,
  options: ProtectionOptions = {},
): ProtectedDiagnostic {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const cellStatus = new Map(result.cells.map((cell) => [cell.id, cell.status]));
  const ratioStatus = new Map(result.ratios.map((ratio) => [ratio.id, ratio.status]));
  const { catalogue, territory, reference } = diagnostic;

  // A value missing from the engine's answer is treated as blanked: failing closed is the only safe way.
  const statusOf = (ref: ValueRef): Status => {
    const indicator = getIndicator(catalogue, ref.indicator);
    const resolved = diagnostic.tables.get(ref.territory)?.get(ref.indicator)?.get(ref.date);
    // Withheld by the source, public or not: blanked everywhere.
    if (resolved && resolved.value === null) return 'secondary';
    if (!indicator.secret) return 'published';
    if (indicator.kind === 'rate') {
      // Rates are not integers and have no cell: the zone rule alone applies to them.
      const level = diagnostic.levels.get(ref.territory);
      const allocataires = allocatairesAt(diagnostic.tables.get(ref.territory), ref.date);
      const blanked =
        level === 'commune' && allocataires !== null && allocataires < thresholds.minZoneAllocataires;
      return blanked ? 'primary' : 'published';
    }
    return cellStatus.get(cellId(ref.territory, ref.indicator, ref.date)) ?? 'primary';
  };
  const shareStatus = (numerator: ValueRef, denominator: ValueRef): Status => {
    const num = statusOf(numerator);
    const den = statusOf(denominator);
    const numSecret = getIndicator(catalogue, numerator.indicator).secret;
    const denSecret = getIndicator(catalogue, denominator.indicator).secret;
    if (!numSecret && !denSecret) return 'published';
    const ratio = ratioStatus.get(ratioId(numerator, denominator)) ?? 'primary';
    // Belt and braces: a share never shows when its numerator or denominator is blanked.
    if (ratio !== 'published') return ratio;
    if (num !== 'published') return num;
    return den;
  };

  /**
   * A percentage printed without its count: a public indicator's always. A secret one's only when
   * its zone is not blanked whole, its denominator is published and it cannot stand for a small
   * count; a département's (never blanked whole) also when the file holds no denominator, as the
   * source printed it.
   */
  const givenStatus = (indicatorId: string, share: number, denominator: ValueRef): Status => {
    if (!getIndicator(catalogue, indicatorId).secret) return 'published';
    const level = diagnostic.levels.get(denominator.territory);
    const allocataires = allocatairesAt(diagnostic.tables.get(denominator.territory), denominator.date);
    if (level === 'commune' && allocataires !== null && allocataires < thresholds.minZoneAllocataires) {
      return 'primary';
    }
    const den = diagnostic.tables
      .get(denominator.territory)
      ?.get(denominator.indicator)
      ?.get(denominator.date);
    if (!den) return level === 'departement' ? 'published' : 'secondary';
    if (den.value === null || statusOf(denominator) !== 'published') return 'secondary';
    return givenShareMayHideSmallCount(share, BigInt(den.value), thresholds.minCount)
      ? 'primary'
      : 'published';
  };

  const protectRow = (row: DiagnosticRow): ProtectedRow => {
    const own =
      row.date && !row.shareGiven ? { territory: territory.code, indicator: row.id, date: row.date } : null;
    const ref = row.referenceDate
      ? { territory: reference.code, indicator: row.id, date: row.referenceDate }
      : null;
    const value: PublishedStatus = own ? publishedStatus(statusOf(own)) : 'absent';
    const referenceValue: PublishedStatus = ref ? publishedStatus(statusOf(ref)) : 'absent';
    const blankedIfUnknown = (status: Status, known: boolean): Status =>
      known || status !== 'published' ? status : 'secondary';
    const share: PublishedStatus = row.shareGiven
      ? publishedStatus(givenStatus(row.id, row.share!, row.shareDenominator!))
      : own && row.shareDenominator
        ? publishedStatus(blankedIfUnknown(shareStatus(own, row.shareDenominator), row.share !== null))
        : 'absent';
    const referenceShare: PublishedStatus = row.referenceShareGiven
      ? publishedStatus(givenStatus(row.id, row.referenceShare!, row.referenceShareDenominator!))
      : ref && row.referenceShareDenominator
        ? publishedStatus(
            blankedIfUnknown(shareStatus(ref, row.referenceShareDenominator), row.referenceShare !== null),
          )
        : 'absent';
    // The notable flag compares the two figures: it must not survive the blanking of either.
    const compared =
      row.kind === 'rate' || row.kind === 'mean' ? [value, referenceValue] : [share, referenceShare];
    const notable = compared.every((status) => status === 'published') ? row.notable : null;
    const worst: PublishedStatus = value === 'absent' ? value : share === 'secret' ? share : value;
    const series = row.series.map((point) => {
      const status = publishedStatus(
        statusOf({ territory: territory.code, indicator: row.id, date: point.date }),
      );
      return { date: point.date, value: status === 'published' ? point.value : null, status };
    });
    return {
      id: row.id,
      label: row.label,
      value: value === 'published' ? row.value : null,
      share: share === 'published' ? row.share : null,
      referenceValue: referenceValue === 'published' ? row.referenceValue : null,
      referenceShare: referenceShare === 'published' ? row.referenceShare : null,
      status: worst,
      notable,
      notableLabel: notable ? row.notableLabel : null,
      statuses: { value, share, referenceValue, referenceShare },
      shareOfReference: row.shareOf !== null && shareUsesReference(row.shareOf),
      kind: row.kind,
      unit: row.unit,
      date: row.date,
      source: row.source,
      series,
    };
  };

  const notes = diagnostic.notes.filter((note) => {
    const secret = getIndicator(catalogue, note.indicator).secret;
    if (!secret) return true;
    if (note.printsHiddenTotal) return false;
    return note.mentions.every((mention) => statusOf(mention) === 'published');
  });

  return {
    territory,
    reference,
    sections: diagnostic.sections.map((section) => ({
      id: section.id,
      title: section.title,
      rows: section.rows.map(protectRow),
      sources: sectionSources(diagnostic, section.rows),
      notes: [...section.notes],
    })),
    notes,
    synthetic: diagnostic.synthetic,
    coverage: diagnostic.coverage,
  };
}

/** Census first, then the Caf's figures, then the Cnaf's rates, as the seed lists them. */
const SOURCE_ORDER: Record<SourceId, number> = { insee_rp: 0, caf_stock: 1, caf_year: 2, cnaf_rate: 3 };

/**
 * The source lines of a section's figures as the seed prints them under each table ("Insee RP2019,
 * Caf au 31/12/2022"): the territory's and the département's values and the denominators of their
 * shares, census first, oldest date first. A source and a date are public even when the figure is not.
 */
function sectionSources(diagnostic: Diagnostic, rows: readonly DiagnosticRow[]): string[] {
  const { catalogue, tables } = diagnostic;
  const found = new Map<string, [number, IsoDate]>();
  const add = (indicatorId: string, date: IsoDate | null) => {
    if (!date) return;
    const source = getIndicator(catalogue, indicatorId).source;
    found.set(sourceLine(source, date), [SOURCE_ORDER[source], date]);
  };
  for (const row of rows) {
    add(row.id, row.date);
    add(row.id, row.referenceDate);
    // A percentage printed without its count may have no denominator on file: nothing to cite then.
    for (const denominator of [row.shareDenominator, row.referenceShareDenominator]) {
      if (
        denominator &&
        tables.get(denominator.territory)?.get(denominator.indicator)?.has(denominator.date)
      ) {
        add(denominator.indicator, denominator.date);
      }
    }
  }
  return [...found].sort(([, [a, x]], [, [b, y]]) => a - b || x.localeCompare(y)).map(([line]) => line);
}

/** The one way a diagnostic leaves the domain: problem, engine, protected rows. */
export function protectDiagnostic(
  diagnostic: Diagnostic,
  options: ProtectionOptions = {},
): ProtectedDiagnostic {
  const problem = buildProtectionProblem(diagnostic, options);
  return applyProtection(diagnostic, protect(problem), options);
}

/** What one département's protection covers. */
export interface DepartementProtectionInput {
  /** The département, with its communes as members. */
  departement: Territory;
  /** Every EPCI with a commune in the département, with all its communes (in whichever département). */
  epcis: Territory[];
  /** Values of the département, of those EPCIs and of all their communes. */
  values: readonly ValueRow[];
  catalogue?: Catalogue;
  thresholds?: SecrecyThresholds;
  /**
   * Cell ids to blank whatever happens: those a neighbouring département's pattern blanks (an EPCI
   * straddling both puts some cells in both problems, and both patterns must agree on them).
   */
  forced?: ReadonlySet<string>;
  /**
   * Also bind the communes of shared EPCIs lying in neighbouring départements by the sums a reader may
   * get from those départements (`neighbourSums`). Default true; off only to show what it prevents.
   */
  linkNeighbours?: boolean;
  /** The solver of the bounds check across sub-tables (see secrecy/bounds-across-tables.ts). */
  solver?: LinearSolver;
  /** The reader to defend against; `PUBLISHED_READER` (one sign for every blank) by default. */
  reader?: Reader;
}

/**
 * The linked problem of a département: each commune's table, each EPCI's and the département's own
 * tables, and one sub-table "aggregate = Σ communes" per additive value. The tables are resolved as
 * `getDiagnostic` resolves them (the département with its communes, each EPCI with its members), so
 * the cell ids are those of every output. An EPCI straddling two départements is here with all its
 * communes: those of the other département bring their own tables, not that département's total.
 */
export function buildDepartementProblem(input: DepartementProtectionInput): LinkedProblem {
  const { departement, epcis, values, catalogue } = input;
  const base = computeDiagnostic({
    territory: departement,
    reference: departement,
    values,
    ...(catalogue ? { catalogue } : {}),
  });
  const tables = new Map(base.tables);
  const levels = new Map(base.levels);
  const referenceOnly: Territory = { code: departement.code, name: departement.name, level: 'departement' };
  // Each EPCI is computed from its own values only: reading every value of the département again
  // for each EPCI was most of the build time.
  const valuesOf = new Map<string, ValueRow[]>();
  for (const value of values) {
    let list = valuesOf.get(value.territory);
    if (!list) {
      list = [];
      valuesOf.set(value.territory, list);
    }
    list.push(value);
  }
  for (const epci of epcis) {
    const computed = computeDiagnostic({
      territory: epci,
      reference: referenceOnly,
      values: [epci.code, ...(epci.members ?? [])].flatMap((code) => valuesOf.get(code) ?? []),
      ...(catalogue ? { catalogue } : {}),
    });
    for (const [code, table] of computed.tables) {
      if (tables.has(code)) continue;
      tables.set(code, table);
      levels.set(code, computed.levels.get(code)!);
    }
  }
  const builder = new ProblemBuilder({ ...base, tables, levels });
  builder.territoryLayer(departement.code);
  for (const epci of epcis) builder.territoryLayer(epci.code);
  builder.sums(departement);
  for (const epci of epcis) builder.sums(epci);
  if (input.linkNeighbours !== false) builder.neighbourSums(departement, epcis);

  const cellsOf = new Map<string, string[]>();
  for (const [id, territory] of builder.cellTerritory) {
    const list = cellsOf.get(territory);
    if (list) list.push(id);
    else cellsOf.set(territory, [id]);
  }
  const relationsOf = new Map<string, number[]>();
  builder.relationGroups.forEach((group, r) => {
    const list = relationsOf.get(group);
    if (list) list.push(r);
    else relationsOf.set(group, [r]);
  });
  const groups = new Set([...cellsOf.keys(), ...relationsOf.keys()]);
  const forced = input.forced;
  return {
    zones: builder.problemZones(),
    cells: [...builder.cells.values()].map((cell) =>
      forced?.has(cell.id) ? { ...cell, forceSuppress: true } : cell,
    ),
    relations: builder.relations,
    ratios: [],
    thresholds: input.thresholds ?? DEFAULT_THRESHOLDS,
    reader: input.reader ?? PUBLISHED_READER,
    tables: [...groups].map((id) => ({
      id,
      cells: cellsOf.get(id) ?? [],
      relations: relationsOf.get(id) ?? [],
    })),
  };
}

/** One status per cell id of a département's problem: the pattern every output follows. */
export type ProtectionPattern = ReadonlyMap<string, Status>;

export function protectDepartement(input: DepartementProtectionInput): {
  problem: LinkedProblem;
  result: LinkedResult;
  pattern: Map<string, Status>;
} {
  const problem = buildDepartementProblem(input);
  const result = protectLinked(problem, input.solver ? { solver: input.solver } : {});
  // The neighbours' sums are what a reader is assumed to know, not figures of any page.
  const known = new Set(problem.cells.filter((cell) => cell.known).map((cell) => cell.id));
  const pattern = new Map(
    result.cells.filter((cell) => !known.has(cell.id)).map((cell) => [cell.id, cell.status]),
  );
  return { problem, result, pattern };
}

/** Patterns of several départements together: a cell blanked in any of them is blanked. */
export function mergePatterns(patterns: Iterable<ProtectionPattern>): Map<string, Status> {
  const merged = new Map<string, Status>();
  for (const pattern of patterns) {
    for (const [id, status] of pattern) {
      const current = merged.get(id);
      if (current === undefined || SEVERITY[status] > SEVERITY[current]) merged.set(id, status);
    }
  }
  return merged;
}

/**
 * Protects one output (a commune, an EPCI or a département page) by a stored pattern instead of its
 * own run of the engine: every cell takes the pattern's status, so what all outputs publish together
 * is what the pattern publishes. A secret cell missing from the pattern is blanked (failing closed);
 * a public figure (an Insee population used as a denominator) missing from it is published.
 */
export function protectWithPattern(
  diagnostic: Diagnostic,
  pattern: ProtectionPattern,
  options: ProtectionOptions = {},
): ProtectedDiagnostic {
  const problem = buildProtectionProblem(diagnostic, { ...options, includeMembers: false });
  const result = resultFromStatuses(
    problem,
    (id) => pattern.get(id) ?? (id.includes('#public|') ? 'published' : 'primary'),
  );
  return applyProtection(diagnostic, result, options);
}
