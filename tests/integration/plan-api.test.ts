/**
 * The plan's JSON API through the app (app.inject, API tokens): the plan with amounts as strings of
 * cents, fiches with ETag and If-Match (two saves from one read: one 200, one 409 carrying the
 * first's fiche), comments, the project guarded by its version with evidence taken from the
 * published diagnostic, the Caf's validation; every refusal a French 4xx, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findPlan } from '../../src/db/repositories/plan.repository.js';
import { createOrganisation } from '../../src/use-cases/organisations/create-organisation.js';
import { grantConventionAccess } from '../../src/use-cases/organisations/grant-convention-access.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock, makeUser, seedWorld, system } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let chatouId: string;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};

type Method = 'GET' | 'POST' | 'PUT';
function call(
  who: string,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens[who]}`, ...headers },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

/** A refusal: a 4xx with a French message, never a server error. */
function expectFrenchRefusal(res: { statusCode: number; body: string }, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  const { error } = JSON.parse(res.body) as { error: { code: string; message: string } };
  expect(error.message).not.toMatch(/\b(Invalid|Expected|Required|Unrecognized|Too big)\b/);
  expect(error.message).toMatch(/[éèàùâêîôûç’]| le | la | les | de /);
  return error as { code: string; message: string; details: unknown };
}

const budget = (year: number, euros: number) => ({
  year,
  nature: 'operating',
  unit: 'eur',
  stage: 'planned',
  amount: String(euros * 100),
  coFunders: [{ name: 'Caf des Yvelines', amount: String(euros * 50) }],
});

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  chatouId = (await listConventions(handle.db, { kind: 'all' })).find((c) => c.territoryCode === '78146')!.id;
  const association = await createOrganisation(system(handle.db), {
    kind: 'partner',
    name: 'Association Passerelles',
  });
  await grantConventionAccess(system(handle.db), { organisationId: association.id, conventionId: chatouId });
  const accounts: [string, string, string, 'territory_agent' | 'caf_agent' | 'partner'][] = [
    ['agent', 'agent.api@chatou.test', world.chatou.id, 'territory_agent'],
    ['colleague', 'collegue.api@chatou.test', world.chatou.id, 'territory_agent'],
    ['outsider', 'agent.api@carrieres.test', world.carrieres.id, 'territory_agent'],
    ['caf', 'conseillere.api@caf78.test', world.caf78.id, 'caf_agent'],
    ['pilot', 'pilote.api@passerelles.test', association.id, 'partner'],
  ];
  for (const [who, email, organisationId, role] of accounts) {
    const actor = await makeUser(handle.db, email, organisationId, [role]);
    userIds[who] = (actor as { userId: string }).userId;
    tokens[who] = (await createApiToken(system(handle.db), { email })).token;
  }
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('the plan’s API', () => {
  let axeId: string;
  let ledId: string;
  let otherId: string;

  it('is in the OpenAPI with its schemas', async () => {
    const doc = JSON.parse((await app.inject({ method: 'GET', url: '/api/docs/json' })).body);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/conventions/{id}/plan',
        '/api/v1/conventions/{id}/plan/project',
        '/api/v1/conventions/{id}/plan/fiches',
        '/api/v1/plan/fiches/{id}',
        '/api/v1/plan/fiches/{id}/comments',
        '/api/v1/conventions/{id}/plan/validation',
      ]),
    );
    const put = doc.paths['/api/v1/plan/fiches/{id}'].put;
    expect(JSON.stringify(put.requestBody)).toContain('evaluationCriteria');
  });

  it('creates fiches and answers amounts as strings of cents', async () => {
    // An axe through the use case's page is the other team's; the API writes fiches on an axe made here.
    const { saveAxe } = await import('../../src/use-cases/plan/save-axe.js');
    const { as } = await import('../support/fixtures.js');
    const { actorOf } = await import('../../src/use-cases/auth/authenticate.js');
    const { findUserByEmail } = await import('../../src/db/repositories/user.repository.js');
    const agent = actorOf((await findUserByEmail(handle.db, 'agent.api@chatou.test'))!);
    axeId = (await saveAxe(as(handle.db, agent), chatouId, { title: 'Petite enfance' })).id;

    const created = await call('agent', 'POST', `/api/v1/conventions/${chatouId}/plan/fiches`, {
      axeId,
      title: 'Poursuivre le projet Passerelles',
      status: 'in_progress',
      pilots: [{ kind: 'account', userId: userIds.pilot }],
      budget: [budget(2025, 12_000), budget(2026, 12_500)],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const fiche = JSON.parse(created.body);
    expect(fiche.budget[0]).toMatchObject({ amount: '1200000', coFunders: [{ amount: '600000' }] });
    ledId = fiche.id;
    const other = await call('agent', 'POST', `/api/v1/conventions/${chatouId}/plan/fiches`, {
      axeId,
      title: 'Recenser les besoins d’accueil',
    });
    expect(other.statusCode).toBe(201);
    otherId = JSON.parse(other.body).id;

    const plan = await call('agent', 'GET', `/api/v1/conventions/${chatouId}/plan`);
    expect(plan.statusCode).toBe(200);
    expect(plan.headers.etag).toMatch(/^"\d+"$/);
    const json = JSON.parse(plan.body);
    expect(json.fiches.map((f: { title: string }) => f.title)).toEqual([
      'Poursuivre le projet Passerelles',
      'Recenser les besoins d’accueil',
    ]);
    expect(json.fiches[0].budget[1].amount).toBe('1250000');
  });

  it('loses nothing when two saves of one fiche from the same read arrive at once', async () => {
    const read = await call('agent', 'GET', `/api/v1/plan/fiches/${otherId}`);
    expect(read.statusCode).toBe(200);
    const etag = read.headers.etag as string;
    const [a, b] = await Promise.all([
      call(
        'agent',
        'PUT',
        `/api/v1/plan/fiches/${otherId}`,
        { axeId, title: 'Recenser (version A)', budget: [budget(2026, 3_000)] },
        { 'if-match': etag },
      ),
      call(
        'colleague',
        'PUT',
        `/api/v1/plan/fiches/${otherId}`,
        { axeId, title: 'Recenser (version B)', budget: [budget(2026, 4_000)] },
        { 'if-match': etag },
      ),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = JSON.parse((a.statusCode === 200 ? a : b).body);
    const refused = expectFrenchRefusal(a.statusCode === 409 ? a : b, 409);
    expect(refused.code).toBe('PLAN_FICHE_STALE');
    expect(refused.message).toMatch(/Dernier enregistrement par (agent|collegue)\.api le /);
    expect(refused.details).toMatchObject({
      formVersion: 1,
      currentVersion: winner.version,
      current: { title: winner.title, budget: [{ amount: winner.budget[0].amount }] },
    });
    const stored = (await findPlan(handle.db, chatouId))!.fiches.find((f) => f.id === otherId)!;
    expect(stored.title).toBe(winner.title);
    // Saving again from the stale read is refused too; from the new ETag it goes through.
    const again = await call(
      'agent',
      'PUT',
      `/api/v1/plan/fiches/${otherId}`,
      { axeId, title: 'C' },
      { 'if-match': etag },
    );
    expect(again.statusCode).toBe(409);
    const fresh = await call(
      'agent',
      'PUT',
      `/api/v1/plan/fiches/${otherId}`,
      { axeId, title: 'Recenser les besoins d’accueil' },
      { 'if-match': `"${winner.version}"` },
    );
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe(`"${winner.version + 1}"`);
  });

  it('lets a pilot save the fiche they lead and refuses the other one', async () => {
    const led = await call('pilot', 'GET', `/api/v1/plan/fiches/${ledId}`);
    expect(JSON.parse(led.body)).toMatchObject({ mayEdit: true, byPilot: true });
    const saved = await call(
      'pilot',
      'PUT',
      `/api/v1/plan/fiches/${ledId}`,
      { axeId, title: 'Poursuivre le projet Passerelles', status: 'done' },
      { 'if-match': led.headers.etag as string },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(JSON.parse(saved.body).pilots).toHaveLength(1);
    const other = await call('pilot', 'PUT', `/api/v1/plan/fiches/${otherId}`, { axeId, title: 'Pris' });
    expect(expectFrenchRefusal(other, 403).code).toBe('FORBIDDEN');
    // A partner comments but does not create fiches.
    const comment = await call('pilot', 'POST', `/api/v1/plan/fiches/${otherId}/comments`, {
      text: 'Nous pouvons accueillir un atelier en mars.',
    });
    expect(comment.statusCode).toBe(201);
    expect(JSON.parse(comment.body).text).toBe('Nous pouvons accueillir un atelier en mars.');
    const read = JSON.parse((await call('agent', 'GET', `/api/v1/plan/fiches/${otherId}`)).body);
    expect(read.comments.map((c: { text: string }) => c.text)).toEqual([
      'Nous pouvons accueillir un atelier en mars.',
    ]);
    expectFrenchRefusal(
      await call('pilot', 'POST', `/api/v1/conventions/${chatouId}/plan/fiches`, { axeId, title: 'Y' }),
      403,
    );
  });

  it('saves the project with If-Match, evidence figures taken from the published diagnostic', async () => {
    const plan = await call('agent', 'GET', `/api/v1/conventions/${chatouId}/plan`);
    const etag = plan.headers.etag as string;
    const diagnostic = JSON.parse((await call('agent', 'GET', '/api/v1/territories/78146/diagnostic')).body);
    const row = diagnostic.sections
      .flatMap((s: { rows: { id: string; value: number | null }[] }) => s.rows)
      .find((r: { value: number | null }) => r.value !== null);
    const project = {
      needs: [
        {
          id: 'n1',
          title: 'Places d’accueil',
          description: 'Listes d’attente.',
          evidence: [{ indicatorId: row.id, label: 'Inventé', value: '999 999', year: 1999 }],
          source: 'Diagnostic',
        },
      ],
      objectives: [{ id: 'o1', mission: 'conciliation', title: 'Développer l’accueil', needIds: ['n1'] }],
      cafPriorities: [
        { id: 'p1', text: 'Le développement de l’offre d’accueil périscolaire pour les 3 à 10 ans' },
      ],
      localActions: [{ id: 'a1', domain: 'early_childhood', text: 'Passerelles' }],
      domainResources: [{ domain: 'early_childhood', structures: ['AVIP Petibonum'], partners: ['PMI'] }],
    };
    const saved = await call('agent', 'PUT', `/api/v1/conventions/${chatouId}/plan/project`, project, {
      'if-match': etag,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const evidence = JSON.parse(saved.body).project.needs[0].evidence[0];
    expect(evidence.indicatorId).toBe(row.id);
    expect(evidence.value).not.toBe('999 999');
    expect(evidence.label).not.toBe('Inventé');
    expect(saved.headers.etag).not.toBe(etag);
    // The same If-Match again: 409 with the project as saved.
    const stale = expectFrenchRefusal(
      await call('colleague', 'PUT', `/api/v1/conventions/${chatouId}/plan/project`, project, {
        'if-match': etag,
      }),
      409,
    );
    expect(stale).toMatchObject({
      code: 'PLAN_STALE',
      details: { current: { needs: [{ title: 'Places d’accueil' }] } },
    });
    // A row the diagnostic does not publish.
    const unknown = expectFrenchRefusal(
      await call('agent', 'PUT', `/api/v1/conventions/${chatouId}/plan/project`, {
        ...project,
        needs: [{ ...project.needs[0], evidence: [{ indicatorId: 'inexistant' }] }],
      }),
      422,
    );
    expect(JSON.stringify(unknown.details)).toContain('ne figure pas dans le diagnostic publié');
  });

  it('lets only the Caf validate, with the date and author', async () => {
    expectFrenchRefusal(
      await call('agent', 'POST', `/api/v1/conventions/${chatouId}/plan/validation`, {}),
      403,
    );
    const ok = await call('caf', 'POST', `/api/v1/conventions/${chatouId}/plan/validation`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(JSON.parse(ok.body).validation).toMatchObject({ date: '2026-11-28', byName: 'conseillere.api' });
    const withdrawn = await call('caf', 'POST', `/api/v1/conventions/${chatouId}/plan/validation`, {
      decision: 'withdraw',
    });
    expect(JSON.parse(withdrawn.body).validation).toBeNull();
  });

  it('answers every bad request with a French 4xx and changes nothing', async () => {
    const before = await findPlan(handle.db, chatouId);
    const fiche = `/api/v1/plan/fiches/${otherId}`;
    const cases: [string, Promise<{ statusCode: number; body: string }>, number][] = [
      ['NUL byte', call('agent', 'PUT', fiche, { axeId, title: 'a\u0000b' }), 400],
      ['huge title', call('agent', 'PUT', fiche, { axeId, title: 'x'.repeat(100_000) }), 422],
      [
        'huge body list',
        call('agent', 'PUT', fiche, { axeId, title: 'T', partners: Array(5000).fill('p') }),
        422,
      ],
      [
        'bad amount',
        call('agent', 'PUT', fiche, { axeId, title: 'T', budget: [{ ...budget(2026, 1), amount: '12,5' }] }),
        422,
      ],
      ['unknown field', call('agent', 'PUT', fiche, { axeId, title: 'T', montant: 3 }), 422],
      ['not an object', call('agent', 'PUT', fiche, [1, 2]), 422],
      ['wrong type', call('agent', 'PUT', fiche, { axeId, title: 12 }), 422],
      ['bad If-Match', call('agent', 'PUT', fiche, { axeId, title: 'T' }, { 'if-match': 'hier' }), 400],
      [
        'malformed JSON',
        call('agent', 'PUT', fiche, '{"title":', { 'content-type': 'application/json' }),
        400,
      ],
      ['wrong fiche id', call('agent', 'GET', '/api/v1/plan/fiches/abc'), 404],
      ['unknown fiche id', call('agent', 'GET', `/api/v1/plan/fiches/${crypto.randomUUID()}`), 404],
      ['wrong convention id', call('agent', 'GET', '/api/v1/conventions/xyz/plan'), 404],
      ['another territory’s plan', call('outsider', 'GET', `/api/v1/conventions/${chatouId}/plan`), 404],
      ['another territory’s fiche', call('outsider', 'PUT', fiche, { axeId, title: 'T' }), 404],
      [
        'another territory’s project',
        call('outsider', 'PUT', `/api/v1/conventions/${chatouId}/plan/project`, {
          needs: [],
          objectives: [],
          cafPriorities: [],
          localActions: [],
          domainResources: [],
        }),
        404,
      ],
      [
        'unknown axe',
        call('agent', 'POST', `/api/v1/conventions/${chatouId}/plan/fiches`, { axeId: 'x', title: 'T' }),
        422,
      ],
      ['empty comment', call('agent', 'POST', `${fiche}/comments`, { text: '  ' }), 422],
      [
        'bad decision',
        call('caf', 'POST', `/api/v1/conventions/${chatouId}/plan/validation`, { decision: 'oui' }),
        422,
      ],
      [
        'unknown mission',
        call('agent', 'PUT', `/api/v1/conventions/${chatouId}/plan/project`, {
          needs: [],
          objectives: [{ id: 'o', mission: 'autre', title: 'T', needIds: [] }],
          cafPriorities: [],
          localActions: [],
          domainResources: [],
        }),
        422,
      ],
      [
        'pilot unknown',
        call('agent', 'PUT', fiche, {
          axeId,
          title: 'T',
          pilots: [{ kind: 'account', userId: userIds.outsider }],
        }),
        422,
      ],
    ];
    for (const [name, request, status] of cases) {
      const res = await request;
      expect(res.statusCode, `${name}: ${res.body.slice(0, 300)}`).toBe(status);
      expectFrenchRefusal(res, status);
    }
    expect(await findPlan(handle.db, chatouId)).toEqual(before);
  });
});
