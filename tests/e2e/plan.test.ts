/**
 * The action plan in the browser: the commune's agent creates an axe, two fiches with budgets and
 * pilots (one an account), and an indicator with targets for 2024–2027 and results for 2024–2025;
 * the pilot logs in, finds the fiche given to them in « Mes notifications », edits their fiche and
 * gets 403 on the other, and attaches a document to their fiche then removes it. An indicator taken
 * from the published diagnostic shows its blanked cell as « s ». Every page of the plan visited passes axe-core, the upload page of a plan
 * file too (before and after a refused file); with CTG_SCREENSHOTS=<directory>, screenshots at
 * 1280 and 390 px wide go there (planweb-*.png), as in the other browser tests.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousViolations } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
let planUrl = '';
const AGENT = 'agent.carrieres@demo.ctg.test';
const PILOT = 'conseiller.caf@demo.ctg.test';
const shots = process.env.CTG_SCREENSHOTS ?? '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(email: string) {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(server.accounts.get(email)!);
  await page.getByLabel('Mot de passe').press('Enter');
  await page.waitForURL(`${server.url}/`);
}

async function audited(name: string) {
  const violations = await seriousViolations(page);
  expect(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
  if (!shots) return;
  await page.screenshot({ path: `${shots}/planweb-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/planweb-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

const submit = (name: string) =>
  Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).first().click()]);

describe('the action plan of Carrières-sur-Seine', () => {
  let ledUrl = '';
  let otherUrl = '';

  it('is written by the commune’s agent: an axe, two fiches with budgets and pilots, an indicator', async () => {
    await login(AGENT);
    await page.goto(`${server.url}/conventions`);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Carrières-sur-Seine' }).click(),
    ]);
    planUrl = `${page.url().split('?')[0]}/plan`;
    await page.goto(planUrl);
    await audited('plan-vide');
    await page.getByLabel('Titre du nouvel axe').fill('Accueil de la petite enfance');
    await submit('Créer l’axe');
    expect(await page.locator('[role=status]').first().innerText()).toContain('Axe enregistré');

    for (const [title, pilot, amount] of [
      ['Ouvrir une micro-crèche', PILOT, '45 000'],
      ['Recenser les besoins d’accueil', 'Direction de la petite enfance', '3 500,50'],
    ] as const) {
      await page.goto(`${planUrl}/fiches`);
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('link', { name: 'Nouvelle fiche dans l’axe 1' }).click(),
      ]);
      await page.getByLabel('Titre (obligatoire)').fill(title);
      await page.getByLabel('Statut', { exact: true }).selectOption('in_progress');
      await page.getByLabel('Date de début', { exact: true }).fill('2024-03-01');
      await page.getByLabel('Date de fin', { exact: true }).fill('2027-06-30');
      await page.locator('#pilot_0').fill(pilot);
      await page.locator('#budget_0_year').fill('2025');
      await page.locator('#budget_0_amount').fill(amount);
      await page.locator('#budget_0_cofunder_0_name').fill('Caf des Yvelines');
      await page.locator('#budget_0_cofunder_0_amount').fill('10 000');
      if (title.startsWith('Ouvrir')) {
        // A third budget line, without JavaScript: the form comes back with the input kept.
        await submit('Ajouter une ligne de budget');
        expect(await page.locator('#budget_0_amount').inputValue()).toBe(amount);
        await page.locator('#budget_1_year').fill('2026');
        await page.locator('#budget_1_amount').fill('47 000');
        await audited('fiche-formulaire');
      }
      await submit('Enregistrer la fiche');
      expect(await page.locator('h2.workspace-title').innerText()).toContain(title);
      if (title.startsWith('Ouvrir')) ledUrl = page.url().split('?')[0]!;
      else otherUrl = page.url().split('?')[0]!;
    }

    await page.goto(ledUrl);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Ajouter un indicateur' }).click(),
    ]);
    await page.getByLabel('Intitulé (obligatoire', { exact: false }).fill('Places d’accueil ouvertes');
    await page.getByLabel('Unité (familles, places, %…)').fill('places');
    for (const [year, value] of [
      [2024, '0'],
      [2025, '10'],
      [2026, '10'],
      [2027, '12'],
    ] as const)
      await page.getByLabel(`Cible ${year}`, { exact: true }).fill(value);
    await page.getByLabel('Résultat 2024', { exact: true }).fill('0');
    await page.getByLabel('Résultat 2025', { exact: true }).fill('8,5');
    await audited('indicateur-formulaire');
    await submit('Enregistrer l’indicateur');
    expect(await page.locator('main').innerText()).toContain('8,5');
    await audited('indicateur');

    // A row of the published diagnostic as indicator: its cell is blanked, the page reads « s ».
    await page.goto(ledUrl);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Ajouter un indicateur' }).click(),
    ]);
    await page
      .getByLabel('Ligne du diagnostic partagé publié (facultatif)')
      .selectOption('aeeh_children_0_2');
    await page.getByLabel('Cible 2027', { exact: true }).fill('2');
    await submit('Enregistrer l’indicateur');
    const figure = await page.locator('main .diag-figure').innerText();
    expect(figure).toContain('Nb enfants 0-2 ans AEEH : s (2022)');
    expect(figure).toContain('Source : Diagnostic partagé (');
    await audited('indicateur-diagnostic');

    await page.goto(ledUrl);
    const main = await page.locator('main').innerText();
    expect(main).toContain('45 000 €'.replace(' ', '\u202f').replace(' €', '\u00a0€'));
    expect(main).toContain('Places d’accueil ouvertes');
    await audited('fiche');
    for (const view of ['tableau', 'statut', 'objectif', 'calendrier']) {
      await page.goto(`${planUrl}/fiches?vue=${view}`);
      await audited(`plan-${view}`);
    }
    // The upload page, then the same after a refused file: its error summary and table of errors.
    await page.goto(`${planUrl}/import`);
    await audited('import');
    await page.getByLabel(/Fichier du plan/).setInputFiles({
      name: 'plan.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'type;référence;titre;statut\naxe;1;Petite enfance;\nfiche;1.1;Crèche;presque-finie\n',
      ),
    });
    await page.getByLabel(/Je confirme/).check();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: /^Importer (et remplacer )?le plan$/ }).click(),
    ]);
    expect(await page.locator('main').innerText()).toContain('presque-finie');
    await audited('import-erreurs');
    await page.close();
  }, 240_000);

  it('tells the pilot of the fiche given to them, in « Mes notifications »', async () => {
    await login(PILOT);
    // The job runs beside the pages: the notification is there within moments of the fiche's save.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(`${server.url}/compte/notifications`);
      if ((await page.locator('main').innerText()).includes('Ouvrir une micro-crèche')) break;
      if (Date.now() > deadline) throw new Error('Aucune notification reçue par le pilote.');
      await page.waitForTimeout(500);
    }
    expect(await page.locator('header').first().innerText()).toMatch(/Mes notifications \(1 non lue\)/);
    await audited('notifications');
    // The button names the notification it marks (its visible text first).
    await Promise.all([
      page.waitForEvent('load'),
      page
        .getByRole('button', { name: /^Marquer comme lue : La fiche action « Ouvrir une micro-crèche/ })
        .click(),
    ]);
    expect(await page.locator('[role=status]').first().innerText()).toContain('marquée comme lue');
    expect(await page.locator('main').innerText()).toContain('Lue le');
    await page.close();
  }, 120_000);

  it('lets the pilot edit the fiche they lead and answers 403 on the other', async () => {
    await login(PILOT);
    await page.goto(`${ledUrl}/modifier`);
    expect(await page.getByRole('group', { name: 'Pilotes', exact: true }).count()).toBe(0);
    await page.getByLabel('Titre (obligatoire)').fill('Ouvrir une micro-crèche de 12 places');
    await audited('fiche-pilote');
    await submit('Enregistrer la fiche');
    expect(await page.locator('h2.workspace-title').innerText()).toContain('12 places');
    // A document attached to the fiche through the plain form, listed with its size, then removed.
    await page.goto(ledUrl);
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({
      name: 'Compte rendu du comité.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n% compte rendu\n%%EOF\n'),
    });
    await submit('Joindre le document');
    expect(await page.locator('[role=status]').first().innerText()).toContain('Document joint à la fiche');
    const documents = page.locator('section[aria-labelledby="documents"]');
    expect(await documents.innerText()).toMatch(/Compte rendu du comité\.pdf\s+\d+\s*octets/);
    await audited('fiche-documents');
    await Promise.all([
      page.waitForEvent('load'),
      documents.getByRole('link', { name: /^Supprimer/ }).click(),
    ]);
    await audited('document-suppression');
    await submit('Supprimer définitivement « Compte rendu du comité.pdf »');
    expect(await page.locator('section[aria-labelledby="documents"]').innerText()).toContain(
      'Aucun document joint',
    );
    const refused = await page.goto(`${otherUrl}/modifier`);
    expect(refused?.status()).toBe(403);
    expect(await page.locator('main').innerText()).toContain('Vous ne pilotez pas cette fiche action');
    await page.close();
  }, 120_000);
});
