/**
 * The relations of a linked problem, kept in a fully reduced form whose pivots are blanked cells, and
 * kept so as cells get blanked one after the other. It answers the global rank test of
 * `protectLinked` without solving the whole system again after every fix.
 *
 * A blanked cell c is recomputable exactly when e_c lies in the span of the relations restricted to the
 * blanked cells (published cells are constants). With every pivot a blanked cell that appears in no
 * other row, that happens exactly when c is the pivot of a row whose other entries are all published
 * (a combination of rows that cancels every other pivot is a multiple of one row). Such a row also
 * names the published figures the value is computed from.
 *
 * Rows with no blanked cell yet are kept, reduced, without a pivot: blanking one of their cells gives
 * them one. Blanking a cell never needs a row to be rebuilt: either a pivot-less row takes it as its
 * pivot (and it is eliminated from the other rows), or it stays a non-pivot entry of the rows that hold
 * it, which then stop being single-entry rows.
 */

import { eliminate, type SparseRow, setIndexedRow } from './row-echelon.js';

const NO_PIVOT = -1;

export class BlankedSpan {
  private readonly rows: Array<SparseRow | null> = [];
  private readonly pivotOfRow: number[] = [];
  private readonly rowOfPivot = new Map<number, number>();
  private readonly rowsOfColumn = new Map<number, Set<number>>();

  /** `isBlanked` is read at every call: the caller reports each newly blanked cell with `blank`. */
  constructor(private readonly isBlanked: (cell: number) => boolean) {}

  /** Adds an equation (cell → coefficient). */
  add(input: ReadonlyMap<number, bigint>): void {
    let row: SparseRow = new Map();
    for (const [col, value] of input) if (value !== 0n) row.set(col, value);
    for (const col of [...row.keys()]) {
      const pivotRow = this.rowOfPivot.get(col);
      if (pivotRow !== undefined && row.has(col)) row = eliminate(row, this.rows[pivotRow]!, col);
    }
    if (row.size === 0) return;
    const index = this.rows.length;
    this.rows.push(null);
    this.pivotOfRow.push(NO_PIVOT);
    this.setRow(index, row);
    const pivot = this.choosePivot(row);
    if (pivot !== NO_PIVOT) this.makePivot(index, pivot);
  }

  /** To be called once for each cell blanked after the rows were added. */
  blank(col: number): void {
    let chosen: number | undefined;
    for (const r of this.rowsOfColumn.get(col) ?? []) {
      if (this.pivotOfRow[r] !== NO_PIVOT) continue;
      if (chosen === undefined || this.rows[r]!.size < this.rows[chosen]!.size) chosen = r;
    }
    if (chosen !== undefined) this.makePivot(chosen, col);
  }

  /** Each blanked cell the rows determine, with the published cells of its row (what gives it away). */
  determined(): Map<number, number[]> {
    const out = new Map<number, number[]>();
    this.rows.forEach((row, r) => {
      const pivot = this.pivotOfRow[r]!;
      if (!row || pivot === NO_PIVOT) return;
      const sources: number[] = [];
      for (const col of row.keys()) {
        if (col === pivot) continue;
        if (this.isBlanked(col)) return;
        sources.push(col);
      }
      out.set(pivot, sources);
    });
    return out;
  }

  /** The blanked entry fewest other rows share (keeps rows sparse); NO_PIVOT when none is blanked. */
  private choosePivot(row: SparseRow): number {
    let best = NO_PIVOT;
    let bestCount = Number.POSITIVE_INFINITY;
    for (const col of row.keys()) {
      if (!this.isBlanked(col)) continue;
      const count = this.rowsOfColumn.get(col)!.size;
      if (count < bestCount || (count === bestCount && col < best)) {
        best = col;
        bestCount = count;
      }
    }
    return best;
  }

  /** Makes `col` the pivot of row `index` and removes it from every other row. */
  private makePivot(index: number, col: number): void {
    this.pivotOfRow[index] = col;
    this.rowOfPivot.set(col, index);
    const source = this.rows[index]!;
    for (const other of [...this.rowsOfColumn.get(col)!]) {
      if (other === index) continue;
      const reduced = eliminate(this.rows[other]!, source, col);
      if (reduced.size === 0) {
        // Only a row without pivot can vanish: a pivot never appears in the source row.
        this.setRow(other, null);
      } else {
        this.setRow(other, reduced);
      }
    }
  }

  private setRow(index: number, row: SparseRow | null): void {
    setIndexedRow(this.rows, this.rowsOfColumn, index, row);
  }
}
