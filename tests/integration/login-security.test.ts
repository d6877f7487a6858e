import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { PASSWORD_RULES } from '../../src/domain/access/password-policy.js';
import type { Clock } from '../../src/domain/shared/dates.js';
import { actorFromSession } from '../../src/use-cases/auth/authenticate.js';
import { logIn } from '../../src/use-cases/auth/log-in.js';
import { type Context, systemContext } from '../../src/use-cases/context.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { createUser } from '../../src/use-cases/users/create-user.js';
import { resetPassword } from '../../src/use-cases/users/reset-password.js';
import { type App, buildApp } from '../../src/web/app.js';
import { makeUser, seedWorld, TEST_PASSWORD } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

// A clock the tests move: 09:30 in Paris on 28 November 2026.
let current = new Date('2026-11-28T08:30:00Z');
const clock: Clock = { now: () => current, today: () => current.toISOString().slice(0, 10) };
const advance = (minutes: number) => {
  current = new Date(current.getTime() + minutes * 60_000);
};

let handle: DatabaseHandle;
let app: App;
let caf78Id: string;
const sys = (): Context => systemContext(handle.db, clock);

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  caf78Id = world.caf78.id;
  for (const name of ['alice', 'bruno', 'chloe', 'denis', 'emma', 'franck'])
    await makeUser(handle.db, `${name}@caf78.test`, caf78Id, ['caf_agent']);
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const attempt = (email: string, password: string, address: string) =>
  logIn({ db: handle.db, clock }, { email, password, address }).then(
    () => 'ok',
    (e: { code?: string; message: string }) => `${e.code}: ${e.message}`,
  );

describe('failed logins', () => {
  it('refuses the 11th attempt within 15 minutes, the right password too, until the delay is over', async () => {
    for (let i = 0; i < 10; i++) {
      expect(await attempt('alice@caf78.test', 'mauvais-mot-de-passe', '192.0.2.10')).toBe(
        'INVALID_CREDENTIALS: Adresse électronique ou mot de passe incorrect.',
      );
      advance(1);
    }
    // First failure at 09:30 Paris: the account may try again once it leaves the window, at 09:45.
    const locked = 'LOGIN_THROTTLED: Trop de tentatives : réessayez après 09 h 45.';
    expect(await attempt('alice@caf78.test', 'mauvais-mot-de-passe', '192.0.2.10')).toBe(locked);
    expect(await attempt('alice@caf78.test', TEST_PASSWORD, '192.0.2.10')).toBe(locked);
    // Another address is still limited for this account.
    expect(await attempt('alice@caf78.test', TEST_PASSWORD, '198.51.100.7')).toBe(locked);
    advance(4); // 09:44
    expect(await attempt('alice@caf78.test', TEST_PASSWORD, '198.51.100.7')).toBe(locked);
    advance(1); // 09:45: the oldest failure has left the window
    expect(await attempt('alice@caf78.test', TEST_PASSWORD, '198.51.100.7')).toBe('ok');
  });

  it('limits an address across accounts, unknown e-mails counted like known ones', async () => {
    advance(30);
    const address = '203.0.113.5';
    for (const email of ['bruno@caf78.test', 'personne@caf78.test', 'chloe@caf78.test', 'nul@part.test']) {
      for (let i = 0; i < (email.startsWith('b') ? 7 : 1); i++) {
        expect(await attempt(email, 'mauvais-mot-de-passe', address)).toMatch(/^INVALID_CREDENTIALS/);
      }
    }
    expect(await attempt('denis@caf78.test', TEST_PASSWORD, address)).toMatch(
      /^LOGIN_THROTTLED: Trop de tentatives/,
    );
    // The accounts themselves may still log in from elsewhere.
    expect(await attempt('denis@caf78.test', TEST_PASSWORD, '192.0.2.99')).toBe('ok');
    // An unknown e-mail locked out reads the same as a known one.
    for (let i = 0; i < 10; i++) await attempt('inconnu@caf78.test', 'x', `192.0.2.${100 + i}`);
    for (let i = 0; i < 10; i++) await attempt('emma@caf78.test', 'x', `192.0.2.${120 + i}`);
    const [unknown, known] = await Promise.all([
      attempt('inconnu@caf78.test', 'x', '192.0.2.200'),
      attempt('emma@caf78.test', 'x', '192.0.2.201'),
    ]);
    expect(unknown).toMatch(/^LOGIN_THROTTLED/);
    expect(known).toBe(unknown);
  });

  it('holds under parallel attempts: never more than 10 checked', async () => {
    advance(30);
    const results = await Promise.all(
      Array.from({ length: 15 }, () => attempt('franck@caf78.test', 'mauvais-mot-de-passe', '192.0.2.50')),
    );
    expect(results.filter((r) => r.startsWith('INVALID_CREDENTIALS'))).toHaveLength(10);
    expect(results.filter((r) => r.startsWith('LOGIN_THROTTLED'))).toHaveLength(5);
  });

  it('answers the login form with the French message and status 429', async () => {
    const page = await app.inject({ method: 'GET', url: '/connexion' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await app.inject({
      method: 'POST',
      url: '/connexion',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        email: 'franck@caf78.test',
        password: TEST_PASSWORD,
        _csrf: csrf,
      }).toString(),
    });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('Trop de tentatives : réessayez après');
    expect(res.cookies.find((c) => c.name === 'ctg_session')).toBeUndefined();
  });

  it('counts an attempt whose password proves right as no failure', async () => {
    advance(30);
    await makeUser(handle.db, 'gael@caf78.test', caf78Id, ['caf_agent']);
    const address = '192.0.2.60';
    for (let i = 0; i < 9; i++) {
      expect(await attempt('gael@caf78.test', 'mauvais-mot-de-passe', address)).toMatch(
        /^INVALID_CREDENTIALS/,
      );
    }
    expect(await attempt('gael@caf78.test', TEST_PASSWORD, address)).toBe('ok');
    // Nine failures still: the tenth is checked, the eleventh refused.
    expect(await attempt('gael@caf78.test', 'mauvais-mot-de-passe', address)).toMatch(/^INVALID_CREDENTIALS/);
    expect(await attempt('gael@caf78.test', TEST_PASSWORD, address)).toMatch(/^LOGIN_THROTTLED/);
  });
});

describe('passwords', () => {
  it('ends every session of the account when its password is reset', async () => {
    advance(30);
    const a = await logIn(
      { db: handle.db, clock },
      { email: 'chloe@caf78.test', password: TEST_PASSWORD, address: '192.0.2.1' },
    );
    const b = await logIn(
      { db: handle.db, clock },
      { email: 'chloe@caf78.test', password: TEST_PASSWORD, address: '192.0.2.2' },
    );
    const other = await logIn(
      { db: handle.db, clock },
      { email: 'denis@caf78.test', password: TEST_PASSWORD, address: '192.0.2.3' },
    );
    await resetPassword(sys(), { email: 'chloe@caf78.test', password: 'un-nouveau-mot-de-passe' });
    expect(await actorFromSession({ db: handle.db, clock }, a.sessionToken)).toBeNull();
    expect(await actorFromSession({ db: handle.db, clock }, b.sessionToken)).toBeNull();
    expect(await actorFromSession({ db: handle.db, clock }, other.sessionToken)).not.toBeNull();
    const audit = await listAudit(handle.db, { action: 'user.password_reset', limit: 10, offset: 0 });
    expect(audit.rows[0]?.after).toEqual({ sessionsEnded: 2 });
  });

  it('refuses weak passwords wherever one is set, naming the rule', async () => {
    const cases: [string, string][] = [
      ['court', PASSWORD_RULES.tooShort],
      [' '.repeat(12), PASSWORD_RULES.onlySpaces],
      ['azertyuiop123', PASSWORD_RULES.common],
      ['1qaz2wsx3edc', PASSWORD_RULES.common],
    ];
    for (const [password, rule] of cases) {
      const reset = await resetPassword(sys(), { email: 'denis@caf78.test', password }).catch((e) => e);
      expect(reset.code).toBe('VALIDATION_FAILED');
      expect(reset.message).toBe(rule);
      const created = await createUser(sys(), {
        email: 'nouveau@caf78.test',
        displayName: 'Nouveau',
        password,
        organisationId: caf78Id,
        roles: ['caf_agent'],
      }).catch((e) => e);
      expect(created.code).toBe('VALIDATION_FAILED');
      expect(created.details).toEqual([{ field: 'password', message: rule }]);
    }
    expect(PASSWORD_RULES.common).toContain('mots de passe courants');
  });
});

describe('API tokens', () => {
  it('refuses an expired token with a 401 in French', async () => {
    const { token, expiresAt } = await createApiToken(sys(), { email: 'denis@caf78.test', expiresInDays: 2 });
    expect(expiresAt.getTime() - current.getTime()).toBe(2 * 86_400_000);
    const me = () =>
      app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);
    advance(2 * 24 * 60);
    const res = await me();
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({
      code: 'INVALID_TOKEN',
      message: 'Le jeton d’accès est invalide, expiré ou révoqué.',
    });
  });

  it('expires after 90 days by default and refuses a lifetime out of bounds', async () => {
    const { expiresAt } = await createApiToken(sys(), { email: 'denis@caf78.test' });
    expect(expiresAt.getTime() - current.getTime()).toBe(90 * 86_400_000);
    const tooLong = await createApiToken(sys(), { email: 'denis@caf78.test', expiresInDays: 400 }).catch(
      (e) => e,
    );
    expect(tooLong.message).toBe(
      'La durée de validité d’un jeton est un nombre entier de jours, de 1 à 366.',
    );
  });

  it('shows each person their own tokens and lets them revoke one through the page', async () => {
    advance(30);
    const mine = await createApiToken(sys(), { email: 'emma@caf78.test', label: 'Script de suivi' });
    const theirs = await createApiToken(sys(), { email: 'denis@caf78.test', label: 'Jeton de Denis' });
    const emma = (await findUserByEmail(handle.db, 'emma@caf78.test'))!;
    expect(emma).toBeDefined();
    await resetPassword(sys(), { email: 'emma@caf78.test', password: 'le-mot-de-passe-d-emma' });
    const login = await logIn(
      { db: handle.db, clock },
      { email: 'emma@caf78.test', password: 'le-mot-de-passe-d-emma', address: '192.0.2.77' },
    );
    const page = await app.inject({
      method: 'GET',
      url: '/compte/jetons',
      headers: { cookie: `ctg_session=${login.sessionToken}` },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Mes jetons d’accès à l’API</h1>');
    expect(page.body).toContain('<th scope="col">Expire le</th>');
    expect(page.body).toContain('Script de suivi');
    expect(page.body).toContain(`${mine.token.slice(0, 12)}…`);
    expect(page.body).not.toContain('Jeton de Denis');
    expect(page.body).toContain('href="/compte/jetons"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = [
      ...page.cookies.map((c) => `${c.name}=${c.value}`),
      `ctg_session=${login.sessionToken}`,
    ].join('; ');
    const post = (id: string, token = csrf) =>
      app.inject({
        method: 'POST',
        url: `/compte/jetons/${id}/revocation`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token }).toString(),
      });
    expect((await post(mine.id, 'faux')).statusCode).toBe(403);
    expect((await post(theirs.id)).statusCode).toBe(404);
    const revoked = await post(mine.id);
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe(`/compte/jetons?revoque=${mine.id}`);
    const after = await app.inject({
      method: 'GET',
      url: revoked.headers.location as string,
      headers: { cookie: `ctg_session=${login.sessionToken}` },
    });
    expect(after.body).toContain('Le jeton « Script de suivi » est révoqué');
    expect(after.body).toContain('Révoqué');
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${mine.token}` },
    });
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe('INVALID_TOKEN');
    const stillValid = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${theirs.token}` },
    });
    expect(stillValid.statusCode).toBe(200);
    const audit = await listAudit(handle.db, { action: 'token.revoke', limit: 10, offset: 0 });
    expect(audit.rows.map((r) => r.entityId)).toEqual([mine.id]);
  });

  it('sends an anonymous visitor of the tokens page to the login page', async () => {
    const res = await app.inject({ method: 'GET', url: '/compte/jetons' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/connexion?suivant=%2Fcompte%2Fjetons');
  });
});
