/** The sparse row-echelon basis and the exact simplex behind secondary suppression. */
import { describe, expect, it } from 'vitest';
import { ReducedRowEchelon } from './row-echelon.js';
import { maximise } from './simplex.js';

const row = (entries: Array<[number, number]>) => new Map(entries.map(([c, v]) => [c, BigInt(v)]));

describe('ReducedRowEchelon', () => {
  it('tells which columns publishing a cell determines, before and after deleting it', () => {
    // t = a + b + c (columns 0..3): publishing t, b and c determines a.
    const basis = new ReducedRowEchelon();
    expect(
      basis.addRow(
        row([
          [0, 1],
          [1, -1],
          [2, -1],
          [3, -1],
        ]),
      ),
    ).toBe(true);
    expect(
      basis.addRow(
        row([
          [0, 2],
          [1, -2],
          [2, -2],
          [3, -2],
        ]),
      ),
    ).toBe(false);
    expect(basis.deleteColumn(0)).toEqual([]);
    expect(basis.deleteColumn(2)).toEqual([]);
    const plan = basis.planDeletion(3);
    expect(plan.determined).toEqual([1]);
    expect(basis.isDetermined(1)).toBe(false);
    basis.applyDeletion(plan);
    expect(basis.isDetermined(1)).toBe(true);
    expect(basis.determinedColumns()).toEqual([1]);
  });

  it('keeps rows fully reduced when two relations share cells', () => {
    // r0 = x + y, r1 = x + z, with r0, r1 published: x, y, z stay free; publishing y fixes x and z.
    const basis = new ReducedRowEchelon();
    basis.addRow(
      row([
        [0, 1],
        [2, -1],
        [3, -1],
      ]),
    );
    basis.addRow(
      row([
        [1, 1],
        [2, -1],
        [4, -1],
      ]),
    );
    basis.deleteColumn(0);
    basis.deleteColumn(1);
    expect(basis.determinedColumns()).toEqual([]);
    expect(basis.planDeletion(3).determined.sort()).toEqual([2, 4]);
  });
});

describe('maximise', () => {
  it('solves a small programme exactly', () => {
    // max x + y, x + 2y ≤ 4, 3x + y ≤ 6 → x = 8/5, y = 6/5.
    const { values } = maximise(
      [
        [1n, 2n],
        [3n, 1n],
      ],
      [4n, 6n],
      [1n, 1n],
    );
    expect(values).toEqual([
      { num: 8n, den: 5n },
      { num: 6n, den: 5n },
    ]);
  });

  it('stops on degenerate programmes (Bland’s rule)', () => {
    const { values } = maximise(
      [
        [1n, -1n, 0n],
        [-1n, 1n, 0n],
        [0n, 0n, 1n],
      ],
      [0n, 0n, 1n],
      [0n, 0n, 1n],
    );
    expect(values[2]).toEqual({ num: 1n, den: 1n });
  });
});
