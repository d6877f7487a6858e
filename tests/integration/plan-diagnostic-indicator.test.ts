/**
 * A row of the published diagnostic as an indicator of the plan, through the app (app.inject): the
 * form offers the rows of the territory's diagnostic as published, grouped by theme; the indicator
 * keeps the row's figure as published when linked (« s » for the blanked AEEH 0-2 count of
 * Carrières-sur-Seine, whose true figure is 1) and shows it on its page, on the fiche, in the plan's
 * JSON and in annexe 2 of the convention, never the hidden figure; a row the published diagnostic
 * does not have is refused in French, beside the field, and nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findPlan, saveIndicator as saveIndicatorRow } from '../../src/db/repositories/plan.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import type { Block } from '../../src/documents/model.js';
import type { Indicator } from '../../src/domain/plan/model.js';
import { actorOf } from '../../src/use-cases/auth/authenticate.js';
import { createFiche } from '../../src/use-cases/plan/create-fiche.js';
import { planAnnexContent } from '../../src/use-cases/plan/plan-document.js';
import { saveAxe } from '../../src/use-cases/plan/save-axe.js';
import { type App, buildApp } from '../../src/web/app.js';
import { as, clock, makeUser, seedWorld } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let conventionId: string;
let ficheId: string;
let cookie: string;
let csrf: string;

const AGENT = 'agent.indicateurs@carrieres.test';
const SECRET_ROW = 'aeeh_children_0_2';

const decode = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

function post(url: string, fields: Record<string, string>) {
  const body = new URLSearchParams({ _csrf: csrf, ...fields });
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const base = () => `/conventions/${conventionId}/plan`;
/** The indicators of the fiche made here (the demo plan of Carrières-sur-Seine holds others). */
const indicators = async () =>
  ((await findPlan(handle.db, conventionId))?.indicators ?? []).filter((i) => i.ficheId === ficheId);

/** The published figure a page shows for a linked indicator: the text of its <strong>. */
function shownFigures(html: string): string[] {
  return [...html.matchAll(/<p class="diag-figure">(.*?)<\/p>/gs)].map(
    (m) => /<strong>(.*?)<\/strong>/s.exec(m[1]!)?.[1] ?? '',
  );
}

function textOf(blocks: readonly Block[]): string {
  return JSON.stringify(blocks);
}

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  conventionId = (await listConventions(handle.db, { kind: 'all' })).find(
    (c) => c.territoryCode === '78124',
  )!.id;
  await makeUser(handle.db, AGENT, world.carrieres.id, ['territory_agent']);
  const agent = actorOf((await findUserByEmail(handle.db, AGENT))!);
  const axe = await saveAxe(as(handle.db, agent), conventionId, { title: 'Handicap et inclusion' });
  ficheId = (
    await createFiche(as(handle.db, agent), conventionId, {
      axeId: axe.id,
      title: 'Accueillir les enfants porteurs de handicap',
    })
  ).id;
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  await app.ready();
  cookie = await loginCookies(app, AGENT);
  const home = await get('/conventions');
  csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('a row of the published diagnostic as indicator', () => {
  let linked: Indicator;

  it('offers the published rows grouped by theme, a blanked one with « s »', async () => {
    const page = await get(`${base()}/indicateurs/nouveau?fiche=${ficheId}`);
    expect(page.statusCode).toBe(200);
    const html = decode(page.body);
    expect(html).toContain('<legend>Indicateur du diagnostic</legend>');
    const select = /<select id="diagnosticIndicatorId"[^>]*>(.*?)<\/select>/s.exec(html)![1]!;
    expect(select).toMatch(/<optgroup label="[^"]+">/);
    const option = new RegExp(`<option value="${SECRET_ROW}"[^>]*>([^<]*)</option>`).exec(select);
    expect(option, 'the blanked row is offered').not.toBeNull();
    expect(option![1]).toMatch(/ — s( \(\d{4}\))?$/);
  });

  it('refuses a row the published diagnostic does not have, beside the field, and saves nothing', async () => {
    const refused = await post(`${base()}/indicateurs`, {
      ficheId,
      objectiveId: '',
      title: 'Indicateur inventé',
      diagnosticIndicatorId: 'ligne_inconnue',
    });
    expect(refused.statusCode).toBe(422);
    const html = decode(refused.body);
    expect(html).toContain(
      'Indicateur du diagnostic : la ligne « ligne_inconnue » ne figure pas dans le diagnostic publié du territoire.',
    );
    expect(html).toContain('id="diagnosticIndicatorId-erreur"');
    expect(html).toContain('value="Indicateur inventé"');
    expect(await indicators()).toEqual([]);
  });

  it('stores the row’s figure as published, with the catalogue’s label when the title is left empty', async () => {
    const saved = await post(`${base()}/indicateurs`, {
      ficheId,
      objectiveId: '',
      title: '',
      unit: '',
      diagnosticIndicatorId: SECRET_ROW,
      v_2025_target: '3',
      v_2025_result: '2',
    });
    expect(saved.statusCode).toBe(303);
    linked = (await indicators())[0]!;
    expect(linked).toMatchObject({ diagnosticIndicatorId: SECRET_ROW, ficheId });
    expect(linked!.title).not.toBe('');
    expect(linked!.unit).not.toBe('');
    expect(linked!.diagnosticFigure).toMatchObject({ label: linked!.title, value: 's' });
    expect(linked!.diagnosticFigure!.source).toMatch(/^Diagnostic partagé \(.+\)$/);
  });

  it('shows « s » on the indicator’s page and on the fiche, never the hidden figure', async () => {
    for (const url of [`${base()}/indicateurs/${linked.id}`, `${base()}/fiches/${ficheId}`]) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(200);
      const html = decode(page.body);
      expect(shownFigures(html), url).toEqual([
        `s${linked.diagnosticFigure!.year ? ` (${linked.diagnosticFigure!.year})` : ''}`,
      ]);
      expect(html).toContain(`Source : ${linked.diagnosticFigure!.source}.`);
      expect(html).toContain('« s » : donnée couverte par le secret statistique.');
      // Beside the targets and results the partners typed.
      expect(html).toContain('Cible');
    }
  });

  it('answers « s » in the plan’s JSON', async () => {
    const api = await get(`/api/v1/conventions/${conventionId}/plan`);
    expect(api.statusCode).toBe(200);
    const json = api.json() as { indicators: Indicator[] };
    const indicator = json.indicators.find((i) => i.id === linked.id)!;
    expect(indicator.diagnosticIndicatorId).toBe(SECRET_ROW);
    expect(indicator.diagnosticFigure).toEqual(linked.diagnosticFigure);
    expect(indicator.diagnosticFigure!.value).toBe('s');
  });

  it('prints « s » in annexe 2 of the convention', async () => {
    const agent = actorOf((await findUserByEmail(handle.db, AGENT))!);
    const blocks = await planAnnexContent(as(handle.db, agent), {} as never, { conventionId });
    const text = textOf(blocks!);
    expect(text).toContain('Chiffre publié du diagnostic');
    const f = linked.diagnosticFigure!;
    expect(text).toContain(`${f.label} : s${f.year ? ` (${f.year})` : ''} — ${f.source}`);
  });

  it('keeps the figure as it was published when linked, unless asked to take today’s', async () => {
    // As if the diagnostic published another figure when the partners linked the row.
    const then = { ...linked.diagnosticFigure!, value: '4', year: 2021 };
    await saveIndicatorRow(handle.db, conventionId, { ...linked, diagnosticFigure: then });
    const edit = await get(`${base()}/indicateurs/${linked.id}/modifier`);
    expect(edit.statusCode).toBe(200);
    const form = decode(edit.body);
    expect(form).toMatch(new RegExp(`<option value="${SECRET_ROW}" selected`));
    expect(shownFigures(form)).toEqual(['4 (2021)']);
    const fields = {
      ficheId,
      objectiveId: '',
      title: 'Enfants de 0 à 2 ans bénéficiaires de l’AEEH',
      unit: linked.unit,
      diagnosticIndicatorId: SECRET_ROW,
    };
    expect((await post(`${base()}/indicateurs/${linked.id}`, fields)).statusCode).toBe(303);
    const [kept] = await indicators();
    expect(kept!.title).toBe('Enfants de 0 à 2 ans bénéficiaires de l’AEEH');
    expect(kept!.diagnosticFigure).toEqual(then);
    const refreshed = await post(`${base()}/indicateurs/${linked.id}`, { ...fields, refreshFigure: 'oui' });
    expect(refreshed.statusCode).toBe(303);
    expect((await indicators())[0]!.diagnosticFigure).toEqual(linked.diagnosticFigure);
  });

  it('drops the figure when the link is removed', async () => {
    const saved = await post(`${base()}/indicateurs/${linked.id}`, {
      ficheId,
      objectiveId: '',
      title: 'Enfants accueillis',
      diagnosticIndicatorId: '',
    });
    expect(saved.statusCode).toBe(303);
    const [again] = await indicators();
    expect(again).toMatchObject({ diagnosticIndicatorId: null, diagnosticFigure: null });
    const page = decode((await get(`${base()}/indicateurs/${linked.id}`)).body);
    expect(shownFigures(page)).toEqual([]);
  });
});
