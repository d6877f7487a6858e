/**
 * The project pages of the plan and the Caf's validation, through the app (app.inject): needs cite
 * rows of the published diagnostic with their figures as published, objectives sit under the Caf's
 * missions, engagements by domain; « Ajouter une ligne » keeps what was typed; a stale save is a 409
 * showing the version saved in between and keeping the input; only Caf agents validate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findPlan } from '../../src/db/repositories/plan.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { actorOf } from '../../src/use-cases/auth/authenticate.js';
import { createOrganisation } from '../../src/use-cases/organisations/create-organisation.js';
import { grantConventionAccess } from '../../src/use-cases/organisations/grant-convention-access.js';
import { createFiche } from '../../src/use-cases/plan/create-fiche.js';
import { saveAxe } from '../../src/use-cases/plan/save-axe.js';
import { type App, buildApp } from '../../src/web/app.js';
import { as, clock, makeUser, seedWorld, system } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let chatouId: string;
let carrieresId: string;
const sessions: Record<string, { cookie: string; csrf: string }> = {};

async function session(email: string) {
  const cookie = await loginCookies(app, email);
  const home = await app.inject({ method: 'GET', url: '/conventions', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
  sessions[email] = { cookie, csrf };
}

const get = (who: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: sessions[who]!.cookie } });

function post(who: string, url: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  body.append('_csrf', sessions[who]!.csrf);
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: sessions[who]!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
const decode = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<');

const AGENT = 'agent.projet@chatou.test';
const COLLEAGUE = 'collegue.projet@chatou.test';
const CAF = 'conseillere.projet@caf78.test';
const PARTNER = 'partenaire.projet@passerelles.test';
const OUTSIDER = 'agent.projet@carrieres.test';

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  const conventions = await listConventions(handle.db, { kind: 'all' });
  chatouId = conventions.find((c) => c.territoryCode === '78146')!.id;
  carrieresId = conventions.find((c) => c.territoryCode === '78124')!.id;
  await makeUser(handle.db, AGENT, world.chatou.id, ['territory_agent']);
  await makeUser(handle.db, COLLEAGUE, world.chatou.id, ['territory_agent']);
  await makeUser(handle.db, OUTSIDER, world.carrieres.id, ['territory_agent']);
  await makeUser(handle.db, CAF, world.caf78.id, ['caf_agent']);
  const association = await createOrganisation(system(handle.db), {
    kind: 'partner',
    name: 'Association Passerelles',
  });
  await grantConventionAccess(system(handle.db), { organisationId: association.id, conventionId: chatouId });
  await makeUser(handle.db, PARTNER, association.id, ['partner']);
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  await app.ready();
  for (const email of [AGENT, COLLEAGUE, CAF, PARTNER, OUTSIDER]) await session(email);
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('the needs of the territory', () => {
  let option: { id: string; text: string };

  it('offers the published diagnostic’s rows and keeps the input when a line is added', async () => {
    const page = await get(AGENT, `/conventions/${chatouId}/plan/projet/besoins`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Modifier les besoins du territoire');
    // Inside the workspace frame, under the plan's tab.
    expect(page.body).toContain('Convention territoriale globale — Chatou');
    const first = /<option value="([^"]+)"[^>]*>([^<]+)<\/option>/.exec(page.body);
    expect(first, 'the published diagnostic of Chatou offers rows').not.toBeNull();
    option = { id: first![1]!, text: decode(first![2]!) };

    const added = await post(AGENT, `/conventions/${chatouId}/plan/projet/besoins`, {
      version: versionOf(page.body),
      rows: '1',
      n0_id: '',
      n0_title: 'Manque de places d’accueil du jeune enfant',
      n0_description: 'Listes d’attente dans les deux crèches.',
      n0_source: 'Commission d’attribution',
      n0_evidence: option.id,
      action: 'ajouter',
    });
    expect(added.statusCode).toBe(200);
    const html = decode(added.body);
    expect(html).toContain('value="Manque de places d’accueil du jeune enfant"');
    expect(html).toContain('Listes d’attente dans les deux crèches.');
    expect(html).toMatch(new RegExp(`<option value="${option.id}" selected`));
    expect(html).toContain('name="n1_title"');
    expect(html).toContain('name="rows" value="2"');
    // Nothing saved by adding a line.
    expect((await findPlan(handle.db, chatouId))?.project.needs ?? []).toEqual([]);
  });

  it('stores the cited rows with their figures as published, whatever the client sends', async () => {
    const page = await get(AGENT, `/conventions/${chatouId}/plan/projet/besoins`);
    const saved = await post(AGENT, `/conventions/${chatouId}/plan/projet/besoins`, {
      version: versionOf(page.body),
      rows: '2',
      n0_title: 'Manque de places d’accueil du jeune enfant',
      n0_description: 'Listes d’attente dans les deux crèches.',
      n0_source: 'Commission d’attribution',
      n0_evidence: option.id,
      n1_title: '',
      action: 'enregistrer',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/conventions/${chatouId}/plan/projet?fait=besoins`);
    const need = (await findPlan(handle.db, chatouId))!.project.needs[0]!;
    expect(need.title).toBe('Manque de places d’accueil du jeune enfant');
    expect(need.evidence).toHaveLength(1);
    expect(need.evidence[0]!.indicatorId).toBe(option.id);
    // The option reads « label — value (year) »: what is stored is what the page offered.
    expect(option.text.startsWith(`${need.evidence[0]!.label} — ${need.evidence[0]!.value}`)).toBe(true);
    const shown = await get(AGENT, `/conventions/${chatouId}/plan/projet?fait=besoins`);
    expect(shown.statusCode).toBe(200);
    expect(decode(shown.body)).toContain('Besoins du territoire enregistrés.');
    expect(decode(shown.body)).toContain(need.evidence[0]!.label);
  });

  it('refuses a need without a title in French and changes nothing', async () => {
    const before = await findPlan(handle.db, chatouId);
    const page = await get(AGENT, `/conventions/${chatouId}/plan/projet/besoins`);
    const res = await post(AGENT, `/conventions/${chatouId}/plan/projet/besoins`, {
      version: versionOf(page.body),
      rows: '2',
      n0_id: before!.project.needs[0]!.id,
      n0_title: before!.project.needs[0]!.title,
      n0_evidence: option.id,
      n1_title: ' ',
      n1_description: 'Un constat sans titre',
      action: 'enregistrer',
    });
    expect(res.statusCode).toBe(422);
    const html = decode(res.body);
    expect(html).toContain('Besoin 2 : le titre est obligatoire.');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Un constat sans titre');
    expect(await findPlan(handle.db, chatouId)).toEqual(before);
  });

  it('answers 409 to a stale form, showing the other person’s version and keeping the input', async () => {
    const mine = await get(AGENT, `/conventions/${chatouId}/plan/projet/besoins`);
    const theirs = await get(COLLEAGUE, `/conventions/${chatouId}/plan/projet/besoins`);
    const id = (await findPlan(handle.db, chatouId))!.project.needs[0]!.id;
    const first = await post(COLLEAGUE, `/conventions/${chatouId}/plan/projet/besoins`, {
      version: versionOf(theirs.body),
      rows: '1',
      n0_id: id,
      n0_title: 'Places d’accueil (version de la collègue)',
      n0_evidence: option.id,
      action: 'enregistrer',
    });
    expect(first.statusCode).toBe(303);
    const second = await post(AGENT, `/conventions/${chatouId}/plan/projet/besoins`, {
      version: versionOf(mine.body),
      rows: '1',
      n0_id: id,
      n0_title: 'Places d’accueil (ma version)',
      n0_evidence: option.id,
      action: 'enregistrer',
    });
    expect(second.statusCode).toBe(409);
    const html = decode(second.body);
    expect(html).toContain('Le projet de territoire a été modifié par quelqu’un d’autre');
    expect(html).toContain('Dernier enregistrement par collegue.projet');
    expect(html).toContain('La version enregistrée entre-temps');
    expect(html).toContain('Places d’accueil (version de la collègue)');
    expect(html).toContain('value="Places d’accueil (ma version)"');
    // The form now carries the current version: saving again replaces it knowingly.
    expect(Number(versionOf(html))).toBeGreaterThan(Number(versionOf(mine.body)));
    expect((await findPlan(handle.db, chatouId))!.project.needs[0]!.title).toBe(
      'Places d’accueil (version de la collègue)',
    );
  });

  it('refuses hostile input in French, without a server error, and changes nothing', async () => {
    const before = await findPlan(handle.db, chatouId);
    const page = await get(AGENT, `/conventions/${chatouId}/plan/projet/besoins`);
    const version = versionOf(page.body);
    const url = `/conventions/${chatouId}/plan/projet/besoins`;
    const nul = await post(AGENT, url, { version, rows: '1', n0_title: 'a\u0000b', action: 'enregistrer' });
    expect(nul.statusCode).toBe(400);
    expect(decode(nul.body)).toContain('caractère interdit');
    const huge = await post(AGENT, url, {
      version,
      rows: '1',
      n0_title: 'x'.repeat(50_000),
      action: 'enregistrer',
    });
    expect(huge.statusCode).toBe(422);
    expect(decode(huge.body)).toContain('Besoins, ligne 1, Titre : trop long ou trop grand');
    const forged = await post(AGENT, url, {
      version,
      rows: '1',
      n0_title: 'Un besoin',
      n0_evidence: 'inexistant',
      action: 'enregistrer',
    });
    expect(forged.statusCode).toBe(422);
    expect(decode(forged.body)).toContain('la ligne « inexistant » ne figure pas dans le diagnostic publié');
    const many = await post(AGENT, url, { version, rows: '999999999', action: 'ajouter' });
    expect(many.statusCode).toBe(200);
    expect((many.body.match(/name="n\d+_title"/g) ?? []).length).toBe(201);
    const badMission = await post(AGENT, `/conventions/${chatouId}/plan/projet/objectifs`, {
      version,
      rows: '1',
      o0_mission: 'autre',
      o0_title: 'Objectif',
      action: 'enregistrer',
    });
    expect(badMission.statusCode).toBe(422);
    expect(decode(badMission.body)).toContain('Objectif 1 : choisissez une des quatre missions de la Caf.');
    // A post that is not this form's (no row count) would empty the section: it is refused.
    const bare = await post(AGENT, url, { version, action: 'enregistrer' });
    expect(bare.statusCode).toBe(400);
    expect(decode(bare.body)).toContain('Le formulaire envoyé est incomplet');
    const wrongId = await get(AGENT, '/conventions/pas-un-identifiant/plan/projet');
    expect(wrongId.statusCode).toBe(404);
    expect(await findPlan(handle.db, chatouId)).toEqual(before);
  });

  it('is not offered to partners, and does not exist for another territory', async () => {
    expect((await get(PARTNER, `/conventions/${chatouId}/plan/projet`)).statusCode).toBe(200);
    expect((await get(PARTNER, `/conventions/${chatouId}/plan/projet/besoins`)).statusCode).toBe(403);
    expect((await get(OUTSIDER, `/conventions/${chatouId}/plan/projet`)).statusCode).toBe(404);
    const refused = await post(OUTSIDER, `/conventions/${chatouId}/plan/projet/besoins`, {
      rows: '1',
      n0_title: 'Intrus',
      action: 'enregistrer',
    });
    expect(refused.statusCode).toBe(404);
    expect((await get(OUTSIDER, `/conventions/${carrieresId}/plan/projet/besoins`)).statusCode).toBe(200);
  });
});

describe('the objectives and the engagements', () => {
  it('groups objectives under the Caf’s missions, each linked to the needs it answers', async () => {
    const needId = (await findPlan(handle.db, chatouId))!.project.needs[0]!.id;
    const page = await get(AGENT, `/conventions/${chatouId}/plan/projet/objectifs`);
    expect(page.statusCode).toBe(200);
    expect(decode(page.body)).toContain('Concilier vie familiale, vie professionnelle et vie sociale');
    const added = await post(AGENT, `/conventions/${chatouId}/plan/projet/objectifs`, {
      version: versionOf(page.body),
      rows: '0',
      action: 'ajouter:parentality',
    });
    expect(added.statusCode).toBe(200);
    expect(added.body).toMatch(/<option value="parentality" selected/);
    const saved = await post(AGENT, `/conventions/${chatouId}/plan/projet/objectifs`, {
      version: versionOf(page.body),
      rows: '2',
      o0_mission: 'conciliation',
      o0_title: 'Développer l’offre d’accueil du jeune enfant',
      o0_needs: needId,
      o1_mission: 'parentality',
      o1_title: 'Renforcer le soutien à la parentalité',
      action: 'enregistrer',
    });
    expect(saved.statusCode).toBe(303);
    const { objectives } = (await findPlan(handle.db, chatouId))!.project;
    expect(objectives.map((o) => [o.mission, o.title, o.needIds])).toEqual([
      ['conciliation', 'Développer l’offre d’accueil du jeune enfant', [needId]],
      ['parentality', 'Renforcer le soutien à la parentalité', []],
    ]);
    const shown = decode((await get(AGENT, `/conventions/${chatouId}/plan/projet`)).body);
    expect(shown).toContain('répond à : Places d’accueil (version de la collègue)');
    // A need still answered by an objective is not removed by surprise.
    const needs = await get(AGENT, `/conventions/${chatouId}/plan/projet/besoins`);
    const removed = await post(AGENT, `/conventions/${chatouId}/plan/projet/besoins`, {
      version: versionOf(needs.body),
      rows: '1',
      n0_id: needId,
      n0_title: 'Places',
      n0_remove: '1',
      action: 'enregistrer',
    });
    expect(removed.statusCode).toBe(422);
    expect(decode(removed.body)).toContain(
      'est lié à l’objectif « Développer l’offre d’accueil du jeune enfant » : retirez d’abord ce lien',
    );
  });

  it('writes the Caf’s priorities and the local authority’s actions by domain with structures and partners', async () => {
    const page = await get(AGENT, `/conventions/${chatouId}/plan/projet/engagements`);
    expect(page.statusCode).toBe(200);
    const added = await post(AGENT, `/conventions/${chatouId}/plan/projet/engagements`, {
      version: versionOf(page.body),
      priorities: '1',
      p0_text: 'Le développement de l’offre d’accueil périscolaire pour les 3 à 10 ans',
      actions_early_childhood: '0',
      s_early_childhood: 'Passerelles',
      action: 'ajouter:early_childhood',
    });
    expect(added.statusCode).toBe(200);
    expect(decode(added.body)).toContain(
      'Le développement de l’offre d’accueil périscolaire pour les 3 à 10 ans',
    );
    expect(added.body).toContain('name="a_early_childhood_0_text"');
    const saved = await post(AGENT, `/conventions/${chatouId}/plan/projet/engagements`, {
      version: versionOf(page.body),
      priorities: '1',
      p0_text: 'Le développement de l’offre d’accueil périscolaire pour les 3 à 10 ans',
      actions_early_childhood: '1',
      a_early_childhood_0_text: 'Poursuivre le projet Passerelles',
      s_early_childhood: 'Passerelles\r\nAVIP Petibonum\r\n',
      r_early_childhood: 'PMI',
      action: 'enregistrer',
    });
    expect(saved.statusCode).toBe(303);
    const { project } = (await findPlan(handle.db, chatouId))!;
    expect(project.cafPriorities.map((p) => p.text)).toEqual([
      'Le développement de l’offre d’accueil périscolaire pour les 3 à 10 ans',
    ]);
    expect(project.localActions).toMatchObject([
      { domain: 'early_childhood', text: 'Poursuivre le projet Passerelles' },
    ]);
    expect(project.domainResources).toEqual([
      { domain: 'early_childhood', structures: ['Passerelles', 'AVIP Petibonum'], partners: ['PMI'] },
    ]);
    // The other sections are untouched.
    expect(project.objectives).toHaveLength(2);
    const shown = decode((await get(PARTNER, `/conventions/${chatouId}/plan/projet`)).body);
    expect(shown).toContain('Structures</strong> : Passerelles, AVIP Petibonum');
  });
});

describe('the Caf’s validation', () => {
  it('is refused to the commune, and asks the Caf for a confirmation and a plan with fiches', async () => {
    expect((await get(AGENT, `/conventions/${chatouId}/plan/validation`)).statusCode).toBe(403);
    expect(
      (
        await post(AGENT, `/conventions/${chatouId}/plan/validation`, {
          decision: 'validate',
          confirmation: '1',
        })
      ).statusCode,
    ).toBe(403);
    const page = await get(CAF, `/conventions/${chatouId}/plan/validation`);
    expect(page.statusCode).toBe(200);
    expect(decode(page.body)).toContain('Je confirme la validation du plan d’actions');
    // Without the confirmation nothing happens.
    const unconfirmed = await post(CAF, `/conventions/${chatouId}/plan/validation`, { decision: 'validate' });
    expect(unconfirmed.statusCode).toBe(400);
    expect(decode(unconfirmed.body)).toContain('Cochez « Je confirme la validation du plan d’actions »');
    // A plan without a fiche is not validated.
    const empty = await post(CAF, `/conventions/${chatouId}/plan/validation`, {
      decision: 'validate',
      confirmation: '1',
    });
    expect(empty.statusCode).toBe(422);
    expect(decode(empty.body)).toContain('ne contient aucune fiche action');
    expect((await findPlan(handle.db, chatouId))!.validation).toBeNull();
  });

  it('records the date and author, shows them on the plan, and is withdrawn', async () => {
    const agent = actorOf((await findUserByEmail(handle.db, AGENT))!);
    const axe = await saveAxe(as(handle.db, agent), chatouId, { title: 'Petite enfance' });
    await createFiche(as(handle.db, agent), chatouId, { axeId: axe.id, title: 'Poursuivre Passerelles' });
    const done = await post(CAF, `/conventions/${chatouId}/plan/validation`, {
      decision: 'validate',
      confirmation: '1',
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/conventions/${chatouId}/plan/projet?fait=validation`);
    expect((await findPlan(handle.db, chatouId))!.validation).toMatchObject({ date: '2026-11-28' });
    for (const url of [`/conventions/${chatouId}/plan/projet`, `/conventions/${chatouId}/plan`]) {
      const html = decode((await get(AGENT, url)).body).replaceAll('\u00a0', ' ');
      expect(html).toMatch(/Plan validé par la Caf<\/strong> le 28 novembre 2026 par conseillere\.projet/);
      // The commune sees the validation but is not offered to give or withdraw it.
      expect(html).not.toContain('Retirer la validation');
    }
    const page = decode((await get(CAF, `/conventions/${chatouId}/plan/validation`)).body);
    expect(page).toContain('Je confirme le retrait de la validation');
    const withdrawn = await post(CAF, `/conventions/${chatouId}/plan/validation`, {
      decision: 'withdraw',
      confirmation: '1',
    });
    expect(withdrawn.statusCode).toBe(303);
    expect((await findPlan(handle.db, chatouId))!.validation).toBeNull();
    expect(decode((await get(CAF, `/conventions/${chatouId}/plan/projet?fait=retrait`)).body)).toContain(
      'La validation du plan d’actions est retirée.',
    );
  });
});
