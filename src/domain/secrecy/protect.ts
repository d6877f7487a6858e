/**
 * Statistical secrecy (article 7 of the seed): decides which diagnostic values may be published.
 *
 * 1. Primary suppression: every cell of a zone with too few allocataires, every nonzero count below
 *    the threshold.
 * 2. Secondary suppression, so that no blanked value can be recomputed exactly from what is published,
 *    following Statistics Norway's GaussSuppression idea: the reader knows every relation
 *    (total = Σ parts) and every published value; a blanked cell is safe while its unit vector is not in
 *    the span of those equations. Candidates are taken in order, the figures most worth publishing
 *    first (zeros, totals, higher levels, large values); a candidate is published unless publishing it
 *    would put a blanked cell in the span, in which case it is blanked (secondary). The span is kept as
 *    a sparse, fully reduced row-echelon basis, so each test is a look-up plus a few row operations.
 * 3. Bounds: a reader also knows that counts are ≥ 0 and, when the statuses are printed (reader
 *    `kinds`), that a primary "< 5" count lies in 1..4; with one sign for every blank (`one_sign`)
 *    only ≥ 0, plus what the zone rule tells (`patternBounds`). See `readerBounds`.
 *    A blanked cell sitting on such a bound (a 1, a 4, a blanked zero) can be pinned even though the
 *    linear algebra says it is free (a + b = 2 with a, b ≥ 1). Each blanked cell on a bound is
 *    checked exactly: by following the relations outwards when its linked blanked cells form a tree
 *    of nested sums (the usual case, no linear programme), otherwise by an exact linear programme over
 *    the feasible directions of its neighbourhood, then of its whole group. When a cell is pinned,
 *    the cheapest published neighbour that frees it is blanked too.
 *
 * A relation whose printed total is not the exact sum of its parts (4 154 for bands adding up to
 * 4 155) is still modelled by the structural equation total = Σ parts. That is the safe choice: it
 * gives the reader at least as much as the true data does (a reader who knew the gap exactly would
 * learn no more than the equation gives), so a cell safe under the equation is safe in the data.
 *
 * Ratios add nothing to the reader's knowledge here: a ratio is published only with its numerator and
 * denominator, so a printed share never gives away a blanked numerator through its rounding.
 */

import { resultFromStatuses } from './result.js';
import { ReducedRowEchelon, type SparseRow } from './row-echelon.js';
import { maximise } from './simplex.js';
import type {
  Cell,
  ProtectionProblem,
  ProtectionResult,
  Reader,
  SecrecyThresholds,
  Status,
  Zone,
} from './types.js';
import { assertValidProblem } from './validate-problem.js';

/** What a reader knows about a blanked cell besides the equations: lower ≤ value ≤ upper. */
export interface Bounds {
  lower: bigint | null;
  upper: bigint | null;
}

/**
 * What a reader knows of a blanked cell besides the equations.
 * - `kinds` (the statuses are printed): a primary count that is not blanked by the zone rule is
 *   "< minCount" and nonzero: 1..minCount−1. A secondary count outside a blanked zone is not
 *   "< minCount", or it would be primary: near a nonzero value that means ≥ minCount. Any other
 *   nonnegative figure is ≥ 0.
 * - `one_sign` (every blank looks the same): any nonnegative figure is ≥ 0, nothing more.
 * Under both, `pattern` is what the pattern itself tells of the cell (see `patternBounds`).
 */
export function readerBounds(cell: {
  status: Status;
  value: bigint;
  count: boolean;
  inZoneRule: boolean;
  minCount: number;
  reader?: Reader | undefined;
  pattern?: Bounds | undefined;
}): Bounds {
  const { status, value, count, inZoneRule, minCount, pattern } = cell;
  const smallest = BigInt(minCount);
  let own: Bounds = { lower: value >= 0n ? 0n : null, upper: null };
  if (cell.reader !== 'one_sign') {
    if (status === 'primary' && isSmallCount(count, value, smallest)) {
      own = { lower: 1n, upper: smallest - 1n };
    } else if (status === 'secondary' && count && !inZoneRule && value >= smallest) {
      own = { lower: smallest, upper: null };
    }
  }
  if (!pattern) return own;
  const max = (a: bigint | null, b: bigint | null) => (a === null ? b : b === null || a > b ? a : b);
  const min = (a: bigint | null, b: bigint | null) => (a === null ? b : b === null || a < b ? a : b);
  return { lower: max(own.lower, pattern.lower), upper: min(own.upper, pattern.upper) };
}

/**
 * What the zone rule, read off the pattern, tells any reader about each cell (undefined: nothing).
 * A zone whose every figure is blanked has fewer than minZoneAllocataires allocataires, so its
 * allocataires cell is ≤ minZoneAllocataires − 1; a zone subject to the rule with figures published
 * has at least that many. Granted whatever the zone's other cells show, which can only make the
 * reader stronger.
 */
export function patternBounds(
  problem: Pick<ProtectionProblem, 'zones' | 'thresholds'>,
  index: ReadonlyMap<string, number>,
  n: number,
): Array<Bounds | undefined> {
  const out = new Array<Bounds | undefined>(n).fill(undefined);
  const threshold = BigInt(problem.thresholds.minZoneAllocataires);
  for (const zone of problem.zones) {
    if (zone.allocatairesCell === undefined || zone.subjectToZoneRule === false) continue;
    if (zone.allocataires === null) continue;
    const c = index.get(zone.allocatairesCell);
    if (c === undefined) continue;
    const told: Bounds = inBlankedZone(zone, problem.thresholds)
      ? { lower: null, upper: threshold - 1n }
      : { lower: threshold, upper: null };
    const before = out[c];
    out[c] = before
      ? {
          lower:
            before.lower === null || (told.lower !== null && told.lower > before.lower)
              ? told.lower
              : before.lower,
          upper:
            before.upper === null || (told.upper !== null && told.upper < before.upper)
              ? told.upper
              : before.upper,
        }
      : told;
  }
  return out;
}

/**
 * The values the engine reasons on. A cell secret at source (`Cell.unknown`) has no value: it is
 * taken to sit on the lowest value a reader allows it (0, or what the pattern tells), where it can
 * only rise. That is the least favourable case: at any higher value it could move both ways, which
 * leaves every neighbour at least as free, so a pattern safe for the assumed value is safe for the
 * true one. It also makes it no "< minCount" count: its status comes from its zone or the forced blank.
 */
export function reasonedValues(
  cells: ReadonlyArray<Pick<Cell, 'value' | 'unknown'>>,
  pattern: ReadonlyArray<Bounds | undefined>,
): bigint[] {
  return cells.map((cell, c) => {
    if (!cell.unknown) return cell.value;
    const lower = pattern[c]?.lower ?? null;
    return lower !== null && lower > 0n ? lower : 0n;
  });
}

/** At most this many neighbours are tried when looking for the cell that frees a pinned one. */
const MAX_TRIALS = 12;

/** Trees of linked blanked cells and relations larger or deeper than this are left to the linear programme. */
const MAX_TREE = 20_000;
const MAX_TREE_DEPTH = 200;

const UNKNOWN_SIDE = 9;

/** Exchanges the up and down bits of a set of directions. */
const swapSigns = (signs: number): number => ((signs & 1) << 1) | ((signs & 2) >> 1);

export function protect(problem: ProtectionProblem): ProtectionResult {
  assertValidProblem(problem);
  const { cells, relations, zones, thresholds } = problem;
  const index = new Map(cells.map((cell, i) => [cell.id, i]));
  const zoneById = new Map(zones.map((zone) => [zone.id, zone]));
  const soleZone = zones.length === 1 ? zones[0] : undefined;
  const pattern = patternBounds(problem, index, cells.length);
  const suppression = suppress({
    values: reasonedValues(cells, pattern),
    counts: cells.map((cell) => cell.kind === 'count'),
    levels: cells.map((cell) => cell.level ?? 0),
    inZoneRule: cells.map((cell) =>
      inBlankedZone(cell.zone === undefined ? soleZone : zoneById.get(cell.zone), thresholds),
    ),
    forced: cells.map((cell) => cell.forceSuppress === true || cell.unknown === true),
    known: cells.map((cell) => cell.known === true),
    relations: relations.map((relation) => ({
      total: index.get(relation.total)!,
      parts: relation.parts.map((id) => index.get(id)!),
    })),
    minCount: thresholds.minCount,
    reader: problem.reader ?? 'kinds',
    patternBounds: pattern,
  });
  const statuses = new Map(cells.map((cell, i) => [cell.id, suppression.status[i]!]));
  return {
    ...resultFromStatuses(problem, (id) => statuses.get(id)!),
    unprotectable: suppression.unprotectable.map((i) => cells[i]!.id),
  };
}

/**
 * A table as the engine works on it: cells by position (value as reasoned on, whether it is a count,
 * its level, whether its zone is blanked whole, whether it is blanked elsewhere or secret at source)
 * and relations by position.
 * `protectLinked` cuts its sub-tables straight into this form.
 */
export interface IndexedTable {
  values: readonly bigint[];
  counts: readonly boolean[];
  levels: readonly number[];
  inZoneRule: readonly boolean[];
  forced: readonly boolean[];
  /** Cells a reader knows anyway (see `Cell.known`): published, never blanked. */
  known: readonly boolean[];
  relations: ReadonlyArray<{ total: number; parts: readonly number[] }>;
  minCount: number;
  /** The reader whose bounds are checked (`kinds` by default). */
  reader?: Reader;
  /** What the pattern tells any reader of each cell (`patternBounds`); nothing by default. */
  patternBounds?: ReadonlyArray<Bounds | undefined>;
}

/** The engine's answer: a status per cell, and the cells a reader's bounds pin down whatever is blanked. */
export interface Suppression {
  status: Status[];
  unprotectable: number[];
}

/** Protects a valid table given by position. */
export function suppress(table: IndexedTable): Suppression {
  return new SuppressionRun(table).run();
}

/** +1 on its lower bound (it can only rise), −1 on its upper bound, 0 inside, 2 when the bounds meet. */
export function sideOf({ lower, upper }: Bounds, value: bigint): -1 | 0 | 1 | 2 {
  const atLower = lower !== null && value === lower;
  const atUpper = upper !== null && value === upper;
  if (atLower && atUpper) return 2;
  if (atLower) return 1;
  if (atUpper) return -1;
  return 0;
}

/** Primary rule 1: every cell of a zone with fewer allocataires than the threshold. */
export function inBlankedZone(zone: Zone | undefined, thresholds: SecrecyThresholds): boolean {
  return (
    zone !== undefined &&
    zone.subjectToZoneRule !== false &&
    zone.allocataires !== null &&
    zone.allocataires < thresholds.minZoneAllocataires
  );
}

/** Primary rule 2: a nonzero count below the threshold. */
export function isSmallCount(count: boolean, value: bigint, minCount: bigint): boolean {
  return count && value !== 0n && value < minCount;
}

/**
 * A cell's status before any secondary suppression: published if the reader knows it anyway,
 * primary by either rule, secondary if blanked elsewhere, else undecided (null).
 */
export function initialStatus(cell: {
  known: boolean;
  inZoneRule: boolean;
  smallCount: boolean;
  forced: boolean;
}): Status | null {
  if (cell.known) return 'published';
  if (cell.inZoneRule || cell.smallCount) return 'primary';
  return cell.forced ? 'secondary' : null;
}

/** Relations as rows, their cells, and the relations of each cell. */
interface RelationView {
  rows: SparseRow[];
  cells: number[][];
  ofCell: number[][];
}

/**
 * The same equations with sums written inside one another: when the parts of one relation
 * (U = c + d + e) are all parts of another (T = a + b + c + d + e), the latter becomes T = a + b + U.
 * That is the difference of the two equations, so a reader learns exactly the same; but the
 * relations then share at most one cell, so the bounds check can follow them as a tree (the AEEH
 * age bands 0-17 and 6-17 are such a pair). Undefined when no relation changes.
 */
function treeView(relations: IndexedTable['relations'], n: number): RelationView | undefined {
  const bySize = relations
    .map((_, r) => r)
    .sort((a, b) => relations[b]!.parts.length - relations[a]!.parts.length);
  let changed = false;
  const rewritten = relations.map((relation) => {
    let parts = new Set(relation.parts);
    for (const r of bySize) {
      const inner = relations[r]!;
      if (inner === relation || inner.parts.length < 2 || inner.parts.length >= parts.size) continue;
      if (inner.total === relation.total || parts.has(inner.total)) continue;
      if (!inner.parts.every((part) => parts.has(part))) continue;
      parts = new Set([...parts].filter((part) => !inner.parts.includes(part)));
      parts.add(inner.total);
      changed = true;
    }
    return { total: relation.total, parts: [...parts] };
  });
  if (!changed) return undefined;
  const view: RelationView = { rows: [], cells: [], ofCell: Array.from({ length: n }, () => []) };
  rewritten.forEach((relation, r) => {
    const row: SparseRow = new Map([[relation.total, 1n]]);
    for (const part of relation.parts) row.set(part, -1n);
    view.rows.push(row);
    view.cells.push([...row.keys()]);
    for (const cell of row.keys()) view.ofCell[cell]!.push(r);
  });
  return view;
}

class SuppressionRun {
  private readonly n: number;
  private readonly values: readonly bigint[];
  private readonly status: Array<Status | null>;
  /** The primary cell is a "< minCount" count, so a reader knows it lies in 1..minCount−1. */
  private readonly smallCount: boolean[];
  private readonly inZoneRule: readonly boolean[];
  private readonly relationsOfCell: number[][];
  private readonly relationCells: number[][];
  private readonly relationRows: SparseRow[];
  /** The relations as the tree check reads them: sums written inside one another (see `nested`). */
  private readonly treeView: RelationView;
  /** Position of each cell in the publication order (lower = more worth publishing). */
  private readonly rank: number[];
  private readonly unprotectable = new Set<number>();
  /** Whether a blanked cell's component is a tree, valid until the next status change. */
  private readonly treeOf = new Map<number, boolean>();
  /** `side()` of each cell once asked (it depends on the cell's status only). */
  private readonly sides: Int8Array;

  constructor(private readonly table: IndexedTable) {
    const { values, relations, inZoneRule, forced, minCount } = table;
    this.n = values.length;
    this.values = values;
    this.relationsOfCell = values.map(() => []);
    this.relationCells = [];
    this.relationRows = [];
    const isTotal = new Array<boolean>(this.n).fill(false);
    relations.forEach((relation, r) => {
      const row: SparseRow = new Map();
      isTotal[relation.total] = true;
      row.set(relation.total, 1n);
      for (const part of relation.parts) row.set(part, -1n);
      this.relationRows.push(row);
      this.relationCells.push([...row.keys()]);
      for (const cell of row.keys()) this.relationsOfCell[cell]!.push(r);
    });

    this.treeView = treeView(relations, this.n) ?? {
      rows: this.relationRows,
      cells: this.relationCells,
      ofCell: this.relationsOfCell,
    };

    const smallest = BigInt(minCount);
    this.inZoneRule = inZoneRule;
    this.smallCount = values.map(
      (value, i) => !table.known[i] && isSmallCount(table.counts[i]!, value, smallest),
    );
    this.status = values.map((_, i) =>
      initialStatus({
        known: table.known[i]!,
        inZoneRule: inZoneRule[i]!,
        smallCount: this.smallCount[i]!,
        forced: forced[i]!,
      }),
    );

    const order = values.map((_, i) => i);
    const abs = (v: bigint): bigint => (v < 0n ? -v : v);
    order.sort((a, b) => {
      // Blanking a zero protects little (it can only move up), so zeros are published first.
      const za = this.values[a] === 0n ? 1 : 0;
      const zb = this.values[b] === 0n ? 1 : 0;
      if (za !== zb) return zb - za;
      if (isTotal[a] !== isTotal[b]) return isTotal[a] ? -1 : 1;
      const la = table.levels[a]!;
      const lb = table.levels[b]!;
      if (la !== lb) return lb - la;
      const va = abs(this.values[a]!);
      const vb = abs(this.values[b]!);
      if (va !== vb) return va > vb ? -1 : 1;
      return a - b;
    });
    this.sides = new Int8Array(this.n).fill(UNKNOWN_SIDE);
    this.rank = new Array<number>(this.n);
    order.forEach((cell, position) => {
      this.rank[cell] = position;
    });
  }

  run(): Suppression {
    this.linearPass();
    this.boundsPass();
    return {
      status: this.status.map((status) => status ?? 'published'),
      unprotectable: [...this.unprotectable].sort((a, b) => a - b),
    };
  }

  /** Status changes of the bounds pass go through here: they change the trees of blanked cells. */
  private setStatus(cell: number, status: Status): void {
    this.status[cell] = status;
    this.sides[cell] = UNKNOWN_SIDE;
    this.treeOf.clear();
  }

  private isBlanked(cell: number): boolean {
    const s = this.status[cell];
    return s === 'primary' || s === 'secondary';
  }

  /** Greedy Gaussian pass: publish each candidate unless it puts a blanked cell in the span. */
  private linearPass(): void {
    const basis = new ReducedRowEchelon();
    for (const row of this.relationRows) basis.addRow(row);
    // What the reader knows anyway comes first, whatever it gives away.
    this.table.known.forEach((known, cell) => {
      if (known) basis.deleteColumn(cell);
    });
    const candidates = [...this.rank.keys()].sort((a, b) => this.rank[a]! - this.rank[b]!);
    for (const cell of candidates) {
      if (this.status[cell] !== null) continue;
      const plan = basis.planDeletion(cell);
      if (plan.determined.some((col) => this.isBlanked(col))) {
        this.status[cell] = 'secondary';
      } else {
        basis.applyDeletion(plan);
        this.status[cell] = 'published';
      }
    }
  }

  private bounds(cell: number): Bounds {
    return readerBounds({
      status: this.status[cell] ?? 'published',
      value: this.values[cell]!,
      count: this.table.counts[cell]!,
      inZoneRule: this.inZoneRule[cell]!,
      minCount: this.table.minCount,
      reader: this.table.reader,
      pattern: this.table.patternBounds?.[cell],
    });
  }

  /** −1/+1: the cell sits on its upper/lower bound and can only move the other way; 0: free; 2: pinned. */
  private side(cell: number): -1 | 0 | 1 | 2 {
    let side = this.sides[cell]!;
    if (side === UNKNOWN_SIDE) {
      side = sideOf(this.bounds(cell), this.values[cell]!);
      this.sides[cell] = side;
    }
    return side as -1 | 0 | 1 | 2;
  }

  /**
   * Makes every blanked cell on a bound movable, which leaves no cell pinned (the linear pass already
   * keeps every cell out of the span). Each cell is first checked in its neighbourhood, the cells
   * beyond it held fixed: a reader who knew those would know more, so a cell free there is free
   * indeed. Only when that fails is the whole group of linked blanked cells solved.
   */
  private boundsPass(): void {
    const anyPinned = this.values.some((_, c) => this.isBlanked(c) && this.side(c) === 2);
    for (let cell = 0; cell < this.n; cell++) {
      if (!this.isBlanked(cell) || this.relationsOfCell[cell]!.length === 0) continue;
      // Pinned cells are constants to a reader, which the linear pass did not know: check everything.
      if (this.side(cell) === 0 && !anyPinned) continue;
      this.secure(cell);
    }
  }

  /** Blanks published neighbours until `target` cannot be pinned down. */
  private secure(target: number): void {
    const queue = [target];
    while (queue.length > 0) {
      const cell = queue.pop()!;
      while (!this.isSafe(cell)) {
        const added = this.freeCell(cell);
        if (added === null) {
          this.unprotectable.add(cell);
          break;
        }
        queue.push(added);
      }
    }
  }

  /** Whether a reader cannot pin `cell` down; `localOnly` skips the whole-group check (then false may be wrong). */
  private isSafe(cell: number, localOnly = false): boolean {
    if (this.unprotectable.has(cell)) return true;
    if (this.side(cell) === 2) {
      // Its status alone gives its value away (bounds meet); nothing else can hide it.
      this.unprotectable.add(cell);
      return true;
    }
    const tree = this.treeVerdict(cell);
    if (tree !== 'unknown') return tree === 'free';
    for (const depth of localOnly ? [1, 2] : [1, 2, Number.POSITIVE_INFINITY]) {
      if (this.movesAlone(cell, depth)) return true;
      const analysis = this.analyse(cell, depth);
      if (!analysis.unsafe.includes(cell)) return true;
      if (analysis.complete) return false;
    }
    return false;
  }

  /** Blanks the cheapest published neighbour that frees `target`; null when there is none left. */
  private freeCell(target: number): number | null {
    let candidates = this.publishedNeighbours([target]);
    if (candidates.length === 0)
      candidates = this.publishedNeighbours(this.linkedCells(target, Infinity).cells);
    if (candidates.length === 0) return null;
    candidates.sort((a, b) => this.rank[b]! - this.rank[a]!);
    let chosen = candidates[0]!;
    for (const candidate of candidates.slice(0, MAX_TRIALS)) {
      this.setStatus(candidate, 'secondary');
      // Neighbourhood checks only: a trial that needs the whole group is left to the caller's loop.
      const works = this.isSafe(target, true) && this.isSafe(candidate, true);
      this.setStatus(candidate, 'published');
      if (works) {
        chosen = candidate;
        break;
      }
    }
    this.setStatus(chosen, 'secondary');
    return chosen;
  }

  private publishedNeighbours(cells: number[]): number[] {
    const out = new Set<number>();
    for (const cell of cells) {
      for (const r of this.relationsOfCell[cell]!) {
        for (const c of this.relationCells[r]!) {
          if (this.status[c] === 'published' && !this.table.known[c]) out.add(c);
        }
      }
    }
    return [...out];
  }

  /**
   * Exact test without a linear programme when the blanked cells linked to `cell` and their relations
   * form a tree (no two relations share two of those cells, no cycle), which is what nested sums are:
   * a one-dimensional table "aggregate = Σ members", age bands within age bands. Published and pinned
   * cells are constants. A change of one cell must be absorbed by each of its relations through
   * another cell, whose own change must be absorbed by its other relations, and so on outwards; in a
   * tree those branches are independent, so the directions each cell can move in are computed once per
   * branch. Returns 'unknown' for anything that is not a tree (the linear programme decides then).
   */
  private treeVerdict(cell: number): 'free' | 'pinned' | 'unknown' {
    if (this.movable(cell) === 0) return 'unknown';
    const known = this.treeOf.get(cell);
    if (known === false) return 'unknown';
    if (known === undefined && !this.isInTree(cell)) return 'unknown';
    return this.reach(cell, -1) === 0 ? 'pinned' : 'free';
  }

  /** Whether the component of `cell` is a tree; the answer is kept for every cell of it. */
  private isInTree(cell: number): boolean {
    // The component: blanked, unpinned cells reachable through relations; a tree has one incidence
    // fewer than it has nodes.
    const seen = new Set<number>([cell]);
    const relations = new Set<number>();
    let incidences = 0;
    // `reach` recurses along the tree: a deep one (a long chain of sums, possible in a table given to
    // `ctg protect`) is left to the linear programme rather than to the call stack.
    let tooLarge = false;
    const depth = [0];
    for (let head = 0, queue = [cell]; head < queue.length && !tooLarge; head++) {
      for (const r of this.treeView.ofCell[queue[head]!]!) {
        incidences++;
        if (relations.has(r)) continue;
        relations.add(r);
        for (const c of this.treeView.cells[r]!) {
          if (seen.has(c) || this.movable(c) === 0) continue;
          seen.add(c);
          queue.push(c);
          depth.push(depth[head]! + 1);
        }
      }
      tooLarge = seen.size + relations.size > MAX_TREE || depth.at(-1)! > MAX_TREE_DEPTH;
    }
    const tree = !tooLarge && incidences === seen.size + relations.size - 1;
    for (const c of seen) this.treeOf.set(c, tree);
    return tree;
  }

  /**
   * The signs (bit 1: up, bit 2: down) in which `cell` can move with every relation of it except
   * `via` still holding, through the branches beyond it.
   */
  private reach(cell: number, via: number): number {
    let signs = this.movable(cell);
    for (const r of this.treeView.ofCell[cell]!) {
      if (r === via || signs === 0) continue;
      const row = this.treeView.rows[r]!;
      const own = row.get(cell)! > 0n;
      // What the rest of the relation can give to Σ coefficient · change (bit 1: +, bit 2: −).
      let absorbs = 0;
      for (const [other, coefficient] of row) {
        if (other === cell || this.movable(other) === 0) continue;
        const moves = this.reach(other, r);
        absorbs |= coefficient > 0n ? moves : swapSigns(moves);
        if (absorbs === 3) break;
      }
      // The cell's own contribution must be cancelled: moving up with a + coefficient needs a −.
      const needs = own ? swapSigns(absorbs) : absorbs;
      signs &= needs;
    }
    return signs;
  }

  /** The directions a blanked cell may move in within its bounds (bit 1: up, bit 2: down); 0 if published or pinned. */
  private movable(cell: number): number {
    if (!this.isBlanked(cell)) return 0;
    const side = this.side(cell);
    if (side === 2) return 0;
    if (side === 1) return 1;
    if (side === -1) return 2;
    return 3;
  }

  /**
   * Cheap sufficient test, no linear programme: with every other cell on a bound held fixed, is the
   * cell still free? Then it moves with free cells only, in whichever direction its bound allows.
   */
  private movesAlone(seed: number, maxDepth: number): boolean {
    const { sides, basis } = this.neighbourhood(seed, maxDepth);
    if (basis.isDetermined(seed)) return false;
    for (const [c, side] of sides) {
      if (c !== seed && (side === 1 || side === -1)) basis.deleteColumn(c);
    }
    return !basis.isDetermined(seed);
  }

  /**
   * Breadth-first over blanked cells sharing a relation; cells beyond maxDepth are held fixed
   * (treated as published), which can only make the reader stronger.
   */
  private linkedCells(seed: number, maxDepth: number) {
    const cells: number[] = [];
    const relations = new Set<number>();
    const depth = new Map<number, number>([[seed, 0]]);
    let complete = true;
    for (let head = 0, queue = [seed]; head < queue.length; head++) {
      const cell = queue[head]!;
      cells.push(cell);
      const d = depth.get(cell)!;
      for (const r of this.relationsOfCell[cell]!) {
        if (relations.has(r)) continue;
        relations.add(r);
        for (const c of this.relationCells[r]!) {
          if (depth.has(c) || !this.isBlanked(c)) continue;
          if (d + 1 > maxDepth) {
            complete = false;
            continue;
          }
          depth.set(c, d + 1);
          queue.push(c);
        }
      }
    }
    return { cells, relations, complete };
  }

  /** The blanked cells around `seed` (up to maxDepth hops), their sides and their equations. */
  private neighbourhood(seed: number, maxDepth: number) {
    const { cells, relations, complete } = this.linkedCells(seed, maxDepth);
    const sides = new Map<number, -1 | 0 | 1 | 2>();
    for (const cell of cells) sides.set(cell, this.side(cell));
    // Pinned cells (bounds meet) are known to the reader: they are constants, like published ones.
    const basis = new ReducedRowEchelon();
    for (const r of relations) {
      const row: SparseRow = new Map();
      for (const [c, coeff] of this.relationRows[r]!) {
        const side = sides.get(c);
        if (side !== undefined && side !== 2) row.set(c, coeff);
      }
      basis.addRow(row);
    }
    return { cells, sides, basis, complete };
  }

  /**
   * The blanked cells around `seed` and those of them a reader can pin down, given the equations,
   * the published values and the bounds. Exact for the neighbourhood: a cell is free when some
   * direction y with A·y = 0 that respects the bounds (cells on a lower bound may only rise, on an
   * upper bound only fall) moves it.
   */
  private analyse(seed: number, maxDepth: number): { cells: number[]; unsafe: number[]; complete: boolean } {
    const { cells, sides, basis, complete } = this.neighbourhood(seed, maxDepth);
    const unsafe = new Set<number>(basis.determinedColumns());
    const onBound = cells.filter((c) => sides.get(c) === 1 || sides.get(c) === -1);
    if (onBound.length > 0) {
      for (const c of this.stuckOnBound(basis, onBound, sides)) {
        unsafe.add(c);
        basis.deleteColumn(c);
      }
      for (const c of basis.determinedColumns()) unsafe.add(c);
    }
    for (const c of cells) if (sides.get(c) === 2) this.unprotectable.add(c);
    const list = [...unsafe].filter((c) => !this.unprotectable.has(c));
    list.sort((a, b) => a - b);
    return { cells, unsafe: list, complete };
  }

  /**
   * Cells on a bound that no feasible direction moves. Solves
   *   max Σ t_k  s.t.  σ_k·y_k ≥ t_k, 0 ≤ t_k ≤ 1, y in the kernel of the equations,
   * where σ_k = +1 on a lower bound, −1 on an upper bound. Feasible directions form a cone, so a sum of
   * directions is one: at the optimum every movable cell has t_k = 1 and every stuck cell t_k = 0.
   * The kernel is parametrised by the non-pivot columns z (y_pivot = −Σ a_j z_j / a_pivot).
   */
  private stuckOnBound(
    basis: ReducedRowEchelon,
    onBound: number[],
    sides: Map<number, -1 | 0 | 1 | 2>,
  ): number[] {
    const rowOfPivot = new Map<number, ReadonlyMap<number, bigint>>();
    for (const { pivot, row } of basis.entries()) rowOfPivot.set(pivot, row);
    const zIndex = new Map<number, number>();
    const zOf = (col: number): number => {
      let i = zIndex.get(col);
      if (i === undefined) {
        i = zIndex.size;
        zIndex.set(col, i);
      }
      return i;
    };
    const constraints: Array<{ t: bigint; z: Map<number, bigint> }> = [];
    for (const cell of onBound) {
      const sigma = BigInt(sides.get(cell)!);
      const row = rowOfPivot.get(cell);
      const z = new Map<number, bigint>();
      if (row === undefined) {
        // Free parameter (or a cell no equation constrains any more): t − σ·z ≤ 0.
        z.set(zOf(cell), -sigma);
        constraints.push({ t: 1n, z });
      } else {
        const a = row.get(cell)!;
        const sign = a < 0n ? -1n : 1n;
        for (const [col, coeff] of row) if (col !== cell) z.set(zOf(col), sigma * sign * coeff);
        constraints.push({ t: a * sign, z });
      }
    }
    const k = onBound.length;
    const nz = zIndex.size;
    // Variables: z⁺ (nz), z⁻ (nz), t (k).
    const width = 2 * nz + k;
    const a: bigint[][] = [];
    const b: bigint[] = [];
    constraints.forEach((constraint, i) => {
      const row = new Array<bigint>(width).fill(0n);
      for (const [j, coeff] of constraint.z) {
        row[j] = coeff;
        row[nz + j] = -coeff;
      }
      row[2 * nz + i] = constraint.t;
      a.push(row);
      b.push(0n);
      const cap = new Array<bigint>(width).fill(0n);
      cap[2 * nz + i] = 1n;
      a.push(cap);
      b.push(1n);
    });
    const objective = new Array<bigint>(width).fill(0n);
    for (let i = 0; i < k; i++) objective[2 * nz + i] = 1n;
    const { values } = maximise(a, b, objective);
    return onBound.filter((_, i) => values[2 * nz + i]!.num === 0n);
  }
}
