/**
 * The Caf agent's journey through the diagnostic in a real browser: from the territory page to its
 * diagnostic (tables, charts, secrecy marks, sources and notes under each table), the diagnostic of
 * its EPCI, then the import form with a refused file; axe-core finds no serious or critical
 * violation on any of these pages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCspViolations, launchBrowser, seriousViolations } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
let cspViolations: string[];
let scratch: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  cspViolations = await collectCspViolations(page);
  scratch = mkdtempSync(join(tmpdir(), 'ctg-e2e-diagnostic-'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function expectAccessible(p: Page) {
  const violations = await seriousViolations(p);
  expect(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

describe('the Caf agent reads and imports the diagnostic', () => {
  it('opens the diagnostic of Carrières-sur-Seine from its territory page', async () => {
    await page.goto(`${server.url}/connexion`);
    await page.getByLabel('Adresse électronique').fill('conseiller.caf@demo.ctg.test');
    await page.getByLabel('Mot de passe').fill(server.accounts.get('conseiller.caf@demo.ctg.test')!);
    await page.getByRole('button', { name: 'Se connecter' }).last().click();
    await page.waitForLoadState();
    await page.goto(`${server.url}/territoires/78124`);
    await page.getByRole('link', { name: /Diagnostic partagé/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe('Diagnostic partagé — Carrières-sur-Seine');
    expect(await page.locator('section.diag-section h2').count()).toBe(8);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(8);
    const band = page.locator('#handicap tr[data-indicator="aeeh_children_0_2"] td').first();
    expect(await band.innerText()).toBe('s');
    expect(await page.getByText('s : valeur couverte par le secret statistique').count()).toBe(1);
    expect(await page.getByText('nettement inférieur').count()).toBeGreaterThanOrEqual(1);
    await expectAccessible(page);
  });

  it('prints the sources and the notes of each table under it, and the Yvelines percentages', async () => {
    const precarite = await page.locator('#precarite .diag-section-notes').innerText();
    expect(precarite).toContain('Sources : Insee RP2019, Caf au 31/12/2022, Caf 2022');
    expect(precarite).toContain('Dernier seuil de bas revenus : 1 167 € par personne et par mois.');
    const families = page.locator('#demographie tr[data-indicator="families"] td');
    expect(await families.nth(3).innerText()).toBe('61,9 %');
    const insertion = page.locator('#precarite tr[data-indicator="social_work_insertion"] td').first();
    expect(await insertion.innerText()).toBe('s');
  });

  it('shows the EPCI summed from its communes, saying how many have figures', async () => {
    await page.goto(`${server.url}/territoires/200058519/diagnostic`);
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe(
      'Diagnostic partagé — CA Saint Germain Boucles de Seine',
    );
    expect(await page.locator('.diag-coverage').innerText()).toMatch(
      /^Les \d+ communes membres ont des chiffres/,
    );
    const allocataires = page.locator('#demographie tr[data-indicator="allocataires"] td').first();
    expect(Number((await allocataires.innerText()).replace(/\s/g, ''))).toBeGreaterThan(10_000);
    await expectAccessible(page);
  });

  it('shows the import form and every error of a refused file with its line', async () => {
    await page.goto(`${server.url}/diagnostic/import`);
    await expectAccessible(page);
    const bad = join(scratch, 'faux.csv');
    writeFileSync(bad, 'code_territoire;indicateur;date_reference;valeur\n78124;rsa;2022-12-31;douze\n');
    await page.getByLabel(/Fichier à importer/).setInputFiles(bad);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.waitForLoadState();
    const alert = await page.getByRole('alert').innerText();
    expect(alert).toContain('Ligne 2, colonne « valeur »');
    expect(alert).toContain('rien n’a été modifié');
    await expectAccessible(page);
  });

  it('breaks no rule of the Content-Security-Policy on any page visited', () => {
    expect(cspViolations).toEqual([]);
  });
});
