/**
 * The administrator's journey in the browser: they create a partner's organisation and an account
 * for a person of it (the password shown once), the partner logs in and reads why they see no
 * convention, the administrator opens Carrières-sur-Seine's convention to the partner, and the
 * partner sees it. Every administration page passes axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCspViolations, launchBrowser, seriousViolations } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
let adminContext: BrowserContext;
let partnerContext: BrowserContext;
let admin: Page;
let partner: Page;
let cspViolations: string[];
let partnerPassword = '';

const PARTNER_EMAIL = 'paule.partenaire@familles-en-seine.example';

beforeAll(async () => {
  server = await startServer({ CTG_ADMIN_CONTACT: 'admin-ctg@caf78.example' });
  browser = await launchBrowser();
  adminContext = await browser.newContext();
  partnerContext = await browser.newContext();
  admin = await adminContext.newPage();
  partner = await partnerContext.newPage();
  cspViolations = await collectCspViolations(admin);
}, 180_000);
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

async function logIn(p: Page, email: string, password: string) {
  await p.goto(`${server.url}/connexion`);
  await p.getByLabel('Adresse électronique').fill(email);
  await p.getByLabel('Mot de passe').fill(password);
  await p.getByLabel('Mot de passe').press('Enter');
  await p.waitForURL(`${server.url}/`);
}

describe('the administrator gives a partner access to a convention', () => {
  it('tells a visitor who creates accounts', async () => {
    await partner.goto(`${server.url}/connexion`);
    expect(await partner.locator('main').innerText()).toContain(
      'l’administrateur·rice de la plateforme à la Caf de votre département (admin-ctg@caf78.example)',
    );
    await expectAccessible(partner);
  });

  it('creates the partner’s organisation', async () => {
    await logIn(admin, 'admin@demo.ctg.test', server.accounts.get('admin@demo.ctg.test')!);
    await admin.getByRole('link', { name: 'Administration' }).click();
    expect(await admin.locator('h1').innerText()).toBe('Administration de la plateforme');
    await expectAccessible(admin);
    await admin.getByRole('link', { name: 'Organismes', exact: true }).click();
    await expectAccessible(admin);
    await admin.getByLabel('Nature').selectOption({ label: 'Partenaire' });
    await admin.getByLabel('Nom', { exact: true }).fill('Association Familles en Seine');
    await admin.getByRole('button', { name: 'Créer l’organisme' }).click();
    await admin.waitForURL(/\/admin\/organismes\/[0-9a-f-]+\?fait=cree/);
    expect(await admin.locator('h1').innerText()).toBe('Association Familles en Seine');
    expect(await admin.getByRole('status').innerText()).toContain('L’organisme est créé.');
    await expectAccessible(admin);
  });

  it('creates an account for a person of it, and shows the password once', async () => {
    await admin.goto(`${server.url}/admin/comptes`);
    await expectAccessible(admin);
    await admin.getByRole('link', { name: 'Créer un compte' }).click();
    await expectAccessible(admin);
    // Sent empty: each field says what is missing, tied to it.
    await admin.getByRole('button', { name: 'Créer le compte' }).click();
    expect(await admin.getByRole('alert').innerText()).toContain('Le nom est obligatoire.');
    expect(await admin.getByLabel('Nom et prénom').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(admin);

    await admin.getByLabel('Nom et prénom').fill('Paule Partenaire');
    await admin.getByLabel('Adresse électronique').fill(PARTNER_EMAIL);
    await admin.getByLabel('Organisme').selectOption({ label: 'Association Familles en Seine (Partenaire)' });
    await admin.getByLabel('Partenaire (consultatif)').check();
    await admin.getByRole('button', { name: 'Créer le compte' }).click();
    expect(await admin.locator('h1').innerText()).toBe('Compte créé');
    partnerPassword = (await admin.locator('#mot-de-passe').innerText()).trim();
    expect(partnerPassword.length).toBeGreaterThanOrEqual(12);
    await expectAccessible(admin);
  });

  it('lets the partner log in, and says why no convention shows and who opens one', async () => {
    await logIn(partner, PARTNER_EMAIL, partnerPassword);
    const text = await partner.locator('main').innerText();
    expect(text).toContain('Aucune convention ne vous est encore ouverte');
    expect(text).toContain('admin-ctg@caf78.example');
    await expectAccessible(partner);
  });

  it('opens Carrières-sur-Seine’s convention to the partner’s organisation', async () => {
    await admin.goto(`${server.url}/admin/organismes`);
    await admin.getByRole('link', { name: 'Association Familles en Seine' }).click();
    const carrieres = await admin
      .locator('#conventionId option', { hasText: 'Carrières-sur-Seine' })
      .getAttribute('value');
    await admin.getByLabel('Ouvrir une convention à l’organisme').selectOption(carrieres!);
    await admin.getByRole('button', { name: 'Ouvrir l’accès' }).click();
    expect(await admin.getByRole('status').innerText()).toContain('L’accès à la convention est ouvert');
    expect(await admin.locator('main table').innerText()).toContain('Carrières-sur-Seine');
    await expectAccessible(admin);
  });

  it('shows the partner the convention', async () => {
    await partner.goto(`${server.url}/`);
    await partner
      .getByRole('link', { name: /Carrières-sur-Seine/ })
      .first()
      .click();
    expect(await partner.locator('h1').innerText()).toContain('Carrières-sur-Seine');
    await expectAccessible(partner);
  });

  it('passes axe-core on the account, roles and journal pages', async () => {
    await admin.goto(`${server.url}/admin/comptes`);
    await admin.getByRole('link', { name: 'Paule Partenaire' }).click();
    expect(await admin.locator('h1').innerText()).toBe('Paule Partenaire');
    await expectAccessible(admin);
    await admin.getByRole('link', { name: 'Anonymiser cette personne…' }).click();
    expect(await admin.locator('h1').innerText()).toContain('Anonymiser Paule Partenaire');
    await expectAccessible(admin);
    await admin.goto(`${server.url}/admin/roles`);
    await expectAccessible(admin);
    await admin.goto(`${server.url}/admin/journal`);
    expect(await admin.locator('main').innerText()).toContain('Accès ouvert à un partenaire');
    await expectAccessible(admin);
    expect(cspViolations).toEqual([]);
  });
});
