/**
 * Two départements sharing an EPCI, each protected on its own (as the use case does, with each
 * other's blanks forced until they agree), audited together: a reader holds both départements'
 * pages, so the relations of both problems together must not give any blanked value away.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32, rankAudit, seedCount } from '../secrecy/audit.test-support.js';
import { resultFromStatuses } from '../secrecy/index.js';
import type { Cell, ProtectionProblem, ProtectionResult, Relation, Status } from '../secrecy/types.js';
import { type DepartementProtectionInput, protectDepartement } from './protection.js';
import { syntheticCommuneValues } from './synthetic.js';
import type { Territory } from './types.js';

interface Case {
  departements: [Territory, Territory];
  epcisOf: Map<string, Territory[]>;
  input: Omit<DepartementProtectionInput, 'departement' | 'epcis'>;
}

/** Départements 01 and 02 with four communes each; one EPCI straddles both, the others do not. */
function randomCase(seed: number): Case {
  const rand = mulberry32(seed);
  const communes = ['01001', '01002', '01003', '01004', '02001', '02002', '02003', '02004'];
  // Small communes, so that the zone rule and "< 5" counts blank much of the tables.
  const population = (): number => Math.floor(150 + rand() * (rand() < 0.5 ? 900 : 6000));
  const values = communes.flatMap((code) => syntheticCommuneValues(code, population()));
  const straddling = ['01001', '01002', '02001'];
  if (rand() < 0.5) straddling.push('02002');
  const epci = (code: string, members: string[]): Territory => ({ code, name: code, level: 'epci', members });
  const shared = epci('200000001', straddling);
  const ofFirst = epci('200000002', ['01003', '01004']);
  const ofSecond = epci(
    '200000003',
    communes.filter((c) => c.startsWith('02') && !straddling.includes(c)),
  );
  const departement = (code: string): Territory => ({
    code,
    name: code,
    level: 'departement',
    members: communes.filter((c) => c.startsWith(code)),
  });
  return {
    departements: [departement('01'), departement('02')],
    epcisOf: new Map([
      ['01', [shared, ofFirst]],
      ['02', [shared, ofSecond]],
    ]),
    input: { values },
  };
}

/** Both départements protected, each with the other's blanks forced, until their patterns agree. */
function protectBoth(c: Case, linkNeighbours: boolean) {
  const forced = new Set<string>();
  let runs: ReturnType<typeof protectDepartement>[] = [];
  for (let round = 0; round < 6; round++) {
    const before = forced.size;
    runs = c.departements.map((departement) => {
      const run = protectDepartement({
        ...c.input,
        departement,
        epcis: c.epcisOf.get(departement.code)!,
        forced,
        linkNeighbours,
      });
      for (const [id, status] of run.pattern) if (status !== 'published') forced.add(id);
      return run;
    });
    if (forced.size === before && round > 0) break;
  }
  return runs;
}

/** Everything a reader of both départements' pages knows: every real cell and relation of both. */
function union(runs: ReturnType<typeof protectDepartement>[]): {
  problem: ProtectionProblem;
  result: ProtectionResult;
} {
  const cells = new Map<string, Cell>();
  const statuses = new Map<string, Status>();
  const relations = new Map<string, Relation>();
  for (const { problem, pattern } of runs) {
    const known = new Set(problem.cells.filter((cell) => cell.known).map((cell) => cell.id));
    for (const cell of problem.cells) {
      if (known.has(cell.id)) continue;
      const { forceSuppress: _forced, ...plain } = cell;
      cells.set(cell.id, plain);
      const status = pattern.get(cell.id)!;
      if (statuses.get(cell.id) === undefined || status !== 'published') statuses.set(cell.id, status);
    }
    for (const relation of problem.relations) {
      if (known.has(relation.total)) continue;
      relations.set(`${relation.total}=${relation.parts.join('+')}`, relation);
    }
  }
  const problem: ProtectionProblem = {
    zones: [],
    cells: [...cells.values()],
    relations: [...relations.values()],
    ratios: [],
    thresholds: runs[0]!.problem.thresholds,
  };
  return { problem, result: resultFromStatuses(problem, (id) => statuses.get(id)!) };
}

describe('départements sharing an EPCI', () => {
  it('leave nothing recomputable from both départements’ pages together', () => {
    const leaks: string[] = [];
    let holesWithoutLink = 0;
    for (let seed = 1; seed <= seedCount(15, 40); seed++) {
      const c = randomCase(seed);
      const linked = union(protectBoth(c, true));
      const found = rankAudit(linked.problem, linked.result);
      if (found.length > 0) leaks.push(`seed ${seed}: ${found.join(', ')}`);
      const alone = union(protectBoth(c, false));
      if (rankAudit(alone.problem, alone.result).length > 0) holesWithoutLink++;
    }
    expect(leaks).toEqual([]);
    // The same cases protected without the neighbours' sums do leak: the test can tell.
    expect(holesWithoutLink).toBeGreaterThan(0);
  }, 60_000);
});
