/**
 * The reader a protection defends against (`ProtectionProblem.reader`), what the zone rule tells any
 * reader (`Zone.allocatairesCell`) and cells secret at source (`Cell.unknown`), each audited by an
 * independent linear programme granting that reader's bounds.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { lpAudit, rankAudit } from './audit.test-support.js';
import { protect } from './index.js';
import { count, problem } from './problem.test-support.js';
import { patternBounds, readerBounds } from './protect.js';
import type { ProtectionResult, Zone } from './types.js';
import { DEFAULT_THRESHOLDS } from './types.js';

const statuses = (result: ProtectionResult) => new Map(result.cells.map((c) => [c.id, c.status]));

describe('readerBounds', () => {
  const base = { count: true, inZoneRule: false, minCount: 5 } as const;
  it('gives the kinds reader 1..4 for a primary "< 5" count and ≥ 5 for a secondary one', () => {
    expect(readerBounds({ ...base, status: 'primary', value: 3n })).toEqual({ lower: 1n, upper: 4n });
    expect(readerBounds({ ...base, status: 'secondary', value: 12n })).toEqual({ lower: 5n, upper: null });
  });

  it('gives the one-sign reader ≥ 0 for every blank of a nonnegative figure', () => {
    for (const [status, value] of [
      ['primary', 3n],
      ['secondary', 12n],
      ['secondary', 0n],
    ] as const) {
      expect(readerBounds({ ...base, status, value, reader: 'one_sign' })).toEqual({
        lower: 0n,
        upper: null,
      });
    }
    expect(
      readerBounds({ ...base, count: false, status: 'secondary', value: -40n, reader: 'one_sign' }),
    ).toEqual({ lower: null, upper: null });
  });

  it('adds what the pattern tells to either reader', () => {
    const pattern = { lower: null, upper: 99n };
    expect(readerBounds({ ...base, status: 'primary', value: 60n, reader: 'one_sign', pattern })).toEqual({
      lower: 0n,
      upper: 99n,
    });
  });
});

describe('patternBounds', () => {
  it('reads the zone rule off the pattern for the allocataires cell a zone names', () => {
    const zones: Zone[] = [
      { id: 'small', allocataires: 60, allocatairesCell: 'small.a' },
      { id: 'large', allocataires: 700, allocatairesCell: 'large.a' },
      { id: 'epci', allocataires: 60, subjectToZoneRule: false, allocatairesCell: 'epci.a' },
    ];
    const index = new Map(['small.a', 'large.a', 'epci.a', 'other'].map((id, i) => [id, i]));
    expect(patternBounds({ zones, thresholds: DEFAULT_THRESHOLDS }, index, 4)).toEqual([
      { lower: null, upper: 99n },
      { lower: 100n, upper: null },
      undefined,
      undefined,
    ]);
  });
});

describe('protect — the one-sign reader', () => {
  // t = a + b + c with a = b = 1 ("< 5") and c, t published: a + b = 2.
  const cells = [count('t', 27), count('a', 1), count('b', 1), count('c', 25)];
  const relations = [{ total: 't', parts: ['a', 'b', 'c'] }];

  it('needs no secondary blank where only the kinds of blank pinned the small counts', async () => {
    const kinds = protect(problem(cells, relations));
    // A reader who knows both are in 1..4 and add up to 2 knows both are 1: something else goes.
    expect(kinds.counts.secondary).toBeGreaterThan(0);
    expect(await lpAudit(problem(cells, relations), kinds)).toEqual([]);

    const p = problem(cells, relations, { reader: 'one_sign' });
    const oneSign = protect(p);
    expect(oneSign.counts).toEqual({ primary: 2, secondary: 0, published: 2 });
    expect(oneSign.unprotectable).toEqual([]);
    expect(rankAudit(p, oneSign)).toEqual([]);
    expect(await lpAudit(p, oneSign)).toEqual([]);
    // The same pattern printed with its kinds would give both away: the reader is what changed.
    expect((await lpAudit(p, oneSign, { reader: 'kinds' })).sort()).toEqual(['a', 'b']);
  });

  it('keeps a zone blanked whole from being pinned under 100 allocataires', async () => {
    // Two communes of 99 allocataires each (blanked whole) and one of 500 in an EPCI of 698: a reader
    // who knows each blanked commune has fewer than 100 gets 99 for both from the published figures.
    const zones: Zone[] = [
      { id: 'A', allocataires: 99, allocatairesCell: 'A.alloc' },
      { id: 'B', allocataires: 99, allocatairesCell: 'B.alloc' },
      { id: 'C', allocataires: 500, allocatairesCell: 'C.alloc' },
      { id: 'E', allocataires: 698, subjectToZoneRule: false, allocatairesCell: 'E.alloc' },
    ];
    const allocataires = [
      count('A.alloc', 99, { zone: 'A' }),
      count('B.alloc', 99, { zone: 'B' }),
      count('C.alloc', 500, { zone: 'C' }),
      count('E.alloc', 698, { zone: 'E', level: 1 }),
    ];
    const sums = [{ total: 'E.alloc', parts: ['A.alloc', 'B.alloc', 'C.alloc'] }];
    const p = problem(allocataires, sums, { zones, reader: 'one_sign' });
    const result = protect(p);
    expect(result.counts.secondary).toBeGreaterThan(0);
    expect(result.unprotectable).toEqual([]);
    expect(await lpAudit(p, result)).toEqual([]);
    // Without the zones naming their allocataires cell the engine grants no such bound, and the
    // audit (which knows them) pins both.
    const unnamed = protect({ ...p, zones: zones.map(({ allocatairesCell: _c, ...zone }) => zone) });
    expect(unnamed.counts.secondary).toBe(0);
    expect((await lpAudit(p, unnamed)).sort()).toEqual(['A.alloc', 'B.alloc']);
  });
});

describe('protect — cells secret at source', () => {
  it('blanks a cell of unknown value as secondary and keeps total minus parts from giving it back', () => {
    const p = problem(
      [count('t', 73), count('a', 23, { unknown: true }), count('b', 20), count('c', 30)],
      [{ total: 't', parts: ['a', 'b', 'c'] }],
      { reader: 'one_sign' },
    );
    const result = protect(p);
    const status = statuses(result);
    expect(status.get('a')).toBe('secondary');
    expect(result.counts.secondary).toBe(2);
    expect(rankAudit(p, result)).toEqual([]);
    // Without the mark a 20-odd count is simply published.
    const known = protect({ ...p, cells: p.cells.map(({ unknown: _u, ...cell }) => cell) });
    expect(known.counts.secondary).toBe(0);
  });

  it('never reasons on the placeholder value', () => {
    const run = (placeholder: number) =>
      protect(
        problem(
          [count('t', 53), count('a', placeholder, { unknown: true }), count('b', 2), count('c', 30)],
          [{ total: 't', parts: ['a', 'b', 'c'] }],
          { reader: 'kinds' },
        ),
      );
    const reference = statuses(run(0));
    // A placeholder of 3 would make it a "< 5" count, one of 40 a large one: neither may matter.
    for (const placeholder of [3, 40, 1_000_000]) expect(statuses(run(placeholder))).toEqual(reference);
  });

  it('assumes the least favourable value: a zero, which can only rise', async () => {
    // t = a + b with a withheld (in truth 0), b = 0, t = 0 published. Blanking b alone leaves
    // a + b = 0, both ≥ 0: both pinned. Had the engine believed the placeholder 3, a could fall and
    // b rise, and it would have stopped there.
    const truth = [count('t', 0), count('a', 0, { unknown: true }), count('b', 0)];
    const relations = [{ total: 't', parts: ['a', 'b'] }];
    const withPlaceholder = problem(
      truth.map((cell) => (cell.id === 'a' ? { ...cell, value: 3n } : cell)),
      relations,
      { reader: 'one_sign' },
    );
    const result = protect(withPlaceholder);
    expect(statuses(result).get('t')).not.toBe('published');
    const audited = problem(truth, relations, { reader: 'one_sign' });
    expect(rankAudit(audited, result)).toEqual([]);
    expect(await lpAudit(audited, result)).toEqual([]);
  });

  it('is blanked with its zone as primary, and is never published', () => {
    const p = problem([count('t', 9), count('a', 4, { unknown: true }), count('b', 5)], [], {
      zones: [{ id: 'z', allocataires: 40 }],
      reader: 'one_sign',
    });
    const result = protect(p);
    expect(statuses(result).get('a')).toBe('primary');
    expect(result.cells.find((c) => c.id === 'a')!.value).toBeNull();
  });

  it('cannot also be known to the reader, and a zone names an existing allocataires cell', () => {
    const bad = problem([count('a', 4, { unknown: true, known: true })], []);
    expect(() => protect(bad)).toThrow(AppError);
    expect(() => protect(bad)).toThrow(/connue du lecteur et secrète à la source/);
    const missing = problem([count('a', 4)], [], {
      zones: [{ id: 'z', allocataires: 40, allocatairesCell: 'x' }],
    });
    expect(() => protect(missing)).toThrow(/cellule des allocataires « x »/);
  });
});
