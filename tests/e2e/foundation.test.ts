import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVE_ENV, SERVE_FLAGS } from '../../bin/serve-process.js';
import { collectCspViolations, launchBrowser, seriousViolations } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
let cspViolations: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
  cspViolations = await collectCspViolations(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(p: Page) {
  const violations = await seriousViolations(p);
  expect(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

describe('a commune agent’s first visit', () => {
  it('runs the server with its memory settings (bin/serve-process.js)', () => {
    // Linux only: /proc shows what the process was restarted with.
    const args = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0');
    const env = readFileSync(`/proc/${server.pid}/environ`, 'utf8').split('\0');
    for (const flag of SERVE_FLAGS) expect(args).toContain(flag);
    for (const [name, value] of Object.entries(SERVE_ENV)) expect(env).toContain(`${name}=${value}`);
  });

  it('prints one demo account per role', () => {
    expect([...server.accounts.keys()].sort()).toEqual([
      'admin@demo.ctg.test',
      'agent.carrieres@demo.ctg.test',
      'conseiller.caf@demo.ctg.test',
      'dpo@demo.ctg.test',
      'partenaire@demo.ctg.test',
    ]);
  });

  it('shows an accessible home page', async () => {
    await page.goto(`${server.url}/`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.title()).toContain('Conventions territoriales globales');
    await expectAccessible(page);
  });

  it('refuses a wrong password without saying which field was wrong', async () => {
    await page.goto(`${server.url}/connexion`);
    await page.getByLabel('Adresse électronique').fill('agent.carrieres@demo.ctg.test');
    await page.getByLabel('Mot de passe').fill('pas le bon');
    await page.getByRole('button', { name: 'Se connecter' }).last().click();
    expect(await page.getByRole('alert').innerText()).toContain(
      'Adresse électronique ou mot de passe incorrect.',
    );
    await expectAccessible(page);
  });

  it('logs in with the keyboard, searches the territory and opens its convention', async () => {
    await page.goto(`${server.url}/connexion`);
    await expectAccessible(page);
    await page.getByLabel('Adresse électronique').fill('agent.carrieres@demo.ctg.test');
    await page.getByLabel('Mot de passe').fill(server.accounts.get('agent.carrieres@demo.ctg.test')!);
    await page.getByLabel('Mot de passe').press('Enter');
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator('h1').innerText()).toContain('Bonjour');
    await expectAccessible(page);

    await page
      .getByLabel(/Nom ou code/)
      .first()
      .fill('carrieres');
    await page.getByRole('button', { name: 'Rechercher' }).first().click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Carrières-sur-Seine' }).click();
    expect(await page.locator('h1').innerText()).toContain('Carrières-sur-Seine');
    expect(await page.locator('main').innerText()).toContain('CA Saint Germain Boucles de Seine');
    expect(await page.locator('main').innerText()).toContain('Yvelines');
    await expectAccessible(page);

    await page.getByRole('link', { name: /Convention du 1er/ }).click();
    expect(await page.locator('h1').innerText()).toContain('Carrières-sur-Seine');
    expect(await page.locator('main').innerText()).toContain('Arnaud de BOURROUSSE');
    expect(await page.locator('main').innerText()).toContain('Sophie BARROIS');
    await expectAccessible(page);
  });

  it('shows an EPCI page listing its communes', async () => {
    await page.goto(`${server.url}/territoires/200058519`);
    expect(await page.getByRole('table').innerText()).toContain('Carrières-sur-Seine');
    await expectAccessible(page);
  });

  it('shows a French 404 page', async () => {
    const response = await page.goto(`${server.url}/territoires/99999`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Page introuvable');
    await expectAccessible(page);
  });

  it('shows the API documentation under its Content-Security-Policy', async () => {
    await page.goto(`${server.url}/api/docs`);
    await page.getByText('API des Conventions territoriales globales').first().waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
  });

  it('logs out', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    expect(await page.getByRole('link', { name: 'Se connecter' }).first().isVisible()).toBe(true);
  });

  it('breaks no rule of the Content-Security-Policy on any page visited', () => {
    expect(cspViolations).toEqual([]);
  });
});
