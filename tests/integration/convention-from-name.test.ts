/**
 * A convention created from what a person types: a name (accents and capitals as they come) or a
 * code. One territory of that name in the perimeter: created; several, or only part of a name: the
 * candidates to choose from; none: a French message and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { isAppError } from '../../src/domain/shared/app-error.js';
import { createConvention } from '../../src/use-cases/conventions/create-convention.js';
import type { TerritoryCandidate } from '../../src/use-cases/conventions/territory-for-convention.js';
import { importTerritories } from '../../src/use-cases/territories/import-territories.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { type App, buildApp } from '../../src/web/app.js';
import { as, clock, makeUser, seedWorld, system } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let cafAgent: Actor;
let admin: Actor;
let communeAgent: Actor;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  // Thoiry is a commune of the Ain, of Savoie and of the Yvelines.
  await importTerritories(system(handle.db), { departements: ['01', '73'] });
  cafAgent = await makeUser(handle.db, 'caf@name.test', world.caf78.id, ['caf_agent']);
  admin = await makeUser(handle.db, 'admin@name.test', world.caf78.id, ['admin']);
  communeAgent = await makeUser(handle.db, 'commune@name.test', world.carrieres.id, ['territory_agent']);
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

async function conventionsOf(code: string) {
  return (await listConventions(handle.db, { kind: 'all' })).filter((c) => c.territoryCode === code);
}

async function refusal(actor: Actor, search: string) {
  try {
    await createConvention(as(handle.db, actor), { territory: { search } });
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error(`« ${search} » a créé une convention`);
}

describe('a convention from a name', () => {
  it('finds Chambourcy by its name, whatever the accents and capitals', async () => {
    expect(await conventionsOf('78133')).toEqual([]);
    const { id } = await createConvention(as(handle.db, cafAgent), {
      territory: { search: '  CHAMBOURCY ' },
    });
    const [created] = await conventionsOf('78133');
    expect(created?.id).toBe(id);
    expect(created?.territoryName).toBe('Chambourcy');
  });

  it('offers the candidates of a partial name, each in the perimeter, with code, kind and département', async () => {
    const error = await refusal(cafAgent, 'saint-germain');
    expect(error.code).toBe('TERRITORY_AMBIGUOUS');
    expect(error.status).toBe(409);
    const { candidates, total } = error.details as { candidates: TerritoryCandidate[]; total: number };
    expect(candidates.map((c) => c.code)).toEqual(expect.arrayContaining(['78550', '78551']));
    expect(total).toBe(candidates.length);
    for (const c of candidates) expect(c.departements.map((d) => d.code)).toContain('78');
    const laye = candidates.find((c) => c.code === '78551')!;
    expect(laye).toMatchObject({ level: 'commune', name: 'Saint-Germain-en-Laye' });
    expect(laye.departements).toEqual([{ code: '78', name: 'Yvelines' }]);
    expect(error.message).toContain('choisissez');
  });

  it('offers homonyms of several départements to whom may act in all of them, one to the Caf of one', async () => {
    const error = await refusal(admin, 'Thoiry');
    expect(error.code).toBe('TERRITORY_AMBIGUOUS');
    const { candidates } = error.details as { candidates: TerritoryCandidate[] };
    expect(candidates.map((c) => c.departements[0]!.code).sort()).toEqual(['01', '73', '78']);
    // The Caf des Yvelines has one Thoiry in its perimeter: that one.
    const { id } = await createConvention(as(handle.db, cafAgent), { territory: { search: 'thoiry' } });
    expect((await conventionsOf('78616')).map((c) => c.id)).toEqual([id]);
  });

  it('says in French when nothing in the perimeter matches, and writes nothing', async () => {
    const before = (await listConventions(handle.db, { kind: 'all' })).length;
    const none = await refusal(cafAgent, 'Atlantide');
    expect(none.code).toBe('TERRITORY_NOT_FOUND');
    expect(none.message).toContain(
      'Aucune commune ni intercommunalité de votre périmètre ne correspond à « Atlantide »',
    );
    // Chatou exists, but the agent of Carrières-sur-Seine may not draft its convention.
    expect((await refusal(communeAgent, 'Chatou')).code).toBe('TERRITORY_NOT_FOUND');
    expect((await listConventions(handle.db, { kind: 'all' })).length).toBe(before);
  });

  it('still takes a code typed in the same field', async () => {
    const { id } = await createConvention(as(handle.db, cafAgent), { territory: { search: '78481' } });
    expect((await conventionsOf('78481')).map((c) => c.id)).toEqual([id]);
  });
});

describe('through the API', () => {
  it('keeps { level, code } and accepts { search }, answering 409 with the candidates', async () => {
    const { token } = await createApiToken(system(handle.db), { email: 'caf@name.test' });
    const post = (territory: unknown) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/conventions',
        headers: { authorization: `Bearer ${token}` },
        payload: { territory },
      });
    expect((await post({ level: 'commune', code: '78498' })).statusCode).toBe(201);
    const byName = await post({ search: 'Poissy' });
    expect(byName.statusCode).toBe(201);
    expect(byName.json().territory).toMatchObject({ name: 'Poissy' });
    const several = await post({ search: 'saint-germain' });
    expect(several.statusCode).toBe(409);
    expect(several.json().error.code).toBe('TERRITORY_AMBIGUOUS');
    expect(several.json().error.details.candidates.map((c: { code: string }) => c.code)).toContain('78551');
    const empty = await post({ search: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details).toEqual([
      {
        field: 'body.territory.search',
        message: 'Donnez le nom ou le code de la commune ou de l’intercommunalité.',
      },
    ]);
    const neither = await post({ nom: 'Chambourcy' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details[0].message).toBe(
      'Territoire : { level, code } ou { search } (nom ou code).',
    );
  });
});

describe('the page, without JavaScript', () => {
  let cookie: string;
  const submit = async (fields: Record<string, string>) => {
    const page = await app.inject({ method: 'GET', url: '/conventions', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    return app.inject({
      method: 'POST',
      url: '/conventions',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
    });
  };
  beforeAll(async () => {
    cookie = await loginCookies(app, 'caf@name.test');
  });

  it('lists the candidates as radio buttons, then creates the one chosen', async () => {
    const choose = await submit({ recherche: 'Saint-Germain' });
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('<legend>Territoire de la convention</legend>');
    expect(choose.body).toMatch(/type="radio"[^>]*name="territoire"[^>]*value="commune:78551"/);
    expect(choose.body).toContain('commune, code Insee 78551, Yvelines (78)');
    const before = (await conventionsOf('78551')).length;
    const created = await submit({ recherche: 'Saint-Germain', etape: 'choix', territoire: 'commune:78551' });
    expect(created.statusCode).toBe(303);
    const after = await conventionsOf('78551');
    expect(after.length).toBe(before + 1);
    expect(created.headers.location).toBe(`/conventions/${after.at(-1)!.id}`);
  });

  it('asks again when nothing was chosen, and explains an unknown name on the list page', async () => {
    const again = await submit({ recherche: 'Saint-Germain', etape: 'choix' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Choisissez un territoire dans la liste');
    const unknown = await submit({ recherche: 'Atlantide' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('ne correspond à « Atlantide »');
    expect(unknown.body).toContain('value="Atlantide"');
    // The field is named in French, never by its code in the API.
    expect(unknown.body).toContain('commune ou intercommunalité : Aucun territoire trouvé.');
    expect(unknown.body).not.toContain('territory.search');
    const empty = await submit({ recherche: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Donnez le nom ou le code');
  });

  it('still accepts the code field of a page served before', async () => {
    const created = await submit({ code: '78005' });
    expect(created.statusCode).toBe(303);
  });
});
