/**
 * The administration pages over HTTP, as an administrator and as others: organisations, accounts
 * (create, roles, disable, re-enable, new password, anonymise), a partner's access to a convention,
 * and a département without its Caf. Every refused form changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import {
  findOrganisationForTerritory,
  listOrganisations,
} from '../../src/db/repositories/organisation.repository.js';
import { findUserByEmail } from '../../src/db/repositories/user.repository.js';
import { seedDemo } from '../../src/use-cases/demo/seed-demo.js';
import { createOrganisation } from '../../src/use-cases/organisations/create-organisation.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock, makeUser, system } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let handle: TestDatabase;
let app: App;
let adminCookie: string;
let agentCookie: string;
let carrieresId: string;

async function csrfOf(cookie: string, url = '/admin'): Promise<string> {
  const page = await app.inject({ method: 'GET', url, headers: { cookie } });
  return /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
}

async function post(cookie: string, url: string, form: Record<string, string | string[]>, csrf?: string) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  body.set('_csrf', csrf ?? (await csrfOf(cookie)));
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const get = (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

beforeAll(async () => {
  handle = await createTestDatabase();
  // The Yvelines and the Val-d'Oise, with the Caf of the Yvelines only.
  await seedDemo(system(handle.db), { departements: ['78', '95'] });
  const caf78 = (await findOrganisationForTerritory(handle.db, 'caf', 'departement', '78'))!;
  await makeUser(handle.db, 'admin@caf78.example', caf78.id, ['admin']);
  await makeUser(handle.db, 'agent@caf78.example', caf78.id, ['caf_agent']);
  carrieresId = (await listConventions(handle.db, { kind: 'all' })).find(
    (c) => c.territoryCode === '78124',
  )!.id;
  app = await buildApp({
    db: handle.db,
    clock,
    driver: handle.driver,
    adminContact: 'admin-ctg@caf78.example',
  });
  await app.ready();
  adminCookie = await loginCookies(app, 'admin@caf78.example');
  agentCookie = await loginCookies(app, 'agent@caf78.example');
}, 180_000);
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('the administration pages', () => {
  it('are for administrators only', async () => {
    for (const url of ['/admin', '/admin/comptes', '/admin/roles', '/admin/organismes']) {
      expect((await get(agentCookie, url)).statusCode).toBe(403);
      expect((await get(adminCookie, url)).statusCode).toBe(200);
    }
    const home = await get(adminCookie, '/');
    expect(home.body).toContain('href="/admin"');
    expect((await get(agentCookie, '/')).body).not.toContain('href="/admin"');
    // One current link (the menu may be drawn twice): the journal's, or else Administration's.
    const current = async (url: string) => {
      const page = (await get(adminCookie, url)).body;
      return [...new Set([...page.matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((m) => m[1]))];
    };
    expect(await current('/admin/journal')).toEqual(['/admin/journal']);
    expect(await current('/admin/comptes')).toEqual(['/admin']);
  });

  it('refuse a form without its CSRF token, changing nothing', async () => {
    const before = (await listOrganisations(handle.db)).length;
    const res = await post(adminCookie, '/admin/organismes', { kind: 'partner', name: 'Sans jeton' }, 'faux');
    expect(res.statusCode).toBe(403);
    expect((await listOrganisations(handle.db)).length).toBe(before);
  });

  it('give a partner an account and a convention, and take it back', async () => {
    const created = await post(adminCookie, '/admin/organismes', {
      kind: 'partner',
      name: 'Association Familles',
    });
    expect(created.statusCode).toBe(303);
    const orgId = /\/admin\/organismes\/([0-9a-f-]+)\?fait=cree/.exec(String(created.headers.location))![1]!;

    const account = await post(adminCookie, '/admin/comptes', {
      displayName: 'Paule Partenaire',
      email: 'Paule@Familles.example',
      organisationId: orgId,
      roles: 'partner',
    });
    expect(account.statusCode).toBe(201);
    const password = /id="mot-de-passe">([^<]+)</.exec(account.body)![1]!.trim();
    // The password is shown once: the account's page never shows it again.
    const user = (await findUserByEmail(handle.db, 'paule@familles.example'))!;
    expect((await get(adminCookie, `/admin/comptes/${user.id}`)).body).not.toContain(password);

    const partnerCookie = await loginCookies(app, 'paule@familles.example', password);
    const empty = await get(partnerCookie, '/conventions');
    expect(empty.body).toContain('Aucune convention ne vous est encore ouverte');
    expect(empty.body).toContain('admin-ctg@caf78.example');
    expect((await get(partnerCookie, `/conventions/${carrieresId}`)).statusCode).toBe(404);

    // Another partner may not open it; an administrator does.
    expect(
      (await post(partnerCookie, `/admin/organismes/${orgId}/acces`, { conventionId: carrieresId }))
        .statusCode,
    ).toBe(403);
    const granted = await post(adminCookie, `/admin/organismes/${orgId}/acces`, {
      conventionId: carrieresId,
    });
    expect(granted.statusCode).toBe(303);
    expect((await get(partnerCookie, `/conventions/${carrieresId}`)).statusCode).toBe(200);
    expect((await get(partnerCookie, '/conventions')).body).toContain('Carrières-sur-Seine');
    expect((await get(adminCookie, `/admin/organismes/${orgId}`)).body).toContain('Retirer l’accès');
    // Granting twice changes nothing; the journal has one row.
    await post(adminCookie, `/admin/organismes/${orgId}/acces`, { conventionId: carrieresId });
    const journal = await get(adminCookie, `/admin/journal?action=convention.access_grant`);
    expect(journal.body).toContain('1 entrée.');
    expect(journal.body).toContain('Accès ouvert à un partenaire');

    const revoked = await post(adminCookie, `/admin/organismes/${orgId}/acces/${carrieresId}/retrait`, {});
    expect(revoked.statusCode).toBe(303);
    expect((await get(partnerCookie, `/conventions/${carrieresId}`)).statusCode).toBe(404);

    // Disabled: the session no longer works; re-enabled: a new login does.
    expect((await post(adminCookie, `/admin/comptes/${user.id}/desactivation`, {})).statusCode).toBe(303);
    expect((await get(partnerCookie, '/conventions')).statusCode).toBe(303);
    expect((await post(adminCookie, `/admin/comptes/${user.id}/reactivation`, {})).statusCode).toBe(303);
    const again = await loginCookies(app, 'paule@familles.example', password);
    expect((await get(again, '/conventions')).statusCode).toBe(200);

    // A new password, shown once: the old one stops working.
    const reset = await post(adminCookie, `/admin/comptes/${user.id}/mot-de-passe`, {});
    expect(reset.statusCode).toBe(200);
    const fresh = /id="mot-de-passe">([^<]+)</.exec(reset.body)![1]!.trim();
    expect(fresh).not.toBe(password);
    expect((await get(again, '/conventions')).statusCode).toBe(303);
    await loginCookies(app, 'paule@familles.example', fresh);
  });

  it('refuses a grant to an organisation that sees its territory anyway', async () => {
    const chatou = (await findOrganisationForTerritory(handle.db, 'commune', 'commune', '78146'))!;
    const res = await post(adminCookie, `/admin/organismes/${chatou.id}/acces`, {
      conventionId: carrieresId,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('voit déjà les conventions de son territoire');
  });

  it('shows each field’s error beside it, keeping what was typed', async () => {
    const res = await post(adminCookie, '/admin/comptes', {
      displayName: 'Sans Adresse',
      email: 'pas-une-adresse',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="email-erreur"');
    expect(res.body).toContain('aria-describedby="email-erreur"');
    expect(res.body).toContain('value="Sans Adresse"');
    expect(res.body).toContain('Au moins un rôle est requis.');
    expect(await findUserByEmail(handle.db, 'pas-une-adresse')).toBeUndefined();
  });

  it('keeps an administrator from locking themselves out', async () => {
    const self = (await findUserByEmail(handle.db, 'admin@caf78.example'))!;
    const disable = await post(adminCookie, `/admin/comptes/${self.id}/desactivation`, {});
    expect(disable.statusCode).toBe(400);
    expect(disable.body).toContain('Vous ne pouvez pas désactiver votre propre compte.');
    const roles = await post(adminCookie, `/admin/comptes/${self.id}/roles`, { roles: 'caf_agent' });
    expect(roles.statusCode).toBe(400);
    expect((await findUserByEmail(handle.db, 'admin@caf78.example'))!.roles).toEqual(['admin']);
  });

  it('anonymises a person only once confirmed', async () => {
    const caf78 = (await findOrganisationForTerritory(handle.db, 'caf', 'departement', '78'))!;
    await makeUser(handle.db, 'depart@caf78.example', caf78.id, ['caf_agent']);
    const user = (await findUserByEmail(handle.db, 'depart@caf78.example'))!;
    const confirm = await get(adminCookie, `/admin/comptes/${user.id}/anonymisation`);
    expect(confirm.body).toContain('Je confirme l’anonymisation définitive');
    const unconfirmed = await post(adminCookie, `/admin/comptes/${user.id}/anonymisation`, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect((await findUserByEmail(handle.db, 'depart@caf78.example'))!.anonymisedAt).toBeNull();
    const done = await post(adminCookie, `/admin/comptes/${user.id}/anonymisation`, { confirmation: 'oui' });
    expect(done.statusCode).toBe(303);
    expect(await findUserByEmail(handle.db, 'depart@caf78.example')).toBeUndefined();
    const list = await get(adminCookie, '/admin/comptes');
    expect(list.body).toContain('Personne anonymisée');
    expect(list.body).not.toContain('depart@caf78.example');
  });

  it('answers a département without its Caf in plain French, with a link for the admin', async () => {
    // Argenteuil, in the Val-d'Oise, whose Caf is not on the platform yet; its agent asks the admin.
    const argenteuil = await createOrganisation(system(handle.db), {
      kind: 'commune',
      territoryCode: '95018',
    });
    await makeUser(handle.db, 'agent@argenteuil.example', argenteuil.id, ['territory_agent']);
    const argenteuilCookie = await loginCookies(app, 'agent@argenteuil.example');
    const forAgent = await post(
      argenteuilCookie,
      '/conventions',
      { recherche: '95018' },
      await csrfOf(argenteuilCookie, '/conventions'),
    );
    expect(forAgent.statusCode).toBe(404);
    expect(forAgent.body).toContain('(95) n’est pas encore enregistrée dans la plateforme');
    expect(forAgent.body).not.toContain('territory.code');
    expect(forAgent.body).toContain('admin-ctg@caf78.example');
    expect(forAgent.body).not.toContain('/admin/organismes?nature=caf');

    const forAdmin = await post(
      adminCookie,
      '/conventions',
      { recherche: '95018' },
      await csrfOf(adminCookie, '/conventions'),
    );
    expect(forAdmin.body).toContain('href="/admin/organismes?nature=caf&amp;territoire=95"');
    const form = await get(adminCookie, '/admin/organismes?nature=caf&territoire=95');
    expect(form.body).toContain('value="95"');
    expect(
      (await post(adminCookie, '/admin/organismes', { kind: 'caf', territoryCode: '95', name: '' }))
        .statusCode,
    ).toBe(303);
    // One Caf per département.
    const twice = await post(adminCookie, '/admin/organismes', {
      kind: 'caf',
      territoryCode: '95',
      name: '',
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('existe déjà pour ce territoire');
    const created = await post(
      adminCookie,
      '/conventions',
      { recherche: '95018' },
      await csrfOf(adminCookie, '/conventions'),
    );
    expect(created.statusCode).toBe(303);
  });
});
