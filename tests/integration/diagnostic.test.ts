/**
 * Diagnostic import and query on a real database: all-or-nothing import with line and column,
 * replacement of a period in one transaction, authorization, and the seed's figures protected.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import {
  codesWithValues,
  listImports,
  listValuesOf,
} from '../../src/db/repositories/diagnostic.repository.js';
import { listCommunesOfEpci } from '../../src/db/repositories/territory.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { CATALOGUE, getIndicator } from '../../src/domain/diagnostic/catalogue.js';
import { AppError } from '../../src/domain/shared/app-error.js';
import { generateSyntheticDiagnostic } from '../../src/use-cases/diagnostic/generate-synthetic-diagnostic.js';
import { getDiagnostic } from '../../src/use-cases/diagnostic/get-diagnostic.js';
import { detectFormat, importDiagnostic } from '../../src/use-cases/diagnostic/import-diagnostic.js';
import { as, makeUser, seedWorld, system } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

const fixture = readFileSync(
  new URL('../../src/imports/diagnostic/fixtures/carrieres-sur-seine-78.csv', import.meta.url),
);
const csv = (text: string) => new TextEncoder().encode(text);
const HEADER = 'code_territoire;indicateur;date_reference;valeur;source\n';

let handle: DatabaseHandle;
let cafAgent78: Actor;
let cafAgent95: Actor;
let communeAgent: Actor;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  cafAgent78 = await makeUser(handle.db, 'agent@caf78.test', world.caf78.id, ['caf_agent']);
  cafAgent95 = await makeUser(handle.db, 'agent@caf95.test', world.caf95.id, ['caf_agent']);
  communeAgent = await makeUser(handle.db, 'agent@carrieres.test', world.carrieres.id, ['territory_agent']);
});
afterAll(async () => {
  await handle?.close();
});

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

function rowOf(json: Awaited<ReturnType<typeof getDiagnostic>>['json'], section: string, id: string) {
  const row = json.sections.find((s) => s.id === section)?.rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${section}/${id}`);
  return row;
}

describe('the demo data', () => {
  it('loads the seed’s figures for Carrières-sur-Seine and the Yvelines once', async () => {
    expect((await codesWithValues(handle.db, 'commune', ['78124'])).has('78124')).toBe(true);
    const imports = await listImports(handle.db, 10);
    expect(imports.filter((i) => i.fileName === 'carrieres-sur-seine-78.csv')).toHaveLength(1);
    // 159 figures (3 of them withheld by the source, "<5") and 32 Yvelines percentages printed alone.
    const seed = imports.find((i) => i.fileName === 'carrieres-sur-seine-78.csv')!;
    expect(seed.rowCount).toBe(191);
  });
});

describe('getDiagnostic of Carrières-sur-Seine', () => {
  it('recomputes the children 3-5 share, blanks the AEEH 0–2 band and its share, and a cell of its relation', async () => {
    const { json } = await getDiagnostic(as(handle.db, communeAgent), '78124');
    expect(json.territory).toEqual({ code: '78124', name: 'Carrières-sur-Seine', level: 'commune' });
    expect(json.reference).toMatchObject({ code: '78', level: 'departement' });
    expect(rowOf(json, 'petite_enfance', 'children_3_5').share).toBe(3.9);
    const band = rowOf(json, 'handicap', 'aeeh_children_0_2');
    expect(band).toMatchObject({ value: null, share: null, status: 'secret' });
    const relation = [
      'aeeh_children_0_17',
      'aeeh_children_3_5',
      'aeeh_children_6_11',
      'aeeh_children_12_15',
      'aeeh_children_16_17',
    ].map((id) => rowOf(json, 'handicap', id));
    const blanked = relation.filter((r) => r.value === null);
    expect(blanked.length).toBeGreaterThanOrEqual(1);
    for (const row of blanked) expect(row.statuses.value).toBe('secret');
    // The published cells of the relation must not add up to the blanked band.
    expect(json.synthetic).toBe(false);
    expect(json.sources.map((s) => s.fileName)).toEqual(['carrieres-sur-seine-78.csv']);
  });

  it('finds a territory by EPCI SIREN and by département code', async () => {
    const epci = await getDiagnostic(as(handle.db, communeAgent), '200058519');
    expect(epci.json.territory.level).toBe('epci');
    expect(epci.json.reference.code).toBe('78');
    const dep = await getDiagnostic(as(handle.db, communeAgent), '78');
    expect(dep.json.territory).toMatchObject({ code: '78', level: 'departement' });
    expect(rowOf(dep.json, 'demographie', 'population').value).toBe(1448207);
    const missing = await failure(getDiagnostic(as(handle.db, communeAgent), '99999'));
    expect(missing.code).toBe('TERRITORY_NOT_FOUND');
  });
});

describe('importDiagnostic', () => {
  const period = (value: string) =>
    csv(
      `${HEADER}78146;allocataires;2021-12-31;${value};Caf au 31/12/2021\n78146;rsa;2021-12-31;120;Caf au 31/12/2021\n`,
    );

  it('detects the three formats from the bytes', () => {
    expect(detectFormat(fixture)).toBe('long_csv');
    expect(detectFormat(csv('dtreffre;numcomdo;nomcom;indfoy_tot\n'))).toBe('cafdata_csv');
    expect(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('long_xlsx');
  });

  it('imports a file, then replaces the same period in one go, with an audit row', async () => {
    const first = await importDiagnostic(as(handle.db, cafAgent78), {
      fileName: 'a.csv',
      bytes: period('3000'),
    });
    expect(first).toMatchObject({ rowCount: 2, territoryCodes: ['78146'], replacedImports: [] });
    const second = await importDiagnostic(as(handle.db, cafAgent78), {
      fileName: 'b.csv',
      bytes: period('3100'),
    });
    expect(second.replacedImports).toEqual([first.importId]);
    expect(second.removedValues).toBe(2);
    const { json } = await getDiagnostic(as(handle.db, communeAgent), '78146', { year: 2021 });
    expect(rowOf(json, 'demographie', 'allocataires').value).toBe(3100);
    expect(json.sources.map((s) => s.fileName)).toContain('b.csv');
    expect(json.sources.map((s) => s.fileName)).not.toContain('a.csv');
    const audit = await listAudit(handle.db, { entityId: second.importId, limit: 5, offset: 0 });
    expect(audit.rows[0]).toMatchObject({ action: 'diagnostic.import', entityType: 'diagnostic_import' });
    expect(audit.rows[0]!.before).toEqual({ replacedImports: [first.importId], values: 2 });
    expect(audit.rows[0]!.after).toMatchObject({ fileName: 'b.csv', values: 2, territories: 1 });
  });

  it('changes nothing when one line is wrong, and names the line and the column', async () => {
    const before = await listImports(handle.db, 100);
    const error = await failure(
      importDiagnostic(as(handle.db, cafAgent78), {
        fileName: 'faux.csv',
        bytes: csv(`${HEADER}78146;allocataires;2021-12-31;3200;x\n78146;rsa;2021-12-31;douze;x\n`),
      }),
    );
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toContain('Ligne 3, colonne « valeur »');
    expect(error.details).toEqual([
      expect.objectContaining({ line: 3, column: 'valeur', message: expect.stringContaining('douze') }),
    ]);
    expect(await listImports(handle.db, 100)).toEqual(before);
    const { json } = await getDiagnostic(as(handle.db, communeAgent), '78146', { year: 2021 });
    expect(rowOf(json, 'demographie', 'allocataires').value).toBe(3100);
  });

  it('refuses a territory missing from the referential, with its line', async () => {
    const error = await failure(
      importDiagnostic(as(handle.db, cafAgent78), {
        fileName: 'inconnu.csv',
        bytes: csv(`${HEADER}78146;rsa;2021-12-31;12;x\n78999;rsa;2021-12-31;12;x\n`),
      }),
    );
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.details).toEqual([
      expect.objectContaining({
        line: 3,
        column: 'code_territoire',
        message: expect.stringContaining('78999'),
      }),
    ]);
  });

  it('lets only Caf agents of the département and admins import', async () => {
    const outside = await failure(
      importDiagnostic(as(handle.db, cafAgent95), { fileName: 'a.csv', bytes: period('1') }),
    );
    expect(outside.code).toBe('FORBIDDEN');
    expect(outside.message).toContain('78146');
    const commune = await failure(
      importDiagnostic(as(handle.db, communeAgent), { fileName: 'a.csv', bytes: period('1') }),
    );
    expect(commune.code).toBe('FORBIDDEN');
    // The CA Saint Germain Boucles de Seine lies in the Yvelines and the Val-d'Oise: both Caf may import it.
    const epci = await importDiagnostic(as(handle.db, cafAgent95), {
      fileName: 'epci.csv',
      bytes: csv(`${HEADER}200058519;population;2019-01-01;340000;Insee RP2019\n`),
    });
    expect(epci.territoryCodes).toEqual(['200058519']);
  });

  it('imports a CAFDATA export', async () => {
    const result = await importDiagnostic(system(handle.db), {
      fileName: 's_ben_com_f.csv',
      bytes: csv('dtreffre;numcomdo;nomcom;indfoy_tot;indfoy_rsa\n2020-12-31;78146;Chatou;2950;s\n'),
    });
    expect(result).toMatchObject({ format: 'cafdata_csv', rowCount: 2, secretAtSource: 1 });
    // Two years of Chatou's allocataires now: the row carries its series, protected point by point.
    const { json } = await getDiagnostic(as(handle.db, communeAgent), '78146');
    // (Chatou, a member of Carrières-sur-Seine's EPCI, also has the demo's synthetic 2022 figures.)
    expect(json.years).toEqual(expect.arrayContaining([2020, 2021, 2022]));
    const series = rowOf(json, 'demographie', 'allocataires').series!;
    expect(series.slice(0, 2)).toEqual([
      { date: '2020-12-31', value: 2950, status: 'published' },
      { date: '2021-12-31', value: 3100, status: 'published' },
    ]);
    expect(series.map((point) => point.date)).toEqual(['2020-12-31', '2021-12-31', '2022-12-31']);
    // CAFDATA's "s": the figure exists, withheld by the Cnaf, and reads as secret, not as absent.
    const rsa2020 = rowOf(json, 'precarite', 'rsa').series!.find((point) => point.date === '2020-12-31')!;
    expect(rsa2020.value).toBeNull();
    expect(['published', 'absent']).not.toContain(rsa2020.status);
    const asOf2020 = await getDiagnostic(as(handle.db, communeAgent), '78146', { year: 2020 });
    expect(rowOf(asOf2020.json, 'demographie', 'allocataires').value).toBe(2950);
  });
});

describe('the diagnostic of an EPCI', () => {
  it('publishes the sums of its members’ counts and amounts, and says how many members have figures', async () => {
    const epci = '200058519'; // CA Saint Germain Boucles de Seine: synthetic figures for the demo
    const members = (await listCommunesOfEpci(handle.db, epci)).map((c) => c.code);
    const { json } = await getDiagnostic(as(handle.db, cafAgent78), epci);
    expect(json.coverage).toMatchObject({ communes: members.length, withFigures: members.length });
    expect(json.coverage!.text).toContain(`Les ${members.length} communes membres ont des chiffres`);
    const raw = await listValuesOf(
      handle.db,
      members.map((code) => ({ level: 'commune' as const, code })),
    );
    const byKey = new Map<string, (typeof raw)[number]['value'][]>();
    for (const v of raw)
      byKey.set(`${v.indicator}|${v.date}`, [...(byKey.get(`${v.indicator}|${v.date}`) ?? []), v.value]);
    let checked = 0;
    for (const row of json.sections.flatMap((s) => s.rows)) {
      if (row.statuses.value !== 'published' || row.date === null) continue;
      if (!['count', 'amount'].includes(getIndicator(CATALOGUE, row.id).kind)) continue;
      const parts = byKey.get(`${row.id}|${row.date}`) ?? [];
      if (parts.length !== members.length) continue; // a total given by its parts instead
      const sum = parts.reduce<number>((total, part) => total + Number(part), 0);
      const expected = getIndicator(CATALOGUE, row.id).kind === 'amount' ? sum / 100 : sum;
      expect(row.value, row.id).toBe(expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
    // Every count row has a figure or "s": Carrières-sur-Seine's figures withheld by their source
    // make the EPCI's sum unknown, shown as secret.
    const counts = json.sections
      .flatMap((s) => s.rows)
      .filter((r) => getIndicator(CATALOGUE, r.id).kind === 'count');
    expect(counts.filter((r) => r.statuses.value === 'absent').map((r) => r.id)).toEqual([]);
    expect(counts.find((r) => r.id === 'ave_2022')!.statuses.value).toBe('secret');
    const page = await getDiagnostic(as(handle.db, cafAgent78), epci);
    expect(page.json.territory.level).toBe('epci');
  });
});

describe('synthetic values', () => {
  it('fills every other commune of the Yvelines once, labelled synthetic', async () => {
    const first = await generateSyntheticDiagnostic(system(handle.db), { departement: '78' });
    expect(first.communes).toBeGreaterThan(230);
    // Carrières-sur-Seine, Chatou and the other communes of their EPCI (synthetic in the demo).
    expect(first.skipped).toBeGreaterThan(2);
    expect(first.communes + first.skipped).toBe(259);
    const again = await generateSyntheticDiagnostic(system(handle.db), { departement: '78' });
    expect(again).toMatchObject({ communes: 0, values: 0, importId: null });
    const { json } = await getDiagnostic(as(handle.db, communeAgent), '78646');
    expect(json.synthetic).toBe(true);
    expect(rowOf(json, 'demographie', 'population').synthetic).toBe(true);
    const real = await getDiagnostic(as(handle.db, communeAgent), '78124');
    // Carrières-sur-Seine's own figures are real, and so is the population the Yvelines publishes…
    expect(rowOf(real.json, 'demographie', 'population').synthetic).toBe(false);
    // …but where the Yvelines publishes nothing, its column is the sum of its communes, the synthetic
    // ones among them now: those rows, and so the page, say so.
    const rsa = real.json.sections.flatMap((s) => s.rows).find((r) => r.id === 'rsa')!;
    expect(rsa.synthetic).toBe(true);
    expect(real.json.synthetic).toBe(true);
    // The Yvelines' own figures come first; where it has none, the sum of its communes is shown
    // (Chatou, left without synthetic figures, needs this one for the sum to be complete).
    await importDiagnostic(system(handle.db), {
      fileName: 'chatou-aeeh.csv',
      bytes: csv(`${HEADER}78146;aeeh_children_6_11;2022-12-31;30;Caf au 31/12/2022\n`),
    });
    const dep = await getDiagnostic(as(handle.db, communeAgent), '78');
    expect(rowOf(dep.json, 'demographie', 'population').value).toBe(1448207);
    const aah = rowOf(dep.json, 'handicap', 'aeeh_children_6_11');
    expect(aah.value).toBeGreaterThan(100);
    expect(aah.status).toBe('published');
  });

  it('shows an EPCI summed from its synthetic communes, protected', async () => {
    // The CA Rambouillet Territoires: 36 communes, all in the Yvelines, all synthetic here (its time
    // limit is measured by bench/test-limits.ts).
    const { json, protectedDiagnostic } = await getDiagnostic(as(handle.db, communeAgent), '200073344');
    expect(json.synthetic).toBe(true);
    expect(rowOf(json, 'demographie', 'allocataires').value).not.toBeNull();
    const published = protectedDiagnostic.sections
      .flatMap((s) => s.rows)
      .filter((r) => r.statuses.value === 'published');
    expect(published.length).toBeGreaterThan(50);
  });
});
