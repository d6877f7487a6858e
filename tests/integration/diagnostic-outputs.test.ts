/**
 * Every output of the diagnostic a reader receives marks a blanked figure with one sign: the CLI's
 * JSON and CSV, the API's JSON, the CSV and XLSX downloads, the page and annexe 1 of the generated
 * convention, all on the demo figures of Carrières-sur-Seine. None tells a primary blank from a
 * secondary one, in English or in French; each section carries its own sources.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { installedModules } from '../../src/modules/index.js';
import { generateTerritoryDocuments } from '../../src/use-cases/conventions/generate-territory-documents.js';
import { type App, buildApp } from '../../src/web/app.js';
import { ctgInProcess } from '../support/cli.js';
import { clock, makeUser, seedWorld, system } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { pgliteStart } from '../support/test-db.js';

const KINDS = /primary|secondary|primaire|secondaire/i;

let dataDir: string;
let handle: DatabaseHandle | undefined;
let app: App | undefined;
const outputs = new Map<string, string>();

/** A `ctg` command line through `runCli` (what the `ctg` process runs), on the data directory. */
async function ctg(...args: string[]) {
  const result = await ctgInProcess({ ...process.env, CTG_DATA_DIR: dataDir, DATABASE_URL: '' }, ...args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function login(server: App, email: string) {
  return loginCookies(server, email);
}

beforeAll(async () => {
  // One embedded database on disk: seeded here, read by the CLI (closed and reopened as its process would), then served.
  dataDir = mkdtempSync(join(tmpdir(), 'ctg-diagnostic-outputs-'));
  const seeding = await openDatabase({ dataDir, loadDataDir: await pgliteStart('world') });
  const world = await seedWorld(seeding.db);
  await makeUser(seeding.db, 'partenaire@carrieres.test', world.carrieres.id, ['territory_agent']);
  await seeding.close();

  outputs.set('CLI JSON', await ctg('diagnostic', '78124', '--format', 'json'));
  outputs.set('CLI CSV', await ctg('diagnostic', '78124', '--format', 'csv'));
  outputs.set('CLI HTML', await ctg('diagnostic', '78124', '--format', 'html'));

  handle = await openDatabase({ dataDir });
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  const cookie = await login(app, 'partenaire@carrieres.test');
  const get = (url: string) => app!.inject({ method: 'GET', url, headers: { cookie } });
  const api = await get('/api/v1/territories/78124/diagnostic');
  expect(api.statusCode).toBe(200);
  outputs.set('API JSON', api.body);
  const csv = await get('/territoires/78124/diagnostic.csv');
  expect(csv.statusCode).toBe(200);
  outputs.set('CSV download', csv.body);
  const xlsx = await get('/territoires/78124/diagnostic.xlsx');
  expect(xlsx.statusCode).toBe(200);
  const files = unzipSync(new Uint8Array(xlsx.rawPayload));
  outputs.set(
    'XLSX download',
    Object.entries(files)
      .filter(([name]) => name.endsWith('.xml'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n'),
  );
  const page = await get('/territoires/78124/diagnostic');
  expect(page.statusCode).toBe(200);
  outputs.set('HTML page', page.body);
  const openapi = await app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(openapi.statusCode).toBe(200);
  {
    const spec = openapi.json() as { paths: Record<string, unknown> };
    outputs.set(
      'OpenAPI of the diagnostic',
      JSON.stringify(spec.paths['/api/v1/territories/{code}/diagnostic']),
    );
  }

  let document = '';
  await generateTerritoryDocuments(system(handle.db), {
    codes: ['78124'],
    formats: ['html'],
    annexes: installedModules().extensions.annexes,
    onFile: (file) => {
      document = new TextDecoder().decode(file.bytes);
    },
  });
  const annex = document.slice(document.indexOf('id="annexe-1"'), document.indexOf('id="annexe-2"'));
  expect(annex.length).toBeGreaterThan(1000);
  outputs.set('annexe 1 of the convention', annex);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface RowJson {
  id: string;
  value: number | null;
  share: number | null;
  referenceValue: number | null;
  referenceShare: number | null;
  status: string;
  statuses: Record<string, string>;
  series?: { status: string }[];
}
interface SectionJson {
  id: string;
  sources: string[];
  notes: string[];
  rows: RowJson[];
}

describe('the diagnostic of Carrières-sur-Seine as its readers receive it', () => {
  it('never says which kind of blank a figure is, in any output', () => {
    expect([...outputs.keys()]).toEqual(
      expect.arrayContaining([
        'CLI JSON',
        'CLI CSV',
        'CLI HTML',
        'API JSON',
        'CSV download',
        'XLSX download',
        'HTML page',
        'annexe 1 of the convention',
      ]),
    );
    for (const [name, text] of outputs) {
      expect(text.length, name).toBeGreaterThan(500);
      expect(KINDS.exec(text)?.[0] ?? null, name).toBeNull();
    }
  });

  it('prints the AEEH 0-2 band as "secret" with null value and share, and only the three statuses', () => {
    for (const name of ['CLI JSON', 'API JSON']) {
      const json = JSON.parse(outputs.get(name)!) as { sections: SectionJson[] };
      const rows = json.sections.flatMap((s) => s.rows);
      expect(
        rows.find((r) => r.id === 'aeeh_children_0_2'),
        name,
      ).toMatchObject({
        value: null,
        share: null,
        status: 'secret',
        statuses: { value: 'secret', share: 'secret' },
      });
      const statuses = new Set(
        rows.flatMap((r) => [
          r.status,
          ...Object.values(r.statuses),
          ...(r.series ?? []).map((p) => p.status),
        ]),
      );
      expect(
        [...statuses].every((s) => ['published', 'secret', 'absent'].includes(s)),
        name,
      ).toBe(true);
      for (const row of rows) {
        if (row.statuses.value === 'secret') expect(row.value, `${name} ${row.id}`).toBeNull();
        if (row.statuses.share === 'secret') expect(row.share, `${name} ${row.id}`).toBeNull();
      }
    }
  });

  it('gives each section the sources of its own figures, printed under its table', () => {
    const json = JSON.parse(outputs.get('CLI JSON')!) as { sections: SectionJson[] };
    const demographie = json.sections.find((s) => s.id === 'demographie')!;
    expect(demographie.sources).toEqual(['Insee RP2019', 'Caf au 31/12/2022']);
    expect(json.sections.find((s) => s.id === 'handicap')!.sources).toEqual(['Caf au 31/12/2022']);
    // The notes the seed prints under its tables come with the figures they are about.
    const precarite = json.sections.find((s) => s.id === 'precarite')!;
    expect(precarite.notes).toContain('Dernier seuil de bas revenus : 1 167 € par personne et par mois.');
    expect(precarite.notes.filter((note) => note.includes('dont 78 %'))).toHaveLength(1);
    expect(json.sections.find((s) => s.id === 'implication_caf')!.notes).toEqual([]);
    expect(outputs.get('HTML page')).toContain(
      'Dernier seuil de bas revenus : 1 167 € par personne et par mois.',
    );
    expect(outputs.get('HTML page')).toContain('Sources : Insee RP2019, Caf au 31/12/2022');
    // The document sets a narrow no-break space before a colon, as French typography wants.
    const annex = outputs.get('annexe 1 of the convention')!.replace(/[\u00a0\u202f]/g, ' ');
    expect(annex).toContain('Sources : Insee RP2019, Caf au 31/12/2022');
    expect(outputs.get('CSV download')).toContain('Démographie — Sources : Insee RP2019, Caf au 31/12/2022');
    expect(outputs.get('XLSX download')).toContain('Démographie — Sources : Insee RP2019, Caf au 31/12/2022');
    // One footnote for every blank.
    const page = outputs.get('HTML page')!;
    expect(page.split('s : valeur couverte par le secret statistique').length - 1).toBe(1);
  });

  it('shows every Yvelines figure and percentage of the seed’s annexe 1 in the département column', () => {
    const json = JSON.parse(outputs.get('API JSON')!) as { sections: SectionJson[] };
    const rows = new Map(json.sections.flatMap((s) => s.rows.map((r) => [`${s.id}/${r.id}`, r])));
    const spec = readFileSync(
      new URL('../../src/imports/diagnostic/fixtures/annexe1-carrieres-sur-seine.tsv', import.meta.url),
      'utf8',
    )
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'));
    let figures = 0;
    let percentages = 0;
    for (const [section, id, , , , departement, , shareDepartement] of spec) {
      const row = rows.get(`${section}/${id}`)!;
      if (departement && !departement.startsWith('<')) {
        expect(row.referenceValue, `${section}/${id}`).toBe(Number(departement));
        figures++;
      }
      if (shareDepartement) {
        expect(row.referenceShare, `${section}/${id}`).toBe(Number(shareDepartement));
        percentages++;
      }
    }
    expect([figures, percentages]).toEqual([expect.any(Number), 33]);
    expect(figures).toBeGreaterThanOrEqual(50);
    // The seed's four "<5" cells are secret, with no value and no share.
    for (const key of [
      'handicap/aeeh_children_0_2',
      'precarite/social_work_insertion',
      'logement/indecent_housing',
      'jeunesse/ave_2022',
    ]) {
      const row = rows.get(key)!;
      expect([row.value, row.share, row.statuses.value], key).toEqual([null, null, 'secret']);
    }
  });
});
