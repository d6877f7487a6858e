import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock, makeUser, seedWorld, system, TEST_PASSWORD } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let token: string;
let ids: { carrieres: string; chatou: string };

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  await makeUser(handle.db, 'agent@carrieres.test', world.carrieres.id, ['territory_agent']);
  await makeUser(handle.db, 'admin@caf78.test', world.caf78.id, ['admin']);
  token = (await createApiToken(system(handle.db), { email: 'agent@carrieres.test' })).token;
  const all = await listConventions(handle.db, { kind: 'all' });
  ids = {
    carrieres: all.find((c) => c.territoryCode === '78124')!.id,
    chatou: all.find((c) => c.territoryCode === '78146')!.id,
  };
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const bearer = () => ({ authorization: `Bearer ${token}` });

/** Logs in through the form as a browser does: GET for the CSRF cookie and token, then POST. */
async function browserLogin(email: string, password: string) {
  const page = await app.inject({ method: 'GET', url: '/connexion' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookies = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const response = await app.inject({
    method: 'POST',
    url: '/connexion',
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: csrf, suivant: '/territoires/78124' }).toString(),
  });
  const session = response.cookies.find((c) => c.name === 'ctg_session');
  return { response, cookie: session ? `${cookies}; ctg_session=${session.value}` : cookies, session };
}

describe('API authentication and authorization', () => {
  it('answers 401 in French without credentials', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/conventions' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: 'Vous devez être connecté pour accéder à cette ressource.',
        details: null,
      },
    });
  });

  it('refuses an unknown bearer token', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/conventions',
      headers: { authorization: 'Bearer ctg_faux' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_TOKEN');
  });

  it('lists only its convention to the Carrières agent, and 404 on another commune’s, as for an unknown id', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/conventions', headers: bearer() });
    expect(list.statusCode).toBe(200);
    expect(list.json().conventions.map((c: { id: string }) => c.id)).toEqual([ids.carrieres]);
    const mine = await app.inject({
      method: 'GET',
      url: `/api/v1/conventions/${ids.carrieres}`,
      headers: bearer(),
    });
    expect(mine.json()).toMatchObject({
      territory: { code: '78124', name: 'Carrières-sur-Seine' },
      startDate: '2024-01-01',
      endDate: '2027-12-31',
    });
    const names = mine
      .json()
      .parties.flatMap((p: { signatories: { fullName: string }[] }) => p.signatories.map((s) => s.fullName));
    expect(names).toEqual(['Sophie BARROIS', 'Didier GROSJEAN', 'Arnaud de BOURROUSSE']);
    const other = await app.inject({
      method: 'GET',
      url: `/api/v1/conventions/${ids.chatou}`,
      headers: bearer(),
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('CONVENTION_NOT_FOUND');
  });

  it('answers 404 CONVENTION_NOT_FOUND for an unknown id', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/conventions/nimporte-quoi',
      headers: bearer(),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('CONVENTION_NOT_FOUND');
  });
});

describe('API input errors', () => {
  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/conventions',
      headers: { ...bearer(), 'content-type': 'application/json' },
      payload: '{"territory": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('answers 400 naming the missing or wrong field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/conventions',
      headers: bearer(),
      payload: {
        territory: { level: 'commune', code: '78124' },
        variant: 'x',
        startDate: '2024-13-01',
        endDate: '2027-12-31',
        parties: [],
      },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['body.startDate', 'body.parties']),
    );
    expect(body.error.message).toContain('body.startDate');
  });

  it('answers TERRITORY_NOT_FOUND for an unknown territory', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/territories/99999' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: 'TERRITORY_NOT_FOUND',
      message: 'Aucun territoire ne correspond à ce code.',
    });
  });
});

describe('pages', () => {
  it('serves the home page in French', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^<!doctype html><html lang="fr">/);
  });

  it('serves a French 404 page without any stack trace', async () => {
    const res = await app.inject({ method: 'GET', url: '/territoires/99999' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Aucun territoire ne correspond à ce code.');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('logs the agent in and shows Carrières-sur-Seine with its EPCI and département', async () => {
    const { response, cookie, session } = await browserLogin('agent@carrieres.test', TEST_PASSWORD);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/territoires/78124');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const page = await app.inject({ method: 'GET', url: '/territoires/78124', headers: { cookie } });
    expect(page.body).toContain('CA Saint Germain Boucles de Seine');
    expect(page.body).toContain('Yvelines');
    expect(page.body).toContain(`/conventions/${ids.carrieres}`);
    const convention = await app.inject({
      method: 'GET',
      url: `/conventions/${ids.carrieres}`,
      headers: { cookie },
    });
    expect(convention.body).toContain('Arnaud de BOURROUSSE');
  });

  it('refuses a wrong password with a message that does not say which field was wrong', async () => {
    const { response } = await browserLogin('agent@carrieres.test', 'faux mot de passe');
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Adresse électronique ou mot de passe incorrect.');
  });

  it('refuses a form posted without its CSRF token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/connexion',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=agent%40carrieres.test&password=x',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Le formulaire a expiré');
  });

  it('sends an anonymous visitor of a private page to the login page', async () => {
    const res = await app.inject({ method: 'GET', url: '/conventions' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/connexion?suivant=%2Fconventions');
  });

  it('shows the audit log to an administrator only', async () => {
    const admin = await browserLogin('admin@caf78.test', TEST_PASSWORD);
    const page = await app.inject({
      method: 'GET',
      url: '/admin/journal?entite=convention',
      headers: { cookie: admin.cookie },
    });
    expect(page.statusCode).toBe(200);
    // In French: the action and the fields it changed, not their codes.
    expect(page.body).toContain('Projet de convention créé');
    expect(page.body).toContain('statut, version, contenu de la convention, territoire');
    expect(page.body).not.toContain('status, convention, territoryCode');
    const agent = await browserLogin('agent@carrieres.test', TEST_PASSWORD);
    const refused = await app.inject({
      method: 'GET',
      url: '/admin/journal',
      headers: { cookie: agent.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('system', () => {
  it('answers the health check and publishes the OpenAPI document', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toMatchObject({ status: 'ok' });
    const doc = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/conventions', '/api/v1/territories/{code}']),
    );
  });
});
