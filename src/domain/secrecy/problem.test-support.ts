/** Small hand-built problems for the secrecy tests: one zone of 5 000 allocataires by default. */
import type { Cell, ProtectionProblem, Relation } from './types.js';
import { DEFAULT_THRESHOLDS } from './types.js';

export const count = (id: string, value: number, extra: Partial<Cell> = {}): Cell => ({
  id,
  value: BigInt(value),
  kind: 'count',
  ...extra,
});

export function problem(
  cells: Cell[],
  relations: Relation[],
  extra: Partial<ProtectionProblem> = {},
): ProtectionProblem {
  return {
    zones: [{ id: 'z', allocataires: 5000 }],
    cells,
    relations,
    ratios: [],
    thresholds: DEFAULT_THRESHOLDS,
    ...extra,
  };
}
