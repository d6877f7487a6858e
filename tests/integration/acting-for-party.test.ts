/**
 * Each person acts for their own party, on a real database: the territory agent of
 * Carrières-sur-Seine may not record the Caf's signatures nor a notice by the Caf (403 in French,
 * nothing changed), the pages offer them only their commune; a Caf agent of the Yvelines can. What
 * one may not see and what does not exist get the same 404.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { findConvention, listConventions } from '../../src/db/repositories/convention.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { type Clock, fixedClock } from '../../src/domain/shared/dates.js';
import { attachDeliberation } from '../../src/use-cases/conventions/attach-deliberation.js';
import { giveNotice } from '../../src/use-cases/conventions/give-notice.js';
import { recordSignature } from '../../src/use-cases/conventions/record-signature.js';
import { remedyFormalNotice } from '../../src/use-cases/conventions/remedy-formal-notice.js';
import { sendFormalNotice } from '../../src/use-cases/conventions/send-formal-notice.js';
import { submitConvention } from '../../src/use-cases/conventions/submit-convention.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { type App, buildApp } from '../../src/web/app.js';
import { makeUser, seedWorld, system } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof seedWorld>>;
let cafAgent: Actor;
let carrieresAgent: Actor;
let carrieresId: string;
let chatouId: string;
let app: App;
let carrieresToken: string;
let cafToken: string;

const at = (date: string, actor: Actor) => ({ db: handle.db, clock: fixedClock(date) as Clock, actor });
const PDF = new TextEncoder().encode('%PDF-1.4\n% délibération\n%%EOF\n');
const stateOf = async (id: string) => (await findConvention(handle.db, id))!.convention;
const FORBIDDEN_CAF = /^Vous n’agissez pas pour la Caf des Yvelines : seule une personne de cet organisme/;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  world = await seedWorld(handle.db);
  cafAgent = await makeUser(handle.db, 'agent.caf@test.fr', world.caf78.id, ['caf_agent']);
  carrieresAgent = await makeUser(handle.db, 'agent.carrieres@test.fr', world.carrieres.id, [
    'territory_agent',
  ]);
  const all = await listConventions(handle.db, { kind: 'all' });
  carrieresId = all.find((c) => c.territoryCode === '78124')!.id;
  chatouId = all.find((c) => c.territoryCode === '78146')!.id;
  carrieresToken = (await createApiToken(system(handle.db), { email: 'agent.carrieres@test.fr' })).token;
  cafToken = (await createApiToken(system(handle.db), { email: 'agent.caf@test.fr' })).token;
  app = await buildApp({ db: handle.db, clock: fixedClock('2024-12-02'), driver: handle.driver });
  await attachDeliberation(at('2024-11-26', carrieresAgent), carrieresId, {
    fileName: 'deliberation.pdf',
    mediaType: 'application/pdf',
    content: PDF,
  });
  await submitConvention(at('2024-11-26', cafAgent), carrieresId);
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

function api(token: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
}

describe('signatures', () => {
  it('refuses the Carrières agent recording the Caf’s signatories, over the API and in the use case, changing nothing', async () => {
    const before = await stateOf(carrieresId);
    for (const signatoryId of ['caf-78-president', 'caf-78-director']) {
      const res = await api(carrieresToken, 'POST', `/api/v1/conventions/${carrieresId}/signatures`, {
        signatoryId,
        signedOn: '2024-12-02',
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(FORBIDDEN_CAF),
      });
      await expect(
        recordSignature(at('2024-12-02', carrieresAgent), carrieresId, {
          signatoryId,
          signedOn: '2024-12-02',
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    expect(await stateOf(carrieresId)).toEqual(before);
  });

  it('offers the Carrières agent only the mayor on the page, and refuses the form posted for the Caf', async () => {
    const cookie = await loginCookies(app, 'agent.carrieres@test.fr');
    const page = await app.inject({ method: 'GET', url: `/conventions/${carrieresId}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    const select = /<select id="signatoryId" name="signatoryId">([\s\S]*?)<\/select>/.exec(page.body)![1]!;
    expect(select).toContain('value="commune-78124-mayor"');
    expect(select).not.toContain('caf-78-');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const before = await stateOf(carrieresId);
    const res = await app.inject({
      method: 'POST',
      url: `/conventions/${carrieresId}/signatures`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        signatoryId: 'caf-78-president',
        signedOn: '2024-12-02',
        _csrf: csrf,
      }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Vous n’agissez pas pour la Caf des Yvelines');
    expect(await stateOf(carrieresId)).toEqual(before);
  });

  it('lets each party record its own: the mayor by the Carrières agent, the Caf’s by a Caf agent of the Yvelines', async () => {
    const mayor = await api(carrieresToken, 'POST', `/api/v1/conventions/${carrieresId}/signatures`, {
      signatoryId: 'commune-78124-mayor',
      signedOn: '2024-12-02',
    });
    expect(mayor.statusCode).toBe(200);
    const director = await api(cafToken, 'POST', `/api/v1/conventions/${carrieresId}/signatures`, {
      signatoryId: 'caf-78-director',
      signedOn: '2024-12-02',
    });
    expect(director.statusCode).toBe(200);
    const c = await recordSignature(at('2024-12-02', cafAgent), carrieresId, {
      signatoryId: 'caf-78-president',
      signedOn: '2024-12-02',
    });
    expect(c.status).toBe('in_force');
  });
});

describe('notices', () => {
  it('refuses the Carrières agent a formal notice or a dénonciation by the Caf, changing nothing', async () => {
    const before = await stateOf(carrieresId);
    for (const ground of ['legal_breach', 'contract_breach']) {
      const res = await api(carrieresToken, 'POST', `/api/v1/conventions/${carrieresId}/formal-notices`, {
        byPartyId: world.caf78.id,
        sentOn: '2024-12-02',
        ground,
        reason: 'Manquement.',
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(FORBIDDEN_CAF);
    }
    await expect(
      giveNotice(at('2024-12-02', carrieresAgent), carrieresId, {
        byPartyId: world.caf78.id,
        sentOn: '2024-12-02',
        reason: 'Fin.',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await stateOf(carrieresId)).toEqual(before);
  });

  it('offers the Carrières agent only the commune as sender, and no breach of law', async () => {
    const cookie = await loginCookies(app, 'agent.carrieres@test.fr');
    const page = await app.inject({
      method: 'GET',
      url: `/conventions/${carrieresId}/resiliation`,
      headers: { cookie },
    });
    const senders = [
      ...page.body.matchAll(/<select id="(?:fn|nt)-party" name="byPartyId">([\s\S]*?)<\/select>/g),
    ];
    expect(senders).toHaveLength(2);
    for (const [, options] of senders) {
      expect(options).toContain(`value="${world.carrieres.id}"`);
      expect(options).not.toContain(world.caf78.id);
    }
    expect(page.body).not.toContain('value="legal_breach"');
    const caf = await app.inject({
      method: 'GET',
      url: `/conventions/${carrieresId}/resiliation`,
      headers: { cookie: await loginCookies(app, 'agent.caf@test.fr') },
    });
    expect(caf.body).toContain('value="legal_breach"');
  });

  it('lets the Caf agent send a formal notice on a breach of law; only the Caf may find it remedied', async () => {
    const c = await sendFormalNotice(at('2024-12-02', cafAgent), carrieresId, {
      byPartyId: world.caf78.id,
      sentOn: '2024-12-02',
      ground: 'legal_breach',
      reason: 'Manquement aux règles de la prestation de service.',
    });
    const procedureId = c.terminations[0]!.id;
    const before = await stateOf(carrieresId);
    await expect(
      remedyFormalNotice(at('2024-12-10', carrieresAgent), carrieresId, procedureId, {
        remediedOn: '2024-12-10',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await stateOf(carrieresId)).toEqual(before);
    const remedied = await remedyFormalNotice(at('2024-12-10', cafAgent), carrieresId, procedureId, {
      remediedOn: '2024-12-10',
    });
    expect(remedied.terminations[0]!.remediedOn).toBe('2024-12-10');
  });

  it('lets the Carrières agent give notice for the commune', async () => {
    const c = await giveNotice(at('2025-03-10', carrieresAgent), carrieresId, {
      byPartyId: world.carrieres.id,
      sentOn: '2025-03-10',
      reason: 'Fusion de communes.',
    });
    expect(c.terminations.at(-1)).toMatchObject({ kind: 'notice', byPartyId: world.carrieres.id });
  });
});

describe('what one may not see', () => {
  it('answers another commune’s convention as one that does not exist, on the API and the pages', async () => {
    const hidden = await api(carrieresToken, 'GET', `/api/v1/conventions/${chatouId}`);
    const absent = await api(carrieresToken, 'GET', `/api/v1/conventions/${randomUUID()}`);
    expect(hidden.statusCode).toBe(404);
    expect(absent.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe(absent.json().error.code);
    expect(hidden.json().error.message).toBe('Aucune convention ne correspond à cet identifiant.');
    expect(absent.json().error.message).toBe(hidden.json().error.message);
    const hiddenPost = await api(carrieresToken, 'POST', `/api/v1/conventions/${chatouId}/submit`);
    expect(hiddenPost.statusCode).toBe(404);

    const cookie = await loginCookies(app, 'agent.carrieres@test.fr');
    const page = await app.inject({ method: 'GET', url: `/conventions/${chatouId}`, headers: { cookie } });
    const none = await app.inject({
      method: 'GET',
      url: `/conventions/${randomUUID()}`,
      headers: { cookie },
    });
    expect(page.statusCode).toBe(404);
    expect(none.statusCode).toBe(404);
    expect(page.body).toContain('Aucune convention ne correspond à cet identifiant.');
  });
});
