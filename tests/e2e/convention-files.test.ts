/**
 * The files of a convention as a person meets them in the browser: the délibération attached to the
 * demo convention is downloaded from its page (its SHA-256 named as the integrity check); once the
 * convention is signed, an avenant fills the table of annex 3, the avenant's page shows that change
 * as a table whose rows say what happened to them, and the avenant's ODT is downloaded from there.
 * Every page passes axe-core (no serious or critical issue).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousViolations } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
let conventionUrl = '';
const PDF = Buffer.from('%PDF-1.4\n% délibération du conseil municipal\n%%EOF\n');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function check() {
  const violations = await seriousViolations(page);
  expect(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

const main = () => page.locator('main').innerText();

async function press(name: string) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name }).first().click()]);
}

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

/** Clicks a link that downloads, and gives the file's suggested name and bytes. */
async function download(name: string | RegExp) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).first().click(),
  ]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe('the délibération and the avenant’s document, in the browser', () => {
  it('downloads the attached délibération from the convention’s page', async () => {
    await logInAs('conseiller.caf@demo.ctg.test');
    await page.goto(`${server.url}/conventions`);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Carrières-sur-Seine' }).click(),
    ]);
    conventionUrl = page.url().split('?')[0]!;
    await page.goto(`${conventionUrl}/documents`);
    await page.getByLabel('Délibération au format PDF').setInputFiles({
      name: 'Délibération du 25 novembre 2024.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await press('Joindre la délibération');
    expect(await main()).toContain('Délibération jointe.');
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(await main()).toContain(`Contrôle d’intégrité — empreinte SHA-256 du fichier : ${sha256}`);
    const file = await download('Télécharger Délibération du 25 novembre 2024.pdf');
    expect(file.name).toBe('Délibération du 25 novembre 2024.pdf');
    expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(sha256);
    await check();
  });

  it('shows an avenant’s change of a table as a table, and downloads the avenant’s ODT', async () => {
    await page.goto(conventionUrl);
    await press('Soumettre à la signature');
    for (let i = 0; i < 2; i++) await press('Enregistrer la signature');
    await logInAs('agent.carrieres@demo.ctg.test');
    await page.goto(conventionUrl);
    await press('Enregistrer la signature');
    // Signed: the annex still offers the file.
    await page.goto(`${conventionUrl}/texte`);
    expect(await page.getByRole('link', { name: /Télécharger Délibération/ }).count()).toBeGreaterThan(0);
    await logInAs('conseiller.caf@demo.ctg.test');
    await page.goto(conventionUrl);
    await page.getByLabel('Objet du nouvel avenant').fill('Structures soutenues');
    await press('Préparer un avenant');
    await page.getByLabel('Article ou annexe à modifier').selectOption('annex:facilities');
    await press('Afficher le texte à modifier');
    const text = await page.getByLabel('Nouveau texte').inputValue();
    await page.getByLabel('Nouveau texte').fill(
      text
        .replace(
          '| Relais petite enfance (RPE) |  |',
          '| Relais petite enfance (RPE) | RPE des Bords de Seine, 4 quai Charles de Gaulle |',
        )
        .replace(/\n\| Contrat local d’accompagnement à la scolarité \(CLAS\) \|\s*\|/, '')
        .concat('\n| Ludothèque | La Toupie, 5 place du Marché |'),
    );
    await press('Enregistrer dans l’avenant');

    const diff = page.locator('table.table-diff');
    expect(await diff.count()).toBe(1);
    const rows = await diff
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
      );
    expect(rows).toContainEqual([
      'Ligne modifiée',
      'Relais petite enfance (RPE)',
      '[+début d’ajout : RPE des Bords de Seine, 4 quai Charles de Gaulle fin d’ajout+]',
    ]);
    expect(rows.find((r) => r[1]?.includes('CLAS'))?.[0]).toBe('Ligne supprimée');
    expect(rows.at(-1)?.[0]).toBe('Ligne ajoutée');
    expect(await page.locator('.diff').allInnerTexts()).not.toContainEqual(
      expect.stringContaining('| Ludothèque'),
    );
    await check();

    const odt = await download('Télécharger l’avenant n° 1 en ODT');
    expect(odt.name).toBe('avenant-1-convention-78124-carrieres-sur-seine-2024-2027.odt');
    const content = strFromU8(unzipSync(new Uint8Array(odt.bytes))['content.xml']!);
    expect(content).toContain('RPE des Bords de Seine, 4 quai Charles de Gaulle');
    expect(content).toContain('Commune de Carrières-sur-Seine');
  });
});
