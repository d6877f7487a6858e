/**
 * Hostile input answered in French: malformed multipart, NUL bytes and lone surrogates, duplicates,
 * nesting deeper than the renderers support, unknown fields, zip bombs and hostile templates.
 * Every refusal is a 4xx with a French message, and the database is left as it was.
 */
import { strToU8, zipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock, makeUser, seedWorld, system } from '../support/fixtures.js';
import { fileBody, zipBomb } from '../support/hostile-files.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let agentToken: string;
let cafToken: string;
let conventionId: string;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  await makeUser(handle.db, 'agent@carrieres.test', world.carrieres.id, ['territory_agent']);
  await makeUser(handle.db, 'modeles@caf78.test', world.caf78.id, ['caf_agent']);
  agentToken = (await createApiToken(system(handle.db), { email: 'agent@carrieres.test' })).token;
  cafToken = (await createApiToken(system(handle.db), { email: 'modeles@caf78.test' })).token;
  conventionId = (await listConventions(handle.db, { kind: 'all' })).find(
    (c) => c.territoryCode === '78124',
  )!.id;
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

/** Row counts of the tables a refused request could have touched, and the convention's stored state. */
async function snapshot() {
  const tables = [
    'conventions',
    'convention_files',
    'audit_log',
    'document_templates',
    'diagnostic_imports',
    'convention_parties',
    'organisations',
  ];
  const counts: Record<string, unknown> = {};
  for (const table of tables) {
    const result = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`
      .execute(handle.db)
      .catch(() => ({ rows: [{ n: 'absent' }] }));
    counts[table] = result.rows[0]!.n;
  }
  const convention = await sql<{
    v: unknown;
  }>`select row_to_json(c)::text as v from conventions c where id = ${conventionId}`.execute(handle.db);
  return { counts, convention: convention.rows[0]!.v };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function multipart(boundary: string, parts: string): { headers: Record<string, string>; payload: string } {
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: parts };
}

const UPLOAD_ROUTES = [
  { method: 'PUT' as const, url: () => `/api/v1/conventions/${conventionId}/deliberation` },
  { method: 'PUT' as const, url: () => '/api/v1/templates' },
  { method: 'POST' as const, url: () => '/conventions/modeles' },
  { method: 'POST' as const, url: () => `/conventions/${conventionId}/deliberation` },
  { method: 'POST' as const, url: () => '/diagnostic/import' },
  { method: 'POST' as const, url: () => '/conventions' },
];

describe('malformed multipart bodies', () => {
  const bodies = {
    'no closing boundary': multipart(
      'XyZ',
      '--XyZ\r\nContent-Disposition: form-data; name="fichier"; filename="a.pdf"\r\n\r\n%PDF-1.4',
    ),
    'header cut short': multipart(
      'XyZ',
      '--XyZ\r\nContent-Disposition: form-data; name="fichier"; filename="a.pdf"\r\nContent-Type: applic',
    ),
    'boundary missing': { headers: { 'content-type': 'multipart/form-data' }, payload: 'abc' },
  };
  for (const route of UPLOAD_ROUTES) {
    for (const [name, body] of Object.entries(bodies)) {
      for (const who of ['anonymous', 'api token'] as const) {
        // Anonymously the route's permission refuses the request (401) before its body is read.
        const expected =
          who === 'anonymous'
            ? { status: 401, code: 'UNAUTHENTICATED' }
            : { status: 400, code: 'MALFORMED_MULTIPART' };
        it(`${route.method} ${route.url().replace('undefined', ':id')}, ${name}, ${who}: ${expected.status} in French`, async () => {
          const before = await snapshot();
          const res = await app.inject({
            method: route.method,
            url: route.url(),
            headers: {
              ...body.headers,
              ...(who === 'api token' ? bearer(cafToken) : {}),
              accept: 'application/json',
            },
            payload: body.payload,
          });
          expect(res.statusCode).toBe(expected.status);
          expect(res.json().error.code).toBe(expected.code);
          expect(res.json().error.message).toMatch(
            who === 'anonymous' ? /connect/i : /formulaire.*fichier|multipart/i,
          );
          expect(await snapshot()).toEqual(before);
        });
      }
    }
  }

  it('shows an error page, in French, to a browser', async () => {
    const cookie = await loginCookies(app, 'modeles@caf78.test');
    const res = await app.inject({
      method: 'POST',
      url: '/conventions/modeles',
      headers: { ...bodies['no closing boundary'].headers, cookie },
      payload: bodies['no closing boundary'].payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('Le formulaire envoyé est incomplet ou mal formé');
  });
});

describe('text the database cannot store', () => {
  const NUL = '\u0000';
  const LONE = '\ud800';

  it('refuses a NUL byte in a path parameter, before login', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/territories/78%00146' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json().error.message).toContain('« params.code » contient un caractère interdit');
  });

  it('refuses a NUL byte in a query parameter', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/conventions?territory=78%00124',
      headers: bearer(agentToken),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('« querystring.territory »');
  });

  for (const [name, bad] of [
    ['a NUL byte', NUL],
    ['a lone surrogate', LONE],
  ] as const) {
    it(`refuses ${name} in a JSON text field and changes nothing`, async () => {
      const before = await snapshot();
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/v1/conventions/${conventionId}`,
        headers: { ...bearer(agentToken), 'content-type': 'application/json' },
        // The lone surrogate is written as a JSON escape, as a hostile client would.
        payload: `{"placeOfSignature": "Versailles${bad === LONE ? '\\ud800' : '\\u0000'}"}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('« body.placeOfSignature » contient un caractère interdit');
      expect(await snapshot()).toEqual(before);
    });
  }

  it('refuses a NUL byte in a multipart file name', async () => {
    const before = await snapshot();
    const res = await app.inject({
      method: 'PUT',
      url: `/api/v1/conventions/${conventionId}/deliberation`,
      headers: { 'content-type': 'multipart/form-data; boundary=XyZ', ...bearer(agentToken) },
      payload: `--XyZ\r\nContent-Disposition: form-data; name="fichier"; filename="d\u0000.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--XyZ--\r\n`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('« body.fichier.fileName »');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a NUL byte in a form field of a page', async () => {
    const cookie = await loginCookies(app, 'agent@carrieres.test');
    const res = await app.inject({
      method: 'POST',
      url: '/conventions',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'code=78%00124&_csrf=x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('contient un caractère interdit');
  });
});

/** A list block whose items nest `depth` levels deep. */
function nestedList(depth: number) {
  let item: { text: string; items?: unknown[] } = { text: `niveau ${depth}` };
  for (let level = depth - 1; level >= 1; level--) item = { text: `niveau ${level}`, items: [item] };
  return { type: 'list', items: [item] };
}

describe('convention bodies', () => {
  const patch = (body: unknown) =>
    app.inject({
      method: 'PATCH',
      url: `/api/v1/conventions/${conventionId}`,
      headers: { ...bearer(agentToken), 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('refuses the same organisation twice among the parties, naming it', async () => {
    const current = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/conventions/${conventionId}`,
        headers: bearer(agentToken),
      })
    ).json();
    const party = current.parties[0];
    const input = {
      organisationId: party.id,
      role: party.role,
      signatories: [],
    };
    const before = await snapshot();
    const res = await patch({ parties: [input, input] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('body.parties.1.organisationId');
    expect(res.json().error.details[0].message).toBe(
      'Cet organisme figure deux fois parmi les parties : chaque organisme n’est partie qu’une fois.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a list nested 2 000 deep without overflowing the stack', async () => {
    const before = await snapshot();
    const res = await patch({ preamble: [nestedList(2000)] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('imbriqué trop profondément');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a list nested 11 deep: every renderer draws 9 levels', async () => {
    const before = await snapshot();
    const res = await patch({ preamble: [nestedList(11)] });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('Liste : 9 niveaux d’imbrication au plus');
    expect(await snapshot()).toEqual(before);
  });

  it('saves a list nested 9 deep, and its DOCX and ODT are produced', async () => {
    const res = await patch({ preamble: [nestedList(9)] });
    expect(res.statusCode).toBe(200);
    for (const format of ['docx', 'odt']) {
      const doc = await app.inject({
        method: 'GET',
        url: `/api/v1/conventions/${conventionId}/document?format=${format}`,
        headers: bearer(agentToken),
      });
      expect(doc.statusCode).toBe(200);
    }
  });

  it('refuses an unknown field, naming it', async () => {
    const before = await snapshot();
    const res = await patch({ placeOfSignature: 'Versailles', status: 'in_force' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('body');
    expect(JSON.stringify(res.json().error.details)).toContain('status');
    expect(await snapshot()).toEqual(before);
  });
});

describe('uploaded packages', () => {
  const upload = (fileName: string, content: Uint8Array) =>
    app.inject({ method: 'PUT', url: '/api/v1/templates', ...withToken(fileBody(fileName, content)) });
  const withToken = (body: ReturnType<typeof fileBody>) => ({
    headers: { ...body.headers, ...bearer(cafToken) },
    payload: body.payload,
  });

  it('refuses a template that inflates to 1.5 GB, reading only its directory', async () => {
    const bomb = zipBomb();
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
    const before = await snapshot();
    const rss = process.memoryUsage().rss;
    const res = await upload('bombe.odt', bomb);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('une fois décompressé, il dépasserait 100 Mo');
    // Not inflated: the process did not grow by anything near 1.5 GB (its time: bench/test-limits.ts).
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses entries that would escape the package', async () => {
    for (const name of ['../../../tmp/evil.xml', '/etc/evil.xml', 'Pictures/../../evil.png']) {
      const before = await snapshot();
      const zip = zipSync({
        mimetype: strToU8('application/vnd.oasis.opendocument.text'),
        'content.xml': strToU8(
          '<office:document-content><text:p>{commune} {date_debut} {date_fin}</text:p></office:document-content>',
        ),
        [name]: strToU8('x'),
      });
      const res = await upload('modele.odt', zip);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain('chemin interdit');
      expect(await snapshot()).toEqual(before);
    }
  });

  it('refuses a generated convention uploaded as a template, naming the missing placeholders', async () => {
    const generated = await app.inject({
      method: 'GET',
      url: `/api/v1/conventions/${conventionId}/document?format=odt`,
      headers: bearer(agentToken),
    });
    expect(generated.statusCode).toBe(200);
    const before = await snapshot();
    const res = await upload('convention.odt', generated.rawPayload);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('TEMPLATE_MISSING_PLACEHOLDERS');
    expect(res.json().error.message).toContain('{commune}, {date_debut}, {date_fin}');
    expect(res.json().error.message).toContain('champs utilisés : aucun');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an XLSX import whose workbook inflates past the limit', async () => {
    const cookie = await loginCookies(app, 'modeles@caf78.test');
    const before = await snapshot();
    const page = await app.inject({ method: 'GET', url: '/diagnostic/import', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const body = fileBody('bombe.xlsx', zipBomb());
    const payload = Buffer.concat([
      Buffer.from(`--BoUnDaRy42\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
      body.payload,
    ]);
    const rss = process.memoryUsage().rss;
    const res = await app.inject({
      method: 'POST',
      url: '/diagnostic/import',
      headers: { ...body.headers, cookie },
      payload,
    });
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('une fois décompressé, il dépasserait 100 Mo');
    expect(await snapshot()).toEqual(before);
  });
});
