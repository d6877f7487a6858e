import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { actorFromApiToken, actorFromSession } from '../../src/use-cases/auth/authenticate.js';
import { logIn } from '../../src/use-cases/auth/log-in.js';
import { createConvention } from '../../src/use-cases/conventions/create-convention.js';
import { getConvention } from '../../src/use-cases/conventions/get-convention.js';
import { listConventions } from '../../src/use-cases/conventions/list-conventions.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { createUser } from '../../src/use-cases/users/create-user.js';
import { as, clock, makeUser, seedWorld, system, TEST_PASSWORD } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof seedWorld>>;
let cafAgent: Actor;
let caf95Agent: Actor;
let carrieresAgent: Actor;
let chatouAgent: Actor;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  world = await seedWorld(handle.db);
  cafAgent = await makeUser(handle.db, 'caf78@test.fr', world.caf78.id, ['caf_agent']);
  caf95Agent = await makeUser(handle.db, 'caf95@test.fr', world.caf95.id, ['caf_agent']);
  carrieresAgent = await makeUser(handle.db, 'carrieres@test.fr', world.carrieres.id, ['territory_agent']);
  chatouAgent = await makeUser(handle.db, 'chatou@test.fr', world.chatou.id, ['territory_agent']);
});
afterAll(() => handle.close());

describe('login', () => {
  it('opens a session for the right password and finds the actor again from the cookie', async () => {
    const session = await logIn(
      { db: handle.db, clock },
      { email: 'Carrieres@Test.fr ', password: TEST_PASSWORD, address: '192.0.2.1' },
    );
    const actor = await actorFromSession({ db: handle.db, clock }, session.sessionToken);
    expect(actor).toMatchObject({ kind: 'user', email: 'carrieres@test.fr', roles: ['territory_agent'] });
  });

  it('finds no one from an expired session, an unknown token or another account’s session', async () => {
    const session = await logIn(
      { db: handle.db, clock },
      { email: 'chatou@test.fr', password: TEST_PASSWORD, address: '192.0.2.1' },
    );
    const later = { now: () => new Date(session.expiresAt.getTime() + 1000), today: () => '2099-01-01' };
    expect(await actorFromSession({ db: handle.db, clock: later }, session.sessionToken)).toBeNull();
    expect(await actorFromSession({ db: handle.db, clock }, `${session.sessionToken}x`)).toBeNull();
    const actor = await actorFromSession({ db: handle.db, clock }, session.sessionToken);
    expect(actor).toMatchObject({ email: 'chatou@test.fr', organisation: { id: world.chatou.id } });
  });

  it('gives the same French message whether the e-mail or the password is wrong', async () => {
    const wrongPassword = logIn(
      { db: handle.db, clock },
      { email: 'carrieres@test.fr', password: 'faux', address: '192.0.2.1' },
    );
    const wrongEmail = logIn(
      { db: handle.db, clock },
      { email: 'personne@test.fr', password: TEST_PASSWORD, address: '192.0.2.1' },
    );
    const messages = await Promise.all(
      [wrongPassword, wrongEmail].map((p) => p.catch((e: Error) => e.message)),
    );
    expect(messages[0]).toBe('Adresse électronique ou mot de passe incorrect.');
    expect(messages[1]).toBe(messages[0]);
  });

  it('stores no password in clear', async () => {
    const rows = await handle.db.selectFrom('users').select('password_hash').execute();
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('API tokens', () => {
  it('prints a token once, stores its hash, and authenticates with it', async () => {
    const { token } = await createApiToken(system(handle.db), { email: 'carrieres@test.fr' });
    expect(token).toMatch(/^ctg_/);
    const stored = await handle.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    expect(await actorFromApiToken({ db: handle.db, clock }, token)).toMatchObject({
      email: 'carrieres@test.fr',
    });
    expect(await actorFromApiToken({ db: handle.db, clock }, `${token}x`)).toBeNull();
  });
});

describe('convention access', () => {
  it('gives a territory agent its own commune’s convention only', async () => {
    const mine = await listConventions(as(handle.db, carrieresAgent));
    expect(mine.map((c) => c.territoryCode)).toEqual(['78124']);
    const chatou = (await listConventions(as(handle.db, chatouAgent)))[0]!;
    // Another commune's convention is answered as one that does not exist.
    await expect(getConvention(as(handle.db, carrieresAgent), chatou.id)).rejects.toMatchObject({
      code: 'CONVENTION_NOT_FOUND',
    });
  });

  it('gives a Caf agent every convention of its département', async () => {
    const rows = await listConventions(as(handle.db, cafAgent));
    expect(rows.map((c) => c.territoryCode).sort()).toEqual(['78124', '78146']);
    expect(await listConventions(as(handle.db, caf95Agent))).toEqual([]);
  });

  it('lets the Caf of the Val-d’Oise reach the convention of an EPCI straddling both départements', async () => {
    const { id } = await createConvention(as(handle.db, cafAgent), {
      territory: { level: 'epci', code: '200058519' },
      variant: 'intercommunality',
      startDate: '2026-01-01',
      endDate: '2029-12-31',
      parties: [
        { organisationId: world.caf78.id, role: 'caf' },
        { organisationId: world.caf95.id, role: 'other' },
      ],
    });
    expect((await listConventions(as(handle.db, caf95Agent))).map((c) => c.id)).toEqual([id]);
    expect((await listConventions(as(handle.db, carrieresAgent))).map((c) => c.id)).not.toContain(id);
  });

  it('refuses a territory agent creating a convention for another commune, and writes nothing', async () => {
    const before = await listAudit(handle.db, { action: 'convention.create', limit: 100, offset: 0 });
    await expect(
      createConvention(as(handle.db, carrieresAgent), {
        territory: { level: 'commune', code: '78146' },
        variant: 'commune_over_5000',
        startDate: '2026-01-01',
        endDate: '2029-12-31',
        parties: [
          { organisationId: world.caf78.id, role: 'caf' },
          { organisationId: world.chatou.id, role: 'local_authority' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const after = await listAudit(handle.db, { action: 'convention.create', limit: 100, offset: 0 });
    expect(after.total).toBe(before.total);
  });

  it('rejects a convention whose end precedes its start, naming the field', async () => {
    await expect(
      createConvention(as(handle.db, cafAgent), {
        territory: { level: 'commune', code: '78124' },
        variant: 'commune_over_5000',
        startDate: '2027-01-01',
        endDate: '2026-01-01',
        parties: [
          { organisationId: world.caf78.id, role: 'caf' },
          { organisationId: world.carrieres.id, role: 'local_authority' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'endDate' }] });
  });
});

describe('audit', () => {
  it('records who created a convention with the state after, in the same transaction', async () => {
    const { rows } = await listAudit(handle.db, { action: 'convention.create', limit: 10, offset: 0 });
    const latest = rows[0]!;
    expect(latest.actorLabel).toContain('caf78@test.fr');
    expect(latest.after).toMatchObject({ territoryCode: '200058519', status: 'draft' });
  });

  it('refuses a duplicate account', async () => {
    await expect(
      createUser(system(handle.db), {
        email: 'caf78@test.fr',
        displayName: 'Doublon',
        password: TEST_PASSWORD,
        organisationId: world.caf78.id,
        roles: ['caf_agent'],
      }),
    ).rejects.toMatchObject({ code: 'USER_ALREADY_EXISTS' });
  });
});
