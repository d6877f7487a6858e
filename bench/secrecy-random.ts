/**
 * Benchmark of statistical secrecy on random diagnostics shaped like a commune's (≈100 cells,
 * ≈20 relations, ≈40 ratios): the 259 communes of a département, all 34 969 communes of France,
 * and one problem linking 259 communes to their EPCI and département totals.
 *
 *   npx tsx bench/secrecy-random.ts [communes=34969] [linked=48]
 *
 * The linked problem (communes + EPCI + département totals in one problem) grows faster than linearly
 * with its size; 48 communes by default keep the run short.
 */

import { mulberry32 } from '../src/domain/secrecy/audit.test-support.js';
import { protect } from '../src/domain/secrecy/index.js';
import type { Cell, ProtectionProblem, Ratio, Relation, Zone } from '../src/domain/secrecy/types.js';

/** A count as a commune's diagnostic has them: many small values, some zeros, some large ones. */
function value(rand: () => number): bigint {
  const u = rand();
  if (u < 0.08) return 0n;
  if (u < 0.25) return BigInt(1 + Math.floor(rand() * 4));
  if (u < 0.6) return BigInt(5 + Math.floor(rand() * 60));
  return BigInt(60 + Math.floor(rand() * 3000));
}

interface Diagnostic {
  cells: Cell[];
  relations: Relation[];
  ratios: Ratio[];
}

/**
 * 20 relations of 4 parts: 16 breakdowns (age bands, household types…) and 4 section totals adding up
 * four breakdown totals each; every part has a share of its total and some a share of the section.
 */
function communeDiagnostic(rand: () => number, prefix: string, zone?: string): Diagnostic {
  const d: Diagnostic = { cells: [], relations: [], ratios: [] };
  const z = zone === undefined ? {} : { zone };
  const sum = (ids: string[]) => ids.reduce((acc, id) => acc + d.cells.find((c) => c.id === id)!.value, 0n);
  for (let s = 0; s < 4; s++) {
    const totals: string[] = [];
    for (let b = 0; b < 4; b++) {
      const parts = [0, 1, 2, 3].map((p) => `${prefix}s${s}b${b}p${p}`);
      for (const id of parts) d.cells.push({ id, value: value(rand), kind: 'count', ...z });
      const total = `${prefix}s${s}b${b}t`;
      d.cells.push({ id: total, value: sum(parts), kind: 'count', level: 0, ...z });
      d.relations.push({ total, parts });
      totals.push(total);
      for (const [i, id] of parts.entries()) {
        if (i < 2) d.ratios.push({ id: `${id}%`, numerator: id, denominator: total, decimals: 1 });
      }
    }
    const section = `${prefix}s${s}t`;
    d.cells.push({ id: section, value: sum(totals), kind: 'count', ...z });
    d.relations.push({ total: section, parts: totals });
    for (const id of totals.slice(0, 2))
      d.ratios.push({ id: `${id}%`, numerator: id, denominator: section, decimals: 1 });
  }
  return d;
}

const thresholds = { minZoneAllocataires: 100, minCount: 5 };

function communeProblem(seed: number): ProtectionProblem {
  const rand = mulberry32(seed);
  const allocataires = rand() < 0.1 ? Math.floor(rand() * 100) : 100 + Math.floor(rand() * 5000);
  const d = communeDiagnostic(rand, '');
  return { zones: [{ id: 'commune', allocataires }], ...d, thresholds };
}

/** 259 communes in one problem: each breakdown cell also adds up to its EPCI's and the département's. */
function departementProblem(seed: number, communes: number): ProtectionProblem {
  const rand = mulberry32(seed);
  const zones: Zone[] = [];
  const all: Diagnostic = { cells: [], relations: [], ratios: [] };
  const epciOf: number[] = [];
  for (let k = 0; k < communes; k++) {
    const zone = `c${k}`;
    zones.push({
      id: zone,
      allocataires: rand() < 0.1 ? Math.floor(rand() * 100) : 100 + Math.floor(rand() * 5000),
    });
    const d = communeDiagnostic(rand, `${zone}.`, zone);
    all.cells.push(...d.cells);
    all.relations.push(...d.relations);
    all.ratios.push(...d.ratios);
    epciOf.push(Math.floor(k / 12));
  }
  const epcis = Math.max(...epciOf) + 1;
  for (let e = 0; e < epcis; e++) zones.push({ id: `e${e}`, allocataires: null, subjectToZoneRule: false });
  zones.push({ id: 'dep', allocataires: null, subjectToZoneRule: false });
  const values = new Map(all.cells.map((c) => [c.id, c.value]));
  const suffixes = all.cells.filter((c) => c.id.startsWith('c0.')).map((c) => c.id.slice(3));
  for (const suffix of suffixes) {
    for (let e = 0; e < epcis; e++) {
      const parts = epciOf.flatMap((ep, k) => (ep === e ? [`c${k}.${suffix}`] : []));
      const id = `e${e}.${suffix}`;
      all.cells.push({
        id,
        value: parts.reduce((a, p) => a + values.get(p)!, 0n),
        kind: 'count',
        zone: `e${e}`,
        level: 1,
      });
      all.relations.push({ total: id, parts });
    }
    const parts = Array.from({ length: communes }, (_, k) => `c${k}.${suffix}`);
    const id = `dep.${suffix}`;
    all.cells.push({
      id,
      value: parts.reduce((a, p) => a + values.get(p)!, 0n),
      kind: 'count',
      zone: 'dep',
      level: 2,
    });
    all.relations.push({ total: id, parts });
  }
  return { zones, ...all, thresholds };
}

function time<T>(label: string, work: () => T): T {
  const start = performance.now();
  const out = work();
  const ms = performance.now() - start;
  console.log(`${label}: ${(ms / 1000).toFixed(2)} s`);
  return out;
}

function run(label: string, problems: ProtectionProblem[]): void {
  let primary = 0;
  let secondary = 0;
  let cells = 0;
  time(label, () => {
    for (const p of problems) {
      const r = protect(p);
      primary += r.counts.primary;
      secondary += r.counts.secondary;
      cells += p.cells.length;
    }
  });
  console.log(`  ${cells} cells, ${primary} primary, ${secondary} secondary blanks`);
}

const total = Number(process.argv[2] ?? 34969);
const sample = communeProblem(1);
console.log(
  `shape of a commune: ${sample.cells.length} cells, ${sample.relations.length} relations, ${sample.ratios.length} ratios`,
);
run(
  '259 communes, one problem each',
  Array.from({ length: 259 }, (_, i) => communeProblem(i + 1)),
);
run(
  `${total} communes, one problem each`,
  Array.from({ length: total }, (_, i) => communeProblem(i + 1)),
);
const linked = Number(process.argv[3] ?? 48);
const dep = departementProblem(42, linked);
console.log(`département problem: ${dep.cells.length} cells, ${dep.relations.length} relations`);
run(`${linked} communes + EPCI + département in one problem`, [dep]);
