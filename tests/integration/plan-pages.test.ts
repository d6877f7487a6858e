/**
 * The action plan's pages through HTTP (forms with their CSRF token, as a browser sends them): the
 * territory's agent makes an axe, a fiche with its budget and pilot, an indicator with its year
 * grid; a double submit makes one fiche; a refused form writes nothing and says why in French; a
 * pilot edits their fiche and gets a French 403 on the other; a stale save is a 409 showing the
 * other person's fiche with one's input kept; an axe that is not empty is not deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findPlan } from '../../src/db/repositories/plan.repository.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock, makeUser, seedWorld } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let conventionId: string;
let agent: string;
let pilot: string;
let base: string;

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

async function get(email: string, url: string) {
  const { cookie } = await session(email);
  return app.inject({ method: 'GET', url, headers: { cookie } });
}

const plan = async () => (await findPlan(handle.db, conventionId))!;

const ficheForm = (axeId: string, title: string, extra: Record<string, string> = {}) => ({
  axeId,
  title,
  status: 'in_progress',
  startDate: '2025-01-01',
  endDate: '2027-12-31',
  pilot_rows: '2',
  pilot_0: 'pilote.pages@chatou.test',
  pilot_1: '',
  budget_rows: '1',
  budget_0_year: '2025',
  budget_0_nature: 'operating',
  budget_0_unit: 'eur',
  budget_0_stage: 'planned',
  budget_0_amount: '12 000,50',
  budget_0_cofunder_rows: '1',
  budget_0_cofunder_0_name: 'Caf des Yvelines',
  budget_0_cofunder_0_amount: '6000',
  ...extra,
});

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  conventionId = (await listConventions(handle.db, { kind: 'all' })).find(
    (c) => c.territoryCode === '78146',
  )!.id;
  base = `/conventions/${conventionId}/plan`;
  agent = 'agent.pages@chatou.test';
  pilot = 'pilote.pages@chatou.test';
  await makeUser(handle.db, agent, world.chatou.id, ['territory_agent']);
  await makeUser(handle.db, pilot, world.caf78.id, ['caf_agent']);
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('the action plan’s pages', () => {
  let axeId: string;
  let ledId: string;
  let otherId: string;

  it('creates an axe, refuses a blank one in French without writing', async () => {
    const blank = await post(agent, `${base}/axes`, { title: '  ' });
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain('titre obligatoire');
    expect((await findPlan(handle.db, conventionId))?.axes ?? []).toEqual([]);
    const made = await post(agent, `${base}/axes`, { title: 'Petite enfance' });
    expect(made.statusCode).toBe(303);
    axeId = (await plan()).axes[0]!.id;
  });

  it('refuses a post without its CSRF token', async () => {
    const { cookie } = await session(agent);
    const res = await app.inject({
      method: 'POST',
      url: `${base}/axes`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'title=Sans+jeton',
    });
    expect(res.statusCode).toBe(403);
    expect((await plan()).axes).toHaveLength(1);
  });

  it('creates a fiche once from a form sent twice, with its budget in cents and its pilot account', async () => {
    const form = await get(agent, `${base}/fiches/nouvelle?axe=${axeId}`);
    expect(form.statusCode).toBe(200);
    const token = /name="submissionToken" value="([^"]+)"/.exec(form.body)![1]!;
    const fields = ficheForm(axeId, 'Passerelles', { submissionToken: token });
    const first = await post(agent, `${base}/fiches`, fields);
    expect(first.statusCode).toBe(303);
    const second = await post(agent, `${base}/fiches`, fields);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toContain('fait=deja-creee');
    const fiches = (await plan()).fiches;
    expect(fiches).toHaveLength(1);
    ledId = fiches[0]!.id;
    expect(fiches[0]!.budget[0]).toMatchObject({ amount: 1_200_050n, coFunders: [{ amount: 600_000n }] });
    expect(fiches[0]!.pilots).toMatchObject([{ kind: 'account', name: 'pilote.pages' }]);
    const page = await get(agent, `${base}/fiches/${ledId}`);
    expect(page.body).toContain('12\u202f000,50\u00a0€');
    expect(page.body).toContain('Création de la fiche');
  });

  it('keeps the input and adds a row with « Ajouter une ligne », writing nothing', async () => {
    const res = await post(agent, `${base}/fiches`, {
      ...ficheForm(axeId, 'Brouillon gardé'),
      ajouter: 'budget',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="Brouillon gardé"');
    expect(res.body).toContain('id="budget_0_amount" name="budget_0_amount" type="text" value="12 000,50"');
    expect(res.body).toContain('name="budget_3_year"');
    expect((await plan()).fiches).toHaveLength(1);
  });

  it('refuses a bad amount or an unknown pilot address in French, naming the field, writing nothing', async () => {
    const bad = await post(
      agent,
      `${base}/fiches`,
      ficheForm(axeId, 'Mauvais', { budget_0_amount: 'douze' }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#budget_0_amount"');
    expect(bad.body).toContain('Budget, ligne 1, montant : nombre attendu');
    const unknown = await post(
      agent,
      `${base}/fiches`,
      ficheForm(axeId, 'Inconnu', { pilot_0: 'personne@nulle.part' }),
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('aucun compte actif n’a l’adresse « personne@nulle.part »');
    expect((await plan()).fiches).toHaveLength(1);
  });

  it('creates a second fiche led by a named person, and an indicator with its grid of years', async () => {
    const res = await post(
      agent,
      `${base}/fiches`,
      ficheForm(axeId, 'Recensement', { pilot_0: 'Direction petite enfance' }),
    );
    expect(res.statusCode).toBe(303);
    otherId = (await plan()).fiches.find((f) => f.title === 'Recensement')!.id;
    const form = await get(agent, `${base}/indicateurs/nouveau?fiche=${ledId}`);
    expect(form.body).toContain('name="v_2028_target"');
    const grid: Record<string, string> = {};
    for (const y of [2025, 2026, 2027, 2028]) grid[`v_${y}_target`] = String(y - 2010);
    const saved = await post(agent, `${base}/indicateurs`, {
      ficheId: ledId,
      title: 'Familles accompagnées',
      unit: 'familles',
      ...grid,
      v_2025_result: '13',
      v_2026_result: '15,5',
    });
    expect(saved.statusCode).toBe(303);
    const indicator = (await plan()).indicators[0]!;
    expect(indicator.values).toHaveLength(6);
    expect(indicator.values.find((v) => v.year === 2026 && v.kind === 'result')!.value).toBe('15.5');
    const page = await get(agent, String(saved.headers.location));
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('<th scope="row"');
  });

  it('lets the pilot edit their fiche without offering its pilots, and answers 403 in French on the other', async () => {
    const form = await get(pilot, `${base}/fiches/${ledId}/modifier`);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('<legend>Pilotes</legend>');
    expect(form.body).not.toContain('name="confidential" value="1" ');
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const saved = await post(pilot, `${base}/fiches/${ledId}`, {
      ...ficheForm(axeId, 'Passerelles, par son pilote'),
      pilot_rows: '0',
      version,
    });
    expect(saved.statusCode).toBe(303);
    const led = (await plan()).fiches.find((f) => f.id === ledId)!;
    expect(led.title).toBe('Passerelles, par son pilote');
    expect(led.pilots).toHaveLength(1);
    for (const res of [
      await get(pilot, `${base}/fiches/${otherId}/modifier`),
      await post(pilot, `${base}/fiches/${otherId}`, ficheForm(axeId, 'Pris')),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Vous ne pilotez pas cette fiche action');
    }
    expect((await plan()).fiches.find((f) => f.id === otherId)!.title).toBe('Recensement');
  });

  it('answers a stale save with 409, the other person’s fiche and one’s own input kept', async () => {
    const stale = await post(agent, `${base}/fiches/${ledId}`, {
      ...ficheForm(axeId, 'Ma version'),
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('La fiche telle qu’elle est enregistrée');
    expect(stale.body).toContain('Passerelles, par son pilote');
    expect(stale.body).toContain('value="Ma version"');
    expect((await plan()).fiches.find((f) => f.id === ledId)!.title).toBe('Passerelles, par son pilote');
  });

  it('changes the status of the checked fiches at once, or none', async () => {
    const none = await post(agent, `${base}/fiches/lot`, {
      fiches: [ledId, '00000000-0000-0000-0000-000000000000'],
      status: 'done',
    });
    expect(none.statusCode).toBe(404);
    expect((await plan()).fiches.every((f) => f.status === 'in_progress')).toBe(true);
    const both = await post(agent, `${base}/fiches/lot`, { fiches: [ledId, otherId], status: 'done' });
    expect(both.statusCode).toBe(303);
    expect((await plan()).fiches.every((f) => f.status === 'done')).toBe(true);
  });

  it('filters and switches views by GET parameters', async () => {
    const late = await get(agent, `${base}/fiches?vue=statut&sans-indicateur=1`);
    expect(late.statusCode).toBe(200);
    expect(late.body).toContain('1 fiche sur 2');
    expect(late.body).toContain('Recensement');
    const timeline = await get(agent, `${base}/fiches?vue=calendrier`);
    expect(timeline.body).toContain('<svg');
  });

  it('refuses to delete an axe that holds fiches, in French; deletes a fiche after its confirmation', async () => {
    // The page offers no deletion of an axe that holds fiches; it says what to do first.
    const page = await get(agent, `${base}/fiches`);
    expect(page.body).not.toContain(`${base}/axes/${axeId}/suppression`);
    expect(page.body).toContain('déplacez ou supprimez d’abord ses fiches');
    const refused = await post(agent, `${base}/axes/${axeId}/suppression`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('contient encore 2 fiches');
    expect((await plan()).axes).toHaveLength(1);
    const confirm = await get(agent, `${base}/fiches/${otherId}/suppression`);
    expect(confirm.body).toContain('Supprimer définitivement');
    const pilotTries = await post(pilot, `${base}/fiches/${otherId}/suppression`, {});
    expect(pilotTries.statusCode).toBe(403);
    const gone = await post(agent, `${base}/fiches/${otherId}/suppression`, {});
    expect(gone.statusCode).toBe(303);
    expect((await plan()).fiches).toHaveLength(1);
    const missing = await get(agent, `${base}/fiches/${otherId}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Aucune fiche action ne correspond');
  });
});
