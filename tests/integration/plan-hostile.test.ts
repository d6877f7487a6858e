/**
 * The action plan attacked as a hostile user would: ids of another convention slipped into a fiche
 * (its sous-actions, its links), a pilot's save dropping what they may not see, double submits of
 * the plan's forms, a deleted fiche's traces, amounts that make no sense. Every answer is a French
 * 4xx or a success; nothing is written for a party one does not belong to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findFiche, findPlan } from '../../src/db/repositories/plan.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { isAppError } from '../../src/domain/shared/app-error.js';
import { addFicheNote } from '../../src/use-cases/plan/add-fiche-note.js';
import { commentFiche } from '../../src/use-cases/plan/comment-fiche.js';
import { createFiche } from '../../src/use-cases/plan/create-fiche.js';
import { deleteFiche } from '../../src/use-cases/plan/delete-fiche.js';
import { saveAxe } from '../../src/use-cases/plan/save-axe.js';
import { updateFiche } from '../../src/use-cases/plan/update-fiche.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { type App, buildApp } from '../../src/web/app.js';
import { as, clock, makeUser, seedWorld, system } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let chatouId: string;
let carrieresId: string;
const actors: Record<string, Actor> = {};
const tokens: Record<string, string> = {};

const ctxOf = (who: string) => as(handle.db, actors[who]!);

/** The use case's refusal: its HTTP status and French message (a non-AppError is a failure of the test). */
async function refusal(
  run: Promise<unknown>,
): Promise<{ status: number; code: string; message: string; details: unknown }> {
  try {
    await run;
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(error.status).toBeLessThan(500);
    return { status: error.status, code: error.code, message: error.message, details: error.details };
  }
  throw new Error('expected a refusal, got a success');
}

async function session(email: string) {
  const cookie = await loginCookies(app, email);
  const page = await app.inject({ method: 'GET', url: '/conventions', headers: { cookie } });
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
}

async function post(email: string, url: string, fields: Record<string, string | string[]>) {
  const { cookie, csrf } = await session(email);
  const body = new URLSearchParams();
  body.set('_csrf', csrf);
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

function api(who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens[who]}` },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

let chatouAxe: string;
let carrieresAxe: string;
let victimId: string;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  const conventions = await listConventions(handle.db, { kind: 'all' });
  chatouId = conventions.find((c) => c.territoryCode === '78146')!.id;
  carrieresId = conventions.find((c) => c.territoryCode === '78124')!.id;
  const accounts: [string, string, string, 'territory_agent' | 'caf_agent' | 'partner' | 'dpo'][] = [
    ['chatou', 'agent.hostile@chatou.test', world.chatou.id, 'territory_agent'],
    ['carrieres', 'agent.hostile@carrieres.test', world.carrieres.id, 'territory_agent'],
    ['caf78', 'conseillere.hostile@caf78.test', world.caf78.id, 'caf_agent'],
    ['caf95', 'conseillere.hostile@caf95.test', world.caf95.id, 'caf_agent'],
  ];
  for (const [who, email, organisationId, role] of accounts) {
    actors[who] = await makeUser(handle.db, email, organisationId, [role]);
    tokens[who] = (await createApiToken(system(handle.db), { email })).token;
  }
  chatouAxe = (await saveAxe(ctxOf('chatou'), chatouId, { title: 'Petite enfance' })).id;
  carrieresAxe = (await saveAxe(ctxOf('carrieres'), carrieresId, { title: 'Jeunesse' })).id;
  victimId = (
    await createFiche(ctxOf('carrieres'), carrieresId, {
      axeId: carrieresAxe,
      title: 'Fiche de Carrières',
      subActions: [{ title: 'Sous-action de Carrières' }],
    })
  ).id;
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('a sous-action id is the fiche’s own', () => {
  it('a sous-action named with another convention’s fiche id is refused and writes nothing there', async () => {
    const before = (await findFiche(handle.db, victimId))!;
    const own = await createFiche(ctxOf('chatou'), chatouId, { axeId: chatouAxe, title: 'Fiche de Chatou' });
    const victimSub = before.fiche.subActions[0]!.id;
    for (const id of [victimId, victimSub]) {
      const r = await refusal(
        updateFiche(ctxOf('chatou'), own.id, {
          fiche: { axeId: chatouAxe, title: 'Fiche de Chatou', subActions: [{ id, title: 'Écrasée' }] },
        }),
      );
      expect(r.status).toBe(422);
      expect(r.message + JSON.stringify(r)).toMatch(/Sous-actions/);
    }
    const after = (await findFiche(handle.db, victimId))!;
    expect(after.fiche).toEqual(before.fiche);
    expect((await findFiche(handle.db, own.id))!.fiche.subActions).toEqual([]);
  });

  it('a new fiche whose sous-action carries an existing id is a French 422, not a 500', async () => {
    const r = await refusal(
      createFiche(ctxOf('chatou'), chatouId, {
        axeId: chatouAxe,
        title: 'Nouvelle',
        subActions: [{ id: victimId, title: 'Écrasée' }],
      }),
    );
    expect(r.status).toBe(422);
    const r2 = await refusal(
      createFiche(ctxOf('chatou'), chatouId, {
        axeId: chatouAxe,
        title: 'Nouvelle',
        subActions: [{ id: chatouAxe, title: 'Même id que l’axe' }],
      }),
    );
    expect(r2.status).toBe(422);
  });

  it('through the API: the same sous-action trick is a 422 and Carrières’ fiche is untouched', async () => {
    const own = await createFiche(ctxOf('chatou'), chatouId, { axeId: chatouAxe, title: 'API' });
    const res = await api('chatou', 'PUT', `/api/v1/plan/fiches/${own.id}`, {
      axeId: chatouAxe,
      title: 'API',
      subActions: [{ id: victimId, title: 'Écrasée' }],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect((await findFiche(handle.db, victimId))!.fiche.title).toBe('Fiche de Carrières');
  });
});

describe('the creation form’s token', () => {
  it('a token that is a sous-action’s id (of any convention) is a French 422, not a 500', async () => {
    const sub = (await findFiche(handle.db, victimId))!.fiche.subActions[0]!.id;
    const res = await post('agent.hostile@chatou.test', `/conventions/${chatouId}/plan/fiches`, {
      axeId: chatouAxe,
      title: 'Fiche au jeton volé',
      submissionToken: sub,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.body).toContain('Ce formulaire a déjà servi');
    expect((await findPlan(handle.db, chatouId))!.fiches.map((f) => f.title)).not.toContain(
      'Fiche au jeton volé',
    );
  });
});

describe('what a pilot may not see, their save keeps', () => {
  it('a partner pilot’s save keeps the links to confidential fiches they cannot see', async () => {
    const world = await seedWorld(handle.db);
    const pilotActor = await makeUser(handle.db, 'pilote.hostile@chatou.test', world.caf78.id, ['caf_agent']);
    // A Caf agent reads confidential fiches; a partner of the convention does not. Use a partner.
    const { createOrganisation } = await import('../../src/use-cases/organisations/create-organisation.js');
    const { grantConventionAccess } = await import(
      '../../src/use-cases/organisations/grant-convention-access.js'
    );
    const association = await createOrganisation(system(handle.db), {
      kind: 'partner',
      name: 'Association des pilotes',
    });
    await grantConventionAccess(system(handle.db), {
      organisationId: association.id,
      conventionId: chatouId,
    });
    const partner = await makeUser(handle.db, 'partenaire.hostile@asso.test', association.id, ['partner']);
    expect(pilotActor.kind).toBe('user');
    const secret = await createFiche(ctxOf('chatou'), chatouId, {
      axeId: chatouAxe,
      title: 'Fiche confidentielle',
      confidential: true,
    });
    const led = await createFiche(ctxOf('chatou'), chatouId, {
      axeId: chatouAxe,
      title: 'Fiche pilotée par le partenaire',
      linkedFicheIds: [secret.id],
      pilots: [{ kind: 'account', userId: (partner as { userId: string }).userId }],
    });
    // The partner reads their fiche without the hidden link, and saves it as read.
    const { getFiche } = await import('../../src/use-cases/plan/get-fiche.js');
    const seen = await getFiche(as(handle.db, partner), led.id);
    expect(seen.fiche.linkedFicheIds).toEqual([]);
    await updateFiche(as(handle.db, partner), led.id, {
      fiche: { axeId: chatouAxe, title: 'Fiche pilotée, reprise', linkedFicheIds: [] },
      expectedVersion: seen.fiche.version,
    });
    const after = (await findFiche(handle.db, led.id))!.fiche;
    expect(after.title).toBe('Fiche pilotée, reprise');
    expect(after.linkedFicheIds).toEqual([secret.id]);
  });
});

describe('a deleted fiche leaves nothing behind', () => {
  it('the fiches linked to it lose the link and can be saved again', async () => {
    const gone = await createFiche(ctxOf('chatou'), chatouId, { axeId: chatouAxe, title: 'À supprimer' });
    const linking = await createFiche(ctxOf('chatou'), chatouId, {
      axeId: chatouAxe,
      title: 'Liée à celle qu’on supprime',
      linkedFicheIds: [gone.id],
    });
    await deleteFiche(ctxOf('chatou'), gone.id);
    const left = (await findFiche(handle.db, linking.id))!.fiche;
    expect(left.linkedFicheIds).toEqual([]);
    // Its own save, from what the page shows, goes through.
    await updateFiche(ctxOf('chatou'), linking.id, {
      fiche: { axeId: chatouAxe, title: 'Liée, enregistrée', linkedFicheIds: left.linkedFicheIds },
      expectedVersion: left.version,
    });
    // A bulk change of the linking fiche is not blocked either, and a later edit racing the delete is a 404.
    const r = await refusal(
      updateFiche(ctxOf('chatou'), gone.id, { fiche: { axeId: chatouAxe, title: 'Trop tard' } }),
    );
    expect(r.status).toBe(404);
  });
});

describe('amounts that make no sense', () => {
  it('a negative budget line or co-funder is refused in French (API and use case)', async () => {
    const line = (amount: string, coFunder = '0') => ({
      year: 2026,
      nature: 'operating',
      unit: 'fte',
      stage: 'planned',
      amount,
      coFunders: [{ name: 'Caf', amount: coFunder }],
    });
    for (const budget of [[line('-50')], [line('50', '-10')]]) {
      const res = await api('chatou', 'POST', `/api/v1/conventions/${chatouId}/plan/fiches`, {
        axeId: chatouAxe,
        title: 'ETP négatif',
        budget,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.body).toMatch(/négatif|positif/);
    }
    const over = await api('chatou', 'POST', `/api/v1/conventions/${chatouId}/plan/fiches`, {
      axeId: chatouAxe,
      title: 'Trop grand',
      budget: [line('1234567890123456')],
    });
    expect(over.statusCode, over.body).toBe(422);
    expect((await findPlan(handle.db, chatouId))!.fiches.map((f) => f.title)).not.toContain('ETP négatif');
  });
});

describe('a form sent twice writes once', () => {
  const agent = 'agent.hostile@chatou.test';

  it('the axe form: two sends of one page make one axe; another convention’s axe id as token is a 422', async () => {
    const page = await app.inject({
      method: 'GET',
      url: `/conventions/${chatouId}/plan/fiches`,
      headers: { cookie: (await session(agent)).cookie },
    });
    const token = /name="submissionToken" value="([^"]+)"/.exec(page.body)![1]!;
    const axes = async () => (await findPlan(handle.db, chatouId))!.axes.filter((a) => a.title === 'Doublon');
    const [a, b] = await Promise.all([
      post(agent, `/conventions/${chatouId}/plan/axes`, { title: 'Doublon', submissionToken: token }),
      post(agent, `/conventions/${chatouId}/plan/axes`, { title: 'Doublon', submissionToken: token }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect(await axes()).toHaveLength(1);
    const stolen = await post(agent, `/conventions/${chatouId}/plan/axes`, {
      title: 'Axe volé',
      submissionToken: carrieresAxe,
    });
    expect(stolen.statusCode, stolen.body).toBe(422);
    expect(stolen.body).toContain('Ce formulaire a déjà servi');
    const forged = await post(agent, `/conventions/${chatouId}/plan/axes`, {
      title: 'Axe forgé',
      submissionToken: '../x',
    });
    expect(forged.statusCode).toBe(422);
    const titles = (await findPlan(handle.db, chatouId))!.axes.map((x) => x.title);
    expect(titles).not.toContain('Axe volé');
    expect(titles).not.toContain('Axe forgé');
    const theirs = (await findPlan(handle.db, carrieresId))!.axes;
    expect(theirs.find((x) => x.id === carrieresAxe)?.title).toBe('Jeunesse');
    expect(theirs.map((x) => x.title)).not.toContain('Axe volé');
  });

  it('the note and comment forms: two sends make one note, one comment, one audit row each', async () => {
    const fiche = await createFiche(ctxOf('chatou'), chatouId, { axeId: chatouAxe, title: 'Notes' });
    const url = `/conventions/${chatouId}/plan/fiches/${fiche.id}`;
    const page = await app.inject({ method: 'GET', url, headers: { cookie: (await session(agent)).cookie } });
    const tokens = [...page.body.matchAll(/name="submissionToken" value="([^"]+)"/g)].map((m) => m[1]!);
    // The note form, the comment form, then the form that attaches a document.
    expect(tokens).toHaveLength(3);
    const [noteToken, commentToken] = tokens as [string, string, string];
    for (let i = 0; i < 2; i++) {
      expect(
        (await post(agent, `${url}/notes`, { text: 'Réunion', submissionToken: noteToken })).statusCode,
      ).toBe(303);
      expect(
        (await post(agent, `${url}/commentaires`, { text: 'Vu', submissionToken: commentToken })).statusCode,
      ).toBe(303);
    }
    const stored = (await findFiche(handle.db, fiche.id))!.fiche;
    expect(stored.notes).toHaveLength(1);
    expect(stored.version).toBe(2);
    const { listComments } = await import('../../src/db/repositories/plan.repository.js');
    expect(await listComments(handle.db, fiche.id)).toHaveLength(1);
    const { listAudit } = await import('../../src/db/repositories/audit.repository.js');
    const { rows } = await listAudit(handle.db, {
      entityType: 'plan_fiche',
      entityId: fiche.id,
      limit: 50,
      offset: 0,
    });
    expect(rows.map((r) => r.action).sort()).toEqual([
      'plan.fiche.comment',
      'plan.fiche.create',
      'plan.fiche.note',
    ]);
    // A comment token used on another fiche is refused, not a second comment there.
    const other = await createFiche(ctxOf('chatou'), chatouId, { axeId: chatouAxe, title: 'Autre' });
    const r = await refusal(commentFiche(ctxOf('chatou'), other.id, 'Recopié', commentToken));
    expect(r.status).toBe(422);
    expect(await listComments(handle.db, other.id)).toEqual([]);
    // Unused so far: a note added by the use case without a token still works.
    await addFicheNote(ctxOf('chatou'), other.id, { text: 'Sans jeton' });
  });
});

describe('ids mixed across conventions, hostile values: a French 4xx, never a 500', () => {
  it('pages, API and downloads answer 404/403/422 and write nothing', async () => {
    const agent = 'agent.hostile@chatou.test';
    const { cookie } = await session(agent);
    const own = await createFiche(ctxOf('chatou'), chatouId, { axeId: chatouAxe, title: 'Sondes' });
    const victim = (await findFiche(handle.db, victimId))!.fiche;
    const pages = [
      `/conventions/${chatouId}/plan/fiches/${victimId}`,
      `/conventions/${chatouId}/plan/fiches/${victimId}/modifier`,
      `/conventions/${chatouId}/plan/fiches/${victimId}/suppression`,
      `/conventions/${chatouId}/plan/fiches/${victim.subActions[0]!.id}`,
      `/conventions/${chatouId}/plan/fiches/%00`,
      `/conventions/${chatouId}/plan/indicateurs/nouveau?fiche=${victimId}`,
      `/conventions/${carrieresId}/plan/fiches`,
      `/api/v1/plan/fiches/${victimId}`,
    ];
    for (const url of pages) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect([400, 403, 404], `${url}: ${res.statusCode}`).toContain(res.statusCode);
    }
    const forms: [string, Record<string, string | string[]>][] = [
      [`/conventions/${chatouId}/plan/fiches/${victimId}`, { axeId: chatouAxe, title: 'Volée' }],
      [`/conventions/${chatouId}/plan/fiches/${victimId}/notes`, { text: 'Volée' }],
      [`/conventions/${chatouId}/plan/fiches/${victimId}/commentaires`, { text: 'Volée' }],
      [`/conventions/${chatouId}/plan/fiches/${victimId}/suppression`, {}],
      [`/conventions/${chatouId}/plan/fiches/lot`, { fiches: [own.id, victimId], status: 'done' }],
      [`/conventions/${chatouId}/plan/fiches/lot`, { fiches: [own.id], status: 'n’importe quoi' }],
      [`/conventions/${chatouId}/plan/axes/${carrieresAxe}`, { title: 'Renommé' }],
      [`/conventions/${chatouId}/plan/axes/${carrieresAxe}/suppression`, {}],
      [`/conventions/${chatouId}/plan/fiches/${own.id}/notes`, { text: 'x', date: '2026-02-30' }],
      [`/conventions/${chatouId}/plan/fiches/${own.id}/notes`, { text: 'x'.repeat(30_000) }],
      [`/conventions/${chatouId}/plan/fiches/${own.id}/notes`, { text: 'nul \u0000' }],
      [`/conventions/${chatouId}/plan/fiches/document`, { fiches: [victimId], format: 'odt' }],
      [`/conventions/${carrieresId}/plan/axes`, { title: 'Chez les autres' }],
    ];
    for (const [url, fields] of forms) {
      const res = await post(agent, url, fields);
      expect(
        [400, 403, 404, 409, 422],
        `${url} ${JSON.stringify(fields).slice(0, 80)}: ${res.statusCode}`,
      ).toContain(res.statusCode);
    }
    const bodies: unknown[] = [
      { axeId: chatouAxe, title: 'Date', startDate: '2026-02-30' },
      {
        axeId: chatouAxe,
        title: 'Année',
        budget: [
          { year: 99999, nature: 'operating', unit: 'eur', stage: 'planned', amount: '1', coFunders: [] },
        ],
      },
      { axeId: chatouAxe, title: 'x'.repeat(501) },
      { axeId: chatouAxe, title: 'Seul \ud800' },
      { axeId: chatouAxe, title: 'Nul', partners: ['a\u0000b'] },
      { axeId: carrieresAxe, title: 'Axe des autres' },
      { axeId: chatouAxe, title: 'Lien', linkedFicheIds: [victimId] },
      { axeId: chatouAxe, title: 'Objectif', objectiveIds: ['objectif-de-carrieres'] },
      {
        axeId: chatouAxe,
        title: 'Pilote',
        pilots: [{ kind: 'account', userId: (actors.carrieres as { userId: string }).userId }],
      },
      { axeId: chatouAxe, title: 'Profond', subActions: [{ title: 'a', description: { a: { b: {} } } }] },
    ];
    for (const body of bodies) {
      const res = await api('chatou', 'POST', `/api/v1/conventions/${chatouId}/plan/fiches`, body);
      expect([400, 422], `${JSON.stringify(body).slice(0, 120)}: ${res.body}`).toContain(res.statusCode);
    }
    // Another département's Caf does not see the plan at all.
    for (const url of [`/api/v1/conventions/${chatouId}/plan`, `/api/v1/plan/fiches/${own.id}`]) {
      expect((await api('caf95', 'GET', url)).statusCode).toBe(404);
    }
    expect(
      (await api('caf95', 'POST', `/api/v1/plan/fiches/${own.id}/comments`, { text: 'Hors département' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await api('caf95', 'POST', `/api/v1/conventions/${chatouId}/plan/validation`, {})).statusCode,
    ).toBe(404);
    const after = (await findFiche(handle.db, victimId))!.fiche;
    expect(after).toEqual(victim);
    const titles = (await findPlan(handle.db, chatouId))!.fiches.map((f) => f.title);
    for (const t of ['Date', 'Année', 'Axe des autres', 'Lien', 'Objectif', 'Pilote', 'Profond'])
      expect(titles).not.toContain(t);
  });
});

describe('the Caf’s validation sent twice', () => {
  it('two sends the same day write one validation and one audit row; a withdrawal of nothing writes none', async () => {
    const { validatePlan } = await import('../../src/use-cases/plan/validate-plan.js');
    const { listAudit } = await import('../../src/db/repositories/audit.repository.js');
    const actions = async () =>
      (await listAudit(handle.db, { entityType: 'plan', entityId: chatouId, limit: 100, offset: 0 })).rows
        .map((r) => r.action)
        .filter((a) => a.startsWith('plan.valid'));
    await Promise.all([validatePlan(ctxOf('caf78'), chatouId), validatePlan(ctxOf('caf78'), chatouId)]);
    expect(await actions()).toEqual(['plan.validate']);
    await validatePlan(ctxOf('caf78'), chatouId, 'withdraw');
    await validatePlan(ctxOf('caf78'), chatouId, 'withdraw');
    expect((await actions()).sort()).toEqual(['plan.validate', 'plan.validation_withdraw']);
    expect((await findPlan(handle.db, chatouId))!.validation).toBeNull();
  });
});
