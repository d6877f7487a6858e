/**
 * Security headers and cookie flags on pages and API answers, with and without the HTTPS reverse
 * proxy; the CSRF secret renewed at login and logout; the page to return to after login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { type App, buildApp } from '../../src/web/app.js';
import { SWAGGER_UI_STYLE_HASH } from '../../src/web/security.js';
import { clock, makeUser, seedWorld, system, TEST_PASSWORD } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let proxied: App;
let token: string;
let conventionId: string;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  await makeUser(handle.db, 'agent@carrieres.test', world.carrieres.id, ['territory_agent']);
  token = (await createApiToken(system(handle.db), { email: 'agent@carrieres.test' })).token;
  const all = await listConventions(handle.db, { kind: 'all' });
  conventionId = all.find((c) => c.territoryCode === '78124')!.id;
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  proxied = await buildApp({ db: handle.db, clock, driver: handle.driver, trustProxy: true });
});
afterAll(async () => {
  await app.close();
  await proxied.close();
  await handle.close();
});

const HTTPS = { 'x-forwarded-proto': 'https' };

function cookieHeader(cookies: { name: string; value: string }[], base: Record<string, string> = {}) {
  const jar = { ...base };
  for (const c of cookies) jar[c.name] = c.value;
  return jar;
}
const serialize = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** GET the login page, then POST the form: the cookies and tokens of each step. */
async function login(target: App, suivant?: string, headers: Record<string, string> = {}) {
  const page = await target.inject({ method: 'GET', url: '/connexion', headers });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const before = cookieHeader(page.cookies);
  const form: Record<string, string> = {
    email: 'agent@carrieres.test',
    password: TEST_PASSWORD,
    _csrf: csrf,
  };
  if (suivant !== undefined) form.suivant = suivant;
  const response = await target.inject({
    method: 'POST',
    url: '/connexion',
    headers: { ...headers, cookie: serialize(before), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
  return { page, csrf, before, response, after: cookieHeader(response.cookies, before) };
}

function expectCommonHeaders(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['cache-control']).toBe('no-store');
}

describe('security headers', () => {
  it('on the home page, anonymous, without HSTS when not behind the proxy', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expectCommonHeaders(res.headers);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('on a page behind login', async () => {
    const anonymous = await app.inject({ method: 'GET', url: `/conventions/${conventionId}` });
    expect(anonymous.statusCode).toBe(303);
    expectCommonHeaders(anonymous.headers);
    const { after } = await login(app);
    const res = await app.inject({
      method: 'GET',
      url: `/conventions/${conventionId}`,
      headers: { cookie: serialize(after) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Carrières-sur-Seine');
    expectCommonHeaders(res.headers);
  });

  it('on an API answer with a token, and on an API error', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/conventions/${conventionId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expectCommonHeaders(res.headers);
    const refused = await app.inject({ method: 'GET', url: '/api/v1/conventions' });
    expect(refused.statusCode).toBe(401);
    expectCommonHeaders(refused.headers);
  });

  it('on the login page and a page not found', async () => {
    for (const url of ['/connexion', '/nulle-part']) {
      const res = await app.inject({ method: 'GET', url });
      expectCommonHeaders(res.headers);
    }
  });

  it('lets the style sheets be cached, never the pages', async () => {
    const css = await app.inject({ method: 'GET', url: '/assets/theme.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toMatch(/^public/);
    expect(css.headers['x-content-type-options']).toBe('nosniff');
  });

  it('adds to the Swagger UI only the hash of the style element its bundle inserts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/<script>|<style|\sstyle=/);
    expectCommonHeaders(res.headers);
    expect(res.headers['content-security-policy']).toContain(`style-src 'self' ${SWAGGER_UI_STYLE_HASH}`);
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.headers['content-security-policy']).not.toContain('sha256');
  });

  it('allows the inline HTML convention only its own styles, by their hashes', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/conventions/${conventionId}/document?format=html`,
      headers: { cookie: serialize((await login(app)).after) },
    });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('behind the HTTPS proxy: HSTS and upgrade-insecure-requests', async () => {
    const res = await proxied.inject({ method: 'GET', url: '/', headers: HTTPS });
    expectCommonHeaders(res.headers);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});

describe('cookies', () => {
  it('are HttpOnly, SameSite=Lax and not Secure without the proxy setting', async () => {
    const { page, response } = await login(app);
    const all = [...page.cookies, ...response.cookies];
    expect(all.map((c) => c.name).sort()).toEqual(['ctg_csrf', 'ctg_csrf', 'ctg_session']);
    for (const c of all) {
      expect(c.httpOnly).toBe(true);
      expect(c.sameSite).toBe('Lax');
      expect(c.path).toBe('/');
      expect(c.secure).toBeFalsy();
    }
  });

  it('are all Secure behind the HTTPS proxy (session and ctg_csrf, at login and logout)', async () => {
    const { page, response, after } = await login(proxied, undefined, HTTPS);
    expect(response.statusCode).toBe(303);
    const home = await proxied.inject({
      method: 'GET',
      url: '/',
      headers: { ...HTTPS, cookie: serialize(after) },
    });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
    const logout = await proxied.inject({
      method: 'POST',
      url: '/deconnexion',
      headers: { ...HTTPS, cookie: serialize(after), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(logout.statusCode).toBe(303);
    const all = [...page.cookies, ...response.cookies, ...logout.cookies];
    expect(new Set(all.map((c) => c.name))).toEqual(new Set(['ctg_csrf', 'ctg_session']));
    for (const c of all) {
      expect(c.secure, c.name).toBe(true);
      expect(c.httpOnly, c.name).toBe(true);
    }
  });
});

describe('CSRF secret', () => {
  it('is new after login: a token read before it no longer verifies', async () => {
    const { before, after, csrf, response } = await login(app);
    expect(response.statusCode).toBe(303);
    expect(after.ctg_csrf).toBeDefined();
    expect(after.ctg_csrf).not.toBe(before.ctg_csrf);
    const stale = await app.inject({
      method: 'POST',
      url: '/deconnexion',
      headers: { cookie: serialize(after), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(stale.statusCode).toBe(403);
    // A token of the new secret works.
    const home = await app.inject({ method: 'GET', url: '/', headers: { cookie: serialize(after) } });
    const fresh = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
    const logout = await app.inject({
      method: 'POST',
      url: '/deconnexion',
      headers: { cookie: serialize(after), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: fresh }).toString(),
    });
    expect(logout.statusCode).toBe(303);
    // And it is renewed again at logout.
    const afterLogout = cookieHeader(logout.cookies, after);
    expect(afterLogout.ctg_csrf).toBeDefined();
    expect(afterLogout.ctg_csrf).not.toBe(after.ctg_csrf);
  });
});

describe('the page to return to after login', () => {
  it('is kept when it is a path of the platform', async () => {
    const { response } = await login(app, '/territoires/78124?onglet=conventions');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/territoires/78124?onglet=conventions');
  });

  const hostile = [
    '/\\evil.example',
    '//evil.example',
    '/\\\\evil.example',
    '\\/evil.example',
    '/%5Cevil.example',
    '/%2F%2Fevil.example',
    '/%255Cevil.example',
    'https://evil.example/',
    'http:evil.example',
    '/\t/evil.example',
  ];

  it.each(hostile)('falls back to / after the form for %j', async (suivant) => {
    const { response } = await login(app, suivant);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
  });

  it('is not put in the login form, nor followed when already logged in', async () => {
    const page = await app.inject({ method: 'GET', url: '/connexion?suivant=/%5Cevil.example' });
    expect(page.body).toContain('name="suivant" value="/"');
    const { after } = await login(app);
    for (const suivant of [
      '/%5Cevil.example',
      '//evil.example',
      '/%2F%2Fevil.example',
      'https%3A%2F%2Fevil.example',
    ]) {
      const res = await app.inject({
        method: 'GET',
        url: `/connexion?suivant=${suivant}`,
        headers: { cookie: serialize(after) },
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/');
    }
  });
});
