/**
 * What a Caf agent sees the day after a convention's end, before any job has run: the list of
 * conventions and the due-items page say « Expirée », and the administrator's jobs page lists the
 * scheduled job. The platform runs in this process with its clock on 3 January 2029, on a fresh
 * embedded database; every page passes axe-core.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { findConvention } from '../../src/db/repositories/convention.repository.js';
import { findOrganisationForTerritory } from '../../src/db/repositories/organisation.repository.js';
import { fixedClock } from '../../src/domain/shared/dates.js';
import { systemContext } from '../../src/use-cases/context.js';
import { seedDemo } from '../../src/use-cases/demo/seed-demo.js';
import { type App, buildApp } from '../../src/web/app.js';
import { launchBrowser, seriousViolations } from '../support/browser.js';
import { makeUser, TEST_PASSWORD } from '../support/fixtures.js';
import { signChatou } from '../support/signed-convention.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let url: string;
let browser: Browser;
let page: Page;
let chatouId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(systemContext(handle.db, fixedClock('2024-11-20'), 'demo'), { departements: ['78'] });
  const caf = (await findOrganisationForTerritory(handle.db, 'caf', 'departement', '78'))!;
  const chatou = (await findOrganisationForTerritory(handle.db, 'commune', 'commune', '78146'))!;
  const cafAgent = await makeUser(handle.db, 'agent.caf@test.fr', caf.id, ['caf_agent']);
  const chatouAgent = await makeUser(handle.db, 'agent.chatou@test.fr', chatou.id, ['territory_agent']);
  await makeUser(handle.db, 'admin@test.fr', caf.id, ['admin']);
  chatouId = await signChatou(handle.db, { cafId: caf.id, chatouId: chatou.id, cafAgent, chatouAgent });
  app = await buildApp({ db: handle.db, clock: fixedClock('2029-01-03'), driver: handle.driver });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await handle?.close();
});

async function logInAs(email: string) {
  await page.context().clearCookies();
  await page.goto(`${url}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
  await page.getByLabel('Mot de passe').press('Enter');
  await page.waitForURL(`${url}/`);
}

async function accessible() {
  const violations = await seriousViolations(page);
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

describe('the day after the end of Chatou’s convention', () => {
  it('shows it expired in the list and on the due-items page, while nothing has stored it', async () => {
    await logInAs('agent.caf@test.fr');
    await page.goto(`${url}/conventions`);
    const row = page.getByRole('row').filter({ hasText: 'Chatou' });
    await expect(row.innerText()).resolves.toContain('Expirée');
    await accessible();

    await page.goto(`${url}/echeances`);
    const item = page.getByRole('row').filter({ hasText: 'Chatou' });
    const text = (await item.innerText()).replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('Expirée');
    expect(text).toContain('aucune convention suivante n’est en préparation');
    await accessible();
    expect((await findConvention(handle.db, chatouId))!.convention.status).toBe('signed');
  });

  it('lists the scheduled job for the administrator', async () => {
    await logInAs('admin@test.fr');
    await page.goto(`${url}/admin/journal`);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Tâches planifiées' }).click(),
    ]);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Tâches planifiées');
    await expect(page.locator('main').innerText()).resolves.toContain('Chaque jour à 0 h 05');
    await accessible();
  });
});
