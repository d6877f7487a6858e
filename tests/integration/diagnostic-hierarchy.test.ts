/**
 * Secrecy across outputs on a real database: the Yvelines and the Val-d'Oise filled with synthetic
 * figures as `ctg demo-data` does (Bezons, in the Val-d'Oise, belongs to the CA Saint Germain Boucles
 * de Seine of the Yvelines), then everything the commune pages, the EPCI pages and the département
 * page publish, read together by a reader who knows every relation: no blanked cell may be
 * recomputable from all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { findProtectionPatterns, listValuesOf } from '../../src/db/repositories/diagnostic.repository.js';
import {
  listCommunesOfEpci,
  listTerritoriesOfDepartement,
} from '../../src/db/repositories/territory.repository.js';
import { buildDepartementProblem, type Territory } from '../../src/domain/diagnostic/index.js';
import { kernelAudit } from '../../src/domain/secrecy/audit.test-support.js';
import { resultFromStatuses } from '../../src/domain/secrecy/index.js';
import { generateSyntheticDiagnostic } from '../../src/use-cases/diagnostic/generate-synthetic-diagnostic.js';
import { type DiagnosticJson, getDiagnostic } from '../../src/use-cases/diagnostic/get-diagnostic.js';
import { importDiagnostic } from '../../src/use-cases/diagnostic/import-diagnostic.js';
import { seedWorld, system } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

const EPCI = '200058519'; // CA Saint Germain Boucles de Seine, 78 and 95
const BEZONS = '95063';
const DATE = '2022-12-31';
const HEADER = 'code_territoire;indicateur;date_reference;valeur;source\n';

let handle: DatabaseHandle;
let members: string[];

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  await seedWorld(handle.db);
  await generateSyntheticDiagnostic(system(handle.db), { departement: '78' });
  await generateSyntheticDiagnostic(system(handle.db), { departement: '95' });
  // The leak of the issue: one member of the EPCI with a small count, all the others large, so that
  // the EPCI's sum minus the others' figures would give it back.
  members = (await listCommunesOfEpci(handle.db, EPCI)).map((c) => c.code);
  const lines = members.map(
    (code, i) => `${code};aeeh_children_6_11;${DATE};${code === BEZONS ? 3 : 20 + i};Caf au 31/12/2022`,
  );
  await importDiagnostic(system(handle.db), {
    fileName: 'aeeh-6-11-epci.csv',
    bytes: new TextEncoder().encode(`${HEADER}${lines.join('\n')}\n`),
  });
}, 300_000);
afterAll(async () => {
  await handle?.close();
});

/** Cell id → printed value (cents for amounts), and the cells shown blanked, over outputs. */
function collect(outputs: DiagnosticJson[]) {
  const published = new Map<string, number>();
  const blanked = new Set<string>();
  const record = (
    territory: string,
    indicator: string,
    date: string | null,
    value: number | null,
    status: string,
  ) => {
    if (!date || status === 'absent') return;
    const id = `${territory}|${indicator}|${date}`;
    if (status === 'published' && value !== null) published.set(id, value);
    else blanked.add(id);
  };
  for (const json of outputs) {
    for (const section of json.sections) {
      for (const row of section.rows) {
        record(json.territory.code, row.id, row.date, row.value, row.statuses.value);
        for (const point of row.series ?? [])
          record(json.territory.code, row.id, point.date, point.value, point.status);
        // A share is never printed beside a blanked value.
        if (row.statuses.value !== 'published') expect(row.share).toBeNull();
      }
    }
  }
  return { published, blanked };
}

describe('one secrecy pattern for the Yvelines, followed by every page', () => {
  it('lets no blanked cell be recomputed from the commune, EPCI and département pages together', async () => {
    const db = handle.db;
    const communes = await listTerritoriesOfDepartement(db, '78', 'commune');
    const epciRows = await listTerritoriesOfDepartement(db, '78', 'epci');
    const epcis: Territory[] = [];
    for (const e of epciRows) {
      const m = (await listCommunesOfEpci(db, e.code)).map((c) => c.code);
      epcis.push({ code: e.code, name: e.name, level: 'epci', members: m });
    }
    // Every commune of the Yvelines and of its EPCIs (Bezons and the Val-d'Oise communes of EPCIs
    // straddling both), every such EPCI, and the département last.
    const involved = new Set([...communes.map((c) => c.code), ...epcis.flatMap((e) => e.members ?? [])]);
    expect(involved.has(BEZONS)).toBe(true);
    const codes = [...involved, ...epcis.map((e) => e.code), '78'];
    const outputs: DiagnosticJson[] = [];
    for (const code of codes) outputs.push((await getDiagnostic(system(db), code)).json);
    const { published, blanked } = collect(outputs);
    // The département as a reference (on every other page) prints what its own page prints, at its
    // latest date: a reference figure published is the département page's figure.
    const departementPage = outputs.at(-1)!;
    const ownRows = new Map(departementPage.sections.flatMap((s) => s.rows.map((r) => [r.id, r])));
    // (Communes of the Val-d'Oise are compared with their own département.)
    for (const json of outputs.filter((output) => output.reference.code === '78')) {
      for (const row of json.sections.flatMap((s) => s.rows)) {
        if (row.statuses.referenceValue !== 'published') continue;
        expect(ownRows.get(row.id)?.statuses.value, row.id).toBe('published');
        expect(ownRows.get(row.id)?.value, row.id).toBe(row.referenceValue);
      }
    }
    // One status per cell in every output: never published on one page and blanked on another.
    expect([...blanked].filter((id) => published.has(id))).toEqual([]);

    // The reader's equations: every commune's table, each EPCI's and the département's sums.
    const values = await listValuesOf(db, [
      { level: 'departement', code: '78' },
      ...epcis.map((e) => ({ level: 'epci' as const, code: e.code })),
      ...[...involved].map((code) => ({ level: 'commune' as const, code })),
    ]);
    const problem = buildDepartementProblem({
      departement: {
        code: '78',
        name: 'Yvelines',
        level: 'departement',
        members: communes.map((c) => c.code),
      },
      epcis,
      values: values.map((v) => ({
        territory: v.code,
        indicator: v.indicator,
        date: v.date,
        value: v.value,
      })),
      // The reader's real equations only: the neighbours' sums are an assumption of the protection.
      linkNeighbours: false,
    });
    const kindOf = new Map(problem.cells.map((c) => [c.id, c.kind]));
    const trueValue = new Map(problem.cells.map((c) => [c.id, c.value]));
    // Every printed figure is the true one (so the reader's knowledge is what we think it is).
    for (const [id, printed] of published) {
      const value = trueValue.get(id);
      if (value === undefined) continue;
      const asPrinted = kindOf.get(id) === 'amount' ? Number(value) / 100 : Number(value);
      expect(printed, id).toBeCloseTo(asPrinted, 2);
    }
    // A cell no page prints is unknown to the reader, like a blanked one.
    const reader = resultFromStatuses(problem, (id) => (published.has(id) ? 'published' : 'secondary'));
    expect(reader.counts.published).toBeGreaterThan(5_000);
    expect(reader.counts.secondary).toBeGreaterThan(1_000);
    expect(kernelAudit(problem, reader)).toEqual([]);

    // The stored pattern covers every cell of that system.
    const stored = (await findProtectionPatterns(db, ['78']))[0]!;
    expect(stored.statuses.size).toBe(problem.cells.length);
  }, 600_000);

  it('blanks a second member where one member of an EPCI has a small count', async () => {
    const db = handle.db;
    const cell = (code: string) => `${code}|aeeh_children_6_11|${DATE}`;
    // Both départements holding the EPCI saw the import and blank Bezons' count.
    const patterns = await findProtectionPatterns(db, ['78', '95']);
    expect(patterns.map((p) => p.statuses.get(cell(BEZONS)))).toEqual(['primary', 'primary']);

    const epci = await getDiagnostic(system(db), EPCI);
    const epciRow = epci.json.sections.flatMap((s) => s.rows).find((r) => r.id === 'aeeh_children_6_11')!;
    const shown = new Map<string, number | null>();
    for (const code of members) {
      const { json } = await getDiagnostic(system(db), code);
      const row = json.sections.flatMap((s) => s.rows).find((r) => r.id === 'aeeh_children_6_11')!;
      shown.set(code, row.date === DATE ? row.value : null);
    }
    expect(shown.get(BEZONS)).toBeNull();
    // The EPCI's own figure stays published (its sum is worth more than a commune's figure)...
    expect(epciRow.date).toBe(DATE);
    expect(epciRow.value).not.toBeNull();
    // ...so EPCI − the others must not give Bezons back: at least one other member is blanked.
    const hidden = members.filter((code) => shown.get(code) === null);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    const others = members.filter((c) => c !== BEZONS && shown.get(c) !== null);
    const difference = epciRow.value! - others.reduce((s, c) => s + shown.get(c)!, 0);
    expect(difference).not.toBe(3);
  }, 300_000);
});
