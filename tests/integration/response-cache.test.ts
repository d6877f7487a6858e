/**
 * The read caches (src/db/changes.ts, src/use-cases/read-cache.ts, src/web/response-cache.ts): a page
 * read again costs no query, and is never older than the last write, whoever made it; sessions end at
 * once; forms stay valid for the browser that gets them and one-time tokens are never repeated.
 */
import type { KyselyPlugin } from 'kysely';
import { sql } from 'kysely';
import { h, type VNode } from 'preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeFeedOf,
  changeGeneration,
  registerChangeFeed,
  UNWATCHED_TABLES,
  watchedTables,
} from '../../src/db/changes.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import type { Clock } from '../../src/domain/shared/dates.js';
import { type App, buildApp } from '../../src/web/app.js';
import { sendPage } from '../../src/web/render.js';
import { pageContext } from '../../src/web/request-context.js';
import { SubmissionToken } from '../../src/web/routes/conventions/convention-components.js';
import { makeUser, seedWorld } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let handle: TestDatabase;
let app: App;
let id: string;
let queries = 0;
let handlerRuns = 0;
/** The app's clock: moved forward by the session expiry test. */
let now = new Date('2024-11-20T09:00:00Z');
const clock: Clock = { now: () => now, today: () => now.toISOString().slice(0, 10) };

const counting: KyselyPlugin = {
  transformQuery: (args) => {
    queries += 1;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];

async function get(url: string, cookie: string) {
  queries = 0;
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  return { ...res, queries };
}

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  await makeUser(handle.db, 'agent.caf@test.fr', world.caf78.id, ['caf_agent']);
  await makeUser(handle.db, 'autre.caf@test.fr', world.caf78.id, ['caf_agent']);
  id = (await listConventions(handle.db, { kind: 'all' })).find((c) => c.territoryCode === '78124')!.id;
  // The app reads through a counting copy of the database, on the same change feed.
  const db = handle.db.withPlugin(counting);
  registerChangeFeed(db, changeFeedOf(handle.db)!);
  app = await buildApp({ db, clock, driver: handle.driver });
  // A route kept in memory whose page holds a one-time token, and one that holds none.
  app.get('/essai/jeton', { config: { responseCache: true } }, async (request, reply) => {
    handlerRuns += 1;
    return sendPage(
      reply,
      h('form', { method: 'post', action: '/essai' }, [
        h('input', { type: 'hidden', name: '_csrf', value: pageContext(request, reply).csrfToken }),
        SubmissionToken({}),
      ]) as VNode,
    );
  });
  app.get('/essai/simple', { config: { responseCache: true } }, async (_request, reply) => {
    handlerRuns += 1;
    return reply.type('text/plain').send(`réponse ${handlerRuns}`);
  });
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('pages kept while the database does not change', () => {
  it('serves the convention page again without a query, and the new content after any write', async () => {
    const cookie = await loginCookies(app, 'agent.caf@test.fr');
    const first = await get(`/conventions/${id}`, cookie);
    expect(first.statusCode).toBe(200);
    expect(first.queries).toBeGreaterThan(0);
    const again = await get(`/conventions/${id}`, cookie);
    expect(again.queries).toBe(0);
    expect(again.body).toBe(first.body);

    // A write made outside the app (this process's own connection) is seen at once.
    await sql`update territories set name = 'Carrières-sur-Seine (renommée)' where code = '78124'`.execute(
      handle.db,
    );
    const after = await get(`/conventions/${id}`, cookie);
    expect(after.queries).toBeGreaterThan(0);
    expect(after.body).toContain('Carrières-sur-Seine (renommée)');
    await sql`update territories set name = 'Carrières-sur-Seine' where code = '78124'`.execute(handle.db);
  });

  it('moves the generation on a committed write only', async () => {
    const before = changeGeneration(handle.db);
    expect(before).not.toBeNull();
    await handle.db.selectFrom('conventions').select('id').execute();
    expect(changeGeneration(handle.db)).toBe(before);
    await handle.db
      .transaction()
      .execute(async (tx) => {
        await sql`update territories set name = name where code = '78124'`.execute(tx);
        throw new Error('annulée');
      })
      .catch(() => {});
    expect(changeGeneration(handle.db)).toBe(before);
    // The tables no cache reads back move nothing (a failed login writes one of them).
    await handle.db.deleteFrom('login_failures').execute();
    expect(changeGeneration(handle.db)).toBe(before);
    await handle.db.transaction().execute(async (tx) => {
      await sql`update territories set name = name where code = '78124'`.execute(tx);
    });
    expect(changeGeneration(handle.db)).not.toBe(before);
  });

  it('keeps each person their own page', async () => {
    const mine = await loginCookies(app, 'agent.caf@test.fr');
    const theirs = await loginCookies(app, 'autre.caf@test.fr');
    const first = await get('/echeances', mine);
    expect(first.body).toContain('agent.caf');
    const other = await get('/echeances', theirs);
    expect(other.queries).toBeGreaterThan(0);
    expect(other.body).toContain('autre.caf');
    expect(other.body).not.toContain('agent.caf');
  });

  it('keeps nothing under a key a client made too long', async () => {
    const cookie = await loginCookies(app, 'agent.caf@test.fr');
    const long = `${cookie.replace(/ctg_csrf=[^;]*/, `ctg_csrf=${'x'.repeat(200)}`)}`;
    const first = await get(`/conventions/${id}`, long);
    expect(first.statusCode).toBe(200);
    expect((await get(`/conventions/${id}`, long)).queries).toBeGreaterThan(0);
    const longUrl = `/conventions/${id}?${'a'.repeat(3000)}`;
    await get(longUrl, cookie);
    expect((await get(longUrl, cookie)).queries).toBeGreaterThan(0);
  });
});

describe('sessions read from memory', () => {
  it('ends a session at logout, at once', async () => {
    const cookie = await loginCookies(app, 'agent.caf@test.fr');
    const page = await get(`/conventions/${id}`, cookie);
    expect((await get(`/conventions/${id}`, cookie)).queries).toBe(0);
    const out = await app.inject({
      method: 'POST',
      url: '/deconnexion',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body)! }).toString(),
    });
    expect(out.statusCode).toBe(303);
    const after = await get(`/conventions/${id}`, cookie);
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/connexion/);
  });

  it('refuses a disabled account at its next request', async () => {
    const cookie = await loginCookies(app, 'autre.caf@test.fr');
    expect((await get('/echeances', cookie)).statusCode).toBe(200);
    expect((await get('/echeances', cookie)).queries).toBe(0);
    await handle.db
      .updateTable('users')
      .set({ disabled: true })
      .where('email', '=', 'autre.caf@test.fr')
      .execute();
    const after = await get('/echeances', cookie);
    expect(after.statusCode).toBe(303);
    await handle.db
      .updateTable('users')
      .set({ disabled: false })
      .where('email', '=', 'autre.caf@test.fr')
      .execute();
  });

  it('refuses a session past its end though nothing was written', async () => {
    const cookie = await loginCookies(app, 'agent.caf@test.fr');
    expect((await get(`/conventions/${id}`, cookie)).statusCode).toBe(200);
    const start = now;
    now = new Date(start.getTime() + 8 * 86_400_000);
    try {
      const after = await get(`/conventions/${id}`, cookie);
      expect(after.statusCode).toBe(303);
    } finally {
      now = start;
    }
  });
});

describe('forms of a page kept in memory', () => {
  it('carry a token the browser’s own secret verifies, in each browser of one person', async () => {
    const a = await loginCookies(app, 'agent.caf@test.fr');
    const b = await loginCookies(app, 'agent.caf@test.fr');
    const pageA = await get(`/conventions/${id}`, a);
    await get(`/conventions/${id}`, a);
    const pageB = await get(`/conventions/${id}`, b);
    const logout = (cookie: string, token: string) =>
      app.inject({
        method: 'POST',
        url: '/deconnexion',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token }).toString(),
      });
    // Another browser's token is refused (what a shared page would have made every form do)…
    expect((await logout(b, csrfOf(pageA.body)!)).statusCode).toBe(403);
    // … its own, from the page it was given, is accepted.
    expect((await logout(b, csrfOf(pageB.body)!)).statusCode).toBe(303);
  });

  it('never repeats a one-time form token, and keeps what holds none', async () => {
    const cookie = await loginCookies(app, 'agent.caf@test.fr');
    handlerRuns = 0;
    const one = await get('/essai/jeton', cookie);
    const two = await get('/essai/jeton', cookie);
    const token = (body: string) => /name="submissionToken" value="([^"]+)"/.exec(body)?.[1];
    expect(token(one.body)).toBeTruthy();
    expect(token(two.body)).not.toBe(token(one.body));
    expect(handlerRuns).toBe(2);
    const plain = await get('/essai/simple', cookie);
    const plainAgain = await get('/essai/simple', cookie);
    expect(plainAgain.body).toBe(plain.body);
    expect(handlerRuns).toBe(3);
  });
});

describe('what other processes write', () => {
  it('puts the change trigger on every table but the unwatched ones', async () => {
    const all = await sql<{ name: string }>`
      select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(handle.db);
    const expected = all.rows.map((r) => r.name).filter((n) => !UNWATCHED_TABLES.includes(n));
    expect(await watchedTables(handle.db)).toEqual(expected);
    expect(expected).toContain('conventions');
    expect(expected).toContain('plan_fiches');
  });

  it.runIf(Boolean(process.env.DATABASE_URL))(
    'on PostgreSQL, sees another connection’s commit and caches nothing while it cannot listen',
    async () => {
      const other: DatabaseHandle = await openDatabase({ databaseUrl: handle.url! });
      try {
        // Opened without listening: its generation is unknown, nothing is kept for it.
        expect(changeGeneration(other.db)).toBeNull();
        const cookie = await loginCookies(app, 'agent.caf@test.fr');
        await get(`/conventions/${id}`, cookie);
        expect((await get(`/conventions/${id}`, cookie)).queries).toBe(0);
        const before = changeGeneration(handle.db);
        await sql`update territories set name = 'Carrières (autre processus)' where code = '78124'`.execute(
          other.db,
        );
        for (let i = 0; i < 100 && changeGeneration(handle.db) === before; i++)
          await new Promise((r) => setTimeout(r, 20));
        expect(changeGeneration(handle.db)).not.toBe(before);
        expect((await get(`/conventions/${id}`, cookie)).body).toContain('Carrières (autre processus)');
        await sql`update territories set name = 'Carrières-sur-Seine' where code = '78124'`.execute(other.db);
      } finally {
        await other.close();
      }
    },
  );
});
