/**
 * What a new user met on a first visit, in the browser: the navigation reaches Échéances and the
 * Caf's Modèles; a convention is created from a commune's name; a search by code says why each
 * territory matches and how many match in all; at 390 px the header stays small, a menu folds the
 * navigation and no page scrolls sideways; the site has its icon. Every page passes axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCspViolations, launchBrowser, seriousViolations } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

let server: RunningServer;
let browser: Browser;
/** The CSP violations of every page opened, filled as they happen. */
const cspLogs: string[][] = [];

const CAF_AGENT = 'conseiller.caf@demo.ctg.test';
const COMMUNE_AGENT = 'agent.carrieres@demo.ctg.test';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
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

/** A fresh browser context of that size, logged in as `email`. */
async function loggedIn(email: string, viewport: { width: number; height: number }) {
  const context: BrowserContext = await browser.newContext({ viewport });
  const page = await context.newPage();
  const found = await collectCspViolations(page);
  cspLogs.push(found);
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(server.accounts.get(email)!);
  await Promise.all([page.waitForURL(`${server.url}/`), page.getByLabel('Mot de passe').press('Enter')]);
  return { page, context, cspViolations: found };
}

const WIDE = { width: 1200, height: 900 };
const PHONE = { width: 390, height: 844 };
const navLinks = (page: Page) =>
  page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allInnerTexts();

describe('the navigation', () => {
  it('takes a Caf agent to Échéances and Modèles, and marks the page they are on', async () => {
    const { page, context, cspViolations } = await loggedIn(CAF_AGENT, WIDE);
    expect(await navLinks(page)).toEqual(['Accueil', 'Territoires', 'Conventions', 'Échéances', 'Modèles']);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Modèles', exact: true }).click(),
    ]);
    expect(page.url()).toBe(`${server.url}/conventions/modeles`);
    expect(
      await page
        .getByRole('navigation', { name: 'Navigation principale' })
        .locator('[aria-current="page"]')
        .allInnerTexts(),
    ).toEqual(['Modèles']);
    await expectAccessible(page);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Échéances', exact: true }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toBe('Échéances des conventions');
    expect(
      await page
        .getByRole('navigation', { name: 'Navigation principale' })
        .locator('[aria-current="page"]')
        .innerText(),
    ).toBe('Échéances');
    await expectAccessible(page);
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('offers the commune’s agent Échéances but not the Caf’s templates', async () => {
    const { page, context } = await loggedIn(COMMUNE_AGENT, WIDE);
    expect(await navLinks(page)).toEqual(['Accueil', 'Territoires', 'Conventions', 'Échéances']);
    await context.close();
  });
});

describe('a convention created from a name', () => {
  it('finds Chambourcy by its name, and has the person choose among the Saint-Germain', async () => {
    const { page, context, cspViolations } = await loggedIn(CAF_AGENT, WIDE);
    await page.goto(`${server.url}/conventions`);
    await page.getByLabel('Commune ou intercommunalité').fill('chambourcy');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Créer le projet de convention' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toContain('Chambourcy');

    await page.goto(`${server.url}/conventions`);
    await page.getByLabel('Commune ou intercommunalité').fill('Saint-Germain');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Créer le projet de convention' }).click(),
    ]);
    const choices = page.getByRole('group', { name: 'Territoire de la convention' });
    expect(await choices.innerText()).toContain(
      'Saint-Germain-en-Laye commune, code Insee 78551, Yvelines (78)',
    );
    expect(await choices.innerText()).toContain('Saint-Germain-de-la-Grange');
    await expectAccessible(page);
    // Without choosing, the browser keeps the form (required radio); the keyboard picks one.
    await page.getByLabel(/Saint-Germain-en-Laye/).check();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Créer le projet de convention' }).first().click(),
    ]);
    expect(await page.locator('h1').innerText()).toContain('Saint-Germain-en-Laye');
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});

describe('the territory search', () => {
  it('says that two communes match « 78124 » by their postal code', async () => {
    const page = await browser.newPage({ viewport: WIDE });
    await page.goto(`${server.url}/territoires?q=78124`);
    expect(await page.locator('h2#resultats').innerText()).toBe('3 résultats pour « 78124 »');
    const row = (name: string) => page.getByRole('row').filter({ hasText: name });
    expect(await row('Carrières-sur-Seine').innerText()).toContain('code Insee');
    expect(await row('Mareil-sur-Mauldre').innerText()).toContain('code postal 78124');
    expect(await row('Montainville').innerText()).toContain('code postal 78124');
    await expectAccessible(page);
    await page.close();
  });

  it('gives the real count of a long list and the way to the next results', async () => {
    const page = await browser.newPage({ viewport: WIDE });
    await page.goto(`${server.url}/territoires?q=saint`);
    const heading = await page.locator('h2#resultats').innerText();
    const total = Number(
      /^50 premiers résultats sur ([\d\s\u202f]+) pour/.exec(heading)![1]!.replace(/\D/g, ''),
    );
    expect(total).toBeGreaterThan(50);
    expect(await page.locator('tbody tr').count()).toBe(50);
    await expectAccessible(page);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Résultats suivants' }).click(),
    ]);
    expect(await page.locator('h2#resultats').innerText()).toMatch(
      /^Résultats 51 à 100 sur [\d\s\u202f]+ pour « saint »$/,
    );
    await page.close();
  });
});

describe('on a 390 px wide phone', () => {
  let page: Page;
  let context: BrowserContext;
  beforeAll(async () => {
    ({ page, context } = await loggedIn(CAF_AGENT, PHONE));
  });
  afterAll(() => context?.close());

  it('keeps the header small and nothing wider than the screen', async () => {
    await page.goto(`${server.url}/conventions`);
    const convention = await page
      .getByRole('link', { name: 'Carrières-sur-Seine' })
      .first()
      .getAttribute('href');
    for (const path of [
      '/',
      '/territoires/78124',
      '/territoires/78124/diagnostic',
      convention!,
      '/echeances',
      '/territoires?q=saint',
    ]) {
      await page.goto(`${server.url}${path}`);
      const header = await page.locator('header.site-header').boundingBox();
      expect(header!.height, path).toBeLessThanOrEqual(120);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth), path).toBeLessThanOrEqual(
        390,
      );
      await expectAccessible(page);
    }
  });

  it('folds the navigation into a menu the keyboard opens', async () => {
    await page.goto(`${server.url}/echeances`);
    expect(await page.getByRole('link', { name: 'Modèles' }).count()).toBe(0);
    await page.getByText('Menu', { exact: true }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await menu.getByRole('link').allInnerTexts()).toEqual([
      'Accueil',
      'Territoires',
      'Conventions',
      'Échéances',
      'Modèles',
    ]);
    expect(await menu.locator('[aria-current="page"]').innerText()).toBe('Échéances');
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
    await expectAccessible(page);
  });

  it('scrolls a wide table inside its own box, with the keyboard too', async () => {
    await page.goto(`${server.url}/territoires/78124/diagnostic`);
    const regions = page.getByRole('region').filter({ has: page.getByRole('table') });
    // The first table wider than the screen: a region named for it, that scrolls and not the page.
    const wide = await regions.evaluateAll((boxes) =>
      boxes.findIndex((el) => el.scrollWidth > el.clientWidth),
    );
    expect(wide).toBeGreaterThanOrEqual(0);
    const box = regions.nth(wide);
    expect(await box.getAttribute('aria-label')).toBeTruthy();
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.scrollingElement!.scrollLeft)).toBe(0);
  });
});

describe('the site’s icon', () => {
  it('is linked from the pages and served with a cache lifetime', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    expect(
      await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => l.getAttribute('href'))),
    ).toEqual(['/favicon.ico', '/favicon.svg']);
    for (const [path, type] of [
      ['/favicon.ico', 'image/x-icon'],
      ['/favicon.svg', 'image/svg+xml'],
    ] as const) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response!.status()).toBe(200);
      expect(response!.headers()['content-type']).toContain(type);
      expect(response!.headers()['cache-control']).toMatch(/^public, max-age=\d+/);
    }
    await page.close();
  });

  it('breaks no rule of the Content-Security-Policy on any page of a logged-in person', () => {
    expect(cspLogs.flat()).toEqual([]);
  });
});
