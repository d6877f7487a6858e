/**
 * A sparse, fully reduced row-echelon basis over exact integers, used to know which hidden cells a
 * reader can recompute from published figures.
 *
 * Rows are equations between cells (column = cell index); publishing a cell removes its column,
 * because its value becomes a known constant. In a fully reduced form (every pivot column is zero in
 * every other row) a unit vector e_c lies in the row space exactly when c is the pivot of a row whose
 * only nonzero entry is c, so "is this cell recomputable?" is a look-up, not a new elimination.
 *
 * Arithmetic is fraction-free on bigint: combining rows multiplies by the pivots and divides the
 * result by the gcd of its entries, so coefficients stay small and nothing is ever rounded.
 */

export type SparseRow = Map<number, bigint>;

const abs = (value: bigint): bigint => (value < 0n ? -value : value);

export function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** Divides a row by the gcd of its entries (keeps signs). */
function normalise(row: SparseRow): SparseRow {
  let g = 0n;
  for (const value of row.values()) {
    g = gcd(g, value);
    if (g === 1n) return row;
  }
  if (g <= 1n) return row;
  for (const [col, value] of row) row.set(col, value / g);
  return row;
}

/** target·a − source·b, with a, b chosen so that `col` cancels; the result never contains `col`. */
export function eliminate(target: SparseRow, source: SparseRow, col: number): SparseRow {
  const s = source.get(col);
  const t = target.get(col);
  if (s === undefined || t === undefined) throw new Error(`column ${col} missing in elimination`);
  const g = gcd(s, t);
  const a = s / g;
  const b = t / g;
  const result: SparseRow = new Map();
  for (const [c, value] of target) {
    if (c !== col) result.set(c, value * a);
  }
  for (const [c, value] of source) {
    if (c === col) continue;
    const next = (result.get(c) ?? 0n) - value * b;
    if (next === 0n) result.delete(c);
    else result.set(c, next);
  }
  return normalise(result);
}

/**
 * Puts `row` (or nothing) at `index` and keeps the index of which rows hold each column up to date;
 * shared by the bases that keep such an index.
 */
export function setIndexedRow(
  rows: Array<SparseRow | null>,
  rowsOfColumn: Map<number, Set<number>>,
  index: number,
  row: SparseRow | null,
): void {
  const old = rows[index];
  if (old) {
    for (const col of old.keys()) {
      if (!row?.has(col)) rowsOfColumn.get(col)?.delete(index);
    }
  }
  if (row) {
    for (const col of row.keys()) {
      let holders = rowsOfColumn.get(col);
      if (!holders) {
        holders = new Set();
        rowsOfColumn.set(col, holders);
      }
      holders.add(index);
    }
  }
  rows[index] = row;
}

/** The changes deleting one column would make; computed without touching the basis. */
export interface DeletionPlan {
  column: number;
  /** Row whose pivot was the column and which became empty (the column was already determined). */
  droppedRow: number | null;
  /**
   * Rows to replace, with their pivot (unchanged unless the row lost its pivot); `entries` null means
   * the row only loses the column, which `applyDeletion` does in place (no copy of a long row).
   */
  updates: Array<{ row: number; entries: SparseRow | null; pivot: number }>;
  /** Columns that become recomputable (their row shrinks to a single entry) once the column is deleted. */
  determined: number[];
}

export class ReducedRowEchelon {
  private readonly rows: Array<SparseRow | null> = [];
  private readonly pivotOfRow: number[] = [];
  private readonly rowOfPivot = new Map<number, number>();
  private readonly rowsOfColumn = new Map<number, Set<number>>();

  get rank(): number {
    return this.rowOfPivot.size;
  }

  /** Live rows with their pivot column (read-only view). */
  *entries(): Generator<{ pivot: number; row: ReadonlyMap<number, bigint> }> {
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (row) yield { pivot: this.pivotOfRow[i]!, row };
    }
  }

  hasColumn(col: number): boolean {
    return (this.rowsOfColumn.get(col)?.size ?? 0) > 0;
  }

  /** True when e_col lies in the row space: the column's value follows from the equations. */
  isDetermined(col: number): boolean {
    const r = this.rowOfPivot.get(col);
    return r !== undefined && this.rows[r]!.size === 1;
  }

  /**
   * Adds an equation; returns false when it is a combination of the rows already held. With
   * `canPivot`, only those columns become pivots, and a row left with none of them is not kept: the
   * other columns are then known constants (published cells) carried along to show which of them a
   * pivot's value depends on.
   */
  addRow(input: ReadonlyMap<number, bigint>, canPivot?: (col: number) => boolean): boolean {
    let row: SparseRow = new Map();
    for (const [col, value] of input) if (value !== 0n) row.set(col, value);
    const pivotsHit = [...row.keys()].filter((col) => this.rowOfPivot.has(col));
    for (const col of pivotsHit) {
      if (row.has(col)) row = eliminate(row, this.rows[this.rowOfPivot.get(col)!]!, col);
    }
    if (row.size === 0) return false;
    normalise(row);
    const pivot = this.choosePivot(row, -1, canPivot);
    if (pivot < 0) return false;
    const index = this.rows.length;
    this.rows.push(null);
    this.pivotOfRow.push(pivot);
    for (const other of [...(this.rowsOfColumn.get(pivot) ?? [])]) {
      this.setRow(other, eliminate(this.rows[other]!, row, pivot));
    }
    this.setRow(index, row);
    this.rowOfPivot.set(pivot, index);
    return true;
  }

  /** What deleting `col` (publishing that cell) would change, and which columns it would determine. */
  planDeletion(col: number): DeletionPlan {
    const plan: DeletionPlan = { column: col, droppedRow: null, updates: [], determined: [] };
    const holders = this.rowsOfColumn.get(col);
    if (!holders || holders.size === 0) return plan;
    const pivotRow = this.rowOfPivot.get(col);
    if (pivotRow === undefined) {
      // Not a pivot: each row simply loses the entry (it keeps its pivot, so at least one entry);
      // planning is a size look-up, because a long row copied at every test would cost O(n²).
      for (const r of holders) {
        const pivot = this.pivotOfRow[r]!;
        plan.updates.push({ row: r, entries: null, pivot });
        if (this.rows[r]!.size - 1 === 1) plan.determined.push(pivot);
      }
      return plan;
    }
    const rest = new Map(this.rows[pivotRow]!);
    rest.delete(col);
    if (rest.size === 0) {
      plan.droppedRow = pivotRow;
      return plan;
    }
    normalise(rest);
    // The rest holds only non-pivot columns (the form is fully reduced); one of them becomes the pivot.
    const pivot = this.choosePivot(rest, pivotRow);
    plan.updates.push({ row: pivotRow, entries: rest, pivot });
    if (rest.size === 1) plan.determined.push(pivot);
    for (const r of this.rowsOfColumn.get(pivot) ?? []) {
      if (r === pivotRow) continue;
      const entries = eliminate(this.rows[r]!, rest, pivot);
      const own = this.pivotOfRow[r]!;
      plan.updates.push({ row: r, entries, pivot: own });
      if (entries.size === 1) plan.determined.push(own);
    }
    return plan;
  }

  applyDeletion(plan: DeletionPlan): void {
    const col = plan.column;
    if (plan.droppedRow !== null) {
      this.setRow(plan.droppedRow, null);
      this.rowOfPivot.delete(col);
      return;
    }
    const oldPivotRow = this.rowOfPivot.get(col);
    if (oldPivotRow !== undefined) this.rowOfPivot.delete(col);
    for (const update of plan.updates) {
      if (update.entries === null) {
        const row = this.rows[update.row]!;
        row.delete(col);
        this.rowsOfColumn.get(col)?.delete(update.row);
        normalise(row);
        continue;
      }
      this.setRow(update.row, update.entries);
      if (this.pivotOfRow[update.row] !== update.pivot) {
        this.pivotOfRow[update.row] = update.pivot;
        this.rowOfPivot.set(update.pivot, update.row);
      }
    }
  }

  deleteColumn(col: number): number[] {
    const plan = this.planDeletion(col);
    this.applyDeletion(plan);
    return plan.determined;
  }

  /** Columns whose value follows from the equations (rows reduced to one entry). */
  determinedColumns(): number[] {
    const out: number[] = [];
    for (const [pivot, r] of this.rowOfPivot) if (this.rows[r]!.size === 1) out.push(pivot);
    return out;
  }

  /** The entry of the row space fewest other rows share, to keep rows sparse. */
  private choosePivot(row: SparseRow, ownRow: number, canPivot?: (col: number) => boolean): number {
    let best = -1;
    let bestCount = Number.POSITIVE_INFINITY;
    for (const col of row.keys()) {
      if (canPivot && !canPivot(col)) continue;
      const holders = this.rowsOfColumn.get(col);
      const count = (holders?.size ?? 0) - (holders?.has(ownRow) ? 1 : 0);
      if (count < bestCount || (count === bestCount && col < best)) {
        best = col;
        bestCount = count;
      }
    }
    return best;
  }

  private setRow(index: number, row: SparseRow | null): void {
    setIndexedRow(this.rows, this.rowsOfColumn, index, row);
  }
}
