/**
 * The module seam: a module registered only in this test — its tab, its annex content, its article
 * body, its due item and its own permission — shows up in the workspace of a convention, in the convention document and
 * on the échéances page (pages and API), with no file of the convention area involved; and the
 * convention area's files import no module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { h } from 'preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { paragraph } from '../../src/documents/model.js';
import { fixedClock } from '../../src/domain/shared/dates.js';
import { composeModules } from '../../src/modules/compose.js';
import { INSTALLED_MODULES } from '../../src/modules/index.js';
import type { CtgModule } from '../../src/modules/module.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { type App, buildApp } from '../../src/web/app.js';
import { makeUser, seedWorld, system } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let carrieresId: string;
let chatouId: string;
let cafCookie: string;
let territoryCookie: string;
const rendered: string[] = [];

/** A module the platform does not have: a register of "essais" hanging on conventions. */
const testModule: CtgModule = {
  id: 'essai',
  label: 'Module d’essai',
  permissions: {
    'essai.read': {
      resource: 'essai',
      action: 'read',
      roles: ['caf_agent', 'admin'],
      scope: 'perimeter',
      label: 'Consulter le registre d’essai',
    },
  },
  tabs: [
    {
      segment: 'essais',
      label: 'Registre d’essai',
      permission: 'essai.read',
      shows: (view) => view.convention.content.territory.codes[0] === '78124',
      render: async ({ view }) => {
        rendered.push(view.convention.id);
        return h(
          'p',
          { class: 'essai' },
          `Trois essais enregistrés pour ${view.convention.content.territory.name}.`,
        );
      },
    },
  ],
  annexes: [
    {
      annex: 'steering',
      source: { label: 'Complétée à partir du registre d’essai', href: (id) => `/conventions/${id}/essais` },
      blocks: async (_ctx, content) => [paragraph(`Fiche d’essai n° 1 pour ${content.territory.name}.`)],
    },
  ],
  articles: [
    {
      article: 'communication',
      source: { label: 'Rédigé à partir du registre d’essai', href: (id) => `/conventions/${id}/essais` },
      blocks: async (_ctx, content, subject) =>
        subject.conventionId === carrieresId
          ? [paragraph(`Communication d’essai pour ${content.territory.name}.`)]
          : undefined,
    },
    // Holds nothing yet: the article keeps its stored text.
    { article: 'duration', blocks: async () => undefined },
  ],
  dueItems: async (_ctx, conventions, today) =>
    conventions
      .filter((c) => c.content.territory.codes[0] === '78124')
      .map((c) => ({
        conventionId: c.id,
        kind: 'essai.review' as const,
        kindLabel: 'Revue d’essai',
        dueOn: today,
        label: `Convention de ${c.content.territory.name} : un essai attend sa revue.`,
      })),
};

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  await makeUser(handle.db, 'agent.caf@test.fr', world.caf78.id, ['caf_agent']);
  await makeUser(handle.db, 'agent.carrieres@test.fr', world.carrieres.id, ['territory_agent']);
  const all = await listConventions(handle.db, { kind: 'all' });
  carrieresId = all.find((c) => c.territoryCode === '78124')!.id;
  chatouId = all.find((c) => c.territoryCode === '78146')!.id;
  app = await buildApp({
    db: handle.db,
    clock: fixedClock('2024-11-20'),
    driver: handle.driver,
    modules: [...INSTALLED_MODULES, testModule],
  });
  cafCookie = await loginCookies(app, 'agent.caf@test.fr');
  territoryCookie = await loginCookies(app, 'agent.carrieres@test.fr');
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

describe('a module registered through the seam only', () => {
  it('adds its tab to the workspace, drawn inside the workspace’s header, for whom holds its permission', async () => {
    const summary = await get(`/conventions/${carrieresId}`, cafCookie);
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toContain(`href="/conventions/${carrieresId}/essais">Registre d’essai</a>`);
    const tab = await get(`/conventions/${carrieresId}/essais`, cafCookie);
    expect(tab.statusCode).toBe(200);
    expect(tab.body).toContain('Trois essais enregistrés pour Carrières-sur-Seine.');
    expect(tab.body).toContain('Convention territoriale globale — Carrières-sur-Seine');
    expect(tab.body).toMatch(/<a href="[^"]+\/essais" aria-current="page">Registre d’essai<\/a>/);
    expect(rendered).toEqual([carrieresId]);
  });

  it('keeps its tab from those without its permission (403 before anything is read) and where it does not show', async () => {
    const summary = await get(`/conventions/${carrieresId}`, territoryCookie);
    expect(summary.statusCode).toBe(200);
    expect(summary.body).not.toContain('Registre d’essai');
    const refused = await get(`/conventions/${carrieresId}/essais`, territoryCookie);
    expect(refused.statusCode).toBe(403);
    const elsewhere = await get(`/conventions/${chatouId}/essais`, cafCookie);
    expect(elsewhere.statusCode).toBe(404);
    expect((await get(`/conventions/${chatouId}`, cafCookie)).body).not.toContain('Registre d’essai');
    expect(rendered).toEqual([carrieresId]);
  });

  it('fills its annex of the convention document', async () => {
    const doc = await get(`/conventions/${carrieresId}/document?format=html`, cafCookie);
    expect(doc.statusCode).toBe(200);
    expect(doc.body).toContain('Fiche d’essai n° 1 pour Carrières-sur-Seine.');
    // The diagnostic module still fills annexe 1 beside it.
    expect(doc.body).toContain('tels que la plateforme les publie après application du secret statistique');
  });

  it('writes the body of its article, in place of the stored one, and leaves the others as stored', async () => {
    const doc = await get(`/conventions/${carrieresId}/document?format=html`, cafCookie);
    const body = doc.body.replace(/[\u00a0\u202f]/g, ' ');
    const article = (n: number) =>
      body.slice(body.indexOf(`id="article-${n}"`), body.indexOf(`id="article-${n + 1}"`));
    expect(article(8)).toContain('Communication d’essai pour Carrières-sur-Seine.');
    expect(article(8)).not.toContain('font état de leur coopération');
    expect(article(8)).toContain('Communication');
    // The article the module holds nothing for, and the articles it does not write, keep their text.
    expect(article(10)).toContain('n’est pas reconduite tacitement');
    expect(article(9)).toContain('à chaque revue du plan d’actions');
    // Another convention: the module holds nothing for it.
    const other = await get(`/conventions/${chatouId}/document?format=html`, cafCookie);
    expect(other.body).not.toContain('Communication d’essai');
    expect(other.body).toContain('font état de leur coopération');
  });

  it('shows the body of its article on the text page as the document prints it, saying where it comes from', async () => {
    const page = await get(`/conventions/${carrieresId}/texte`, cafCookie);
    expect(page.statusCode).toBe(200);
    const body = page.body.replace(/[\u00a0\u202f]/g, ' ');
    const section = (id: string) => {
      const start = body.indexOf(`<section class="article" aria-labelledby="${id}">`);
      expect(start, id).toBeGreaterThan(-1);
      const end = body.indexOf('<section class="article"', start + 1);
      return body.slice(start, end === -1 ? undefined : end);
    };
    const written = section('article-communication');
    expect(written).toContain('<p>Communication d’essai pour Carrières-sur-Seine.</p>');
    expect(written).toContain(
      `Rédigé à partir du registre d’essai : <a href="/conventions/${carrieresId}/essais">voir et modifier à la source</a>.`,
    );
    expect(written).not.toContain('font état de leur coopération');
    // Held nothing: the stored text, without a note.
    const stored = section('article-duration');
    expect(stored).toContain('n’est pas reconduite tacitement');
    expect(stored).not.toContain('registre d’essai');
    // Its annex: the stored text, then its content, as printed.
    const annex = section('annex-steering');
    expect(annex).toContain('<p>Fiche d’essai n° 1 pour Carrières-sur-Seine.</p>');
    expect(annex).toContain(
      `Complétée à partir du registre d’essai : <a href="/conventions/${carrieresId}/essais">`,
    );
    expect(annex.indexOf('Complétée à partir du registre')).toBeGreaterThan(annex.indexOf('</h4>'));
    // The diagnostic module's annexe 1 beside it, with its own source.
    const diagnostic = section('annex-diagnostic');
    expect(diagnostic).toContain('tels que la plateforme les publie après application du secret statistique');
    expect(diagnostic).toContain(
      `Complétée à partir du diagnostic partagé publié pour le territoire : <a href="/conventions/${carrieresId}/diagnostic">`,
    );
    // Another convention: the module holds nothing, the stored text shows.
    const other = await get(`/conventions/${chatouId}/texte`, cafCookie);
    expect(other.body).not.toContain('Communication d’essai');
    expect(other.body).toContain('font état de leur coopération');
  });

  it('says on the article’s edit page that the document prints its body, linking to it, and still edits the stored text', async () => {
    const form = await get(`/conventions/${carrieresId}/articles/communication/modifier`, cafCookie);
    expect(form.statusCode).toBe(200);
    const body = form.body.replace(/[\u00a0\u202f]/g, ' ');
    expect(body).toContain('Le document imprime un autre texte pour l’article 8.');
    expect(body).toContain(
      `Rédigé à partir du registre d’essai : <a href="/conventions/${carrieresId}/essais">voir et modifier à la source</a>.`,
    );
    expect(body).toMatch(/<textarea[^>]*>[^<]*font état de leur coopération/);
    const plain = await get(`/conventions/${carrieresId}/articles/duration/modifier`, cafCookie);
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toContain('Le document imprime un autre texte');
  });

  it('lists its due item on /echeances, in the API and on the convention’s summary', async () => {
    const page = await get('/echeances', cafCookie);
    const body = page.body.replace(/[\u00a0\u202f]/g, ' ');
    expect(body).toContain('<td>Revue d’essai</td>');
    expect(body).toContain('Convention de Carrières-sur-Seine : un essai attend sa revue.');
    const token = (await createApiToken(system(handle.db), { email: 'agent.caf@test.fr' })).token;
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/due-items',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.json().items).toContainEqual(
      expect.objectContaining({ conventionId: carrieresId, kind: 'essai.review' }),
    );
    const summary = await get(`/conventions/${carrieresId}`, cafCookie);
    expect(summary.body.replace(/[\u00a0\u202f]/g, ' ')).toContain('un essai attend sa revue.');
  });

  it('is absent from the platform as installed', async () => {
    const plain = await buildApp({ db: handle.db, clock: fixedClock('2024-11-20'), driver: handle.driver });
    const cookie = await loginCookies(plain, 'agent.caf@test.fr');
    const res = await plain.inject({
      method: 'GET',
      url: `/conventions/${carrieresId}/essais`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(404);
    const doc = await plain.inject({
      method: 'GET',
      url: `/conventions/${carrieresId}/document?format=html`,
      headers: { cookie },
    });
    expect(doc.body).not.toContain('Fiche d’essai');
    expect(doc.body).not.toContain('Communication d’essai');
    const text = await plain.inject({
      method: 'GET',
      url: `/conventions/${carrieresId}/texte`,
      headers: { cookie },
    });
    expect(text.body).not.toContain('Communication d’essai');
    expect(text.body).not.toContain('registre d’essai');
    await plain.close();
  });
});

describe('composing modules', () => {
  it('refuses a tab on a segment of the workspace, a second module on an annex or an article, a permission declared twice or unknown', () => {
    const tab = testModule.tabs![0]!;
    expect(() => composeModules([{ id: 'x', label: 'x', tabs: [{ ...tab, segment: 'texte' }] }])).toThrow(
      /segment/,
    );
    expect(() =>
      composeModules([
        ...INSTALLED_MODULES,
        { id: 'x', label: 'x', annexes: [{ annex: 'diagnostic', blocks: async () => [] }] },
      ]),
    ).toThrow(/annex diagnostic/);
    expect(() =>
      composeModules([
        testModule,
        { id: 'x', label: 'x', articles: [{ article: 'communication', blocks: async () => [] }] },
      ]),
    ).toThrow(/article communication/);
    expect(() =>
      composeModules([
        { id: 'x', label: 'x', permissions: { 'convention.read': testModule.permissions!['essai.read']! } },
      ]),
    ).toThrow(/declared twice/);
    expect(() =>
      composeModules([{ id: 'x', label: 'x', tabs: [{ ...tab, permission: 'inconnue.read' }] }]),
    ).toThrow(/undeclared permission/);
  });
});

/** The files of the convention area: the hub, which modules hang on, and which imports none. */
function conventionAreaFiles(): string[] {
  const dirs = ['src/domain/convention', 'src/use-cases/conventions', 'src/web/routes/conventions'];
  return [
    ...dirs.flatMap((d) => readdirSync(d).map((f) => join(d, f))),
    'src/db/repositories/convention.repository.ts',
    'src/documents/convention-document.ts',
  ].filter((f) => /\.tsx?$/.test(f));
}

describe('the convention area', () => {
  it('imports no module, and no use case of another area', () => {
    const files = conventionAreaFiles();
    expect(files.length).toBeGreaterThan(40);
    const offending = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from '([^']+)'/g)]
        .map((m) => m[1]!)
        .filter(
          (path) =>
            /\/modules\//.test(path) ||
            /diagnostic/.test(path) ||
            /[/-]plan[/.-]/.test(path) ||
            // A use case of another area (the shared audit helper writes a row, it is no use case).
            (f.startsWith('src/use-cases/') && /^\.\.\/(?!audit\/record-audit\.js$)[a-z-]+\//.test(path)),
        )
        .map((path) => `${f} → ${path}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('the use cases', () => {
  it('call no use case of another area: shared reads go through that area’s repositories', () => {
    // The shared helpers: one writes an audit row in the caller's transaction, the other hashes
    // secrets; neither is a use case. The demo loader and the list of scheduled jobs compose every
    // area, as the command line does.
    const shared = new Set(['../audit/record-audit.js', '../auth/secrets.js']);
    const composing = new Set(['jobs/platform-jobs.ts']);
    const areas = readdirSync('src/use-cases', { withFileTypes: true }).filter(
      (d) => d.isDirectory() && d.name !== 'demo',
    );
    expect(areas.length).toBeGreaterThan(5);
    const offending = areas.flatMap((area) =>
      readdirSync(join('src/use-cases', area.name))
        .filter((f) => /\.tsx?$/.test(f) && !composing.has(`${area.name}/${f}`))
        .flatMap((f) =>
          [
            ...readFileSync(join('src/use-cases', area.name, f), 'utf8').matchAll(
              /from '(\.\.\/[a-z-]+\/[^']+)'/g,
            ),
          ]
            .map((m) => m[1]!)
            .filter(
              (path) =>
                !path.startsWith(`../${area.name}/`) && !path.startsWith('../../') && !shared.has(path),
            )
            .map((path) => `${area.name}/${f} → ${path}`),
        ),
    );
    expect(offending).toEqual([]);
  });
});
