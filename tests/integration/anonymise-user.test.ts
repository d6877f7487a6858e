/**
 * Erasing a person leaves no trace: a person logs in (once wrongly), edits a convention, imports a
 * diagnostic file, makes an API token, appears in the journal; `anonymiseUser` then erases them, and
 * a dump of the whole database (pg_dump on a server, every row of every table on PGlite) holds
 * neither their name nor their e-mail, in any case. What they did still reads « Personne anonymisée ».
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpEveryRow } from '../../src/db/dump.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { listAudit } from '../../src/use-cases/audit/list-audit.js';
import { actorFromSession } from '../../src/use-cases/auth/authenticate.js';
import { logIn } from '../../src/use-cases/auth/log-in.js';
import { updateDraft } from '../../src/use-cases/conventions/update-draft.js';
import { importDiagnostic } from '../../src/use-cases/diagnostic/import-diagnostic.js';
import { listDiagnosticImports } from '../../src/use-cases/diagnostic/list-diagnostic-imports.js';
import { anonymiseUser } from '../../src/use-cases/users/anonymise-user.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { createUser } from '../../src/use-cases/users/create-user.js';
import { as, clock, makeUser, seedWorld, system, TEST_PASSWORD } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let handle: TestDatabase;
let caf78: { id: string };
const NAME = 'Marguerite Dupont-Testeuse';
const EMAIL = 'Marguerite.Dupont@Caf78.example';

async function dump(): Promise<string> {
  if (handle.url) {
    return execFileSync('pg_dump', ['--no-owner', handle.url], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 512 * 1024 * 1024,
    });
  }
  return dumpEveryRow(handle.db);
}

function traces(text: string): string[] {
  const lower = text.toLowerCase();
  return [NAME, EMAIL, EMAIL.toLowerCase(), 'Dupont-Testeuse'].filter((needle) =>
    lower.includes(needle.toLowerCase()),
  );
}

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  ({ caf78 } = await seedWorld(handle.db));
}, 120_000);
afterAll(async () => {
  await handle.close();
});

describe('anonymising a person', () => {
  it('leaves neither the name nor the e-mail in a dump of the database', async () => {
    await createUser(system(handle.db), {
      email: EMAIL,
      displayName: NAME,
      password: TEST_PASSWORD,
      organisationId: caf78.id,
      roles: ['caf_agent'],
    });
    const admin = await makeUser(handle.db, 'admin@caf78.example', caf78.id, ['admin']);

    // A wrong password first (a failed login keyed by the address), then the right one.
    await expect(
      logIn({ db: handle.db, clock }, { email: EMAIL, password: 'pas le bon', address: '10.0.0.1' }),
    ).rejects.toThrow();
    const session = await logIn(
      { db: handle.db, clock },
      { email: EMAIL, password: TEST_PASSWORD, address: '10.0.0.1' },
    );
    const person = (await actorFromSession({ db: handle.db, clock }, session.sessionToken))!;
    expect(person.kind).toBe('user');

    const chatou = (await listConventions(handle.db, { kind: 'all' })).find(
      (c) => c.territoryCode === '78146',
    )!;
    await updateDraft(as(handle.db, person), chatou.id, { placeOfSignature: 'Saint-Germain-en-Laye' });
    await importDiagnostic(as(handle.db, person), {
      fileName: 'carrieres-sur-seine-78.csv',
      bytes: await readFile(
        new URL('../../src/imports/diagnostic/fixtures/carrieres-sur-seine-78.csv', import.meta.url),
      ),
      format: 'long_csv',
    });
    await createApiToken(as(handle.db, person), { email: EMAIL, label: `Jeton de ${NAME}` });

    // The test can fail: before the erasure, the person is in the database.
    expect(traces(await dump())).toContain(NAME);
    const journal = await listAudit(as(handle.db, admin), { actor: 'dupont', limit: 50, offset: 0 });
    expect(journal.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['session.open', 'convention.edit', 'diagnostic.import', 'token.create']),
    );
    expect(journal.rows[0]!.actorLabel).toBe(`${NAME} <${EMAIL.toLowerCase()}>`);

    const result = await anonymiseUser(as(handle.db, admin), { email: EMAIL });
    expect(result.alreadyAnonymised).toBe(false);

    expect(traces(await dump())).toEqual([]);

    // What they did is still there, by an anonymised account.
    const after = await listAudit(as(handle.db, admin), { entityId: result.userId, limit: 50, offset: 0 });
    expect(after.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['user.anonymise', 'session.open']),
    );
    expect(after.rows.find((r) => r.action === 'session.open')!.actorLabel).toBe('Personne anonymisée');
    const byLabel = await listAudit(as(handle.db, admin), { actor: 'anonymisée', limit: 50, offset: 0 });
    expect(byLabel.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['session.open', 'diagnostic.import']),
    );
    const edits = await listAudit(as(handle.db, admin), { entityId: chatou.id, limit: 50, offset: 0 });
    expect(edits.rows.find((r) => r.action === 'convention.edit')!.actorLabel).toBe('Personne anonymisée');
    const imports = await listDiagnosticImports(as(handle.db, admin));
    expect(imports.find((i) => i.fileName === 'carrieres-sur-seine-78.csv')!.importedBy).toBe(
      'Personne anonymisée',
    );

    // The session is gone, the account cannot log in, and erasing twice changes nothing.
    expect(await actorFromSession({ db: handle.db, clock }, session.sessionToken)).toBeNull();
    await expect(
      logIn({ db: handle.db, clock }, { email: EMAIL, password: TEST_PASSWORD, address: '10.0.0.2' }),
    ).rejects.toThrow();
    expect(await findUserByEmail(handle.db, EMAIL.toLowerCase())).toBeUndefined();
    expect((await anonymiseUser(as(handle.db, admin), { userId: result.userId })).alreadyAnonymised).toBe(
      true,
    );
  }, 120_000);

  it('is for administrators only, and not on one’s own account', async () => {
    const agent = await makeUser(handle.db, 'agent2@caf78.example', caf78.id, ['caf_agent']);
    const admin = await makeUser(handle.db, 'admin2@caf78.example', caf78.id, ['admin']);
    await expect(
      anonymiseUser(as(handle.db, agent), { email: 'admin2@caf78.example' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      anonymiseUser(as(handle.db, admin), { email: 'admin2@caf78.example' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(anonymiseUser(as(handle.db, admin), { email: 'personne@nulle.part' })).rejects.toMatchObject(
      {
        code: 'USER_NOT_FOUND',
      },
    );
  }, 120_000);

  it('leaves other rows alone when the name is a plain word they hold', async () => {
    const admin = await makeUser(handle.db, 'admin3@caf78.example', caf78.id, ['admin']);
    await createUser(system(handle.db), {
      email: 'homonyme@caf78.example',
      displayName: 'Yvelines',
      password: TEST_PASSWORD,
      organisationId: caf78.id,
      roles: ['caf_agent'],
    });
    await anonymiseUser(as(handle.db, admin), { email: 'homonyme@caf78.example' });
    const created = await listAudit(as(handle.db, admin), {
      action: 'organisation.create',
      entityId: caf78.id,
      limit: 5,
      offset: 0,
    });
    expect(JSON.stringify(created.rows[0]!.after)).toContain('Yvelines');
  });
});
