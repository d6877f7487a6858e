/**
 * No route lets a blanked value out: the API JSON, the page, the CSV and the XLSX are checked cell by
 * cell against the unprotected computation of the seed's figures. Also the upload form of Caf agents.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { computeDiagnostic, findRow } from '../../src/domain/diagnostic/index.js';
import { parseLongLayoutCsv } from '../../src/imports/diagnostic/index.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock, makeUser, seedWorld } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

const fixture = readFileSync(
  new URL('../../src/imports/diagnostic/fixtures/carrieres-sur-seine-78.csv', import.meta.url),
);

let handle: DatabaseHandle;
let app: App;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  await makeUser(handle.db, 'agent@caf78.test', world.caf78.id, ['caf_agent']);
  await makeUser(handle.db, 'agent@carrieres.test', world.carrieres.id, ['territory_agent']);
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

function login(email: string) {
  return loginCookies(app, email);
}

interface RowJson {
  id: string;
  value: number | null;
  share: number | null;
  status: string;
  statuses: Record<'value' | 'share' | 'referenceValue' | 'referenceShare', string>;
}

const blank = (status: string) => status === 'secret';

/** The seed's true figures, as the server holds them before secrecy. */
function unprotected() {
  const parsed = parseLongLayoutCsv(fixture);
  if (!parsed.ok) throw new Error('fixture');
  return computeDiagnostic({
    territory: { code: '78124', name: 'Carrières-sur-Seine', level: 'commune' },
    reference: { code: '78', name: 'Yvelines', level: 'departement' },
    values: parsed.rows,
  });
}

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer | string }) {
  const boundary = '----ctgtest';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`;
  const payload = Buffer.concat([
    Buffer.from(parts.join('') + head),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('diagnostic routes', () => {
  it('require a login', async () => {
    const api = await app.inject({ method: 'GET', url: '/api/v1/territories/78124/diagnostic' });
    expect(api.statusCode).toBe(401);
    const page = await app.inject({ method: 'GET', url: '/territoires/78124/diagnostic' });
    expect(page.statusCode).toBe(303);
    const csv = await app.inject({ method: 'GET', url: '/territoires/78124/diagnostic.csv' });
    expect(csv.statusCode).toBe(303);
  });

  it('never let a blanked value out, in JSON, HTML, CSV or XLSX', async () => {
    const cookie = await login('agent@carrieres.test');
    const truth = unprotected();
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/territories/78124/diagnostic',
      headers: { cookie },
    });
    expect(api.statusCode).toBe(200);
    const json = api.json() as { sections: { id: string; rows: RowJson[] }[] };
    const rows = json.sections.flatMap((s) => s.rows.map((r) => ({ section: s.id, row: r })));
    const band = rows.find((r) => r.row.id === 'aeeh_children_0_2')!.row;
    expect(band).toMatchObject({ value: null, share: null, status: 'secret' });
    const blanked = rows.filter(({ row }) => blank(row.statuses.value));
    expect(blanked.length).toBeGreaterThanOrEqual(2);

    const page = await app.inject({
      method: 'GET',
      url: '/territoires/78124/diagnostic',
      headers: { cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('s : valeur couverte par le secret statistique');
    const csv = await app.inject({
      method: 'GET',
      url: '/territoires/78124/diagnostic.csv',
      headers: { cookie },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const csvLines = csv.body.split('\r\n').map((l) => l.split(';'));
    const xlsx = await app.inject({
      method: 'GET',
      url: '/territoires/78124/diagnostic.xlsx',
      headers: { cookie },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const xlsxRows: unknown[][] = [];
    sheet.eachRow((r) => {
      xlsxRows.push((r.values as unknown[]).slice(1));
    });

    for (const { section, row } of rows) {
      const secret = findRow(truth, section as never, row.id);
      // HTML: the row of the table prints « s » in the value cell, and not the true figure.
      const tr = new RegExp(`<tr data-indicator="${row.id}">(.*?)</tr>`, 's');
      const html = page.body.slice(page.body.indexOf(`id="titre-${section}"`)).match(tr)![1]!;
      const cells = [...html.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!);
      const csvLine = csvLines.find((l) => l[0] === section && l[2] === row.id)!;
      const xlsxRow = xlsxRows.find((r) => r[0] === section && r[2] === row.id)!;
      expect(String(xlsxRow[5])).toBe('78124'); // codes as text
      for (const [field, index, csvIndex] of [
        ['value', 0, 6],
        ['share', 1, 7],
      ] as const) {
        if (!blank(row.statuses[field])) continue;
        expect(row[field], `${row.id} ${field}`).toBeNull();
        expect(cells[index], `${row.id} ${field}`).toContain('>s</abbr>');
        expect(csvLine[csvIndex], `${row.id} ${field}`).toBe('s');
        expect(xlsxRow[csvIndex], `${row.id} ${field}`).toBe('s');
        const hidden = field === 'value' ? secret.value : secret.share;
        if (hidden !== null) {
          const plain = String(hidden);
          expect(cells[index]!.replace(/<[^>]+>/g, '')).not.toContain(plain);
          // The chart prints « s » too, never a bar for the blanked figure.
        }
      }
    }
    // The AEEH 0-2 count (1) at its position in every output.
    const csvBand = csvLines.find((l) => l[2] === 'aeeh_children_0_2')!;
    expect(csvBand.slice(6, 8)).toEqual(['s', 's']);
  });

  it('serves the same JSON for an EPCI and refuses an unknown code in French', async () => {
    const cookie = await login('agent@carrieres.test');
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/territories/99999/diagnostic',
      headers: { cookie },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('Aucun territoire ne correspond à ce code.');
  });

  it('links the territory page to its diagnostic', async () => {
    const cookie = await login('agent@carrieres.test');
    const page = await app.inject({ method: 'GET', url: '/territoires/78124', headers: { cookie } });
    expect(page.body).toContain('href="/territoires/78124/diagnostic"');
  });
});

describe('the upload page', () => {
  it('is refused to a commune agent', async () => {
    const cookie = await login('agent@carrieres.test');
    const page = await app.inject({ method: 'GET', url: '/diagnostic/import', headers: { cookie } });
    expect(page.statusCode).toBe(403);
  });

  it('shows each error with its line and column and imports nothing, then imports a good file', async () => {
    const cookie = await login('agent@caf78.test');
    const form = await app.inject({ method: 'GET', url: '/diagnostic/import', headers: { cookie } });
    expect(form.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const cookies = [cookie, ...form.cookies.map((c) => `${c.name}=${c.value}`)].join('; ');
    const bad = multipart(
      { _csrf: csrf },
      {
        name: 'faux.csv',
        content:
          'code_territoire;indicateur;date_reference;valeur\n78146;rsa;2021-12-31;12\n78146;rsa;2021-12-31b;x\n',
      },
    );
    const refused = await app.inject({
      method: 'POST',
      url: '/diagnostic/import',
      headers: { cookie: cookies, 'content-type': bad.contentType },
      payload: bad.payload,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Ligne 3, colonne « date_reference »');
    expect(refused.body).toContain('rien n’a été modifié');
    const good = multipart(
      { _csrf: csrf },
      {
        name: 'chatou.csv',
        content: 'code_territoire;indicateur;date_reference;valeur\n78146;rsa;2021-12-31;12\n',
      },
    );
    const accepted = await app.inject({
      method: 'POST',
      url: '/diagnostic/import',
      headers: { cookie: cookies, 'content-type': good.contentType },
      payload: good.payload,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toContain('Fichier « chatou.csv » importé');
    const withoutToken = multipart({}, { name: 'chatou.csv', content: 'x' });
    const forged = await app.inject({
      method: 'POST',
      url: '/diagnostic/import',
      headers: { cookie: cookies, 'content-type': withoutToken.contentType },
      payload: withoutToken.payload,
    });
    expect(forged.statusCode).toBe(403);
  });
});
