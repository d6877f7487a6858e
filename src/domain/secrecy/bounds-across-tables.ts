/**
 * The bounds check over a whole linked problem at once. `protect()` checks, inside each sub-table,
 * that no blanked cell sitting on a bound a reader knows (a blanked zero, a "< 5" count at 1 or 4) is
 * pinned there; a reader who combines several sub-tables (a commune's age bands with the EPCI's and
 * the département's sums of each band) can still pin some. This finds them.
 *
 * One linear programme over the groups of linked blanked cells, over the directions in which the blanked
 * cells can move together while every relation holds (published cells are constants):
 *   max Σ t_k  s.t.  t_k ≤ σ_k·y_k, 0 ≤ t_k ≤ 1 for each cell k on a bound,
 *                    Σ coefficient·y = 0 for each relation,
 * with σ_k = +1 on a lower bound (the cell can only rise) and −1 on an upper bound. Feasible directions
 * form a cone, so a sum of them is one: at an optimum t_k = 1 for every cell some direction moves and
 * t_k = 0 for the pinned ones. Cells inside their bounds move in any direction the others allow; the
 * linear rank test already keeps each of them out of the span of the equations.
 *
 * The programme is solved in floating point by the solver the caller gives (HiGHS in the platform);
 * the data are small integers and the answer is read with a margin (t ≥ ½), which the tests check
 * against an independent audit that minimises and maximises each cell.
 */

import { type Bounds, sideOf } from './protect.js';
import type { SparseRow } from './row-echelon.js';

/**
 * A linear programme: maximise Σ objective·x subject to rowLower ≤ A·x ≤ rowUpper and
 * lower ≤ x ≤ upper (±Infinity where there is no bound), A given row by row.
 */
export interface LinearProgramme {
  objective: readonly number[];
  lower: readonly number[];
  upper: readonly number[];
  rowStarts: readonly number[];
  rowColumns: readonly number[];
  rowValues: readonly number[];
  rowLower: readonly number[];
  rowUpper: readonly number[];
}

/** A linear programme solver: the value of each column at an optimum. */
export interface LinearSolver {
  maximise(programme: LinearProgramme): ArrayLike<number>;
}

/** Builds a `LinearProgramme` column by column and row by row. */
class Programme implements LinearProgramme {
  readonly objective: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly rowStarts: number[] = [0];
  readonly rowColumns: number[] = [];
  readonly rowValues: number[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];

  column(cost: number, lower: number, upper: number): number {
    this.objective.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    return this.objective.length - 1;
  }

  row(entries: ReadonlyArray<readonly [number, number]>, lower: number, upper: number): void {
    for (const [column, value] of entries) {
      this.rowColumns.push(column);
      this.rowValues.push(value);
    }
    this.rowStarts.push(this.rowColumns.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }

  /**
   * A column t in [0, 1], worth 1 in the objective, with t ≤ σ·y: at an optimum it is 1 when the
   * cell of column y can move in its allowed direction σ (+1 up, −1 down), 0 when it is pinned.
   */
  movement(y: number, sigma: number): number {
    const t = this.column(1, 0, 1);
    this.row(
      [
        [t, 1],
        [y, -sigma],
      ],
      -Infinity,
      0,
    );
    return t;
  }
}

export interface BoundsSystem {
  relationRows: readonly SparseRow[];
  relationsOfCell: readonly (readonly number[])[];
  values: readonly bigint[];
  isBlanked(cell: number): boolean;
  bounds(cell: number): Bounds;
}

const side = (system: BoundsSystem, cell: number) => sideOf(system.bounds(cell), system.values[cell]!);

/**
 * The blanked cells on a bound that no feasible direction moves, among the groups of linked blanked
 * cells holding one of `seeds` (every group by default).
 */
export function pinnedAcrossTables(
  system: BoundsSystem,
  solver: LinearSolver,
  seeds?: Iterable<number>,
): number[] {
  const n = system.values.length;
  const movable = (cell: number): boolean => system.isBlanked(cell) && side(system, cell) !== 2;
  const visited = new Uint8Array(n);
  const starts = seeds ? [...seeds] : Array.from({ length: n }, (_, c) => c);
  // The groups are independent; those left after the cheap test go into one programme, one call.
  const cells: number[] = [];
  const relations = new Set<number>();
  const unsure: number[] = [];
  for (const start of starts) {
    if (visited[start] || !movable(start)) continue;
    visited[start] = 1;
    const group: number[] = [];
    const groupRelations: number[] = [];
    for (let head = 0, queue = [start]; head < queue.length; head++) {
      const cell = queue[head]!;
      group.push(cell);
      for (const r of system.relationsOfCell[cell]!) {
        if (relations.has(r)) continue;
        relations.add(r);
        groupRelations.push(r);
        for (const other of system.relationRows[r]!.keys()) {
          if (visited[other] || !movable(other)) continue;
          visited[other] = 1;
          queue.push(other);
        }
      }
    }
    const left = uncertified(system, group);
    if (left.length === 0) {
      for (const r of groupRelations) relations.delete(r);
      continue;
    }
    cells.push(...group);
    unsure.push(...left);
  }
  if (unsure.length === 0) return [];
  return pinnedInGroup(system, solver, cells, relations, unsure).sort((a, b) => a - b);
}

/**
 * The cells on a bound of a group that a simple exchange does not already move. Two blanked cells
 * that sit in exactly the same relations with the same coefficients (two communes of one EPCI for a
 * figure no commune relation holds) can trade a unit: one rises, the other falls, every relation
 * still holds. A cell on its lower bound with such a twin able to fall is free, and the other way
 * round; only the others need the linear programme.
 */
function uncertified(system: BoundsSystem, group: readonly number[]): number[] {
  const twins = new Map<string, { up: number; down: number; upCell: number; downCell: number }>();
  const keyOf = (cell: number): string =>
    system.relationsOfCell[cell]!.map((r) => `${r}:${system.relationRows[r]!.get(cell)}`).join(',');
  const keys = new Map<number, string>();
  for (const cell of group) {
    const key = keyOf(cell);
    keys.set(cell, key);
    const s = side(system, cell);
    let entry = twins.get(key);
    if (!entry) {
      entry = { up: 0, down: 0, upCell: -1, downCell: -1 };
      twins.set(key, entry);
    }
    if (s !== -1) {
      entry.up++;
      entry.upCell = cell;
    }
    if (s !== 1) {
      entry.down++;
      entry.downCell = cell;
    }
  }
  return group.filter((cell) => {
    const s = side(system, cell);
    if (s === 0) return false;
    const entry = twins.get(keys.get(cell)!)!;
    // Rising needs a twin that can fall, other than the cell itself (which, on a bound, cannot).
    if (s === 1) return !(entry.down > 0 && entry.downCell !== cell);
    return !(entry.up > 0 && entry.upCell !== cell);
  });
}

function pinnedInGroup(
  system: BoundsSystem,
  solver: LinearSolver,
  cells: number[],
  relations: Set<number>,
  onBound: number[],
): number[] {
  if (onBound.length === 0) return [];
  const checked = new Set(onBound);
  const programme = new Programme();
  const column = new Map<number, number>();
  for (const cell of cells) {
    // Cells on a bound keep their one allowed direction; those checked get it through t below.
    const s = checked.has(cell) ? 0 : side(system, cell);
    column.set(cell, programme.column(0, s === 1 ? 0 : -Infinity, s === -1 ? 0 : Infinity));
  }
  for (const r of relations) {
    const entries: Array<[number, number]> = [];
    for (const [cell, coefficient] of system.relationRows[r]!) {
      const y = column.get(cell);
      if (y !== undefined) entries.push([y, Number(coefficient)]);
    }
    if (entries.length > 0) programme.row(entries, 0, 0);
  }
  const t = onBound.map((cell) => programme.movement(column.get(cell)!, side(system, cell)));
  const values = solver.maximise(programme);
  return onBound.filter((_, i) => values[t[i]!]! < 0.5);
}

export interface RepairSystem extends BoundsSystem {
  /** A published figure that may be blanked (not one a reader knows anyway). */
  isCandidate(cell: number): boolean;
  /** The bounds a reader would know of a published figure once it is blanked. */
  boundsIfBlanked(cell: number): Bounds;
  /** How much it costs to blank a published figure (≥ 1; more for totals and aggregates). */
  cost(cell: number): number;
}

/** Weight of the blanking costs against the number of cells freed: freeing one always wins. */
const COST_WEIGHT = 0.01;

/**
 * Published figures whose blanking frees the cells of `pinned`: the same programme, with the
 * published figures of the relations around those cells allowed to move too, each at a cost
 * proportional to its move. At an optimum the pinned cells that can be freed are, at the least cost;
 * the figures that moved are the ones to blank. A heuristic choice (the cheapest set is a harder,
 * integer problem), checked by running `pinnedAcrossTables` again after blanking.
 */
export function helpersFor(system: RepairSystem, solver: LinearSolver, pinned: readonly number[]): number[] {
  const movable = (cell: number): boolean => system.isBlanked(cell) && side(system, cell) !== 2;
  // The groups of the pinned cells, then the relations of the published figures around them.
  const cells = new Set<number>();
  const relations = new Set<number>();
  const queue = pinned.filter(movable);
  for (const cell of queue) cells.add(cell);
  for (let head = 0; head < queue.length; head++) {
    for (const r of system.relationsOfCell[queue[head]!]!) {
      if (relations.has(r)) continue;
      relations.add(r);
      for (const other of system.relationRows[r]!.keys()) {
        if (cells.has(other) || !movable(other)) continue;
        cells.add(other);
        queue.push(other);
      }
    }
  }
  const candidates = new Set<number>();
  for (const r of [...relations]) {
    for (const cell of system.relationRows[r]!.keys()) if (system.isCandidate(cell)) candidates.add(cell);
  }
  for (const candidate of candidates) {
    for (const r of system.relationsOfCell[candidate]!) {
      if (relations.has(r)) continue;
      relations.add(r);
      for (const other of system.relationRows[r]!.keys()) if (movable(other)) cells.add(other);
    }
  }
  const onBound = [...cells].filter((cell) => side(system, cell) !== 0);
  const programme = new Programme();
  const y = new Map<number, number>();
  for (const cell of cells) y.set(cell, programme.column(0, -Infinity, Infinity));
  const up = new Map<number, number>();
  const down = new Map<number, number>();
  for (const cell of candidates) {
    const weight = -COST_WEIGHT * system.cost(cell);
    // A figure on its lower bound once blanked (a zero, a count of exactly 5) can only rise.
    const { lower } = system.boundsIfBlanked(cell);
    const risesOnly = lower !== null && system.values[cell] === lower;
    up.set(cell, programme.column(weight, 0, Infinity));
    down.set(cell, programme.column(weight, 0, risesOnly ? 0 : Infinity));
  }
  for (const r of relations) {
    const entries: Array<[number, number]> = [];
    for (const [cell, coefficient] of system.relationRows[r]!) {
      const k = Number(coefficient);
      const variable = y.get(cell);
      if (variable !== undefined) entries.push([variable, k]);
      else if (candidates.has(cell)) entries.push([up.get(cell)!, k], [down.get(cell)!, -k]);
    }
    if (entries.length > 0) programme.row(entries, 0, 0);
  }
  for (const cell of onBound) programme.movement(y.get(cell)!, side(system, cell));
  const values = solver.maximise(programme);
  return [...candidates].filter((cell) => values[up.get(cell)!]! + values[down.get(cell)!]! > 1e-6);
}
