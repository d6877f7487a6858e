/**
 * The route × role test: every route of the app (read from Fastify's route tree), with each demo
 * role and anonymously, against the permission the route names in src/web/route-permissions.ts. A
 * route with no declaration fails. Allowed: neither 401 nor 403 (a 400 or 404 for a bad body or an
 * unknown id is fine); not holding the role: 401 (or 400/403 when validation or CSRF answers first) anonymously, 403 or 404 (hidden) otherwise; never 5xx.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import type { Role } from '../../src/domain/access/access.js';

import { fixedClock } from '../../src/domain/shared/dates.js';
import { installedModules } from '../../src/modules/index.js';
import { DEMO_ACCOUNTS } from '../../src/use-cases/demo/seed-demo.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { resetPassword } from '../../src/use-cases/users/reset-password.js';
import { type App, buildApp } from '../../src/web/app.js';
import { seedWorld, system, TEST_PASSWORD } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { routesOf } from '../support/routes.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let routes: { method: string; path: string }[];
let conventionId: string;
// The one declaration: the platform's lines and the installed modules' (their tabs' routes too).
const { permissions: PERMISSIONS, routePermissions: ROUTE_PERMISSIONS } = installedModules();

function concrete(path: string): string {
  return path
    .replace(':id', conventionId)
    .replace(':code', '78124')
    .replace(':format', 'odt')
    .replace(':number', '0')
    .replace(':sha256', '0'.repeat(64))
    .replace(':key', 'object')
    .replace(/:avenantId|:procedureId/g, randomUUID())
    .replace('*', 'inexistant.css');
}

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  await seedWorld(handle.db);
  conventionId = (await listConventions(handle.db, { kind: 'all' })).find(
    (c) => c.territoryCode === '78124',
  )!.id;
  app = await buildApp({ db: handle.db, clock: fixedClock('2024-11-20'), driver: handle.driver });
  await app.ready();
  routes = routesOf(app.printRoutes({ commonPrefix: false }));
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('the route × role test', () => {
  it('finds a declared permission for every route of the app, and no declaration without a route', () => {
    expect(routes.length).toBeGreaterThan(80);
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys.filter((k) => !(k in ROUTE_PERMISSIONS))).toEqual([]);
    expect(Object.keys(ROUTE_PERMISSIONS).filter((k) => !keys.includes(k))).toEqual([]);
  });

  const who: (Role | 'anonymous')[] = ['anonymous', ...DEMO_ACCOUNTS.map((a) => a.role)];
  for (const role of who) {
    it(`answers ${role} as the declaration says on every route`, async () => {
      const account = DEMO_ACCOUNTS.find((a) => a.role === role);
      let token: string | undefined;
      let cookie: string | undefined;
      let csrf = '';
      if (account) {
        token = (await createApiToken(system(handle.db), { email: account.email })).token;
        await resetPassword(system(handle.db), { email: account.email, password: TEST_PASSWORD });
        cookie = await loginCookies(app, account.email);
        const home = await app.inject({ method: 'GET', url: '/conventions', headers: { cookie } });
        csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';
      }
      const wrong: string[] = [];
      // Logging out last, so that the session serves every other route.
      const ordered = [...routes].sort(
        (a, b) => Number(a.path === '/deconnexion') - Number(b.path === '/deconnexion'),
      );
      for (const route of ordered) {
        const permission = ROUTE_PERMISSIONS[`${route.method} ${route.path}`];
        if (!permission) continue;
        const rule = PERMISSIONS[permission]!;
        const api = route.path.startsWith('/api/');
        const headers: Record<string, string> = {};
        if (account && api) headers.authorization = `Bearer ${token}`;
        if (account && !api) headers.cookie = cookie!;
        const body: Record<string, string> | undefined =
          route.method === 'GET' || route.method === 'DELETE' ? undefined : api ? {} : { _csrf: csrf };
        if (body && !api) headers['content-type'] = 'application/x-www-form-urlencoded';
        const res = await app.inject({
          method: route.method as 'GET',
          url: concrete(route.path),
          headers,
          ...(body ? { payload: api ? body : new URLSearchParams(body).toString() } : {}),
        });
        const status = res.statusCode;
        const allowed =
          rule.scope === 'public' ||
          (role !== 'anonymous' && (rule.roles as readonly string[]).includes(role));
        const toLogin = status === 303 && String(res.headers.location ?? '').startsWith('/connexion');
        const ok =
          status < 500 &&
          (rule.scope === 'public'
            ? status !== 401
            : allowed
              ? status !== 401 && status !== 403 && !toLogin
              : role === 'anonymous'
                ? status === 401 || toLogin
                : // The route's permission is checked before its input is read.
                  status === 403);
        if (!ok)
          wrong.push(`${route.method} ${route.path} → ${status} (${permission}) ${res.body.slice(0, 160)}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
