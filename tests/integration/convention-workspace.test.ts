/**
 * The workspace of a convention over HTTP: a summary page (status, what is missing, next deadlines,
 * parties, latest changes) with tabs to one page per part; each edit form on its own page, coming
 * back to the page it belongs to with a French confirmation, or showing the form again with the
 * French error and what was typed, having changed nothing; a pending mise en demeure with its
 * deadline in the header of every workspace page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { findConvention, listConventions } from '../../src/db/repositories/convention.repository.js';
import { ensurePlan, insertAxes } from '../../src/db/repositories/plan.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { type Clock, fixedClock } from '../../src/domain/shared/dates.js';
import { attachDeliberation } from '../../src/use-cases/conventions/attach-deliberation.js';
import { recordSignature } from '../../src/use-cases/conventions/record-signature.js';
import { sendFormalNotice } from '../../src/use-cases/conventions/send-formal-notice.js';
import { submitConvention } from '../../src/use-cases/conventions/submit-convention.js';
import { type App, buildApp } from '../../src/web/app.js';
import { makeUser, seedWorld } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof seedWorld>>;
let app: App;
let cafAgent: Actor;
let carrieresAgent: Actor;
let id: string;
let cookie: string;

const at = (date: string, actor: Actor) => ({ db: handle.db, clock: fixedClock(date) as Clock, actor });
const stateOf = async () => (await findConvention(handle.db, id))!.convention;
/** A page, its non-breaking spaces (dates, French punctuation) read as spaces. */
const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  return Object.assign(res, { body: res.body.replace(/[\u00a0\u202f]/g, ' ') });
};
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;

async function post(url: string, fields: Record<string, string>, from: string) {
  const page = await get(from);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrfOf(page.body) }).toString(),
  });
}

/** One article or annex of the text page, from its heading to the next section. */
function sectionOf(body: string, id: string) {
  const start = body.indexOf(`<section class="article" aria-labelledby="${id}">`);
  expect(start, id).toBeGreaterThan(-1);
  const end = body.indexOf('<section class="article"', start + 1);
  return body.slice(start, end === -1 ? undefined : end);
}

/** One article of the generated HTML document. */
function documentArticle(body: string, n: number) {
  return body.slice(body.indexOf(`id="article-${n}"`), body.indexOf(`id="article-${n + 1}"`));
}

/** The tab links of the workspace's navigation, with the current one. */
function tabsOf(body: string) {
  const nav = /<nav class="workspace-tabs" aria-label="Parties de la convention">([\s\S]*?)<\/nav>/.exec(
    body,
  );
  expect(nav).not.toBeNull();
  const links = [...nav![1]!.matchAll(/<a href="([^"]+)"( aria-current="(\w+)")?>([^<]+)<\/a>/g)];
  return {
    labels: links.map((l) => l[4]),
    current: links.filter((l) => l[3]).map((l) => `${l[4]}:${l[3]}`),
  };
}

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  world = await seedWorld(handle.db);
  cafAgent = await makeUser(handle.db, 'agent.caf@test.fr', world.caf78.id, ['caf_agent']);
  carrieresAgent = await makeUser(handle.db, 'agent.carrieres@test.fr', world.carrieres.id, [
    'territory_agent',
  ]);
  id = (await listConventions(handle.db, { kind: 'all' })).find((c) => c.territoryCode === '78124')!.id;
  app = await buildApp({ db: handle.db, clock: fixedClock('2024-11-20'), driver: handle.driver });
  cookie = await loginCookies(app, 'agent.caf@test.fr');
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('the workspace of a draft', () => {
  it('opens on a summary: status, what is missing, deadlines, parties, latest changes, and the tabs', async () => {
    const res = await get(`/conventions/${id}`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<h1>Convention territoriale globale — Carrières-sur-Seine</h1>');
    expect(body).toMatch(
      /État au 20 novembre 2024 : <span class="status status-draft">En préparation<\/span>/,
    );
    expect(body).toContain('Ce qui manque');
    expect(body).toContain('La délibération de l’assemblée délibérante n’est pas jointe');
    expect(body).toContain(`href="/conventions/${id}/documents#deliberation">Compléter</a>`);
    expect(body).toContain('Prochaines échéances');
    expect(body).toContain('Parties et signataires');
    expect(body).toContain('Arnaud de BOURROUSSE');
    expect(body).toMatch(/<th scope="row">Projet de convention créé<\/th>/);
    expect(tabsOf(body)).toEqual({
      labels: ['Synthèse', 'Texte et annexes', 'Documents et versions', 'Diagnostic', 'Plan d’actions'],
      current: ['Synthèse:page'],
    });
    // The summary holds no edit form of the text any more.
    expect(body).not.toContain('<textarea');
  });

  it('shows the text on its own tab, each article linking to its edit page', async () => {
    const res = await get(`/conventions/${id}/texte`);
    expect(res.statusCode).toBe(200);
    expect(tabsOf(res.body).current).toEqual(['Texte et annexes:page']);
    expect(res.body).toContain(`href="/conventions/${id}/articles/object/modifier">Modifier l’article 1</a>`);
    expect(res.body).toContain(
      `href="/conventions/${id}/annexes/facilities/modifier">Modifier l’annexe 3</a>`,
    );
    expect(res.body).not.toContain('/annexes/deliberation/modifier');
  });

  it('shows an article the plan writes as the document prints it, saying so and linking to the project', async () => {
    // A project holding the Caf's priorities only: article 2 is written from it, 3 and 4 are not.
    await handle.db.deleteFrom('plans').where('convention_id', '=', id).execute();
    await ensurePlan(
      handle.db,
      id,
      {
        needs: [],
        objectives: [],
        cafPriorities: [{ id: 'p-1', text: 'L’ouverture d’une crèche à horaires atypiques' }],
        localActions: [],
        domainResources: [],
      },
      new Date('2024-11-20T09:00:00Z'),
    );
    await insertAxes(handle.db, id, [
      { id: 'axe-1', position: 1, title: 'Grandir à Carrières', description: 'Petite enfance.' },
    ]);
    const page = await get(`/conventions/${id}/texte`);
    expect(page.statusCode).toBe(200);
    const article2 = sectionOf(page.body, 'article-caf_fields');
    expect(article2).toContain('Article 2 –');
    expect(article2).toContain('<li>L’ouverture d’une crèche à horaires atypiques</li>');
    expect(article2).toContain('Rédigé à partir du projet de territoire (plan d’actions) : ');
    expect(article2).toContain(`<a href="/conventions/${id}/plan/projet">voir et modifier à la source</a>`);
    // The stored list is not what prints any more, so it is not shown.
    expect(article2).not.toContain('la prise en compte de la transition écologique');
    expect(article2).toContain(
      `href="/conventions/${id}/articles/caf_fields/modifier">Modifier l’article 2</a>`,
    );
    // The document prints the same body.
    const doc = await get(`/conventions/${id}/document?format=html`);
    expect(documentArticle(doc.body, 2)).toContain('L’ouverture d’une crèche à horaires atypiques');
    expect(documentArticle(doc.body, 2)).not.toContain('la prise en compte de la transition écologique');
    // Article 3: the project holds no local action, the stored text shows and prints.
    const article3 = sectionOf(page.body, 'article-local_authority_fields');
    expect(article3).toContain('Petite enfance :');
    expect(article3).not.toContain('Rédigé à partir du projet de territoire');
    expect(documentArticle(doc.body, 3)).toContain('Petite enfance');
    // Annexe 2 shows its stored text then the plan's content, as the document prints it.
    const annex2 = sectionOf(page.body, 'annex-action_plan');
    expect(annex2).toContain('Complétée à partir du plan d’actions et de ses fiches actions : ');
    expect(annex2).toContain(`<a href="/conventions/${id}/plan">voir et modifier à la source</a>`);
    expect(annex2).toContain('Le plan d’actions décline les objectifs de l’article 4.');
    expect(annex2).toContain('<h5>Axe 1 – Grandir à Carrières</h5>');
    expect(doc.body).toContain('Axe 1 – Grandir à Carrières');
  });

  it('says on the edit page of such an article that the document prints the project’s text, and still edits the stored one', async () => {
    const form = await get(`/conventions/${id}/articles/caf_fields/modifier`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Le document imprime un autre texte pour l’article 2.');
    expect(form.body).toContain('et non le texte enregistré ci-dessous');
    expect(form.body).toContain(`<a href="/conventions/${id}/plan/projet">voir et modifier à la source</a>`);
    expect(form.body).toContain(`href="/conventions/${id}/texte#article-caf_fields"`);
    expect(form.body).toContain(
      'la prise en compte de la transition écologique dans les actions soutenues.</textarea>',
    );
    const res = await post(
      `/conventions/${id}/articles`,
      {
        key: 'caf_fields',
        title: 'Champs d’intervention de la Caf',
        text: 'Texte enregistré de l’article 2.',
      },
      `/conventions/${id}/articles/caf_fields/modifier`,
    );
    expect(res.statusCode).toBe(303);
    expect((await stateOf()).content.articles.find((a) => a.key === 'caf_fields')!.blocks).toEqual([
      { type: 'paragraph', text: 'Texte enregistré de l’article 2.' },
    ]);
    // The project still holds priorities: the page and the document show them, not the stored text.
    const page = await get(`/conventions/${id}/texte`);
    expect(sectionOf(page.body, 'article-caf_fields')).not.toContain('Texte enregistré de l’article 2.');
    // An article the project writes nothing for: no such notice.
    const other = await get(`/conventions/${id}/articles/local_authority_fields/modifier`);
    expect(other.body).not.toContain('Le document imprime un autre texte');
    // The annex the plan completes: its stored text is printed first, the plan's content after.
    const annex = await get(`/conventions/${id}/annexes/action_plan/modifier`);
    expect(annex.body).toContain('Le document complète l’annexe 2.');
    expect(annex.body).toContain(`<a href="/conventions/${id}/plan">voir et modifier à la source</a>`);
  });

  it('shows the stored text again once the project holds nothing for the article', async () => {
    await handle.db.deleteFrom('plans').where('convention_id', '=', id).execute();
    const page = await get(`/conventions/${id}/texte`);
    const article2 = sectionOf(page.body, 'article-caf_fields');
    expect(article2).toContain('Texte enregistré de l’article 2.');
    expect(article2).not.toContain('Rédigé à partir du projet de territoire');
    expect(sectionOf(page.body, 'annex-action_plan')).not.toContain('Complétée à partir du plan d’actions');
    const doc = await get(`/conventions/${id}/document?format=html`);
    expect(documentArticle(doc.body, 2)).toContain('Texte enregistré de l’article 2.');
    const form = await get(`/conventions/${id}/articles/caf_fields/modifier`);
    expect(form.body).not.toContain('Le document imprime un autre texte');
  });

  it('saves an article from its own page and comes back to the text with a confirmation', async () => {
    const form = await get(`/conventions/${id}/articles/object/modifier`);
    expect(form.statusCode).toBe(200);
    expect(tabsOf(form.body).current).toEqual(['Texte et annexes:true']);
    expect(form.body).toContain('<h2 class="workspace-title">Modifier l’article 1');
    const res = await post(
      `/conventions/${id}/articles`,
      { key: 'object', title: 'Objet de la convention', text: 'La convention a pour objet l’essai.' },
      `/conventions/${id}/articles/object/modifier`,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/conventions/${id}/texte?fait=article#article-object`);
    const back = await get(String(res.headers.location).split('#')[0]!);
    expect(back.body).toContain('Article enregistré.');
    expect(back.body).toContain('La convention a pour objet l’essai.');
    expect((await stateOf()).content.articles.find((a) => a.key === 'object')!.blocks).toEqual([
      { type: 'paragraph', text: 'La convention a pour objet l’essai.' },
    ]);
  });

  it('shows the edit page again with the French error and what was typed, having changed nothing', async () => {
    const before = await stateOf();
    const res = await post(
      `/conventions/${id}/articles`,
      { key: 'object', title: 'Objet', text: 'Un champ {inconnu} à remplir.' },
      `/conventions/${id}/articles/object/modifier`,
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Le texte contient un champ à remplir inconnu.');
    expect(res.body).toContain('Un champ {inconnu} à remplir.</textarea>');
    expect(res.body).toContain('<h2 class="workspace-title">Modifier l’article 1');
    expect(await stateOf()).toEqual(before);
  });

  it('saves the generalities and the signatories from their own pages, back to the summary', async () => {
    const general = await post(
      `/conventions/${id}/general`,
      { variant: 'commune_over_5000', start: '2024-01-01', end: '2027-12-31', place: 'Carrières-sur-Seine' },
      `/conventions/${id}/generalites/modifier`,
    );
    expect(general.statusCode).toBe(303);
    expect(general.headers.location).toBe(`/conventions/${id}?fait=generalites`);
    expect((await get(String(general.headers.location))).body).toContain('Généralités enregistrées.');
    expect((await stateOf()).content.placeOfSignature).toBe('Carrières-sur-Seine');

    const page = await get(`/conventions/${id}/signataires/modifier`);
    expect(page.statusCode).toBe(200);
    const fields: Record<string, string> = {};
    for (const m of page.body.matchAll(/<input type="hidden" name="(p\d+_[^"]+)" value="([^"]*)"/g))
      fields[m[1]!] = m[2]!;
    for (const m of page.body.matchAll(
      /<input id="(p\d+_s\d+_\w+)" name="\1" type="(?:text|date)" value="([^"]*)"/g,
    ))
      fields[m[1]!] = m[2]!;
    for (const m of page.body.matchAll(/<select id="(p\d+_s\d+_\w+)" name="\1">([\s\S]*?)<\/select>/g)) {
      const selected =
        /<option value="([^"]+)" selected/.exec(m[2]!) ?? /<option value="([^"]+)"/.exec(m[2]!);
      fields[m[1]!] = selected![1]!;
    }
    fields.p1_s0_lastName = 'NOUVEAU-NOM';
    const saved = await post(
      `/conventions/${id}/signataires`,
      fields,
      `/conventions/${id}/signataires/modifier`,
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/conventions/${id}?fait=signataires#parties`);
    expect((await get(`/conventions/${id}?fait=signataires`)).body).toContain('Signataires enregistrés.');
    expect((await stateOf()).content.parties[1]!.signatories[0]!.lastName).toBe('NOUVEAU-NOM');
  });

  it('answers an unknown article with 404', async () => {
    expect((await get(`/conventions/${id}/articles/inconnu/modifier`)).statusCode).toBe(404);
    expect((await get(`/conventions/${id}/annexes/deliberation/modifier`)).statusCode).toBe(404);
  });
});

describe('the workspace of a signed convention under a mise en demeure', () => {
  beforeAll(async () => {
    await attachDeliberation(at('2024-11-20', carrieresAgent), id, {
      fileName: 'deliberation.pdf',
      mediaType: 'application/pdf',
      content: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
    });
    await submitConvention(at('2024-11-20', cafAgent), id);
    for (const signatoryId of ['caf-78-president', 'caf-78-director'])
      await recordSignature(at('2024-11-20', cafAgent), id, { signatoryId, signedOn: '2024-11-20' });
    await recordSignature(at('2024-11-20', carrieresAgent), id, {
      signatoryId: 'commune-78124-mayor',
      signedOn: '2024-11-20',
    });
    await sendFormalNotice(at('2024-11-20', cafAgent), id, {
      byPartyId: world.caf78.id,
      sentOn: '2024-11-20',
      ground: 'contract_breach',
      reason: 'Engagements non tenus.',
    });
  });

  it('shows the pending mise en demeure and its deadline in the header of every workspace page', async () => {
    for (const path of ['', '/texte', '/documents', '/resiliation', '/diagnostic']) {
      const res = await get(`/conventions/${id}${path}`);
      expect(res.statusCode, path).toBe(200);
      expect(res.body, path).toMatch(
        /<strong>Mise en demeure en cours<\/strong> : envoyée le 20 novembre 2024 par Caisse d’allocations familiales des Yvelines/,
      );
      expect(res.body, path).toContain('sera résiliée le <strong>20 décembre 2024</strong>');
      expect(res.body, path).toContain('status-in_force');
      expect(tabsOf(res.body).labels).toContain('Résiliation');
    }
  });

  it('no longer offers the edit pages: a signed convention changes by avenant (409)', async () => {
    for (const path of ['/generalites/modifier', '/signataires/modifier', '/articles/object/modifier']) {
      const res = await get(`/conventions/${id}${path}`);
      expect(res.statusCode, path).toBe(409);
      expect(res.body).toContain('Une convention signée ne peut être modifiée que par avenant.');
    }
    expect((await get(`/conventions/${id}/texte`)).body).not.toContain('/modifier"');
  });

  it('shows the termination page again with the French error when a notice is refused', async () => {
    const before = await stateOf();
    const res = await post(
      `/conventions/${id}/resiliation-modification`,
      {},
      `/conventions/${id}/resiliation`,
    );
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).toContain('L’opération n’a pas été faite');
    expect(res.body).toContain('<h2 class="workspace-title">Résiliation</h2>');
    expect(await stateOf()).toEqual(before);
  });

  it('comes back to the termination page after a notice, with the confirmation', async () => {
    const res = await post(
      `/conventions/${id}/denonciation`,
      { byPartyId: world.caf78.id, sentOn: '2024-11-20', reason: 'Fin anticipée.' },
      `/conventions/${id}/resiliation`,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/conventions/${id}/resiliation?fait=resiliation`);
    expect((await get(String(res.headers.location))).body).toContain('Procédure de résiliation enregistrée.');
  });
});
