/**
 * An audit of a protected table written independently of the engine: what could a reader of the
 * published figures recompute? Used by the tests only.
 *
 * - `rankAudit`: dense Gaussian elimination over exact fractions. The reader knows every relation
 *   and every published value; a blanked cell is recomputable when its unit vector lies in the span of
 *   those equations. Published values are constants, so that span contains e_b exactly when the
 *   relations restricted to the blanked cells do (subtracting the published columns changes nothing
 *   else) — the audit eliminates over the blanked columns only, which keeps it fast.
 * - `lpAudit`: HiGHS minimises and maximises each blanked cell under the published equalities and
 *   the bounds of the reader (`auditBounds`: x ≥ 0, and 1..minCount−1 for primary "< minCount"
 *   counts when the reader sees the kinds of blank); both bounds equal means recomputable.
 * - `randomProblem`: seeded random tables (two-way tables with margins, communes in an EPCI that
 *   straddles two départements, some totals off by one).
 */
import type { Highs as HighsRuntime } from 'highs';
import type { LinearSolver } from './bounds-across-tables.js';
import { highsAsSolver } from './highs.js';
import { ReducedRowEchelon, type SparseRow } from './row-echelon.js';
import type { Cell, ProtectionProblem, ProtectionResult, Ratio, Reader, Relation, Zone } from './types.js';

// ---------------------------------------------------------------------------------------------
// Exact fractions, deliberately simple (this is the yardstick, not the engine).

class Fraction {
  constructor(
    readonly num: bigint,
    readonly den: bigint = 1n,
  ) {}
  static of(num: bigint, den: bigint): Fraction {
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    let a = num < 0n ? -num : num;
    let b = den;
    while (b !== 0n) [a, b] = [b, a % b];
    const g = a === 0n ? 1n : a;
    return new Fraction(num / g, den / g);
  }
  get zero(): boolean {
    return this.num === 0n;
  }
  sub(o: Fraction): Fraction {
    return Fraction.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Fraction): Fraction {
    return Fraction.of(this.num * o.num, this.den * o.den);
  }
  div(o: Fraction): Fraction {
    return Fraction.of(this.num * o.den, this.den * o.num);
  }
}

/** Rows reduced to echelon form (dense); returns the pivot rows with their pivot column. */
function echelon(rows: Fraction[][]): Array<{ pivot: number; row: Fraction[] }> {
  const out: Array<{ pivot: number; row: Fraction[] }> = [];
  for (const input of rows) {
    let row = input;
    for (const { pivot, row: p } of out) {
      if (row[pivot]!.zero) continue;
      const f = row[pivot]!.div(p[pivot]!);
      row = row.map((v, j) => v.sub(f.mul(p[j]!)));
    }
    const pivot = row.findIndex((v) => !v.zero);
    if (pivot >= 0) out.push({ pivot, row });
  }
  return out;
}

function inSpan(basis: Array<{ pivot: number; row: Fraction[] }>, vector: Fraction[]): boolean {
  let v = vector;
  for (const { pivot, row } of basis) {
    if (v[pivot]!.zero) continue;
    const f = v[pivot]!.div(row[pivot]!);
    v = v.map((x, j) => x.sub(f.mul(row[j]!)));
  }
  return v.every((x) => x.zero);
}

/** Brute force: every numerator in 0..den whose share of den, rounded half-up, prints like num's. */
export function numeratorsPrintingLike(num: bigint, den: bigint, decimals: number): bigint[] {
  const scale = 100n * 10n ** BigInt(decimals);
  const printed = (n: bigint): bigint => (2n * n * scale + den) / (2n * den);
  const target = printed(num);
  const out: bigint[] = [];
  for (let n = 0n; n <= den; n++) if (printed(n) === target) out.push(n);
  return out;
}

function statusOf(result: ProtectionResult): Map<string, string> {
  return new Map(result.cells.map((c) => [c.id, c.status]));
}

/**
 * The ids of blanked cells a reader can recompute exactly by linear algebra, plus the ids of ratios
 * published while their numerator or denominator is blanked (always a failure).
 */
export function rankAudit(problem: ProtectionProblem, result: ProtectionResult): string[] {
  const status = statusOf(result);
  const values = new Map(problem.cells.map((c) => [c.id, c.value]));
  const leaks: string[] = [];
  const known = new Set(problem.cells.filter((c) => status.get(c.id) === 'published').map((c) => c.id));
  for (const ratio of result.ratios) {
    if (ratio.status !== 'published') continue;
    const def = problem.ratios.find((r) => r.id === ratio.id)!;
    if (!known.has(def.numerator) || !known.has(def.denominator)) leaks.push(ratio.id);
    // A share with a published denominator that only one numerator can print gives it away.
    const den = values.get(def.denominator)!;
    const num = values.get(def.numerator)!;
    if (known.has(def.denominator) && den > 0n && num >= 0n && num <= den) {
      if (numeratorsPrintingLike(num, den, def.decimals).length === 1) known.add(def.numerator);
    }
  }
  const hidden = problem.cells.filter((c) => !known.has(c.id)).map((c) => c.id);
  const column = new Map(hidden.map((id, j) => [id, j]));
  const zero = new Fraction(0n);
  const rows: Fraction[][] = [];
  for (const relation of problem.relations) {
    const row = hidden.map(() => zero);
    let touched = false;
    const add = (id: string, coeff: bigint): void => {
      const j = column.get(id);
      if (j === undefined) return;
      row[j] = Fraction.of(row[j]!.num + coeff * row[j]!.den, row[j]!.den);
      touched = true;
    };
    add(relation.total, 1n);
    for (const part of relation.parts) add(part, -1n);
    if (touched) rows.push(row);
  }
  const basis = echelon(rows);
  for (const id of hidden) {
    if (status.get(id) === 'published') continue;
    const unit = hidden.map((other) => (other === id ? new Fraction(1n) : zero));
    if (inSpan(basis, unit)) leaks.push(id);
  }
  return leaks;
}

// ---------------------------------------------------------------------------------------------
// LP audit with HiGHS.

type Highs = { solve(lp: string): { Status: string; ObjectiveValue: number } };
let highsPromise: Promise<Highs> | null = null;
export function loadHighs(): Promise<Highs> {
  highsPromise ??= (async () => {
    const loader = (await import('highs')).default as unknown as () => Promise<Highs>;
    return loader();
  })();
  return highsPromise;
}

/** The engine's linear programme solver, on HiGHS as the platform gives it, for the tests. */
export async function highsSolver(): Promise<LinearSolver> {
  return highsAsSolver((await loadHighs()) as unknown as HighsRuntime);
}

/**
 * The bounds a reader knows of each blanked cell, written here independently of the engine's
 * `readerBounds`: x ≥ 0 for a nonnegative figure or a cell secret at source; for the `kinds` reader
 * 1..minCount−1 for a primary "< minCount" count; for both, what the zone rule tells of a zone's
 * allocataires cell (≤ minZoneAllocataires − 1 when the zone is blanked whole, ≥ minZoneAllocataires
 * when it is subject to the rule and not). Null for no bound.
 */
export function auditBounds(
  problem: ProtectionProblem,
  cell: Cell,
  status: string,
  reader: Reader,
): { lower: number | null; upper: number | null } {
  const { minCount, minZoneAllocataires } = problem.thresholds;
  let lower: number | null = cell.unknown || cell.value >= 0n ? 0 : null;
  let upper: number | null = null;
  const small = !cell.unknown && cell.kind === 'count' && cell.value > 0n && cell.value < BigInt(minCount);
  if (reader === 'kinds' && status === 'primary' && small) {
    lower = 1;
    upper = minCount - 1;
  }
  for (const zone of problem.zones) {
    if (zone.allocatairesCell !== cell.id || zone.subjectToZoneRule === false || zone.allocataires === null)
      continue;
    if (zone.allocataires < minZoneAllocataires) upper = Math.min(upper ?? Infinity, minZoneAllocataires - 1);
    else lower = Math.max(lower ?? -Infinity, minZoneAllocataires);
  }
  return { lower, upper };
}

/** Blanked cells whose minimum and maximum under the published equalities and bounds coincide. */
export async function lpAudit(
  problem: ProtectionProblem,
  result: ProtectionResult,
  options: {
    /** Only these blanked cells are checked (all of them by default): a whole département is large. */
    only?: ReadonlySet<string>;
    /** The reader whose bounds are granted; the problem's (`kinds` by default) unless said. */
    reader?: Reader;
  } = {},
): Promise<string[]> {
  const { only } = options;
  const reader = options.reader ?? problem.reader ?? 'kinds';
  const highs = await loadHighs();
  const status = statusOf(result);
  const cells = new Map(problem.cells.map((c) => [c.id, c]));
  const hidden = problem.cells.filter((c) => status.get(c.id) !== 'published');
  const name = new Map(hidden.map((c, j) => [c.id, `x${j}`]));
  const constraints: string[] = [];
  problem.relations.forEach((relation, r) => {
    const terms: string[] = [];
    // The reader is granted the exact gap between a printed total and its parts (strongest reader):
    // the right-hand side is what the hidden cells really add up to (for a cell secret at source,
    // the value the test gave it).
    let rhs = 0n;
    const add = (id: string, coeff: bigint): void => {
      const x = name.get(id);
      if (x === undefined) return;
      terms.push(`${coeff > 0n ? '+' : '-'} ${x}`);
      rhs += coeff * cells.get(id)!.value;
    };
    add(relation.total, 1n);
    for (const part of relation.parts) add(part, -1n);
    if (terms.length > 0) constraints.push(` r${r}: ${terms.join(' ')} = ${rhs}`);
  });
  const bounds = hidden.map((c) => {
    const x = name.get(c.id)!;
    const { lower, upper } = auditBounds(problem, c, status.get(c.id)!, reader);
    // In the LP format a variable without bounds is ≥ 0: every other case is written out.
    if (lower === null && upper === null) return ` ${x} free`;
    if (upper === null) return ` ${x} >= ${lower}`;
    return ` ${lower ?? '-inf'} <= ${x} <= ${upper}`;
  });
  const leaks: string[] = [];
  for (const cell of hidden) {
    if (only && !only.has(cell.id)) continue;
    const x = name.get(cell.id)!;
    const solve = (sense: 'Minimize' | 'Maximize'): number => {
      const lp = [
        sense,
        ` obj: ${x}`,
        'Subject To',
        ...(constraints.length > 0 ? constraints : [` dummy: ${x} - ${x} = 0`]),
        'Bounds',
        ...bounds,
        'End',
      ].join('\n');
      const solution = highs.solve(lp);
      if (solution.Status === 'Unbounded') return sense === 'Minimize' ? -Infinity : Infinity;
      if (solution.Status !== 'Optimal') throw new Error(`HiGHS: ${solution.Status} for\n${lp}`);
      return solution.ObjectiveValue;
    };
    const min = solve('Minimize');
    const max = solve('Maximize');
    if (Math.abs(max - min) < 1e-7) leaks.push(cell.id);
  }
  return leaks;
}

// ---------------------------------------------------------------------------------------------
// Witness audit, for systems too large for the dense rank audit (a whole département).

/**
 * The same question as `rankAudit`, answered by a witness that is checked on its own: a vector y,
 * zero on every published cell, with Σ coeff·y = 0 over every relation, is another table that every
 * published figure and every relation accept; each blanked cell with y ≠ 0 then takes another value
 * in it, so it cannot be recomputed. y is a seeded random point of the kernel (found with the
 * engine's row-echelon code, but verified here exactly, equation by equation: a wrong y fails the
 * audit, it cannot hide a leak). Blanked cells with y = 0 are reported: for a random point of the
 * kernel that means they are fixed by the equations (or, with negligible probability, bad luck).
 * Also reports published ratios whose numerator or denominator is blanked.
 */
export function kernelAudit(problem: ProtectionProblem, result: ProtectionResult, seed = 1): string[] {
  const status = statusOf(result);
  const leaks: string[] = [];
  for (const ratio of result.ratios) {
    if (ratio.status !== 'published') continue;
    const def = problem.ratios.find((r) => r.id === ratio.id)!;
    if (status.get(def.numerator) !== 'published' || status.get(def.denominator) !== 'published') {
      leaks.push(ratio.id);
    }
  }
  const hidden = problem.cells.filter((c) => status.get(c.id) !== 'published').map((c) => c.id);
  const column = new Map(hidden.map((id, j) => [id, j]));
  const rows: SparseRow[] = [];
  for (const relation of problem.relations) {
    const row: SparseRow = new Map();
    const add = (id: string, coeff: bigint): void => {
      const j = column.get(id);
      if (j !== undefined) row.set(j, (row.get(j) ?? 0n) + coeff);
    };
    add(relation.total, 1n);
    for (const part of relation.parts) add(part, -1n);
    rows.push(row);
  }
  const basis = new ReducedRowEchelon();
  for (const row of rows) basis.addRow(row);
  const pivots = new Map<number, ReadonlyMap<number, bigint>>();
  for (const { pivot, row } of basis.entries()) pivots.set(pivot, row);
  // Free columns get random values scaled by the product of the pivots' coefficients, so that every
  // pivot's value (−Σ a_j·y_j / a_p) is an integer.
  let scale = 1n;
  for (const [pivot, row] of pivots) {
    const a = row.get(pivot)!;
    scale *= a < 0n ? -a : a;
  }
  const random = mulberry32(seed);
  const y = new Array<bigint>(hidden.length).fill(0n);
  for (let j = 0; j < hidden.length; j++) {
    if (!pivots.has(j)) y[j] = BigInt(1 + Math.floor(random() * 2 ** 30)) * scale;
  }
  for (const [pivot, row] of pivots) {
    let sum = 0n;
    for (const [j, a] of row) if (j !== pivot) sum += a * y[j]!;
    y[pivot] = -sum / row.get(pivot)!;
  }
  rows.forEach((row, r) => {
    let sum = 0n;
    for (const [j, a] of row) sum += a * y[j]!;
    if (sum !== 0n) throw new Error(`kernelAudit: the witness breaks relation ${r}`);
  });
  hidden.forEach((id, j) => {
    if (y[j] === 0n) leaks.push(id);
  });
  return leaks;
}

// ---------------------------------------------------------------------------------------------
// Seeded random tables.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts skewed towards small values, so that "< 5" cells and zeros are common. */
function smallCount(rand: () => number): bigint {
  const u = rand();
  if (u < 0.15) return 0n;
  if (u < 0.45) return BigInt(1 + Math.floor(rand() * 4));
  if (u < 0.8) return BigInt(5 + Math.floor(rand() * 30));
  return BigInt(35 + Math.floor(rand() * 400));
}

interface Builder {
  cells: Cell[];
  relations: Relation[];
  ratios: Ratio[];
}

function sumOf(builder: Builder, ids: string[]): bigint {
  const byId = new Map(builder.cells.map((c) => [c.id, c.value]));
  return ids.reduce((acc, id) => acc + byId.get(id)!, 0n);
}

/** total cell = Σ parts (off by one sometimes, as printed Insee totals are), with its relation. */
function addTotal(b: Builder, id: string, parts: string[], rand: () => number, level: number, zone?: string) {
  let value = sumOf(b, parts);
  if (rand() < 0.03 && value > 10n) value += rand() < 0.5 ? 1n : -1n;
  b.cells.push({ id, value, kind: 'count', level, ...(zone === undefined ? {} : { zone }) });
  b.relations.push({ total: id, parts });
}

/** A rows × cols table with row, column and grand totals; shares of each row total. */
function twoWayTable(rand: () => number): ProtectionProblem {
  const b: Builder = { cells: [], relations: [], ratios: [] };
  const rows = 2 + Math.floor(rand() * 4);
  const cols = 2 + Math.floor(rand() * 4);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) b.cells.push({ id: `c${i}_${j}`, value: smallCount(rand), kind: 'count' });
  }
  for (let i = 0; i < rows; i++) {
    addTotal(
      b,
      `r${i}`,
      Array.from({ length: cols }, (_, j) => `c${i}_${j}`),
      rand,
      1,
    );
  }
  for (let j = 0; j < cols; j++) {
    addTotal(
      b,
      `k${j}`,
      Array.from({ length: rows }, (_, i) => `c${i}_${j}`),
      rand,
      1,
    );
  }
  const grand = sumOf(
    b,
    Array.from({ length: rows }, (_, i) => `r${i}`),
  );
  b.cells.push({ id: 'g', value: grand, kind: 'count', level: 2 });
  b.relations.push({ total: 'g', parts: Array.from({ length: rows }, (_, i) => `r${i}`) });
  b.relations.push({ total: 'g', parts: Array.from({ length: cols }, (_, j) => `k${j}`) });
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      b.ratios.push({ id: `p${i}_${j}`, numerator: `c${i}_${j}`, denominator: `r${i}`, decimals: 1 });
    }
  }
  if (rand() < 0.3) {
    // An amount per row, blanked only with its zone.
    for (let i = 0; i < rows; i++) {
      b.cells.push({ id: `m${i}`, value: BigInt(Math.floor(rand() * 1_000_000)), kind: 'amount' });
    }
    b.cells.push({
      id: 'mt',
      value: sumOf(
        b,
        Array.from({ length: rows }, (_, i) => `m${i}`),
      ),
      kind: 'amount',
    });
    b.relations.push({ total: 'mt', parts: Array.from({ length: rows }, (_, i) => `m${i}`) });
  }
  const zones: Zone[] = [{ id: 'z', allocataires: rand() < 0.05 ? 60 : 5000 }];
  return { zones, cells: b.cells, relations: b.relations, ratios: b.ratios, thresholds: defaultThresholds() };
}

/**
 * Communes in two départements and one EPCI straddling both: for each commune, age bands and their
 * total; for each band, the EPCI and each département add up their communes.
 */
function hierarchy(rand: () => number): ProtectionProblem {
  const b: Builder = { cells: [], relations: [], ratios: [] };
  const zones: Zone[] = [];
  const bands = 2 + Math.floor(rand() * 3);
  const communes = 3 + Math.floor(rand() * 4);
  const departement: string[] = [];
  const inEpci: boolean[] = [];
  for (let k = 0; k < communes; k++) {
    departement.push(k % 2 === 0 ? 'D1' : 'D2');
    inEpci.push(k < communes - 1 || rand() < 0.5);
    const zone = `com${k}`;
    zones.push({
      id: zone,
      allocataires: rand() < 0.15 ? 40 + Math.floor(rand() * 59) : 150 + Math.floor(rand() * 3000),
    });
    for (let a = 0; a < bands; a++)
      b.cells.push({ id: `${zone}_b${a}`, value: smallCount(rand), kind: 'count', zone });
    addTotal(
      b,
      `${zone}_t`,
      Array.from({ length: bands }, (_, a) => `${zone}_b${a}`),
      rand,
      0,
      zone,
    );
  }
  zones.push({ id: 'epci', allocataires: 10000, subjectToZoneRule: false });
  zones.push({ id: 'D1', allocataires: 100000, subjectToZoneRule: false });
  zones.push({ id: 'D2', allocataires: 100000, subjectToZoneRule: false });
  const suffixes = [...Array.from({ length: bands }, (_, a) => `b${a}`), 't'];
  for (const suffix of suffixes) {
    const members = (pred: (k: number) => boolean): string[] =>
      Array.from({ length: communes }, (_, k) => k)
        .filter(pred)
        .map((k) => `com${k}_${suffix}`);
    const epciParts = members((k) => inEpci[k]!);
    if (epciParts.length > 0) addTotal(b, `epci_${suffix}`, epciParts, rand, 1, 'epci');
    for (const d of ['D1', 'D2']) {
      const parts = members((k) => departement[k] === d);
      if (parts.length > 0) addTotal(b, `${d}_${suffix}`, parts, rand, 2, d);
    }
  }
  for (let k = 0; k < communes; k++) {
    for (let a = 0; a < bands; a++) {
      b.ratios.push({
        id: `s_com${k}_b${a}`,
        numerator: `com${k}_b${a}`,
        denominator: `com${k}_t`,
        decimals: 1,
      });
    }
  }
  return { zones, cells: b.cells, relations: b.relations, ratios: b.ratios, thresholds: defaultThresholds() };
}

function defaultThresholds() {
  return { minZoneAllocataires: 100, minCount: 5 };
}

export function randomProblem(seed: number): ProtectionProblem {
  const rand = mulberry32(seed);
  return rand() < 0.5 ? twoWayTable(rand) : hierarchy(rand);
}

/**
 * How many seeded random cases an audit runs: `quick` in `npm test` (the first seeds of the long
 * run, so a quick failure reproduces in the long one), `full` with CTG_LONG_TESTS=1
 * (`npm run test:long`, run before changing the engine).
 */
export function seedCount(quick: number, full: number): number {
  return process.env.CTG_LONG_TESTS === '1' ? full : quick;
}
