/**
 * 1 000 seeded random tables (two-way tables with margins; communes of an EPCI straddling two
 * départements), each protected and audited: no blanked cell may be recomputable by linear algebra;
 * on a subset, HiGHS confirms that no blanked cell's minimum and maximum coincide.
 */
import { describe, expect, it } from 'vitest';
import { lpAudit, randomProblem, rankAudit, seedCount } from './audit.test-support.js';
import { protect } from './index.js';

const TABLES = seedCount(250, 1000);
const LP_EVERY = 5; // one table in five through HiGHS

describe('protect — random tables audit', () => {
  it(`leaves nothing recomputable in ${TABLES} random tables`, async () => {
    let primary = 0;
    let secondary = 0;
    let withZoneRule = 0;
    const failures: string[] = [];
    for (let seed = 1; seed <= TABLES; seed++) {
      const p = randomProblem(seed);
      const result = protect(p);
      primary += result.counts.primary;
      secondary += result.counts.secondary;
      if (p.zones.some((z) => z.allocataires !== null && z.allocataires < 100)) withZoneRule++;
      const leaks = rankAudit(p, result);
      if (seed % LP_EVERY === 0) leaks.push(...(await lpAudit(p, result)).map((id) => `${id} (LP)`));
      if (result.unprotectable.length > 0) leaks.push(`unprotectable ${result.unprotectable.join(',')}`);
      if (leaks.length > 0) failures.push(`seed ${seed}: ${leaks.join(', ')}`);
    }
    expect(failures).toEqual([]);
    // The generator must exercise the rules, or the audit proves nothing.
    expect(primary).toBeGreaterThan(TABLES);
    expect(secondary).toBeGreaterThan(TABLES / 2);
    expect(withZoneRule).toBeGreaterThan(50);
  }, 60_000);
});
