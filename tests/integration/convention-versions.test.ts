/**
 * Versioned aggregates on a real database (PGlite, or PostgreSQL with DATABASE_URL): the stored
 * convention parsed on every read, its version incremented by every save, a save from a stale page
 * refused with 409 saying who changed what and when (use case, API, and the HTML form with two
 * sessions, the person's input kept), and a double submit creating one thing (renewal, creation,
 * avenant), with the two requests sent at once.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { findConvention, listConventions } from '../../src/db/repositories/convention.repository.js';
import { isUniqueViolation } from '../../src/db/repositories/submission.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import type { Clock } from '../../src/domain/shared/dates.js';
import { actorOf } from '../../src/use-cases/auth/authenticate.js';
import { attachDeliberation } from '../../src/use-cases/conventions/attach-deliberation.js';
import { createAvenant } from '../../src/use-cases/conventions/create-avenant.js';
import { createConvention } from '../../src/use-cases/conventions/create-convention.js';
import { getConvention } from '../../src/use-cases/conventions/get-convention.js';
import { recordSignature } from '../../src/use-cases/conventions/record-signature.js';
import { renewConvention } from '../../src/use-cases/conventions/renew-convention.js';
import { submitConvention } from '../../src/use-cases/conventions/submit-convention.js';
import { updateDraft } from '../../src/use-cases/conventions/update-draft.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { createUser } from '../../src/use-cases/users/create-user.js';
import { type App, buildApp } from '../../src/web/app.js';
import { makeUser, seedWorld, system, TEST_PASSWORD } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof seedWorld>>;
let marie: Actor;
let paul: Actor;
let carrieresId: string;
let chatouId: string;

/** 1 December 2026, 09:42 UTC: 10 h 42 in Paris. */
const clock: Clock = { today: () => '2026-12-01', now: () => new Date('2026-12-01T09:42:00Z') };
const as = (actor: Actor, c: Clock = clock) => ({ db: handle.db, clock: c, actor });
const on = (date: string): Clock => ({ today: () => date, now: () => new Date(`${date}T09:00:00Z`) });

async function named(email: string, displayName: string, organisationId: string): Promise<Actor> {
  await createUser(system(handle.db), {
    email,
    displayName,
    password: TEST_PASSWORD,
    organisationId,
    roles: ['caf_agent'],
  });
  return actorOf((await findUserByEmail(handle.db, email))!);
}

const articleNumbered = async (id: string, n: number) =>
  (await findConvention(handle.db, id))!.convention.content.articles.find((a) => a.number === n)!;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  world = await seedWorld(handle.db);
  marie = await named('marie.dupont@test.fr', 'Marie Dupont', world.caf78.id);
  paul = await named('paul.martin@test.fr', 'Paul Martin', world.caf78.id);
  const all = await listConventions(handle.db, { kind: 'all' });
  carrieresId = all.find((c) => c.territoryCode === '78124')!.id;
  chatouId = all.find((c) => c.territoryCode === '78146')!.id;
});
afterAll(() => handle.close());

describe('the stored aggregate', () => {
  it('is parsed on read: a row that drifted is refused naming the convention and the field', async () => {
    const before = await handle.db
      .selectFrom('conventions')
      .select(['state', 'version'])
      .where('id', '=', chatouId)
      .executeTakeFirstOrThrow();
    await sql`update conventions set state = jsonb_set(state, '{content,period,start}', '"1er janvier"') where id = ${chatouId}`.execute(
      handle.db,
    );
    try {
      const error = await getConvention(as(marie), chatouId).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'CONVENTION_STATE_INVALID',
        details: { id: chatouId, path: 'content.period.start' },
      });
      expect((error as Error).message).toContain(
        `La convention ${chatouId} est enregistrée sous une forme invalide`,
      );
      expect((error as Error).message).toContain('« content.period.start »');
      // Over HTTP: the generic French message of the code, never a raw cast value or a stack.
      const app = await buildApp({ db: handle.db, clock, driver: handle.driver });
      try {
        const { token } = await createApiToken(system(handle.db), { email: 'marie.dupont@test.fr' });
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/conventions/${chatouId}`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.statusCode).toBe(500);
        expect(res.json().error).toMatchObject({
          code: 'CONVENTION_STATE_INVALID',
          message: 'La convention est enregistrée sous une forme invalide : signalez-le à l’administrateur.',
        });
      } finally {
        await app.close();
      }
    } finally {
      await sql`update conventions set state = ${JSON.stringify(before.state)}::jsonb where id = ${chatouId}`.execute(
        handle.db,
      );
    }
    expect((await getConvention(as(marie), chatouId)).convention.id).toBe(chatouId);
  });

  it('carries a version, 1 when made and one more on every save', async () => {
    const start = (await findConvention(handle.db, chatouId))!.version;
    await updateDraft(as(marie), chatouId, { placeOfSignature: 'Chatou' });
    await updateDraft(as(marie), chatouId, { placeOfSignature: 'Chatou (Yvelines)', version: start + 1 });
    expect((await findConvention(handle.db, chatouId))!.version).toBe(start + 2);
    const { id } = await createConvention(as(marie), { territory: { level: 'commune', code: '78123' } });
    expect((await findConvention(handle.db, id))!.version).toBe(1);
  });
});

describe('a save from a stale page', () => {
  it('is refused with 409 saying who changed which article and when, with the text they saved', async () => {
    const read = (await findConvention(handle.db, carrieresId))!.version;
    const article3 = await articleNumbered(carrieresId, 3);
    const article1 = await articleNumbered(carrieresId, 1);
    await updateDraft(as(marie), carrieresId, {
      version: read,
      articles: [
        { key: article3.key, blocks: [{ type: 'paragraph', text: 'Le texte de Marie pour l’article 3.' }] },
      ],
    });
    const stale = await updateDraft(as(paul), carrieresId, {
      version: read,
      articles: [{ key: article1.key, blocks: [{ type: 'paragraph', text: 'Le texte de Paul.' }] }],
    }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: 'CONVENTION_STALE', status: 409 });
    const message = (stale as Error).message.replaceAll('\u00a0', ' ');
    expect(message).toContain(
      'La convention a été modifiée par une autre personne depuis l’ouverture de votre page',
    );
    expect(message).toContain('Article 3 modifié par Marie Dupont le 1er décembre 2026 à 10 h 42');
    expect((stale as { details: { changes: { text?: string }[] } }).details.changes[0]!.text).toContain(
      'Le texte de Marie pour l’article 3.',
    );
    // Nothing of Paul's was written.
    expect(await articleNumbered(carrieresId, 1)).toEqual(article1);
    expect((await findConvention(handle.db, carrieresId))!.version).toBe(read + 1);
  });

  it('over the API: ETag on read, If-Match on save; a stale If-Match is 409 in French, a current one saves', async () => {
    const app = await buildApp({ db: handle.db, clock, driver: handle.driver });
    try {
      const { token: marieToken } = await createApiToken(system(handle.db), {
        email: 'marie.dupont@test.fr',
      });
      const { token: paulToken } = await createApiToken(system(handle.db), { email: 'paul.martin@test.fr' });
      const url = `/api/v1/conventions/${carrieresId}`;
      const read = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${paulToken}` },
      });
      const etag = read.headers.etag as string;
      expect(etag).toBe(`"${read.json().version}"`);
      const saved = await app.inject({
        method: 'PATCH',
        url,
        headers: { authorization: `Bearer ${marieToken}`, 'if-match': etag },
        payload: { placeOfSignature: 'Carrières-sur-Seine' },
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.headers.etag).toBe(`"${read.json().version + 1}"`);
      const stale = await app.inject({
        method: 'PATCH',
        url,
        headers: { authorization: `Bearer ${paulToken}`, 'if-match': etag },
        payload: { placeOfSignature: 'Mairie de Carrières' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('CONVENTION_STALE');
      expect(stale.json().error.message.replaceAll('\u00a0', ' ')).toContain(
        'Lieu de signature modifié par Marie Dupont le 1er décembre 2026 à 10 h 42',
      );
      expect(stale.json().error.details.changes[0]).toMatchObject({
        by: 'Marie Dupont',
        text: 'Carrières-sur-Seine',
      });
      const inBody = await app.inject({
        method: 'PATCH',
        url,
        headers: { authorization: `Bearer ${paulToken}` },
        payload: { placeOfSignature: 'Mairie de Carrières', version: read.json().version },
      });
      expect(inBody.statusCode).toBe(409);
      const malformed = await app.inject({
        method: 'PATCH',
        url,
        headers: { authorization: `Bearer ${paulToken}`, 'if-match': 'la dernière' },
        payload: { placeOfSignature: 'Mairie de Carrières' },
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.details[0].field).toBe('If-Match');
      expect((await findConvention(handle.db, carrieresId))!.convention.content.placeOfSignature).toBe(
        'Carrières-sur-Seine',
      );
    } finally {
      await app.close();
    }
  });

  it('in the pages, with two sessions: the second gets the French message and its input back in the form', async () => {
    const app: App = await buildApp({ db: handle.db, clock, driver: handle.driver });
    try {
      const marieCookies = await loginCookies(app, 'marie.dupont@test.fr');
      const paulCookies = await loginCookies(app, 'paul.martin@test.fr');
      const article3 = await articleNumbered(carrieresId, 3);
      // Each opens the edit page of article 3.
      const page = (cookie: string) =>
        app.inject({
          method: 'GET',
          url: `/conventions/${carrieresId}/articles/${article3.key}/modifier`,
          headers: { cookie },
        });
      const mariePage = await page(marieCookies);
      const paulPage = await page(paulCookies);
      const field = (html: string, name: string) =>
        new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1]!;
      const post = (cookie: string, html: string, text: string) =>
        app.inject({
          method: 'POST',
          url: `/conventions/${carrieresId}/articles`,
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({
            _csrf: field(html, '_csrf'),
            version: field(html, 'version'),
            key: article3.key,
            title: article3.title,
            text,
          }).toString(),
        });
      const first = await post(marieCookies, mariePage.body, 'Version de Marie, enregistrée la première.');
      expect(first.statusCode).toBe(303);
      const second = await post(paulCookies, paulPage.body, 'Version de Paul, écrite sur une page ancienne.');
      expect(second.statusCode).toBe(409);
      const body = second.body.replaceAll('&nbsp;', ' ').replaceAll('\u00a0', ' ');
      expect(body).toContain(
        'La convention a été modifiée par une autre personne depuis l’ouverture de votre page',
      );
      expect(body).toContain('Article 3 modifié par Marie Dupont le 1er décembre 2026 à 10 h 42');
      expect(body).toContain('Version de Marie, enregistrée la première.');
      // Paul's text is back in his form, which now carries the current version: saving again is his choice.
      expect(body).toMatch(
        /<textarea[^>]*name="text"[^>]*>Version de Paul, écrite sur une page ancienne\.<\/textarea>/,
      );
      const current = (await findConvention(handle.db, carrieresId))!;
      expect(body).toContain(`name="version" value="${current.version}"`);
      expect(JSON.stringify(current.convention.content.articles)).not.toContain('Version de Paul');
    } finally {
      await app.close();
    }
  });
});

describe('a double submit', () => {
  it('of « Préparer la convention suivante », twice at once, makes one draft', async () => {
    // Carrières is signed and in force first.
    const agent = await makeUser(handle.db, 'agent.carrieres@test.fr', world.carrieres.id, [
      'territory_agent',
    ]);
    const day = (date: string, actor: Actor = marie) => as(actor, on(date));
    await attachDeliberation(day('2024-11-26', agent), carrieresId, {
      fileName: 'deliberation.pdf',
      mediaType: 'application/pdf',
      content: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
    });
    await submitConvention(day('2024-11-26'), carrieresId);
    await recordSignature(day('2024-12-02', agent), carrieresId, {
      signatoryId: 'commune-78124-mayor',
      signedOn: '2024-12-02',
    });
    await recordSignature(day('2024-12-03'), carrieresId, {
      signatoryId: 'caf-78-director',
      signedOn: '2024-12-03',
    });
    const signed = await recordSignature(day('2024-12-05'), carrieresId, {
      signatoryId: 'caf-78-president',
      signedOn: '2024-12-05',
    });
    expect(signed.status).toBe('in_force');

    const results = await Promise.all([
      renewConvention(day('2027-06-01'), carrieresId),
      renewConvention(day('2027-06-01', paul), carrieresId),
    ]);
    expect(results[0].id).toBe(results[1].id);
    expect(results.map((r) => r.existing).sort()).toEqual([false, true]);
    const successors = await handle.db
      .selectFrom('conventions')
      .select('id')
      .where('renewal_of', '=', carrieresId)
      .execute();
    expect(successors).toEqual([{ id: results[0].id }]);
    // A third, later, is answered the same way.
    expect(await renewConvention(day('2027-06-02'), carrieresId)).toEqual({
      id: results[0].id,
      existing: true,
    });
  });

  it('the database holds a second successor out by itself (unique index)', async () => {
    const [successor] = await handle.db
      .selectFrom('conventions')
      .selectAll()
      .where('renewal_of', '=', carrieresId)
      .execute();
    const refused = await handle.db
      .insertInto('conventions')
      .values({ ...successor!, id: crypto.randomUUID(), state: JSON.stringify(successor!.state) })
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(refused)).toBe(true);
  });

  it('of the page’s renewal button answers with the existing draft and a French notice', async () => {
    const app = await buildApp({ db: handle.db, clock: on('2027-06-03'), driver: handle.driver });
    try {
      const cookie = await loginCookies(app, 'marie.dupont@test.fr');
      const page = await app.inject({
        method: 'GET',
        url: `/conventions/${carrieresId}`,
        headers: { cookie },
      });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const res = await app.inject({
        method: 'POST',
        url: `/conventions/${carrieresId}/renouveler`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      const [successor] = await handle.db
        .selectFrom('conventions')
        .select('id')
        .where('renewal_of', '=', carrieresId)
        .execute();
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/conventions/${successor!.id}?fait=deja-renouvelee`);
      const shown = await app.inject({
        method: 'GET',
        url: res.headers.location as string,
        headers: { cookie },
      });
      expect(shown.body).toContain('La convention suivante était déjà préparée : la voici.');
    } finally {
      await app.close();
    }
  });

  it('of the creation form (one token), twice at once, makes one convention', async () => {
    const count = async () =>
      Number(
        (
          await handle.db
            .selectFrom('conventions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const submissionToken = crypto.randomUUID();
    const input = { territory: { level: 'commune' as const, code: '78190' }, submissionToken };
    const [a, b] = await Promise.all([
      createConvention(as(marie), input),
      createConvention(as(marie), input),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.existing, b.existing].sort()).toEqual([false, true]);
    expect(await count()).toBe(before + 1);
    // Another person replaying the token gets a French refusal, and nothing is made.
    await expect(createConvention(as(paul), input)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          field: 'submissionToken',
          message: 'Ce formulaire a déjà servi à une autre personne : rechargez la page.',
        },
      ],
    });
    expect(await count()).toBe(before + 1);
    // A new form (a new token) is a new convention.
    await createConvention(as(marie), { ...input, submissionToken: crypto.randomUUID() });
    expect(await count()).toBe(before + 2);
  });

  it('of the creation page: the second post of one form lands on the first convention, with a notice', async () => {
    const app = await buildApp({ db: handle.db, clock, driver: handle.driver });
    try {
      const cookie = await loginCookies(app, 'marie.dupont@test.fr');
      const list = await app.inject({ method: 'GET', url: '/conventions', headers: { cookie } });
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(list.body)![1]!;
      const post = () =>
        app.inject({
          method: 'POST',
          url: '/conventions',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({
            _csrf: field('_csrf'),
            submissionToken: field('submissionToken'),
            code: '78172',
          }).toString(),
        });
      const first = await post();
      const second = await post();
      expect(first.statusCode).toBe(303);
      const id = /^\/conventions\/([0-9a-f-]{36})$/.exec(first.headers.location as string)![1];
      expect(second.headers.location).toBe(`/conventions/${id}?fait=deja-creee`);
      const shown = await app.inject({
        method: 'GET',
        url: second.headers.location as string,
        headers: { cookie },
      });
      expect(shown.body).toContain(
        'Ce formulaire avait déjà été envoyé : la convention créée par le premier envoi est celle-ci',
      );
      const made = await handle.db
        .selectFrom('conventions')
        .select('id')
        .where('territory_code', '=', '78172')
        .execute();
      expect(made).toEqual([{ id }]);
    } finally {
      await app.close();
    }
  });

  it('of the avenant form (one token), twice at once, opens one avenant', async () => {
    const ctx = as(marie, on('2027-06-03'));
    const input = { purpose: 'Ajout d’une crèche', submissionToken: crypto.randomUUID() };
    const [a, b] = await Promise.all([
      createAvenant(ctx, carrieresId, input),
      createAvenant(ctx, carrieresId, input),
    ]);
    expect(a.avenantId).toBe(b.avenantId);
    expect([a.existing, b.existing].sort()).toEqual([false, true]);
    expect((await findConvention(handle.db, carrieresId))!.convention.avenants).toHaveLength(1);
    // Another form while that avenant is open is still refused, in French.
    await expect(
      createAvenant(ctx, carrieresId, { purpose: 'Autre chose', submissionToken: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: 'AVENANT_ALREADY_OPEN' });
  });
});
