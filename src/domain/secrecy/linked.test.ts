/** Linked tables (communes, their EPCI, the département): forced blanks and the hierarchical pass, audited. */
import { describe, expect, it } from 'vitest';
import { highsSolver, kernelAudit, lpAudit, mulberry32, rankAudit, seedCount } from './audit.test-support.js';
import { type LinkedProblem, protect, protectLinked, resultFromStatuses, type SubTable } from './index.js';
import type { Cell, ProtectionProblem, ProtectionResult, Relation, Status, Zone } from './types.js';
import { DEFAULT_THRESHOLDS } from './types.js';

const count = (id: string, value: number, extra: Partial<Cell> = {}): Cell => ({
  id,
  value: BigInt(value),
  kind: 'count',
  ...extra,
});

/**
 * 4 + a random number below `extra` communes with two counts each (below 6 with probability `small`,
 * else below `large`): two départements (first half, second half), an EPCI across both, plus one
 * inside the first.
 */
function randomHierarchy(
  random: () => number,
  sizes: { extra: number; small: number; large: number },
  allocataires: () => number,
): LinkedProblem {
  const n = 4 + Math.floor(random() * sizes.extra);
  const count = () => Math.floor(random() * (random() < sizes.small ? 6 : sizes.large));
  const communes: Array<[number, number]> = Array.from({ length: n }, () => [count(), count()]);
  const half = Math.floor(n / 2);
  const all = communes.map((_, i) => i);
  const aggregates = [all.slice(0, half), all.slice(half), all.slice(half - 1, half + 2), all.slice(0, 2)];
  return hierarchy(communes, aggregates, allocataires);
}

describe('protect — forced blanks', () => {
  it('blanks a forced cell as secondary and protects it like any blank', () => {
    const p: ProtectionProblem = {
      zones: [{ id: 'z', allocataires: 5000 }],
      cells: [count('t', 60), count('a', 20, { forceSuppress: true }), count('b', 25), count('c', 15)],
      relations: [{ total: 't', parts: ['a', 'b', 'c'] }],
      ratios: [],
      thresholds: DEFAULT_THRESHOLDS,
    };
    const result = protect(p);
    const status = new Map(result.cells.map((c) => [c.id, c.status]));
    expect(status.get('a')).toBe('secondary');
    expect(result.counts.secondary).toBe(2);
    expect(rankAudit(p, result)).toEqual([]);
    // Without the flag nothing is blanked: the flag, not the values, made the difference.
    const free = protect({ ...p, cells: p.cells.map(({ forceSuppress: _f, ...c }) => c) });
    expect(free.counts.secondary + free.counts.primary).toBe(0);
  });

  it('keeps a small count primary even when forced', () => {
    const result = protect({
      zones: [{ id: 'z', allocataires: 5000 }],
      cells: [count('t', 30), count('a', 3, { forceSuppress: true }), count('b', 27)],
      relations: [{ total: 't', parts: ['a', 'b'] }],
      ratios: [],
      thresholds: DEFAULT_THRESHOLDS,
    });
    expect(result.cells.find((c) => c.id === 'a')!.status).toBe('primary');
  });
});

/**
 * Communes with a two-line table (total = x + y), aggregates summing each line over their members.
 * `aggregates` lists member indexes; every aggregate is a sub-table per line, every commune one table.
 */
function hierarchy(
  communes: Array<[number, number]>,
  aggregates: number[][],
  allocataires: (i: number) => number = () => 5000,
): LinkedProblem {
  const zones: Zone[] = [];
  const cells: Cell[] = [];
  const relations: Relation[] = [];
  const tables: SubTable[] = [];
  communes.forEach(([x, y], i) => {
    zones.push({ id: `c${i}`, allocataires: allocataires(i) });
    cells.push(
      count(`c${i}.t`, x + y, { zone: `c${i}` }),
      count(`c${i}.x`, x, { zone: `c${i}` }),
      count(`c${i}.y`, y, { zone: `c${i}` }),
    );
    relations.push({ total: `c${i}.t`, parts: [`c${i}.x`, `c${i}.y`] });
    tables.push({ id: `c${i}`, cells: [`c${i}.t`, `c${i}.x`, `c${i}.y`], relations: [relations.length - 1] });
  });
  aggregates.forEach((members, a) => {
    zones.push({ id: `a${a}`, allocataires: null, subjectToZoneRule: false });
    const own: number[] = [];
    for (const line of ['t', 'x', 'y'] as const) {
      const sum = members.reduce(
        (s, i) =>
          s +
          (line === 'x'
            ? communes[i]![0]
            : line === 'y'
              ? communes[i]![1]
              : communes[i]![0] + communes[i]![1]),
        0,
      );
      cells.push(count(`a${a}.${line}`, sum, { zone: `a${a}`, level: 1 }));
      relations.push({ total: `a${a}.${line}`, parts: members.map((i) => `c${i}.${line}`) });
      tables.push({ id: `a${a}.${line}`, cells: [], relations: [relations.length - 1] });
    }
    relations.push({ total: `a${a}.t`, parts: [`a${a}.x`, `a${a}.y`] });
    own.push(relations.length - 1);
    tables.push({ id: `a${a}`, cells: [`a${a}.t`, `a${a}.x`, `a${a}.y`], relations: own });
  });
  return { zones, cells, relations, ratios: [], thresholds: DEFAULT_THRESHOLDS, tables };
}

/** Every sub-table protected on its own, blanks put together: what the pages did before. */
function separately(p: LinkedProblem): ProtectionResult {
  const status = new Map<string, Status>();
  for (const table of p.tables) {
    const cells = new Set(table.cells);
    for (const r of table.relations)
      for (const id of [p.relations[r]!.total, ...p.relations[r]!.parts]) cells.add(id);
    const sub = protect({
      ...p,
      cells: p.cells.filter((c) => cells.has(c.id)),
      relations: table.relations.map((r) => p.relations[r]!),
    });
    for (const c of sub.cells) if (c.status !== 'published' || !status.has(c.id)) status.set(c.id, c.status);
  }
  return resultFromStatuses(p, (id) => status.get(id) ?? 'published');
}

describe('protectLinked', () => {
  it('closes the EPCI − other communes leak that separate protection leaves open', () => {
    // Commune 0 has x = 3 (primary); its own table blanks y too. The EPCI publishes Σx and Σy.
    const p = hierarchy(
      [
        [3, 40],
        [25, 30],
        [18, 22],
      ],
      [[0, 1, 2]],
    );
    // Each commune on its own, the EPCI on its own (which blanks nothing): the leak.
    const naive = separately(p);
    expect(naive.cells.find((c) => c.id === 'c0.x')!.status).toBe('primary');
    expect(rankAudit(p, naive)).toContain('c0.x');
    // The witness audit (used on whole départements) sees the same leak.
    expect(kernelAudit(p, naive).sort()).toEqual(rankAudit(p, naive).sort());

    const result = protectLinked(p);
    const status = new Map(result.cells.map((c) => [c.id, c.status]));
    expect(status.get('c0.x')).toBe('primary');
    expect(rankAudit(p, result)).toEqual([]);
    // The EPCI's own figures stay published: the pass blanks another commune instead.
    expect(status.get('a0.x')).toBe('published');
    expect(status.get('a0.t')).toBe('published');
    expect(result.unprotectable).toEqual([]);
  });

  it('leaves nothing recomputable in random hierarchies with a straddling EPCI', () => {
    const failures: string[] = [];
    let secondary = 0;
    let fixes = 0;
    let naiveLeaks = 0;
    const seeds = seedCount(50, 150);
    for (let seed = 1; seed <= seeds; seed++) {
      const random = mulberry32(seed);
      const p = randomHierarchy(random, { extra: 10, small: 0.3, large: 60 }, () =>
        random() < 0.15 ? 60 : 5000,
      );
      const result = protectLinked(p);
      secondary += result.counts.secondary;
      fixes += result.globalFixes;
      const leaks = rankAudit(p, result);
      if (leaks.length > 0) failures.push(`seed ${seed}: ${leaks.join(', ')}`);
      if (kernelAudit(p, result, seed).length > 0) failures.push(`seed ${seed}: witness audit`);
      // Sub-tables protected separately leak: both audits must find the same recomputable cells.
      const alone = separately(p);
      const rank = rankAudit(p, alone).sort();
      naiveLeaks += rank.length;
      if (kernelAudit(p, alone, seed).sort().join() !== rank.join())
        failures.push(`seed ${seed}: audits differ`);
    }
    expect(failures).toEqual([]);
    expect(secondary).toBeGreaterThan(seeds);
    // Overlapping aggregates make chains no single sub-table sees: the global test must have had work.
    expect(fixes).toBeGreaterThan(0);
    expect(naiveLeaks).toBeGreaterThan(0);
  });

  it('withstands a reader who combines the sub-tables with the bounds of counts, given a solver', async () => {
    const solver = await highsSolver();
    const failures: string[] = [];
    let fixes = 0;
    let pinnedWithout = 0;
    for (let seed = 1; seed <= seedCount(20, 60); seed++) {
      // Small counts, so that "< 5" cells and zeros sit on their bounds.
      const p = randomHierarchy(mulberry32(seed * 31), { extra: 8, small: 0.5, large: 30 }, () => 5000);
      const result = protectLinked(p, { solver });
      fixes += result.boundsFixes;
      const reported = new Set(result.unprotectable);
      const pinned = (await lpAudit(p, result)).filter((id) => !reported.has(id));
      if (pinned.length > 0) failures.push(`seed ${seed}: ${pinned.join(', ')}`);
      if (rankAudit(p, result).length > 0) failures.push(`seed ${seed}: rank`);
      const without = protectLinked(p);
      const reportedWithout = new Set(without.unprotectable);
      pinnedWithout += (await lpAudit(p, without)).filter((id) => !reportedWithout.has(id)).length;
    }
    expect(failures).toEqual([]);
    // Without the solver the same tables leave cells a bounds-aware reader pins: the test can tell.
    expect(pinnedWithout).toBeGreaterThan(0);
    expect(fixes).toBeGreaterThan(0);
  }, 120_000);

  it('withstands a one-sign reader, with cells secret at source, given a solver', async () => {
    const solver = await highsSolver();
    const failures: string[] = [];
    let unknown = 0;
    let blankedZeros = 0;
    let pinnedByKinds = 0;
    const seeds = seedCount(20, 60);
    for (let seed = 1; seed <= seeds; seed++) {
      const random = mulberry32(seed * 47);
      const base = randomHierarchy(random, { extra: 8, small: 0.5, large: 30 }, () =>
        random() < 0.2 ? 60 : 5000,
      );
      // Some commune figures withheld by the source: the engine gets a placeholder, the audit the truth.
      const truth: LinkedProblem = {
        ...base,
        reader: 'one_sign',
        cells: base.cells.map((cell) =>
          cell.level === undefined && random() < 0.1 ? { ...cell, unknown: true } : cell,
        ),
      };
      const given: LinkedProblem = {
        ...truth,
        cells: truth.cells.map((cell) => (cell.unknown ? { ...cell, value: 3n } : cell)),
      };
      const result = protectLinked(given, { solver });
      const status = new Map(result.cells.map((c) => [c.id, c.status]));
      for (const cell of truth.cells) {
        if (cell.unknown) {
          unknown++;
          if (status.get(cell.id) === 'published') failures.push(`seed ${seed}: ${cell.id} published`);
        } else if (cell.value === 0n && status.get(cell.id) !== 'published') blankedZeros++;
      }
      if (result.unprotectable.length > 0)
        failures.push(`seed ${seed}: unprotectable ${result.unprotectable}`);
      const pinned = await lpAudit(truth, result);
      if (pinned.length > 0) failures.push(`seed ${seed}: ${pinned.join(', ')}`);
      if (rankAudit(truth, result).length > 0) failures.push(`seed ${seed}: rank`);
      pinnedByKinds += (await lpAudit(truth, result, { reader: 'kinds' })).length;
    }
    expect(failures).toEqual([]);
    // The generator must put cells on a bound and withhold some, or the audit proves nothing.
    expect(unknown).toBeGreaterThan(seeds / 2);
    expect(blankedZeros).toBeGreaterThan(seeds / 6);
    // The same patterns printed with their kinds would not be safe: the reader is what the engine used.
    expect(pinnedByKinds).toBeGreaterThan(0);
  }, 120_000);
});
