/** Statistical secrecy: regression cases from the seed and hand-built traps, each audited independently. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { lpAudit, rankAudit } from './audit.test-support.js';
import { protect } from './index.js';
import { count, problem } from './problem.test-support.js';
import type { Cell, ProtectionProblem, ProtectionResult, Relation } from './types.js';

const statusOf = (result: ProtectionResult, id: string) => result.cells.find((c) => c.id === id)!.status;
const ratioOf = (result: ProtectionResult, id: string) => result.ratios.find((r) => r.id === id)!;

async function expectSafe(p: ProtectionProblem, result: ProtectionResult): Promise<void> {
  expect(rankAudit(p, result)).toEqual([]);
  expect(await lpAudit(p, result)).toEqual([]);
  expect(result.unprotectable).toEqual([]);
}

/** The seed's AEEH table (handicap section of annexe 1), shares of the 103 children. */
function aeeh(): ProtectionProblem {
  const bands: Array<[string, number]> = [
    ['aeeh_0_2', 1],
    ['aeeh_3_5', 6],
    ['aeeh_6_11', 39],
    ['aeeh_12_15', 35],
    ['aeeh_16_17', 14],
    ['aeeh_0_17', 95],
    ['aeeh_total', 103],
  ];
  return problem(
    [...bands.map(([id, v]) => count(id, v)), count('aeeh_6_17', 88)],
    [
      { total: 'aeeh_0_17', parts: ['aeeh_0_2', 'aeeh_3_5', 'aeeh_6_11', 'aeeh_12_15', 'aeeh_16_17'] },
      // The youth section prints the 6-17 total of the same children.
      { total: 'aeeh_6_17', parts: ['aeeh_6_11', 'aeeh_12_15', 'aeeh_16_17'] },
    ],
    {
      ratios: bands.map(([id]) => ({
        id: `share_${id}`,
        numerator: id,
        denominator: 'aeeh_total',
        decimals: 1,
      })),
    },
  );
}

describe('protect — primary suppression', () => {
  it('blanks nonzero counts below 5, publishes zeros and amounts', () => {
    const p = problem(
      [count('a', 4), count('b', 0), count('c', 5), { id: 'm', value: 3n, kind: 'amount' }],
      [],
    );
    const result = protect(p);
    expect(result.cells).toEqual([
      { id: 'a', status: 'primary', value: null },
      { id: 'b', status: 'published', value: 0n },
      { id: 'c', status: 'published', value: 5n },
      { id: 'm', status: 'published', value: 3n },
    ]);
    expect(result.counts).toEqual({ primary: 1, secondary: 0, published: 3 });
  });

  it('blanks a zone under 100 allocataires whole, amounts included, unless exempt from the zone rule', () => {
    const cells = [
      count('a', 40, { zone: 'small' }),
      { id: 'm', value: 1234n, kind: 'amount' as const, zone: 'small' },
    ];
    const blanked = protect(problem(cells, [], { zones: [{ id: 'small', allocataires: 99 }] }));
    expect(blanked.cells.map((c) => [c.status, c.value])).toEqual([
      ['primary', null],
      ['primary', null],
    ]);
    const exempt = protect(
      problem(cells, [], { zones: [{ id: 'small', allocataires: 99, subjectToZoneRule: false }] }),
    );
    expect(exempt.counts.published).toBe(2);
    const unknown = protect(problem(cells, [], { zones: [{ id: 'small', allocataires: null }] }));
    expect(unknown.counts.published).toBe(2);
  });

  it('honours configured thresholds', () => {
    const p = problem([count('a', 7), count('b', 12)], [], {
      thresholds: { minZoneAllocataires: 100, minCount: 10 },
    });
    expect(protect(p).cells.map((c) => c.status)).toEqual(['primary', 'published']);
  });
});

describe('protect — secondary suppression', () => {
  it('AEEH of the seed: neither 95 − (6+39+35+14) nor 1.0 % × 103 gives the 0-2 count back', async () => {
    const p = aeeh();
    const result = protect(p);
    expect(statusOf(result, 'aeeh_0_2')).toBe('primary');
    expect(ratioOf(result, 'share_aeeh_0_2')).toEqual({
      id: 'share_aeeh_0_2',
      status: 'primary',
      value: null,
    });
    const relationCells = ['aeeh_3_5', 'aeeh_6_11', 'aeeh_12_15', 'aeeh_16_17', 'aeeh_0_17'];
    expect(relationCells.some((id) => statusOf(result, id) === 'secondary')).toBe(true);
    // The cheapest protection is the 3-5 band; totals stay published.
    expect(statusOf(result, 'aeeh_3_5')).toBe('secondary');
    expect(statusOf(result, 'aeeh_0_17')).toBe('published');
    expect(result.counts).toEqual({ primary: 1, secondary: 1, published: 6 });
    expect(ratioOf(result, 'share_aeeh_3_5').status).toBe('secondary');
    // Published shares are computed from the counts, half-up to one decimal.
    expect(result.ratios.filter((r) => r.status === 'published').map((r) => r.value)).toEqual([
      37.9, 34, 13.6, 92.2, 100,
    ]);
    await expectSafe(p, result);
  });

  it('two "< 5" cells in one relation: a + b = 2 with a, b ≥ 1 would pin both, so one more cell goes', async () => {
    const p = problem(
      [count('t', 22), count('a', 1), count('b', 1), count('c', 20)],
      [{ total: 't', parts: ['a', 'b', 'c'] }],
    );
    const result = protect(p);
    expect(result.counts.primary).toBe(2);
    expect(result.counts.secondary).toBe(1);
    expect(statusOf(result, 't')).toBe('published');
    await expectSafe(p, result);
  });

  it('nested age bands (0-17 and 6-17 share three bands): a 1 and a 4 held by their bounds are freed', async () => {
    const p = problem(
      [
        count('0_17', 99),
        count('0_2', 1),
        count('3_5', 30),
        count('6_17', 68),
        count('6_11', 4),
        count('12_15', 40),
        count('16_17', 24),
      ],
      [
        { total: '0_17', parts: ['0_2', '3_5', '6_11', '12_15', '16_17'] },
        { total: '6_17', parts: ['6_11', '12_15', '16_17'] },
      ],
    );
    const result = protect(p);
    expect(result.counts.primary).toBe(2);
    expect(result.counts.secondary).toBeGreaterThan(0);
    await expectSafe(p, result);
  });

  it('a chain of sums too deep to follow as a tree is checked by the linear programme', async () => {
    // s0 = s1 + x0, s1 = s2 + x1, …: a zone blanked whole, zeros on their bound all along.
    const length = 220;
    const cells: Cell[] = [];
    const relations: Relation[] = [];
    for (let i = 0; i <= length; i++) cells.push(count(`s${i}`, 7));
    for (let i = 0; i < length; i++) {
      cells.push(count(`x${i}`, 0));
      relations.push({ total: `s${i}`, parts: [`s${i + 1}`, `x${i}`] });
    }
    const p = problem(cells, relations, { zones: [{ id: 'z', allocataires: 40 }] });
    const result = protect(p);
    expect(result.counts.primary).toBe(cells.length);
    expect(rankAudit(p, result)).toEqual([]);
    // A few seconds alone; more when the whole suite shares the cores.
  }, 30_000);

  it('two "< 5" cells whose sum leaves room (2 + 3 of 25) need no secondary blank', async () => {
    const p = problem(
      [count('t', 25), count('a', 2), count('b', 3), count('c', 20)],
      [{ total: 't', parts: ['a', 'b', 'c'] }],
    );
    const result = protect(p);
    expect(result.counts).toEqual({ primary: 2, secondary: 0, published: 2 });
    await expectSafe(p, result);
  });

  it('4×4 table: two blanked 2×2 blocks joined by one cell leave that cell recomputable; the engine catches it', async () => {
    // Inner cells (i, j) with row totals r_i, column totals k_j and a grand total.
    const small = new Set(['0_0', '0_1', '1_0', '1_1', '2_2', '2_3', '3_2', '3_3', '1_2']);
    const cells: Cell[] = [];
    const relations: Relation[] = [];
    const value = (i: number, j: number) => (small.has(`${i}_${j}`) ? 1 + ((i + 2 * j) % 4) : 10 + i * 4 + j);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) cells.push(count(`c${i}_${j}`, value(i, j)));
    const sum = (ids: Array<[number, number]>) => ids.reduce((acc, [i, j]) => acc + value(i, j), 0);
    const idx = [0, 1, 2, 3];
    for (const i of idx) {
      cells.push(count(`r${i}`, sum(idx.map((j) => [i, j])), { level: 1 }));
      relations.push({ total: `r${i}`, parts: idx.map((j) => `c${i}_${j}`) });
    }
    for (const j of idx) {
      cells.push(count(`k${j}`, sum(idx.map((i) => [i, j])), { level: 1 }));
      relations.push({ total: `k${j}`, parts: idx.map((i) => `c${i}_${j}`) });
    }
    const grand = sum(idx.flatMap((i) => idx.map((j) => [i, j] as [number, number])));
    cells.push(count('g', grand, { level: 2 }));
    relations.push({ total: 'g', parts: idx.map((i) => `r${i}`) });
    relations.push({ total: 'g', parts: idx.map((j) => `k${j}`) });
    const p = problem(cells, relations);

    // The audit itself sees the leak when only the nine small cells are blanked.
    const naive: ProtectionResult = {
      cells: cells.map((c) => {
        const blanked = small.has(c.id.slice(1));
        return { id: c.id, status: blanked ? 'primary' : 'published', value: blanked ? null : c.value };
      }),
      ratios: [],
      counts: { primary: 9, secondary: 0, published: cells.length - 9 },
      ratioCounts: { primary: 0, secondary: 0, published: 0 },
      inconsistentRelations: [],
      unprotectable: [],
    };
    expect(rankAudit(p, naive)).toEqual(['c1_2']);

    const result = protect(p);
    expect(result.counts.primary).toBe(9);
    expect(result.counts.secondary).toBeGreaterThan(0);
    await expectSafe(p, result);
  });

  it('a commune blanked by the zone rule cannot be recomputed from its EPCI and the other communes', async () => {
    const p = problem(
      [
        count('small', 30, { zone: 'c1' }),
        count('big', 200, { zone: 'c2' }),
        count('other', 150, { zone: 'c3' }),
        count('epci', 380, { zone: 'e', level: 1 }),
      ],
      [{ total: 'epci', parts: ['small', 'big', 'other'] }],
      {
        zones: [
          { id: 'c1', allocataires: 80 },
          { id: 'c2', allocataires: 900 },
          { id: 'c3', allocataires: 700 },
          { id: 'e', allocataires: 1680, subjectToZoneRule: false },
        ],
      },
    );
    const result = protect(p);
    expect(statusOf(result, 'small')).toBe('primary');
    expect(statusOf(result, 'other')).toBe('secondary');
    expect(statusOf(result, 'epci')).toBe('published');
    await expectSafe(p, result);
  });

  it('zeros are published, unless secondary suppression blanks them; a blanked zero looks like any secret', async () => {
    // u and w are "< 5": u + w = 7 leaves both in 3..4, and the zero v stays published.
    const mixed = problem(
      [count('t', 7), count('u', 3), count('v', 0), count('w', 4)],
      [{ total: 't', parts: ['u', 'v', 'w'] }],
    );
    const first = protect(mixed);
    expect(first.cells.map((c) => c.status)).toEqual(['published', 'primary', 'published', 'primary']);
    await expectSafe(mixed, first);

    // A zone under 100 allocataires whose only figure is 0, and the same figure seen from another zone.
    const p = problem(
      [count('tiny', 0, { zone: 'quartier' }), count('same', 0, { zone: 'commune' })],
      [{ total: 'tiny', parts: ['same'] }],
      {
        zones: [
          { id: 'quartier', allocataires: 40 },
          { id: 'commune', allocataires: 4000 },
        ],
      },
    );
    const result = protect(p);
    expect(result.cells).toEqual([
      { id: 'tiny', status: 'primary', value: null },
      { id: 'same', status: 'secondary', value: null },
    ]);
    await expectSafe(p, result);
  });

  it('a total that is not the sum of its parts (4 154 for 4 155) still links them', async () => {
    const p = problem(
      [
        count('y6_10', 1200),
        count('y11_14', 3),
        count('y15_17', 950),
        count('y18_24', 2002),
        count('y6_24', 4154),
      ],
      [{ total: 'y6_24', parts: ['y6_10', 'y11_14', 'y15_17', 'y18_24'] }],
    );
    const result = protect(p);
    expect(result.counts.secondary).toBeGreaterThan(0);
    await expectSafe(p, result);
    const consistent = problem(
      [count('a', 10), count('b', 20), count('t', 31)],
      [{ total: 't', parts: ['a', 'b'] }],
    );
    expect(protect(consistent).inconsistentRelations).toEqual([0]);
  });

  it('cells of several tables linked by the caller are protected together', async () => {
    // Table 1 blanks x; table 2 publishes x + y and y unless the engine sees the link.
    const p = problem(
      [count('x', 2), count('s1', 40), count('t1', 42), count('y', 30), count('t2', 32)],
      [
        { total: 't1', parts: ['x', 's1'] },
        { total: 't2', parts: ['x', 'y'] },
      ],
    );
    const result = protect(p);
    await expectSafe(p, result);
  });

  it('ratios mirror their cells: primary beats secondary, published ones are computed', () => {
    const p = problem(
      [count('n', 3), count('d', 50), count('m', 7), count('t', 60)],
      [{ total: 't', parts: ['n', 'd', 'm'] }],
      {
        ratios: [
          { id: 'r1', numerator: 'n', denominator: 't', decimals: 1 },
          { id: 'r2', numerator: 'm', denominator: 't', decimals: 2 },
          { id: 'r3', numerator: 'd', denominator: 't', decimals: 0 },
        ],
      },
    );
    const result = protect(p);
    expect(ratioOf(result, 'r1').status).toBe('primary');
    const r2 = ratioOf(result, 'r2');
    expect(r2.status).toBe(statusOf(result, 'm') === 'published' ? 'published' : 'secondary');
    const r3 = ratioOf(result, 'r3');
    if (r3.status === 'published') expect(r3.value).toBe(83);
    expect(result.ratioCounts.primary).toBe(1);
  });

  it('rejects incoherent problems with a French message naming the fault', () => {
    const bad = problem([count('a', 1)], [{ total: 'a', parts: ['x'] }]);
    expect(() => protect(bad)).toThrow(AppError);
    expect(() => protect(bad)).toThrow('La relation n° 1 cite la cellule « x » qui n’existe pas.');
    expect(() => protect(problem([count('a', -1)], []))).toThrow('effectif négatif');
  });
});
