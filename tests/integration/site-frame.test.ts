/**
 * The frame of every page: the main navigation offers each person the pages their role opens
 * (Échéances, Modèles), marks the current one, and the site's icon answers where browsers look.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import type { Role } from '../../src/domain/access/access.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock, makeUser, seedWorld } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
const cookies = new Map<string, string>();

const PEOPLE: { email: string; org: 'caf78' | 'carrieres'; roles: Role[] }[] = [
  { email: 'caf@frame.test', org: 'caf78', roles: ['caf_agent'] },
  { email: 'commune@frame.test', org: 'carrieres', roles: ['territory_agent'] },
  { email: 'partner@frame.test', org: 'carrieres', roles: ['partner'] },
  { email: 'dpo@frame.test', org: 'caf78', roles: ['dpo'] },
  { email: 'admin@frame.test', org: 'caf78', roles: ['admin'] },
  // An administrator of a commune holds the role but has no Caf whose templates they would manage.
  { email: 'admin-commune@frame.test', org: 'carrieres', roles: ['admin'] },
];

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  for (const p of PEOPLE) {
    await makeUser(handle.db, p.email, world[p.org].id, p.roles);
    cookies.set(p.email, await loginCookies(app, p.email));
  }
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

/** The links of the wide-screen main navigation of a page, with the one marked current. */
async function navigation(url: string, email?: string) {
  const response = await app.inject({
    method: 'GET',
    url,
    headers: email ? { cookie: cookies.get(email)! } : {},
  });
  expect(response.statusCode).toBe(200);
  const nav = /<nav class="main-nav[^"]*" aria-label="Navigation principale">([\s\S]*?)<\/nav>/.exec(
    response.body,
  )![1]!;
  const links = [...nav.matchAll(/<a href="([^"]+)"( aria-current="page")?>([^<]+)<\/a>/g)];
  return {
    labels: links.map((m) => m[3]),
    current: links.filter((m) => m[2]).map((m) => m[3]),
    body: response.body,
  };
}

describe('the main navigation', () => {
  it('offers Échéances to everyone logged in and Modèles to the Caf’s agents and administrators only', async () => {
    const labels = async (email?: string) => (await navigation('/', email)).labels;
    expect(await labels()).toEqual(['Accueil', 'Territoires']);
    expect(await labels('caf@frame.test')).toEqual([
      'Accueil',
      'Territoires',
      'Conventions',
      'Échéances',
      'Modèles',
    ]);
    expect(await labels('commune@frame.test')).toEqual([
      'Accueil',
      'Territoires',
      'Conventions',
      'Échéances',
    ]);
    expect(await labels('partner@frame.test')).toEqual([
      'Accueil',
      'Territoires',
      'Conventions',
      'Échéances',
    ]);
    expect(await labels('dpo@frame.test')).toContain('Échéances');
    expect(await labels('dpo@frame.test')).not.toContain('Modèles');
    expect(await labels('admin@frame.test')).toContain('Modèles');
    expect(await labels('admin-commune@frame.test')).not.toContain('Modèles');
  });

  it('links only to pages the person may open', async () => {
    for (const p of PEOPLE) {
      const { body } = await navigation('/', p.email);
      for (const href of ['/echeances', '/conventions/modeles']) {
        const offered = body.includes(`<a href="${href}"`);
        const response = await app.inject({
          method: 'GET',
          url: href,
          headers: { cookie: cookies.get(p.email)! },
        });
        if (offered) expect(response.statusCode, `${p.email} ${href}`).toBe(200);
      }
    }
  });

  it('marks one link as the current page: the most specific one', async () => {
    expect((await navigation('/conventions/modeles', 'caf@frame.test')).current).toEqual(['Modèles']);
    expect((await navigation('/echeances', 'caf@frame.test')).current).toEqual(['Échéances']);
    expect((await navigation('/conventions', 'caf@frame.test')).current).toEqual(['Conventions']);
    expect((await navigation('/territoires/78124', 'caf@frame.test')).current).toEqual(['Territoires']);
    expect((await navigation('/', 'caf@frame.test')).current).toEqual(['Accueil']);
  });

  it('folds the same links into the menu of narrow screens', async () => {
    const { body } = await navigation('/echeances', 'commune@frame.test');
    const menu = /<details class="site-menu[^"]*">([\s\S]*?)<\/details>/.exec(body)![1]!;
    expect(menu).toContain('<summary>Menu</summary>');
    expect(menu).toContain('<a href="/echeances" aria-current="page">Échéances</a>');
    expect(menu).toContain('Se déconnecter');
  });
});

describe('the site’s icon', () => {
  it('is linked from every page', async () => {
    const { body } = await navigation('/');
    expect(body).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    expect(body).toContain('<link rel="icon" href="/favicon.ico"');
  });

  it('answers at /favicon.svg and /favicon.ico with a cache lifetime, to anyone', async () => {
    const svg = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(svg.body).toContain('<svg');
    const ico = await app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    expect(ico.headers['cache-control']).toMatch(/public, max-age=\d+/);
    // An ICO directory (reserved 0, type 1) holding PNG images.
    const bytes = ico.rawPayload;
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThanOrEqual(1);
    expect(bytes.subarray(bytes.readUInt32LE(18), bytes.readUInt32LE(18) + 4).toString('latin1')).toBe(
      '\x89PNG',
    );
  });
});
