/**
 * The published diagnostic is served from memory per version of its figures, with an ETag: a client
 * holding the current one gets a 304 without a body; an import changes the version, so the next
 * answer is computed again and equals the computation from the database, never the stale one.
 * Below it, the parsed secrecy pattern of a département and the sums of its communes are kept per
 * revision of the stored pattern: a pattern rewritten in the same instant (the clock is fixed here)
 * is read anew, and so are the sums.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { findProtectionPatterns } from '../../src/db/repositories/diagnostic.repository.js';
import { listTerritoriesOfDepartement } from '../../src/db/repositories/territory.repository.js';
import { CATALOGUE } from '../../src/domain/diagnostic/catalogue.js';
import { departementSums } from '../../src/use-cases/diagnostic/departement-sums.js';
import { getDiagnostic } from '../../src/use-cases/diagnostic/get-diagnostic.js';
import { importDiagnostic } from '../../src/use-cases/diagnostic/import-diagnostic.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock, makeUser, seedWorld, system } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let cookie: string;
const URL = '/api/v1/territories/78124/diagnostic';

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  await makeUser(handle.db, 'agent@caf78.test', world.caf78.id, ['caf_agent']);
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  cookie = await loginCookies(app, 'agent@caf78.test');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

interface Json {
  sections: {
    id: string;
    rows: { id: string; value: number | null; referenceValue: number | null; status: string }[];
  }[];
}

/** Row by row, what the uncached use case computes from the database now. */
async function expectComputedNow(body: string) {
  const { json } = await getDiagnostic(system(handle.db), '78124');
  const served = JSON.parse(body) as Json;
  const rowsOf = (j: Json) =>
    j.sections.flatMap((s) => s.rows.map((r) => [`${s.id}/${r.id}`, r.value, r.referenceValue, r.status]));
  expect(rowsOf(served)).toEqual(rowsOf(json as unknown as Json));
}

describe('the published diagnostic, cached by version', () => {
  it('answers 304 to the current ETag, 200 with the new figures after an import', async () => {
    const first = await app.inject({ method: 'GET', url: URL, headers: { cookie } });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"d-[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const again = await app.inject({ method: 'GET', url: URL, headers: { cookie, 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const weak = await app.inject({
      method: 'GET',
      url: URL,
      headers: { cookie, 'if-none-match': `"other", W/${etag}` },
    });
    expect(weak.statusCode).toBe(304);
    const cached = await app.inject({ method: 'GET', url: URL, headers: { cookie } });
    expect(cached.body).toBe(first.body);
    await expectComputedNow(first.body);

    // A later population figure for the commune: the latest one is shown.
    await importDiagnostic(system(handle.db), {
      fileName: 'population-2021.csv',
      bytes: Buffer.from(
        'code_territoire;indicateur;date_reference;valeur;part_pct;part_de;note;source\n78124;population;2021-01-01;15300;;;;Insee RP2021\n',
      ),
      format: 'long_csv',
    });
    const after = await app.inject({ method: 'GET', url: URL, headers: { cookie, 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    await expectComputedNow(after.body);
    const values = (j: Json) => j.sections.flatMap((s) => s.rows.map((r) => r.value));
    expect(values(JSON.parse(after.body))).toContain(15300);
    expect(values(JSON.parse(first.body))).not.toContain(15300);
  });

  it('the page and the API show the same figures, the page without a stored 304', async () => {
    const api = (await app.inject({ method: 'GET', url: URL, headers: { cookie } })).json() as {
      territory: { name: string };
    };
    const page = await app.inject({
      method: 'GET',
      url: '/territoires/78124/diagnostic',
      headers: { cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(api.territory.name);
  });

  it('a client without access gets no 304 for an ETag it copied', async () => {
    const first = await app.inject({ method: 'GET', url: URL, headers: { cookie } });
    const anonymous = await app.inject({
      method: 'GET',
      url: URL,
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(anonymous.statusCode).not.toBe(304);
    expect(anonymous.statusCode).not.toBe(200);
  });

  it('an unknown territory is a 404, not cached', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/territories/99999/diagnostic',
        headers: { cookie },
      });
      expect(response.statusCode).toBe(404);
    }
  });
});

describe('the secrecy pattern and the département sums, kept per revision', () => {
  it('reads a pattern rewritten in the same instant anew, and the sums with it', async () => {
    const db = handle.db;
    const ctx = system(db);
    // Three communes given a count, their sums read from them alone.
    const communes = (await listTerritoriesOfDepartement(db, '78', 'commune')).slice(0, 3);
    const indicator = [...CATALOGUE.indicators.values()].find((i) => i.kind === 'count')!.id;
    const date = '2022-12-31';
    const importCounts = (counts: number[]) =>
      importDiagnostic(ctx, {
        fileName: 'comptes.csv',
        bytes: Buffer.from(
          `code_territoire;indicateur;date_reference;valeur;source\n${communes
            .map((c, i) => `${c.code};${indicator};${date};${counts[i]};Caf\n`)
            .join('')}`,
        ),
      });
    await importCounts([20, 30, 40]);
    const before = (await findProtectionPatterns(db, ['78']))[0]!;
    // Read again unchanged: the same parsed pattern, not a copy.
    expect((await findProtectionPatterns(db, ['78']))[0]!.statuses).toBe(before.statuses);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return communes;
    };
    const departement = { code: '78', name: 'Yvelines' };
    const sumIn = (rows: Awaited<ReturnType<typeof departementSums>>) =>
      rows.find((s) => s.indicator === indicator && s.date === date)?.value;
    const sums = await departementSums(ctx, departement, load, [], before.revision);
    expect(sumIn(sums)).toBe(90);
    expect(loads).toBe(1);
    expect(await departementSums(ctx, departement, load, [], before.revision)).toBe(sums);
    expect(loads).toBe(1);

    // One figure raised by 7, the pattern rewritten at the same time of the fixed clock.
    await importCounts([27, 30, 40]);
    const after = (await findProtectionPatterns(db, ['78']))[0]!;
    expect(after.computedAt).toEqual(before.computedAt);
    expect(after.revision).not.toBe(before.revision);
    expect(after.statuses).not.toBe(before.statuses);
    expect(await departementSums(ctx, departement, load, [], after.revision)).not.toBe(sums);
    expect(loads).toBe(2);
    expect(sumIn(await departementSums(ctx, departement, load, [], after.revision))).toBe(97);
  });
});
