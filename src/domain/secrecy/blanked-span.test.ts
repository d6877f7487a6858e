import { describe, expect, it } from 'vitest';
import { mulberry32, randomProblem, rankAudit } from './audit.test-support.js';
import { BlankedSpan } from './blanked-span.js';
import { resultFromStatuses } from './result.js';
import type { SparseRow } from './row-echelon.js';
import type { ProtectionProblem } from './types.js';

/** The problem's relations as rows over cell indexes (total − Σ parts). */
function rowsOf(problem: ProtectionProblem): SparseRow[] {
  const index = new Map(problem.cells.map((cell, i) => [cell.id, i]));
  return problem.relations.map((relation) => {
    const row: SparseRow = new Map([[index.get(relation.total)!, 1n]]);
    for (const part of relation.parts) row.set(index.get(part)!, -1n);
    return row;
  });
}

/** What the independent audit says is recomputable with these cells blanked (no ratios). */
function auditOf(problem: ProtectionProblem, blanked: boolean[]): string[] {
  const plain = { ...problem, ratios: [] };
  const index = new Map(problem.cells.map((cell, i) => [cell.id, i]));
  const result = resultFromStatuses(plain, (id) => (blanked[index.get(id)!] ? 'secondary' : 'published'));
  return rankAudit(plain, result).sort();
}

describe('BlankedSpan', () => {
  it('finds a blanked cell given away by published figures, and the figures that give it', () => {
    // t = a + b + c, with t, a, b published and c blanked: c = t − a − b.
    const blanked = [false, false, false, true];
    const span = new BlankedSpan((c) => blanked[c]!);
    span.add(
      new Map([
        [0, 1n],
        [1, -1n],
        [2, -1n],
        [3, -1n],
      ]),
    );
    expect([...span.determined()]).toEqual([[3, [0, 1, 2]]]);
    blanked[2] = true;
    span.blank(2);
    expect(span.determined().size).toBe(0);
  });

  it('gives a pivot to a relation of published cells when one of them is blanked', () => {
    // t = a + b all published, then a blanked: a = t − b.
    const blanked = [false, false, false];
    const span = new BlankedSpan((c) => blanked[c]!);
    span.add(
      new Map([
        [0, 1n],
        [1, -1n],
        [2, -1n],
      ]),
    );
    expect(span.determined().size).toBe(0);
    blanked[1] = true;
    span.blank(1);
    expect([...span.determined().keys()]).toEqual([1]);
  });

  it('agrees with the independent rank audit as cells are blanked one batch after another', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 150; seed++) {
      const problem = randomProblem(seed);
      const rand = mulberry32(seed * 7919);
      const blanked = problem.cells.map(() => rand() < 0.3);
      const span = new BlankedSpan((c) => blanked[c]!);
      for (const row of rowsOf(problem)) span.add(row);
      for (let batch = 0; batch < 4; batch++) {
        const found = [...span.determined().keys()].map((c) => problem.cells[c]!.id).sort();
        const expected = auditOf(problem, blanked);
        if (found.join() !== expected.join()) {
          failures.push(`seed ${seed}, batch ${batch}: ${found.join()} ≠ ${expected.join()}`);
          break;
        }
        const fresh = problem.cells.flatMap((_, c) => (!blanked[c] && rand() < 0.15 ? [c] : []));
        for (const c of fresh) blanked[c] = true;
        for (const c of fresh) span.blank(c);
      }
    }
    expect(failures).toEqual([]);
  });
});
