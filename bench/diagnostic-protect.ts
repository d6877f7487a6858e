/**
 * Times statistical secrecy on whole diagnostics built from synthetic values: every commune of a
 * département compared with its département (compute + protect, as `getDiagnostic` does), then the
 * largest EPCI and the département itself with all their member communes in one protection problem.
 * With `--all`, every commune of France. Counts the primary and secondary blanks.
 *
 *   npx tsx bench/diagnostic-protect.ts [--departement 78] [--all]
 */
import {
  computeDiagnostic,
  protectDiagnostic,
  syntheticCommuneValues,
  type Territory,
  type ValueRow,
} from '../src/domain/diagnostic/index.js';
import { readReferential } from '../src/imports/territories/decoupage-administratif.js';

const args = process.argv.slice(2);
const all = args.includes('--all');
const departement = args[args.indexOf('--departement') + 1] ?? '78';
const referential = readReferential(all ? {} : { departements: [departement] });
const communes = referential.rows.filter((r) => r.level === 'commune');
const departements = referential.rows.filter((r) => r.level === 'departement');

/** The département's own published figures: synthetic too, scaled on its population. */
const referenceValues = new Map<string, ValueRow[]>(
  departements.map((d) => [d.code, syntheticCommuneValues(d.code, d.population ?? 0)]),
);

interface Tally {
  diagnostics: number;
  primary: number;
  secondary: number;
  published: number;
  blankedFields: number;
  slowest: { code: string; ms: number };
}

function tally(): Tally {
  return {
    diagnostics: 0,
    primary: 0,
    secondary: 0,
    published: 0,
    blankedFields: 0,
    slowest: { code: '', ms: 0 },
  };
}

function run(
  territory: Territory,
  reference: Territory,
  values: ValueRow[],
  into: Tally,
  includeMembers = false,
): number {
  const started = performance.now();
  const result = protectDiagnostic(computeDiagnostic({ territory, reference, values }), { includeMembers });
  const ms = performance.now() - started;
  into.diagnostics++;
  into.primary += result.counts.primary;
  into.secondary += result.counts.secondary;
  into.published += result.counts.published;
  for (const section of result.sections) {
    for (const row of section.rows) {
      for (const status of Object.values(row.statuses)) {
        if (status === 'primary' || status === 'secondary') into.blankedFields++;
      }
    }
  }
  if (ms > into.slowest.ms) into.slowest = { code: territory.code, ms };
  return ms;
}

function line(label: string, t: Tally, seconds: number) {
  console.log(
    `${label}\t${t.diagnostics} diagnostic(s)\t${seconds.toFixed(2)} s\tcellules : ${t.primary} blancs primaires, ${t.secondary} secondaires, ${t.published} publiées\tchamps affichés masqués : ${t.blankedFields}\tle plus lent : ${t.slowest.code} (${t.slowest.ms.toFixed(0)} ms)`,
  );
}

const valuesOf = new Map(communes.map((c) => [c.code, syntheticCommuneValues(c.code, c.population ?? 0)]));
const communesTally = tally();
const started = performance.now();
for (const [i, commune] of communes.entries()) {
  const dep = commune.departementCode!;
  const reference: Territory = { code: dep, name: dep, level: 'departement' };
  run(
    { code: commune.code, name: commune.name, level: 'commune' },
    reference,
    [...valuesOf.get(commune.code)!, ...(referenceValues.get(dep) ?? [])],
    communesTally,
  );
  if (all && (i + 1) % 5000 === 0) {
    process.stderr.write(
      `${i + 1}/${communes.length} communes, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
  }
}
line(
  all ? 'toutes les communes' : `communes du ${departement}`,
  communesTally,
  (performance.now() - started) / 1000,
);

if (!all) {
  const epcis = referential.rows
    .filter((r) => r.level === 'epci' && r.departementCode === departement)
    .map((e) => ({ e, members: communes.filter((c) => c.epciCode === e.code) }))
    .sort((a, b) => b.members.length - a.members.length);
  const reference: Territory = { code: departement, name: departement, level: 'departement' };
  // Member cells in the problem cost little for a small EPCI and explode for a large one (the CU
  // Grand Paris Seine et Oise, 73 communes: 533 s measured once); above this size only the
  // published-output mode is timed.
  const maxWithMembers = Number(process.env.CTG_BENCH_MAX_MEMBERS ?? 40);
  for (const { e, members } of epcis) {
    const territory: Territory = {
      code: e.code,
      name: e.name,
      level: 'epci',
      members: members.map((m) => m.code),
    };
    const values = [
      ...members.flatMap((m) => valuesOf.get(m.code)!),
      ...(referenceValues.get(departement) ?? []),
    ];
    const t = tally();
    const ms = run(territory, reference, values, t);
    line(`EPCI ${e.name} (${members.length} communes), cellules publiées seules`, t, ms / 1000);
    if (members.length <= maxWithMembers) {
      const withMembers = tally();
      const slow = run(territory, reference, values, withMembers, true);
      line(
        `EPCI ${e.name} (${members.length} communes), avec les cellules des communes`,
        withMembers,
        slow / 1000,
      );
    }
  }
  const t = tally();
  const ms = run(
    { code: departement, name: departement, level: 'departement', members: communes.map((c) => c.code) },
    reference,
    [...communes.flatMap((c) => valuesOf.get(c.code)!), ...(referenceValues.get(departement) ?? [])],
    t,
  );
  line(`département ${departement} (${communes.length} communes)`, t, ms / 1000);
}
