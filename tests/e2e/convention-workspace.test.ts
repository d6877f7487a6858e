/**
 * The workspace of a convention in the browser, as the demo Caf agent: the summary and each tab pass
 * axe-core; the tabs are a navigation whose current link says so (aria-current) and are reached and
 * followed with the keyboard alone; the summary is a page one reads, not the 11 000 px it was; an
 * edit form has its own page and comes back with a confirmation.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCspViolations, launchBrowser, seriousViolations } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
let cspViolations: string[];
let conventionUrl = '';
const CAF_AGENT = 'conseiller.caf@demo.ctg.test';
const TABS = ['Synthèse', 'Texte et annexes', 'Documents et versions', 'Diagnostic', 'Plan d’actions'];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  cspViolations = await collectCspViolations(page);
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel('Adresse électronique').fill(CAF_AGENT);
  await page.getByLabel('Mot de passe').fill(server.accounts.get(CAF_AGENT)!);
  await page.getByLabel('Mot de passe').press('Enter');
  await page.waitForURL(`${server.url}/`);
  await page.goto(`${server.url}/conventions`);
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('link', { name: 'Carrières-sur-Seine' }).click(),
  ]);
  conventionUrl = page.url().split('?')[0]!;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible() {
  const violations = await seriousViolations(page);
  expect(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

const tabs = () => page.getByRole('navigation', { name: 'Parties de la convention' }).getByRole('link');

describe('the workspace of the convention of Carrières-sur-Seine', () => {
  it('opens on a summary a person can read at once, with the status, what is missing and the parties', async () => {
    expect(await page.locator('h1').innerText()).toBe(
      'Convention territoriale globale — Carrières-sur-Seine',
    );
    expect(await page.locator('.workspace-status').innerText()).toContain('En préparation');
    const main = await page.locator('main').innerText();
    for (const part of [
      'Ce qui manque',
      'Prochaines échéances',
      'Parties et signataires',
      'Dernières modifications',
    ])
      expect(main).toContain(part);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(3000);
    expect(await tabs().allInnerTexts()).toEqual(TABS);
    expect(await page.locator('.workspace-tabs a[aria-current="page"]').innerText()).toBe('Synthèse');
    await expectAccessible();
  });

  it('reaches and follows every tab with the keyboard alone, each page marked current and accessible', async () => {
    for (const [index, label] of TABS.entries()) {
      await page.goto(conventionUrl);
      // From the top of the page, Tab until the link of that tab has the focus, then Enter.
      let focused = '';
      for (let presses = 0; presses < 40 && focused !== label; presses++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() =>
          document.activeElement?.closest('.workspace-tabs')
            ? (document.activeElement.textContent ?? '')
            : '',
        );
      }
      expect(focused, `focus on ${label}`).toBe(label);
      if (index > 0) {
        await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      }
      expect(await page.locator('.workspace-tabs a[aria-current="page"]').innerText()).toBe(label);
      expect(await page.locator('h2.workspace-title').innerText()).toBe(label);
      expect(await page.locator('.workspace-status').innerText()).toContain('En préparation');
      await expectAccessible();
    }
  });

  it('edits an article on its own page and comes back to the text with a confirmation', async () => {
    await page.goto(`${conventionUrl}/texte`);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Modifier l’article 1', exact: true }).click(),
    ]);
    expect(page.url()).toBe(`${conventionUrl}/articles/object/modifier`);
    await expectAccessible();
    await page.getByLabel('Texte').fill('La présente convention a pour objet l’essai du navigateur.');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Enregistrer l’article 1' }).click(),
    ]);
    expect(page.url()).toBe(`${conventionUrl}/texte?fait=article#article-object`);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Article enregistré.');
    expect(main).toContain('La présente convention a pour objet l’essai du navigateur.');
    await expectAccessible();
  });

  it('shows the articles the project of the territory writes as printed, and says so on their edit page', async () => {
    await page.goto(`${conventionUrl}/texte`);
    const article2 = page.locator('section.article', { has: page.locator('#article-caf_fields') });
    expect(await article2.innerText()).toContain('Rédigé à partir du projet de territoire (plan d’actions)');
    expect(
      await article2.getByRole('link', { name: 'voir et modifier à la source' }).getAttribute('href'),
    ).toBe(`${new URL(conventionUrl).pathname}/plan/projet`);
    await expectAccessible();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Modifier l’article 2', exact: true }).click(),
    ]);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Le document imprime un autre texte pour l’article 2.');
    expect(await page.getByLabel('Texte').inputValue()).not.toBe('');
    await expectAccessible();
  });

  it('shows the edit pages of the generalities and the signatories accessibly', async () => {
    for (const path of ['/generalites/modifier', '/signataires/modifier']) {
      await page.goto(`${conventionUrl}${path}`);
      expect(await page.locator('.workspace-tabs a[aria-current="true"]').innerText()).toBe('Synthèse');
      await expectAccessible();
    }
  });

  it('opens the tab holding a part linked by an anchor of the former single page', async () => {
    await page.goto(`${server.url}/conventions`);
    await page.goto(`${conventionUrl}#versions`);
    await page.waitForURL(`${conventionUrl}/documents#versions`);
    await page.goto(`${server.url}/conventions`);
    await page.goto(`${conventionUrl}#article-object`);
    await page.waitForURL(`${conventionUrl}/texte#article-object`);
    // An anchor the summary still holds stays on the summary.
    await page.goto(`${conventionUrl}#parties`);
    expect(page.url()).toBe(`${conventionUrl}#parties`);
  });

  it('breaks no rule of the Content-Security-Policy on any page visited', () => {
    expect(cspViolations).toEqual([]);
  });
});
