/**
 * The project of the territory in the browser (its forms need no script: they post back): the demo commune's
 * agent reaches it from the plan's tab, writes a need citing a row of the published diagnostic,
 * adds a line and finds what was typed kept, saves; objectives and engagements likewise; the Caf's
 * agent opens the validation page. axe-core finds no serious or critical issue on any of these
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

    await click(page, 'Modifier les besoins');
    await page.getByLabel('Intitulé du besoin').fill('Manque de places d’accueil du jeune enfant');
    await page.getByLabel('Constat (texte libre)').fill('Listes d’attente dans les deux crèches.');
    const select = page.getByLabel('Données du diagnostic publié à l’appui');
    const first = await select.locator('option').first().getAttribute('value');
    await select.selectOption([first!]);
    await page.getByLabel('Source').fill('Commission d’attribution');
    await click(page, 'Ajouter une ligne', 'button');
    expect(await page.locator('#n0_title').inputValue()).toBe('Manque de places d’accueil du jeune enfant');
    expect(
      await page.locator('#n0_evidence').evaluate((s: HTMLSelectElement) => s.selectedOptions.length),
    ).toBe(1);
    expect(await page.locator('#n1_title').count()).toBe(1);
    if (shots) await page.screenshot({ path: `${shots}/plan-needs-form.png`, fullPage: true });
    expect(await violations(page)).toEqual([]);

    // A second line with text but no title is refused, with an error summary, and nothing is lost.
    await page.locator('#n1_description').fill('Un constat sans titre');
    await click(page, 'Enregistrer les besoins', 'button');
    expect(await page.getByRole('alert').innerText()).toContain('Besoin 2 : le titre est obligatoire.');
    expect(await page.locator('#n1_description').inputValue()).toBe('Un constat sans titre');
    expect(await violations(page)).toEqual([]);
    await page.locator('#n1_description').fill('');
    await click(page, 'Enregistrer les besoins', 'button');
    expect(await page.locator('main').innerText()).toContain('Besoins du territoire enregistrés.');
    expect(await page.locator('main').innerText()).toContain('Manque de places d’accueil du jeune enfant');

    await click(page, 'Modifier les objectifs');
    expect(await violations(page)).toEqual([]);
    await click(
      page,
      'Ajouter une ligne : Concilier vie familiale, vie professionnelle et vie sociale',
      'button',
    );
    await page.getByLabel('Intitulé de l’objectif').fill('Développer l’offre d’accueil du jeune enfant');
    await page.getByLabel('Manque de places d’accueil du jeune enfant').check();
    expect(await violations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/plan-objectives.png`, fullPage: true });
    await click(page, 'Enregistrer les objectifs', 'button');
    expect(await page.locator('main').innerText()).toContain(
      'répond à : Manque de places d’accueil du jeune enfant',
    );

    await click(page, 'Modifier les engagements');
    await page
      .getByLabel('Priorité 1')
      .fill('Le développement de l’offre d’accueil périscolaire pour les 3 à 10 ans');
    await page.locator('#s_early_childhood').fill('Passerelles\nAVIP Petibonum');
    await click(page, 'Ajouter une ligne : Petite enfance', 'button');
    await page.locator('#a_early_childhood_0_text').fill('Poursuivre le projet Passerelles');
    expect(await violations(page)).toEqual([]);
    await click(page, 'Enregistrer les engagements', 'button');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Le développement de l’offre d’accueil périscolaire pour les 3 à 10 ans');
    expect(main).toContain('Passerelles, AVIP Petibonum');
    if (shots) await page.screenshot({ path: `${shots}/plan-project.png`, fullPage: true });
    expect(csp).toEqual([]);
  });

  it('offers the Caf’s agent the validation, with its confirmation', async () => {
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
    // The demo's plan may or may not hold fiches yet: either it is validated, or the refusal says why.
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/Le plan d’actions est validé au nom de la Caf|ne contient aucune fiche action/);
    expect(await violations(page)).toEqual([]);
  });
});
