/**
 * Two people edit one article of Carrières-sur-Seine's draft from pages opened at the same time: the
 * first saves; the second's save is refused in French, saying who changed article 5 and when, with
 * the text they saved, and the second person's own text is still in the form. Then a double click on
 * the creation form makes one convention. axe-core finds no serious or critical issue.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousViolations } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
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
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(server.accounts.get(email)!);
  await page.getByLabel('Mot de passe').press('Enter');
  await page.waitForURL(`${server.url}/`);
  return page;
}

/** Opens the edit page of Carrières-sur-Seine's article 5 (no module writes it) through the text's tab. */
async function openCarrieres(page: Page): Promise<void> {
  await page.goto(`${server.url}/conventions`);
  await Promise.all([
    page.waitForEvent('load'),
    page
      .getByRole('link', { name: /Carrières-sur-Seine/ })
      .first()
      .click(),
  ]);
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('link', { name: 'Texte et annexes' }).click(),
  ]);
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('link', { name: 'Modifier l’article 5', exact: true }).click(),
  ]);
}

async function editArticle3(page: Page, text: string): Promise<void> {
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Enregistrer l’article 5' }) });
  await form.getByLabel('Texte').fill(text);
  await Promise.all([
    page.waitForEvent('load'),
    form.getByRole('button', { name: 'Enregistrer l’article 5' }).click(),
  ]);
}

describe('a stale form', () => {
  it('is refused in French with the other person’s change, and keeps what the second person typed', async () => {
    const caf = await session('conseiller.caf@demo.ctg.test');
    const commune = await session('agent.carrieres@demo.ctg.test');
    await openCarrieres(caf);
    await openCarrieres(commune);
    await editArticle3(caf, 'Texte de la Caf, enregistré en premier.');
    expect(await caf.locator('main').innerText()).toContain('Article enregistré.');

    await editArticle3(commune, 'Texte de la commune, écrit sur une page ouverte avant.');
    const alert = (await commune.getByRole('alert').first().innerText()).replaceAll('\u00a0', ' ');
    expect(alert).toContain(
      'La convention a été modifiée par une autre personne depuis l’ouverture de votre page',
    );
    expect(alert).toMatch(/Article 5 modifié par .+ le \d+(er)? \S+ \d{4} à \d+ h \d\d/);
    expect(alert).toContain('Texte de la Caf, enregistré en premier.');
    const textarea = commune.locator('form', {
      has: commune.getByRole('button', { name: 'Enregistrer l’article 5' }),
    });
    await expect
      .poll(() => textarea.getByLabel('Texte').inputValue())
      .toBe('Texte de la commune, écrit sur une page ouverte avant.');
    if (shots) await commune.screenshot({ path: `${shots}/stale-form.png`, fullPage: false });
    expect((await seriousViolations(commune)).map((v) => v.id)).toEqual([]);

    // Saving again, having read the other change, is a deliberate choice: it now goes through.
    await Promise.all([
      commune.waitForEvent('load'),
      textarea.getByRole('button', { name: 'Enregistrer l’article 5' }).click(),
    ]);
    expect(await commune.locator('main').innerText()).toContain('Article enregistré.');
    expect(await commune.locator('main').innerText()).toContain(
      'Texte de la commune, écrit sur une page ouverte avant.',
    );
  });
});
