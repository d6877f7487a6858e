/**
 * Measures what a reader who uses every equation of a département at once (commune tables, EPCI and
 * département sums) together with the bounds they know can pin. The reader is chosen with
 * `--reader`:
 * - `one_sign` (default: what the platform publishes, one sign for every blank): every blank is ≥ 0,
 *   the allocataires figure of a zone blanked whole is < 100 (and ≥ 100 for a commune with figures);
 * - `kinds` (what `ctg protect` prints): besides, a primary "< 5" count lies in 1..4 (the reader of
 *   `lpAudit`, who does not even use the fact that a secondary count outside a blanked zone is ≥ 5).
 * The pattern is made for the same reader (`protectDepartement` with that reader).
 *
 * One linear programme (HiGHS) over the feasible directions finds every blanked cell on a bound that
 * no direction moves, i.e. pinned: max Σ t_k with t_k ≤ σ_k·y_k, 0 ≤ t_k ≤ 1, y in the kernel of the
 * equations restricted to blanked cells (σ = +1 on a lower bound, −1 on an upper one). Feasible
 * directions form a cone, so at the optimum t_k = 1 exactly for the cells that can move. Cells whose
 * bounds meet are pinned by their statuses alone. A sample of cells is then checked again the slow
 * way (minimum and maximum of the cell, `lpAudit`), which confirms the method.
 *
 *   npx tsx bench/departement-bounds-audit.ts [--departement 78] [--check 10] [--reader one_sign|kinds]
 */
import {
  buildDepartementProblem,
  protectDepartement,
  syntheticCommuneValues,
  type Territory,
} from '../src/domain/diagnostic/index.js';
import { auditBounds, loadHighs, lpAudit } from '../src/domain/secrecy/audit.test-support.js';
import { type Reader, resultFromStatuses } from '../src/domain/secrecy/index.js';
import { readReferential } from '../src/imports/territories/decoupage-administratif.js';
import { loadLinearSolver } from '../src/use-cases/diagnostic/linear-solver.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string =>
  args.includes(name) ? args[args.indexOf(name) + 1]! : fallback;
const code = option('--departement', '78');
const check = Number(option('--check', '10'));
const reader = option('--reader', 'one_sign') as Reader;
if (reader !== 'one_sign' && reader !== 'kinds')
  throw new Error(`--reader : one_sign ou kinds, pas ${reader}`);

const referential = readReferential();
const communes = referential.rows.filter((r) => r.level === 'commune');
const d = referential.rows.find((r) => r.level === 'departement' && r.code === code)!;
const own = communes.filter((c) => c.departementCode === code);
const epciCodes = [...new Set(own.flatMap((c) => (c.epciCode ? [c.epciCode] : [])))];
const epcis: Territory[] = epciCodes.map((epci) => ({
  code: epci,
  name: epci,
  level: 'epci',
  members: communes.filter((c) => c.epciCode === epci).map((c) => c.code),
}));
const involved = new Set([...own.map((c) => c.code), ...epcis.flatMap((e) => e.members ?? [])]);
const population = new Map(communes.map((c) => [c.code, c.population ?? 0]));
const values = [
  ...[...involved].flatMap((c) => syntheticCommuneValues(c, population.get(c) ?? 0)),
  ...syntheticCommuneValues(code, d.population ?? 0),
];
const input = {
  departement: { code, name: d.name, level: 'departement' as const, members: own.map((c) => c.code) },
  epcis,
  values,
  reader,
};
// `--sans-bornes`: the pattern made without the engine's own bounds check across sub-tables.
const solver = args.includes('--sans-bornes') ? undefined : await loadLinearSolver();
const { pattern, result: engine } = protectDepartement({ ...input, ...(solver ? { solver } : {}) });
// The reader's real equations: no assumption about neighbours.
const problem = buildDepartementProblem({ ...input, linkNeighbours: false });

const blanked = problem.cells.filter((cell) => (pattern.get(cell.id) ?? 'published') !== 'published');
const variable = new Map(blanked.map((cell, j) => [cell.id, `y${j}`]));
const constraints: string[] = [];
problem.relations.forEach((relation, r) => {
  const terms: string[] = [];
  const add = (id: string, sign: '+' | '-'): void => {
    const y = variable.get(id);
    if (y) terms.push(`${sign} ${y}`);
  };
  add(relation.total, '+');
  for (const part of relation.parts) add(part, '-');
  if (terms.length > 0) constraints.push(` r${r}: ${terms.join(' ')} = 0`);
});
/** +1 on a lower bound (can only rise), −1 on an upper bound, 0 inside its bounds, 2 when they meet. */
const side = (cell: (typeof problem.cells)[number]): number => {
  const { lower, upper } = auditBounds(problem, cell, pattern.get(cell.id)!, reader);
  const value = Number(cell.value);
  if (lower === value && upper === value) return 2;
  if (lower === value) return 1;
  if (upper === value) return -1;
  return 0;
};
const onBound: string[] = [];
const byStatus: string[] = [];
const slack: string[] = [];
blanked.forEach((cell, j) => {
  const sigma = side(cell);
  if (sigma === 0) return;
  if (sigma === 2) {
    byStatus.push(cell.id);
    return;
  }
  slack.push(` b${j}: t${onBound.length} ${sigma > 0 ? '-' : '+'} y${j} <= 0`);
  onBound.push(cell.id);
});
const lp = [
  'Maximize',
  ` obj: ${onBound.map((_, i) => `t${i}`).join(' + ')}`,
  'Subject To',
  ...constraints,
  ...slack,
  'Bounds',
  ...blanked.map((_, j) => ` y${j} free`),
  ...onBound.map((_, i) => ` 0 <= t${i} <= 1`),
  'End',
].join('\n');
const highs = (await loadHighs()) as unknown as {
  solve(lp: string): { Status: string; Columns: Record<string, { Primal: number }> };
};
const started = performance.now();
const solution = highs.solve(lp);
if (solution.Status !== 'Optimal') throw new Error(`HiGHS : ${solution.Status}`);
const pinned = [...byStatus, ...onBound.filter((_, i) => solution.Columns[`t${i}`]!.Primal < 0.5)];
const seconds = ((performance.now() - started) / 1000).toFixed(2);
const byId = new Map(problem.cells.map((cell) => [cell.id, cell]));
const small = pinned.filter((id) => byId.get(id)!.value !== 0n);
const reported = new Set(engine.unprotectable);
console.log(
  `lecteur ${reader === 'one_sign' ? 'à signe unique' : 'qui distingue les masques'} ; ` +
    `département ${code} : ${blanked.length} cellules masquées dont ${onBound.length + byStatus.length} sur une borne ; ` +
    `${pinned.length} déterminées par un lecteur qui combine tous les tableaux et les bornes ` +
    `(${small.length} non nulles, ${pinned.filter((id) => reported.has(id)).length} déjà signalées ` +
    `« impossibles à protéger » par le moteur) ; programme linéaire ${seconds} s`,
);
const byIndicator = new Map<string, number>();
for (const id of pinned) {
  const indicator = id.split('|')[1]!;
  byIndicator.set(indicator, (byIndicator.get(indicator) ?? 0) + 1);
}
console.log(
  `par indicateur : ${[...byIndicator]
    .sort((a, b) => b[1] - a[1])
    .map(([indicator, n]) => `${indicator} ${n}`)
    .join(', ')}`,
);
if (check > 0) {
  const free = onBound.filter((id) => !pinned.includes(id));
  const sample = new Set([...pinned.slice(0, check), ...free.slice(0, check)]);
  const result = resultFromStatuses(problem, (id) => pattern.get(id) ?? 'published');
  const confirmed = new Set(await lpAudit(problem, result, { only: sample, reader }));
  const agree = [...sample].filter((id) => confirmed.has(id) === pinned.includes(id)).length;
  console.log(
    `contre-vérification (minimum et maximum de chaque cellule) : ${agree}/${sample.size} d’accord`,
  );
}
