import { percentage } from './ratio.js';
import type {
  ProtectedCell,
  ProtectedRatio,
  ProtectionProblem,
  ProtectionResult,
  Status,
  StatusCounts,
} from './types.js';

/**
 * The result of a problem whose cell statuses were decided elsewhere (a stored pattern): shares are
 * published only with their numerator and denominator, as `protect()` does.
 */
export function resultFromStatuses(
  problem: ProtectionProblem,
  statusOf: (id: string) => Status,
): ProtectionResult {
  const counts: StatusCounts = { primary: 0, secondary: 0, published: 0 };
  const cells: ProtectedCell[] = problem.cells.map((cell) => {
    const status = statusOf(cell.id);
    counts[status]++;
    return { id: cell.id, status, value: status === 'published' ? cell.value : null };
  });
  const byId = new Map(problem.cells.map((cell, i) => [cell.id, { cell: cells[i]!, value: cell.value }]));
  const ratioCounts: StatusCounts = { primary: 0, secondary: 0, published: 0 };
  const ratios: ProtectedRatio[] = problem.ratios.map((ratio) => {
    const num = byId.get(ratio.numerator)!;
    const den = byId.get(ratio.denominator)!;
    let status: Status;
    if (num.cell.status === 'published' && den.cell.status === 'published') status = 'published';
    else if (num.cell.status === 'primary' || den.cell.status === 'primary') status = 'primary';
    else status = 'secondary';
    ratioCounts[status]++;
    const value = status === 'published' ? percentage(num.value, den.value, ratio.decimals) : null;
    return { id: ratio.id, status, value };
  });
  const inconsistentRelations: number[] = [];
  problem.relations.forEach((relation, r) => {
    const ids = [relation.total, ...relation.parts];
    if (ids.some((id) => byId.get(id)!.cell.status !== 'published')) return;
    const sum = relation.parts.reduce((acc, id) => acc + byId.get(id)!.value, 0n);
    if (byId.get(relation.total)!.value !== sum) inconsistentRelations.push(r);
  });
  return { cells, ratios, counts, ratioCounts, inconsistentRelations, unprotectable: [] };
}
