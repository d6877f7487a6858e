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
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let agentToken: string;
let cafToken: string;
let conventionId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
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
        it(`${route.method} ${route.url().replace('undefined', ':id')}, ${name}, ${who}: 400 in French`, async () => {
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
          expect(res.statusCode).toBe(400);
          expect(res.json().error.code).toBe('MALFORMED_MULTIPART');
          expect(res.json().error.message).toMatch(/formulaire.*fichier|multipart/i);
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
