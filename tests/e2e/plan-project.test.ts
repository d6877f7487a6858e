/**
 * The project of the territory in the browser (its forms need no script: they post back): the demo commune's
 * agent reaches it from the plan's tab, writes a need citing a row of the published diagnostic,
 * adds a line and finds what was typed kept, saves; objectives and engagements likewise; the Caf's
 * agent validates the plan (confirmed), sees the date and author on it, and withdraws it. axe-core finds no serious or critical issue on any of these
 * pages, nor on a form drawn again with its error summary.
 */

import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCspViolations, launchBrowser, seriousViolations } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
let csp: string[] = [];
const shots = process.env.CTG_SCREENSHOTS ?? '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  if (shots) mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function session(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  csp = await collectCspViolations(page);
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(server.accounts.get(email)!);
  await Promise.all([page.waitForURL(`${server.url}/`), page.getByLabel('Mot de passe').press('Enter')]);
  return page;
}

async function click(page: Page, name: string | RegExp, role: 'link' | 'button' = 'link') {
  await Promise.all([page.waitForEvent('load'), page.getByRole(role, { name }).first().click()]);
}

async function violations(page: Page): Promise<string[]> {
  return (await seriousViolations(page)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

describe('the project of the territory in the browser', () => {
  it('is written by the commune’s agent, form by form, and passes axe-core', async () => {
    const page = await session('agent.carrieres@demo.ctg.test');
    await page.goto(`${server.url}/conventions`);
    await click(page, /Carrières-sur-Seine/);
    await click(page, 'Plan d’actions');
    await click(page, /Projet de territoire/);
    expect(await page.locator('h2.workspace-title').innerText()).toBe('Projet de territoire');
    expect(await violations(page)).toEqual([]);

    // The demo's project already holds the seed's needs: a new one is added at the end.
    await click(page, 'Modifier les besoins');
    const count = async (name: string) =>
      Number(await page.locator(`input[name="${name}"]`).getAttribute('value'));
    const n = await count('rows');
    await click(page, 'Ajouter une ligne', 'button');
    await page.locator(`#n${n}_title`).fill('Manque de places d’accueil du jeune enfant');
    await page.locator(`#n${n}_description`).fill('Listes d’attente dans les deux crèches.');
    const select = page.locator(`#n${n}_evidence`);
    const first = await select.locator('option').first().getAttribute('value');
    await select.selectOption([first!]);
    await page.locator(`#n${n}_source`).fill('Commission d’attribution');
    await click(page, 'Ajouter une ligne', 'button');
    expect(await page.locator(`#n${n}_title`).inputValue()).toBe(
      'Manque de places d’accueil du jeune enfant',
    );
    expect(
      await page.locator(`#n${n}_evidence`).evaluate((s: HTMLSelectElement) => s.selectedOptions.length),
    ).toBe(1);
    expect(await page.locator(`#n${n + 1}_title`).count()).toBe(1);
    if (shots) await page.screenshot({ path: `${shots}/plan-needs-form.png`, fullPage: true });
    expect(await violations(page)).toEqual([]);

    // A line with text but no title is refused, with an error summary, and nothing is lost.
    await page.locator(`#n${n + 1}_description`).fill('Un constat sans titre');
    await click(page, 'Enregistrer les besoins', 'button');
    expect(await page.getByRole('alert').innerText()).toContain(
      `Besoin ${n + 2} : le titre est obligatoire.`,
    );
    expect(await page.locator(`#n${n + 1}_description`).inputValue()).toBe('Un constat sans titre');
    expect(await violations(page)).toEqual([]);
    await page.locator(`#n${n + 1}_description`).fill('');
    await click(page, 'Enregistrer les besoins', 'button');
    expect(await page.locator('main').innerText()).toContain('Besoins du territoire enregistrés.');
    expect(await page.locator('main').innerText()).toContain('Manque de places d’accueil du jeune enfant');

    await click(page, 'Modifier les objectifs');
    expect(await violations(page)).toEqual([]);
    const o = await count('rows');
    await click(
      page,
      'Ajouter une ligne : Concilier vie familiale, vie professionnelle et vie sociale',
      'button',
    );
    await page.locator(`#o${o}_title`).fill('Réduire l’attente d’une place d’accueil');
    // The new need is the last one listed.
    await page.locator(`#o${o}_need${n}`).check();
    expect(await violations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/plan-objectives.png`, fullPage: true });
    await click(page, 'Enregistrer les objectifs', 'button');
    expect(await page.locator('main').innerText()).toContain(
      'Réduire l’attente d’une place d’accueil — répond à : Manque de places d’accueil du jeune enfant',
    );

    await click(page, 'Modifier les engagements');
    const p = await count('priorities');
    const a = await count('actions_early_childhood');
    await click(page, 'Ajouter une ligne : priorités de la Caf', 'button');
    await page.locator(`#p${p}_text`).fill('Une priorité ajoutée dans le navigateur');
    await click(page, 'Ajouter une ligne : Petite enfance', 'button');
    expect(await page.locator(`#p${p}_text`).inputValue()).toBe('Une priorité ajoutée dans le navigateur');
    await page.locator(`#a_early_childhood_${a}_text`).fill('Une action ajoutée dans le navigateur');
    const structures = page.locator('#s_early_childhood');
    await structures.fill(`${await structures.inputValue()}\nStructure ajoutée`);
    expect(await violations(page)).toEqual([]);
    await click(page, 'Enregistrer les engagements', 'button');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Engagements enregistrés.');
    expect(main).toContain('Une priorité ajoutée dans le navigateur');
    expect(main).toContain('Une action ajoutée dans le navigateur');
    expect(main).toContain('Structure ajoutée');
    if (shots) await page.screenshot({ path: `${shots}/plan-project.png`, fullPage: true });
    expect(csp).toEqual([]);
  });

  it('lets the Caf’s agent validate the plan with a confirmation, shows it on the plan, and withdraw it', async () => {
    const page = await session('conseiller.caf@demo.ctg.test');
    await page.goto(`${server.url}/conventions`);
    await click(page, /Carrières-sur-Seine/);
    await click(page, 'Plan d’actions');
    await click(page, 'Valider le plan d’actions');
    expect(await page.locator('h2.workspace-title').innerText()).toBe(
      'Validation du plan d’actions par la Caf',
    );
    expect(await violations(page)).toEqual([]);
    await page.getByLabel('Je confirme la validation du plan d’actions').check();
    await click(page, 'Valider le plan d’actions', 'button');
    // The demo's plan holds fiches: it is validated, with the day and the agent's name on the plan.
    expect(await page.locator('main').innerText()).toContain(
      'Le plan d’actions est validé au nom de la Caf.',
    );
    await click(page, 'Retour au plan d’actions');
    const status = (
      await page.getByRole('status').filter({ hasText: 'Plan validé par la Caf' }).innerText()
    ).replaceAll('\u00a0', ' ');
    expect(status).toMatch(/Plan validé par la Caf le \d+(er)? \S+ \d{4} par .+\./);
    expect(await violations(page)).toEqual([]);
    await click(page, 'Retirer la validation');
    await page.getByLabel('Je confirme le retrait de la validation').check();
    await click(page, 'Retirer la validation', 'button');
    expect(await page.locator('main').innerText()).toContain('La validation du plan d’actions est retirée.');
  });
});
