/**
 * Random départements protected as the platform protects them (`protectDepartement` with the bounds
 * check across sub-tables), audited against the reader of the published diagnostic: one sign for
 * every blank, so a blank is only known to be ≥ 0, plus what the zone rule tells (a commune blanked
 * whole has fewer than 100 allocataires). The reader combines every table of the département.
 *
 * The audit: no blanked cell in the span of the relations and published figures (`kernelAudit`), and
 * no blanked cell sitting on a bound whose minimum and maximum coincide (`lpAudit`). That covers every
 * cell: a cell inside its bounds can only be pinned through the equations and some pinned cell on a
 * bound, which the linear programme would find.
 */
import { describe, expect, it } from 'vitest';
import {
  auditBounds,
  highsSolver,
  kernelAudit,
  lpAudit,
  mulberry32,
  seedCount,
} from '../secrecy/audit.test-support.js';
import { resultFromStatuses } from '../secrecy/index.js';
import {
  buildDepartementProblem,
  type DepartementProtectionInput,
  protectDepartement,
} from './protection.js';
import { syntheticCommuneValues } from './synthetic.js';
import type { Territory } from './types.js';

/** Département 01 with 5 to 8 communes (several under 100 allocataires), two EPCIs, one of them shared with 02. */
function randomDepartement(seed: number): Omit<DepartementProtectionInput, 'solver'> {
  const rand = mulberry32(seed);
  const n = 5 + Math.floor(rand() * 4);
  const own = Array.from({ length: n }, (_, i) => `0100${i + 1}`);
  const population = (): number => Math.floor(rand() < 0.35 ? 150 + rand() * 450 : 700 + rand() * 6000);
  // Two communes at least: the sum of one alone, which a reader may get from 02's pages, is its value.
  const outside = ['02001', '02002', ...(rand() < 0.5 ? ['02003'] : [])];
  const values = [...own, ...outside].flatMap((code) => syntheticCommuneValues(code, population()));
  const cut = 2 + Math.floor(rand() * (n - 3));
  const epci = (code: string, members: string[]): Territory => ({ code, name: code, level: 'epci', members });
  return {
    departement: { code: '01', name: '01', level: 'departement', members: own },
    epcis: [epci('200000001', [...own.slice(0, cut), ...outside]), epci('200000002', own.slice(cut))],
    values,
  };
}

describe('random départements against the one-sign reader', () => {
  it('leave no blanked cell a reader of every published table can pin', async () => {
    const solver = await highsSolver();
    const failures: string[] = [];
    let onBound = 0;
    let blankedWhole = 0;
    let pinnedByKinds = 0;
    const seeds = seedCount(3, 8);
    for (let seed = 1; seed <= seeds; seed++) {
      const input = randomDepartement(seed * 7919);
      const { pattern, result } = protectDepartement({ ...input, solver });
      // What a reader has: the real tables, no assumption about the neighbour.
      const problem = buildDepartementProblem({ ...input, linkNeighbours: false });
      expect(problem.reader).toBe('one_sign');
      const published = resultFromStatuses(problem, (id) => pattern.get(id) ?? 'published');
      const status = new Map(published.cells.map((cell) => [cell.id, cell.status]));
      const bound = new Set(
        problem.cells
          .filter((cell) => status.get(cell.id) !== 'published')
          .filter((cell) => {
            const { lower, upper } = auditBounds(problem, cell, status.get(cell.id)!, 'one_sign');
            return Number(cell.value) === lower || Number(cell.value) === upper;
          })
          .map((cell) => cell.id),
      );
      onBound += bound.size;
      blankedWhole += problem.zones.filter(
        (zone) => zone.allocatairesCell && zone.subjectToZoneRule && (zone.allocataires ?? 100) < 100,
      ).length;
      // The engine assumes a reader knows the sum of the EPCI's communes lying in 02 (from 02's pages);
      // when that sum is 0 it pins them whatever 01 blanks, and only 02's own pattern can hide them.
      const ours = result.unprotectable.filter((id) => !id.startsWith('02'));
      if (ours.length > 0) failures.push(`seed ${seed}: unprotectable ${ours.join(', ')}`);
      const recomputable = kernelAudit(problem, published, seed);
      if (recomputable.length > 0) failures.push(`seed ${seed}: recomputable ${recomputable.join(', ')}`);
      const pinned = await lpAudit(problem, published, { only: bound });
      if (pinned.length > 0) failures.push(`seed ${seed}: pinned ${pinned.join(', ')}`);
      // Had the outputs named the kinds, the same pattern would leave cells pinned.
      const small = new Set(
        problem.cells
          .filter((cell) => status.get(cell.id) === 'primary' && cell.value > 0n && cell.value < 5n)
          .map((cell) => cell.id)
          .slice(0, 30),
      );
      pinnedByKinds += (await lpAudit(problem, published, { only: small, reader: 'kinds' })).length;
    }
    expect(failures).toEqual([]);
    // The generator must put blanks on their bounds and blank communes whole, or this proves nothing.
    expect(onBound).toBeGreaterThan((100 * seeds) / 8);
    expect(blankedWhole).toBeGreaterThan(seeds);
    expect(pinnedByKinds).toBeGreaterThan(0);
  }, 120_000);
});
