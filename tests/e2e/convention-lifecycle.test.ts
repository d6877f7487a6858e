/**
 * The demo Caf agent walks the convention of Carrières-sur-Seine through its life in the browser:
 * deliberation attached, submitted, the Caf's two signatures recorded, then the commune's agent
 * records the mayor's (each person acts only for their own party): in force, a direct edit refused,
 * an avenant prepared with its diff and signed the same way, moving between the tabs of the convention's
 * workspace. Every page passes axe-core (no serious or critical issue).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCspViolations, launchBrowser, seriousViolations } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
let cspViolations: string[];
let conventionUrl = '';
const shots = process.env.CTG_SCREENSHOTS ?? '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  cspViolations = await collectCspViolations(page);
  if (shots) mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function check(name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  const violations = await seriousViolations(page);
  expect(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

const main = () => page.locator('main').innerText();

/** Clicks a form's button and waits for the page the server answers with. */
async function press(name: string) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name }).first().click()]);
}

/** Follows a tab of the convention's workspace. */
async function openTab(name: string) {
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('navigation', { name: 'Parties de la convention' }).getByRole('link', { name }).click(),
  ]);
}

const CAF_AGENT = 'conseiller.caf@demo.ctg.test';
const COMMUNE_AGENT = 'agent.carrieres@demo.ctg.test';

/** Logs out whoever is logged in, then logs `email` in. */
async function logInAs(email: string) {
  await page.goto(`${server.url}/`);
  const logout = page.getByRole('button', { name: 'Se déconnecter' });
  if ((await logout.count()) > 0) await Promise.all([page.waitForEvent('load'), logout.click()]);
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(server.accounts.get(email)!);
  await page.getByLabel('Mot de passe').press('Enter');
  await page.waitForURL(`${server.url}/`);
}

describe('the convention of Carrières-sur-Seine, as the demo Caf agent and the commune’s agent', () => {
  it('logs in and opens the draft', async () => {
    await logInAs(CAF_AGENT);
    await page.goto(`${server.url}/conventions`);
    await check('01-liste');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Carrières-sur-Seine' }).click(),
    ]);
    conventionUrl = page.url().split('?')[0]!;
    expect(await page.locator('h1').innerText()).toContain('Carrières-sur-Seine');
    expect(await main()).toContain('La délibération de l’assemblée délibérante n’est pas jointe');
    await check('02-projet');
  });

  it('attaches the deliberation, submits, records each signature: in force', async () => {
    await openTab('Documents et versions');
    await page.getByLabel('Délibération au format PDF').setInputFiles({
      name: 'deliberation-2024-11-25.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% délibération\n%%EOF\n'),
    });
    await press('Joindre la délibération');
    expect(await main()).toContain('Délibération jointe.');
    expect(await main()).toContain('deliberation-2024-11-25.pdf');
    await openTab('Synthèse');
    await press('Soumettre à la signature');
    expect(await main()).toContain('soumise à la signature');
    await check('03-en-signature');
    // The Caf's agent records the Caf's two signatures, and is not offered the mayor's.
    for (let i = 0; i < 2; i++) {
      await press('Enregistrer la signature');
      expect(await main()).toContain('Signature enregistrée.');
    }
    expect(await main()).not.toContain('Enregistrer la signature');
    expect(await page.locator('.workspace-status').innerText()).not.toContain('En vigueur');
    await logInAs(COMMUNE_AGENT);
    await page.goto(conventionUrl);
    await press('Enregistrer la signature');
    expect(await main()).toContain('Signature enregistrée.');
    expect(await page.locator('.workspace-status').innerText()).toContain('En vigueur');
    expect(await main()).not.toContain('Enregistrer la signature');
    await check('04-en-vigueur');
  });

  it('refuses a direct edit of the signed text with the French message', async () => {
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const response = await page.request.post(`${conventionUrl}/general`, {
      form: {
        _csrf: csrf,
        variant: 'commune_over_5000',
        start: '2024-01-01',
        end: '2028-12-31',
        place: 'Ailleurs',
      },
    });
    expect(response.status()).toBe(409);
    expect(await response.text()).toContain('Une convention signée ne peut être modifiée que par avenant.');
  });

  it('prepares an avenant on article 3 and annex 3, shows the diff, and signs it', async () => {
    await logInAs(CAF_AGENT);
    await page.goto(conventionUrl);
    await page.getByLabel('Objet du nouvel avenant').fill('Soutien à la parentalité');
    await press('Préparer un avenant');
    await page.getByLabel('Article ou annexe à modifier').selectOption('article:local_authority_fields');
    await press('Afficher le texte à modifier');
    await page.getByLabel('Nouveau texte').fill('La commune soutient aussi la parentalité.');
    await press('Enregistrer dans l’avenant');
    await page.getByLabel('Article ou annexe à modifier').selectOption('annex:facilities');
    await press('Afficher le texte à modifier');
    await page
      .getByLabel('Nouveau texte')
      .fill(
        '| Type de structure | Nom et adresse de la structure |\n| Crèche | Crèche des Alouettes, 2 rue de la Gare |',
      );
    await press('Enregistrer dans l’avenant');
    const text = await main();
    expect(text).toMatch(/Article 3 – /);
    expect(text).toMatch(/Annexe 3 – /);
    expect(await page.locator('.diff ins').count()).toBeGreaterThan(0);
    expect(await page.locator('.diff del').count()).toBeGreaterThan(0);
    expect(text).toContain('[+');
    await check('05-avenant-diff');
    await press('Soumettre l’avenant à la signature');
    const avenantUrl = page.url().split('?')[0]!;
    for (let i = 0; i < 2; i++) await press('Enregistrer la signature');
    expect(await main()).not.toContain('Enregistrer la signature');
    await logInAs(COMMUNE_AGENT);
    await page.goto(avenantUrl);
    await press('Enregistrer la signature');
    expect(await page.locator('h2.workspace-title').innerText()).toBe('Avenant n° 1');
    await check('06-avenant-signe');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Lire le texte consolidé après cet avenant' }).click(),
    ]);
    expect(await main()).toContain('La commune soutient aussi la parentalité.');
    await check('07-texte-consolide');
    await page.goto(conventionUrl);
    await openTab('Documents et versions');
    expect(await main()).toContain('Avenant n° 1');
    await check('08-convention-historique');
  });

  it('lists what is due', async () => {
    await page.goto(`${server.url}/echeances`);
    expect(await page.locator('h1').innerText()).toBe('Échéances des conventions');
    await check('09-echeances');
  });

  it('shows the convention in HTML, styled by its own style sheet under its policy', async () => {
    await page.goto(`${conventionUrl}/document?format=html`);
    expect(await main()).toContain('Carrières-sur-Seine');
    const styled = await page.evaluate(
      () => document.styleSheets.length > 0 && document.styleSheets[0]!.cssRules.length > 0,
    );
    expect(styled).toBe(true);
  });

  it('breaks no rule of the Content-Security-Policy on any page visited', () => {
    expect(cspViolations).toEqual([]);
  });
});
