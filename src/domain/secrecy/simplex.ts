/**
 * A small exact simplex (dense tableau, bigint, Bland's rule) for the tiny linear programmes of
 * secondary suppression: maximise cᵀx subject to A·x ≤ b, x ≥ 0, with b ≥ 0.
 *
 * The programmes it solves have a few dozen variables at most, are heavily degenerate (most right-hand
 * sides are 0) and must be answered exactly, hence integer rows reduced by their gcd and Bland's rule
 * (no cycling) rather than floating point.
 */
import { gcd } from './row-echelon.js';

export interface SimplexSolution {
  /** Each variable's value as numerator/denominator (denominator > 0). */
  values: Array<{ num: bigint; den: bigint }>;
}

function reduce(row: bigint[]): void {
  let g = 0n;
  for (const value of row) {
    if (value !== 0n) g = gcd(g, value);
    if (g === 1n) return;
  }
  if (g > 1n) for (let i = 0; i < row.length; i++) row[i] = row[i]! / g;
}

/** Solves max cᵀx, A·x ≤ b, x ≥ 0 (b ≥ 0, so the slack basis is feasible). Throws if unbounded. */
export function maximise(a: bigint[][], b: bigint[], c: bigint[]): SimplexSolution {
  const m = a.length;
  const n = c.length;
  const width = n + m + 1;
  const rhs = width - 1;
  const tableau: bigint[][] = a.map((coeffs, i) => {
    if (b[i]! < 0n) throw new Error('simplex: negative right-hand side');
    const row = new Array<bigint>(width).fill(0n);
    for (let j = 0; j < n; j++) row[j] = coeffs[j] ?? 0n;
    row[n + i] = 1n;
    row[rhs] = b[i]!;
    return row;
  });
  // Objective row: z − cᵀx = 0; a negative entry marks a variable that improves the objective.
  const objective = new Array<bigint>(width).fill(0n);
  for (let j = 0; j < n; j++) objective[j] = -(c[j] ?? 0n);
  const basis = Array.from({ length: m }, (_, i) => n + i);

  for (;;) {
    let entering = -1;
    for (let j = 0; j < n + m; j++) {
      if (objective[j]! < 0n) {
        entering = j;
        break;
      }
    }
    if (entering < 0) break;
    let leaving = -1;
    for (let i = 0; i < m; i++) {
      const coeff = tableau[i]![entering]!;
      if (coeff <= 0n) continue;
      if (leaving < 0) {
        leaving = i;
        continue;
      }
      const best = tableau[leaving]!;
      // rhs_i / coeff_i < rhs_best / coeff_best, cross-multiplied (both coefficients positive).
      const lhs = tableau[i]![rhs]! * best[entering]!;
      const right = best[rhs]! * coeff;
      if (lhs < right || (lhs === right && basis[i]! < basis[leaving]!)) leaving = i;
    }
    if (leaving < 0) throw new Error('simplex: unbounded programme');
    const pivotRow = tableau[leaving]!;
    const p = pivotRow[entering]!;
    const update = (row: bigint[]): void => {
      const f = row[entering]!;
      if (f === 0n) return;
      for (let j = 0; j < width; j++) row[j] = row[j]! * p - pivotRow[j]! * f;
      reduce(row);
    };
    for (let i = 0; i < m; i++) if (i !== leaving) update(tableau[i]!);
    update(objective);
    basis[leaving] = entering;
  }

  const values = Array.from({ length: n }, () => ({ num: 0n, den: 1n }));
  for (let i = 0; i < m; i++) {
    const v = basis[i]!;
    if (v >= n) continue;
    const row = tableau[i]!;
    const g = gcd(row[rhs]!, row[v]!) || 1n;
    values[v] = { num: row[rhs]! / g, den: row[v]! / g };
  }
  return { values };
}
