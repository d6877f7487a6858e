/**
 * Statistical secrecy over linked tables: one suppression pattern for a whole département, whose
 * statuses every output (commune, EPCI, département pages) reuses, so that no blanked value can be
 * recomputed from everything those outputs publish together.
 *
 * One problem holding every commune, every EPCI sum and the département sum is exact but far too slow
 * for `protect()` (a few hundred communes take minutes). Instead, as τ-ARGUS's HiTaS does:
 * 1. the problem is cut into sub-tables (each commune's own table, each aggregate's own table, and
 *    each one-dimensional table "aggregate = Σ members" for one indicator at one date);
 * 2. each sub-table is protected by `protect()` with every cell blanked elsewhere forced blank; a new
 *    blank makes every other sub-table holding that cell dirty; dirty tables are protected again until
 *    nothing changes (blanks only grow, so this ends);
 * 3. a global rank test then checks the whole system at once (every relation of every sub-table): a
 *    blanked cell is recomputable exactly when its unit vector lies in the span of the relations
 *    restricted to the blanked cells (published cells are constants). Sub-tables alone can miss a
 *    chain that runs through several of them; each such cell gets the cheapest published neighbour
 *    that frees it blanked, the touched sub-tables are protected again, and the test is repeated.
 *    Blanking more never makes a free cell recomputable, so this ends too. The span of the relations
 *    is kept in reduced form between rounds and told of each new blank (`BlankedSpan`), so a round
 *    costs the changes, not a new elimination of the whole département.
 * Sub-tables left with no published cell by the primary rules are not protected at all: nothing in
 * them could be published.
 *
 * What this guarantees: no blanked cell is in the linear span of the published cells and all the
 * relations (sound against any combination of additions and subtractions of published figures),
 * cells marked `known` counting as published whatever happens (the sums a reader may get from a
 * neighbouring département, see diagnostic/protection.ts); the bounds the problem's reader knows
 * (`readerBounds`: counts ≥ 0, and a primary count in 1..4 for a reader who sees the kinds of blank)
 * are taken into account inside each sub-table by `protect()`, and across sub-tables when a solver
 * is given (`LinkedOptions.solver`).
 */

import { BlankedSpan } from './blanked-span.js';
import { helpersFor, type LinearSolver, pinnedAcrossTables } from './bounds-across-tables.js';
import type { Bounds } from './protect.js';
import {
  type IndexedTable,
  inBlankedZone,
  initialStatus,
  isSmallCount,
  patternBounds,
  readerBounds,
  reasonedValues,
  suppress,
} from './protect.js';
import { resultFromStatuses } from './result.js';
import type { SparseRow } from './row-echelon.js';
import type { ProtectionProblem, ProtectionResult, Reader, Status, Zone } from './types.js';
import { assertValidProblem } from './validate-problem.js';

/** A part of a linked problem protected on its own: its cells and the relations between them. */
export interface SubTable {
  id: string;
  cells: string[];
  /** Indexes into the problem's relations; their cells are added to the table's cells. */
  relations: number[];
}

export interface LinkedProblem extends ProtectionProblem {
  tables: SubTable[];
}

export interface LinkedResult extends ProtectionResult {
  /** Sub-table protections run (the first pass counts each table once). */
  tableRuns: number;
  /** Cells the global rank test had to blank beyond what the sub-tables did. */
  globalFixes: number;
  /** Cells blanked because a reader combining sub-tables with the bounds could pin another. */
  boundsFixes: number;
}

export interface LinkedOptions {
  /**
   * With a solver, the bounds a reader knows are also checked over all the sub-tables at once
   * (`pinnedAcrossTables`), and a published neighbour is blanked for each cell they pin.
   */
  solver?: LinearSolver;
}

export function protectLinked(problem: LinkedProblem, options: LinkedOptions = {}): LinkedResult {
  assertValidProblem(problem);
  return new LinkedRun(problem, options.solver).run();
}

/** Rounds of the bounds check across tables (each blanks what frees the cells found pinned). */
const BOUNDS_ROUNDS = 12;

type TableFrame = Omit<IndexedTable, 'forced'>;

class LinkedRun {
  private readonly index: Map<string, number>;
  private readonly zoneOf: Array<Zone | undefined>;
  /** Whether the cell's zone is blanked whole (primary rule 1). */
  private readonly inZoneRule: boolean[];
  /** The values reasoned on (a cell secret at source at its lowest, see `reasonedValues`). */
  private readonly values: bigint[];
  /** What the pattern tells any reader of each cell (`patternBounds`). */
  private readonly pattern: Array<Bounds | undefined>;
  private readonly reader: Reader;
  private readonly tableCells: number[][];
  private readonly tablesOfCell: number[][];
  private readonly relationRows: SparseRow[];
  private readonly relationsOfCell: number[][];
  private readonly isTotal: boolean[];
  private readonly status: Array<Status | null>;
  /** Cells a sub-table could not protect against a reader's bounds (reported, still checked here). */
  private readonly unprotectable = new Set<string>();
  /** Cells the relations alone determine, with no published figure to blank: nothing can hide them. */
  private readonly fixedByRelations = new Set<number>();
  private readonly dirty = new Set<number>();
  /** Cells blanked since the last global test, to report to the span. */
  private readonly changed = new Set<number>();
  private tableRuns = 0;
  private span: BlankedSpan | undefined;
  private readonly frames = new Map<number, TableFrame>();
  private globalFixes = 0;
  private boundsFixes = 0;

  constructor(
    private readonly problem: LinkedProblem,
    private readonly solver?: LinearSolver,
  ) {
    const { cells, relations, zones, tables } = problem;
    this.index = new Map(cells.map((cell, i) => [cell.id, i]));
    const zoneById = new Map(zones.map((zone) => [zone.id, zone]));
    const soleZone = zones.length === 1 ? zones[0] : undefined;
    this.zoneOf = cells.map((cell) => (cell.zone === undefined ? soleZone : zoneById.get(cell.zone)));
    this.reader = problem.reader ?? 'kinds';
    this.pattern = patternBounds(problem, this.index, cells.length);
    this.values = reasonedValues(cells, this.pattern);
    this.relationsOfCell = cells.map(() => []);
    this.isTotal = cells.map(() => false);
    this.relationRows = relations.map((relation, r) => {
      const row: SparseRow = new Map();
      const total = this.index.get(relation.total)!;
      row.set(total, 1n);
      this.isTotal[total] = true;
      for (const id of relation.parts) row.set(this.index.get(id)!, -1n);
      for (const c of row.keys()) this.relationsOfCell[c]!.push(r);
      return row;
    });
    this.tablesOfCell = cells.map(() => []);
    this.tableCells = tables.map((table, t) => {
      const own = new Set(table.cells.map((id) => this.cellIndex(id, table.id)));
      for (const r of table.relations) {
        if (!this.relationRows[r]) throw new Error(`table ${table.id}: no relation ${r}`);
        for (const c of this.relationRows[r]!.keys()) own.add(c);
      }
      for (const c of own) this.tablesOfCell[c]!.push(t);
      return [...own];
    });
    // The primary rules and the caller's forced blanks are known before any table is protected, so
    // a table left with no published cell needs no protection at all (most commune tables of a
    // rural département, whose communes have fewer than 100 allocataires).
    const minCount = BigInt(problem.thresholds.minCount);
    this.inZoneRule = this.zoneOf.map((zone) => inBlankedZone(zone, problem.thresholds));
    this.status = cells.map((cell, c) =>
      initialStatus({
        known: cell.known === true,
        inZoneRule: this.inZoneRule[c]!,
        smallCount: isSmallCount(cell.kind === 'count', this.values[c]!, minCount),
        forced: cell.forceSuppress === true || cell.unknown === true,
      }),
    );
  }

  private cellIndex(id: string, table: string): number {
    const i = this.index.get(id);
    if (i === undefined) throw new Error(`table ${table}: no cell ${id}`);
    return i;
  }

  run(): LinkedResult {
    // Cells in no table still get the rules of a table of their own.
    const loose = this.problem.cells.flatMap((_, c) => (this.tablesOfCell[c]!.length === 0 ? [c] : []));
    if (loose.length > 0) this.protectCells(loose, [], -1);
    for (let t = 0; t < this.tableCells.length; t++) this.dirty.add(t);
    this.settle();
    if (this.solver) this.boundsAcrossTables(this.solver);
    return this.result();
  }

  /** Sub-tables protected again and the global rank test repeated until neither blanks anything. */
  private settle(): void {
    for (;;) {
      this.settleTables();
      const leaks = this.recomputable();
      if (leaks.size === 0) break;
      for (const [cell, sources] of leaks) this.free(cell, sources);
    }
  }

  /**
   * Finds the cells a reader can pin by combining sub-tables with the bounds (`pinnedAcrossTables`),
   * blanks the published figures a linear programme picks to free them at the least cost
   * (`helpersFor`), settles again, and checks again the groups of cells touched. Cells nothing around
   * can free (their bounds and the relations between blanked cells alone pin them) are reported as
   * impossible to protect.
   */
  private boundsAcrossTables(solver: LinearSolver): void {
    const { cells, thresholds } = this.problem;
    const boundsOf = (c: number, status: Status) =>
      readerBounds({
        status,
        value: this.values[c]!,
        count: cells[c]!.kind === 'count',
        inZoneRule: this.inZoneRule[c]!,
        minCount: thresholds.minCount,
        reader: this.reader,
        pattern: this.pattern[c],
      });
    const system = {
      relationRows: this.relationRows,
      relationsOfCell: this.relationsOfCell,
      values: this.values,
      isBlanked: (c: number) => this.isBlanked(c),
      bounds: (c: number) => boundsOf(c, this.status[c] ?? 'published'),
      isCandidate: (c: number) => this.status[c] === null,
      boundsIfBlanked: (c: number) => boundsOf(c, 'secondary'),
      cost: (c: number) => 1 + (cells[c]!.level ?? 0) + (this.isTotal[c] ? 1 : 0),
    };
    let seeds: Iterable<number> | undefined;
    for (let round = 0; round < BOUNDS_ROUNDS; round++) {
      const before = this.status.slice();
      const pinned = pinnedAcrossTables(system, solver, seeds).filter(
        (c) => !this.unprotectable.has(cells[c]!.id),
      );
      if (pinned.length === 0) return;
      const helpers = helpersFor(system, solver, pinned);
      if (helpers.length === 0) {
        // No published figure around them can free them: their bounds and the relations among
        // blanked cells alone pin them (an EPCI total "< 5" over four members "< 5" is 4, and they are 1).
        for (const cell of pinned) this.unprotectable.add(cells[cell]!.id);
        return;
      }
      for (const helper of new Set(helpers)) {
        this.status[helper] = 'secondary';
        this.changed.add(helper);
        this.boundsFixes++;
        for (const t of this.tablesOfCell[helper]!) this.dirty.add(t);
      }
      this.settle();
      const touched = new Set<number>(pinned);
      this.status.forEach((status, c) => {
        if (status !== before[c]) touched.add(c);
      });
      seeds = touched;
    }
    for (const c of pinnedAcrossTables(system, solver, seeds)) this.unprotectable.add(cells[c]!.id);
  }

  private isBlanked(c: number): boolean {
    return this.status[c] !== null && this.status[c] !== 'published';
  }

  /** Protects dirty sub-tables until none is left. */
  private settleTables(): void {
    while (this.dirty.size > 0) {
      const t = this.dirty.values().next().value!;
      this.dirty.delete(t);
      const cells = this.tableCells[t]!;
      // protect() only turns published cells into blanks: with none, nothing would change.
      if (cells.every((c) => this.isBlanked(c))) continue;
      this.protectCells(cells, this.problem.tables[t]!.relations, t);
    }
  }

  private protectCells(cellIndexes: number[], relationIndexes: number[], table: number): void {
    this.tableRuns++;
    const frame = this.frameOf(table, cellIndexes, relationIndexes);
    const { status, unprotectable } = suppress({
      ...frame,
      forced: cellIndexes.map((c) => this.isBlanked(c) || this.problem.cells[c]!.forceSuppress === true),
    });
    for (const k of unprotectable) this.unprotectable.add(this.problem.cells[cellIndexes[k]!]!.id);
    status.forEach((next, k) => {
      const c = cellIndexes[k]!;
      if (next === 'published') return;
      if (this.status[c] === next || this.status[c] === 'primary') return;
      const wasBlanked = this.isBlanked(c);
      this.status[c] = next;
      if (wasBlanked) return;
      this.changed.add(c);
      for (const other of this.tablesOfCell[c]!) if (other !== table) this.dirty.add(other);
    });
  }

  /** A sub-table in the engine's form (all but the forced blanks), made once per table. */
  private frameOf(table: number, cellIndexes: number[], relationIndexes: number[]): TableFrame {
    let frame = this.frames.get(table);
    if (frame) return frame;
    const local = new Map(cellIndexes.map((c, k) => [c, k]));
    const { cells, relations, thresholds } = this.problem;
    frame = {
      values: cellIndexes.map((c) => this.values[c]!),
      counts: cellIndexes.map((c) => cells[c]!.kind === 'count'),
      levels: cellIndexes.map((c) => cells[c]!.level ?? 0),
      inZoneRule: cellIndexes.map((c) => this.inZoneRule[c]!),
      known: cellIndexes.map((c) => cells[c]!.known === true),
      relations: relationIndexes.map((r) => ({
        total: local.get(this.index.get(relations[r]!.total)!)!,
        parts: relations[r]!.parts.map((id) => local.get(this.index.get(id)!)!),
      })),
      minCount: thresholds.minCount,
      reader: this.reader,
      patternBounds: cellIndexes.map((c) => this.pattern[c]),
    };
    this.frames.set(table, frame);
    return frame;
  }

  /**
   * Every blanked cell a reader can recompute from the published cells and all the relations, with
   * the published cells of one way to do it. The span is built once; afterwards only the cells
   * blanked since the last test are reported to it (blanking more never makes a free cell
   * recomputable, but it changes which rows are single-entry).
   */
  private recomputable(): Map<number, number[]> {
    if (!this.span) {
      this.span = new BlankedSpan((c) => this.isBlanked(c));
      for (const row of this.relationRows) this.span.add(row);
    } else {
      for (const c of this.changed) this.span.blank(c);
    }
    this.changed.clear();
    const out = new Map<number, number[]>();
    for (const [cell, sources] of this.span.determined()) {
      if (!this.fixedByRelations.has(cell)) out.set(cell, sources);
    }
    return out;
  }

  /** Lower is cheaper to blank: detail cells before totals, small values before large, zeros last. */
  private cost(c: number): [number, number, number, bigint] {
    const cell = this.problem.cells[c]!;
    const own = this.values[c]!;
    const value = own < 0n ? -own : own;
    return [own === 0n ? 1 : 0, this.isTotal[c] ? 1 : 0, cell.level ?? 0, value];
  }

  private cheaper = (a: number, b: number): number => {
    const ca = this.cost(a);
    const cb = this.cost(b);
    for (let i = 0; i < 3; i++) if (ca[i] !== cb[i]) return (ca[i] as number) - (cb[i] as number);
    if (ca[3] !== cb[3]) return ca[3] < cb[3] ? -1 : 1;
    return a - b;
  };

  /**
   * Blanks the cheapest of the published cells `cell` is computed from, which breaks that way of
   * recomputing it; the next global test says whether another way is left. A cell computed from no
   * published figure at all (the relations alone fix it) cannot be protected.
   */
  private free(cell: number, sources: number[]): void {
    const candidates = sources.filter((c) => this.status[c] === null).sort(this.cheaper);
    if (candidates.length === 0) {
      // Already broken by another fix of this round, or fixed by the relations and what a reader
      // knows anyway.
      if (sources.every((c) => this.problem.cells[c]!.known)) {
        this.fixedByRelations.add(cell);
        this.unprotectable.add(this.problem.cells[cell]!.id);
      }
      return;
    }
    const chosen = candidates[0]!;
    this.status[chosen] = 'secondary';
    this.changed.add(chosen);
    this.globalFixes++;
    for (const t of this.tablesOfCell[chosen]!) this.dirty.add(t);
  }

  private result(): LinkedResult {
    const statuses = new Map(this.problem.cells.map((cell, c) => [cell.id, this.status[c] ?? 'published']));
    const base = resultFromStatuses(this.problem, (id) => statuses.get(id)!);
    return {
      ...base,
      unprotectable: [...this.unprotectable].sort(),
      tableRuns: this.tableRuns,
      globalFixes: this.globalFixes,
      boundsFixes: this.boundsFixes,
    };
  }
}
