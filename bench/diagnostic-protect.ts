/**
 * Times the département-wide protection (`protectDepartement`: every commune's table, every EPCI
 * intersecting the département with all its communes, the département's sums; sub-tables iterated to
 * a fixed point, then the global rank test) on synthetic values, as `ctg demo-data` makes them, and
 * counts the primary and secondary blanks. With `--all`, every département of France (each commune
 * of a straddling EPCI is then in two départements' problems).
 *
 *   npx tsx bench/diagnostic-protect.ts [--departement 78[,95,…]] [--all] [--un-fil] [--sans-bornes]
 *
 * With several départements, they are protected as the platform does, on worker threads (one per
 * core, largest first, values made before the clock starts); `--un-fil` runs them one after the other
 * in this thread, `--sans-bornes` without the bounds check across sub-tables (one thread).
 *
 * Measured on the project's machine (2 shared cores, Node.js 20); figures and their history in
 * docs/benchmarks.md. Before the one-sign reader, on a quiet machine: Yvelines 0.9 s (5 732 primary,
 * 345 secondary blanks), all France 53–55 s on two threads; the one-sign reader made both faster
 * (Yvelines: 279 secondary blanks). The agreement between neighbouring départements is not included (the platform may
 * protect a neighbour again after the parallel wave).
 */

import { availableParallelism } from 'node:os';
import {
  protectDepartement,
  syntheticCommuneValues,
  type Territory,
  type ValueRow,
} from '../src/domain/diagnostic/index.js';
import { readReferential } from '../src/imports/territories/decoupage-administratif.js';
import { loadLinearSolver } from '../src/use-cases/diagnostic/linear-solver.js';
import { protectMany } from '../src/use-cases/diagnostic/protection-pool.js';

const args = process.argv.slice(2);
const all = args.includes('--all');
// `--sans-bornes`: without the bounds check across sub-tables, to measure what it costs (one thread).
const solver = args.includes('--sans-bornes') ? undefined : await loadLinearSolver();
// `--un-fil`: every département in this thread, one after the other.
const only = (args.includes('--departement') ? args[args.indexOf('--departement') + 1]! : '78').split(',');
const referential = readReferential();
const communes = referential.rows.filter((r) => r.level === 'commune');
const departements = referential.rows
  .filter((r) => r.level === 'departement')
  .filter((d) => all || only.includes(d.code));
const epciNames = new Map(referential.rows.filter((r) => r.level === 'epci').map((e) => [e.code, e.name]));

const membersOf = new Map<string, string[]>();
for (const c of communes) {
  if (c.epciCode) membersOf.set(c.epciCode, [...(membersOf.get(c.epciCode) ?? []), c.code]);
}
const valuesOf = new Map<string, ValueRow[]>();
const communeValues = (code: string, population: number): ValueRow[] => {
  let values = valuesOf.get(code);
  if (!values) {
    values = syntheticCommuneValues(code, population);
    valuesOf.set(code, values);
  }
  return values;
};
const population = new Map(communes.map((c) => [c.code, c.population ?? 0]));

const parallel = !args.includes('--un-fil') && solver !== undefined && departements.length > 1;

const inputOf = (d: (typeof departements)[number]) => {
  const own = communes.filter((c) => c.departementCode === d.code).map((c) => c.code);
  const epciCodes = [
    ...new Set(communes.filter((c) => c.departementCode === d.code && c.epciCode).map((c) => c.epciCode!)),
  ];
  const epcis: Territory[] = epciCodes.map((code) => ({
    code,
    name: epciNames.get(code) ?? code,
    level: 'epci',
    members: membersOf.get(code) ?? [],
  }));
  const involved = new Set([...own, ...epcis.flatMap((e) => e.members ?? [])]);
  const values = [
    ...[...involved].flatMap((code) => communeValues(code, population.get(code) ?? 0)),
    ...syntheticCommuneValues(d.code, d.population ?? 0),
  ];
  return {
    input: {
      departement: { code: d.code, name: d.name, level: 'departement' as const, members: own },
      epcis,
      values,
    },
    own,
    epcis,
    involved,
  };
};

const total = { communes: 0, cells: 0, primary: 0, secondary: 0, fixes: 0, boundsFixes: 0, ms: 0 };
let slowest = { code: '', ms: 0 };
const report = (i: number, d: (typeof departements)[number], line: string, ms: number): void => {
  if (ms > slowest.ms) slowest = { code: d.code, ms };
  if (!all || (i + 1) % 10 === 0 || i === departements.length - 1) console.log(line);
};
let wallStarted = performance.now();
if (parallel) {
  // As the platform protects several départements: worker threads, one per core. The values are
  // made first, so that the time measured is the protection's, as in the one-thread mode.
  // Largest first, so that no thread is left alone with a big one at the end.
  const order = departements
    .map((d) => ({ d, input: inputOf(d).input }))
    .sort((a, b) => b.input.values.length - a.input.values.length);
  wallStarted = performance.now();
  let done = 0;
  await protectMany(
    order.length,
    (i) => order[i]!.input,
    (i, outcome) => {
      const d = order[i]!.d;
      done++;
      total.communes += communes.filter((c) => c.departementCode === d.code).length;
      total.cells += outcome.cells;
      total.primary += outcome.primary;
      total.secondary += outcome.secondary;
      total.fixes += outcome.globalFixes;
      total.boundsFixes += outcome.boundsFixes;
      total.ms += outcome.durationMs;
      report(
        done - 1,
        d,
        `${done}/${departements.length} (${((performance.now() - wallStarted) / 1000).toFixed(0)} s écoulées) département ${d.code}\t${(outcome.durationMs / 1000).toFixed(2)} s\t${outcome.cells} cellules\tblancs : ${outcome.primary} primaires, ${outcome.secondary} secondaires (dont ${outcome.globalFixes} par le test global, ${outcome.boundsFixes} par le contrôle des bornes)`,
        outcome.durationMs,
      );
    },
  );
} else {
  for (const [i, d] of departements.entries()) {
    const { input, own, epcis, involved } = inputOf(d);
    const started = performance.now();
    const { result, problem } = protectDepartement({ ...input, ...(solver ? { solver } : {}) });
    const ms = performance.now() - started;
    total.communes += own.length;
    total.cells += problem.cells.length;
    total.primary += result.counts.primary;
    total.secondary += result.counts.secondary;
    total.fixes += result.globalFixes;
    total.boundsFixes += result.boundsFixes;
    total.ms += ms;
    report(
      i,
      d,
      `${all ? `${i + 1}/${departements.length} (cumul ${(total.ms / 1000).toFixed(0)} s) ` : ''}département ${d.code} (${own.length} communes, ${epcis.length} EPCI, ${involved.size} communes au total)\t${(ms / 1000).toFixed(2)} s\t${problem.cells.length} cellules, ${problem.relations.length} relations, ${problem.tables.length} sous-tableaux\tblancs : ${result.counts.primary} primaires, ${result.counts.secondary} secondaires (dont ${result.globalFixes} par le test global, ${result.boundsFixes} par le contrôle des bornes)\t${result.tableRuns} protections de sous-tableaux`,
      ms,
    );
  }
}
const wall = (performance.now() - wallStarted) / 1000;
if (departements.length > 1) {
  console.log(
    `${all ? 'France' : 'Ensemble'} : ${total.communes} communes, ${total.cells} cellules, ${wall.toFixed(1)} s écoulées pour la protection (${(total.ms / 1000).toFixed(1)} s de calcul cumulées${parallel ? `, ${availableParallelism()} fils` : ''}, hors génération des valeurs)\tblancs : ${total.primary} primaires, ${total.secondary} secondaires (dont ${total.fixes} par le test global, ${total.boundsFixes} par le contrôle des bornes)\tle plus lent : ${slowest.code} (${(slowest.ms / 1000).toFixed(2)} s)`,
  );
}
