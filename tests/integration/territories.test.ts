import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { countTerritories } from '../../src/db/repositories/territory.repository.js';
import { findTerritories as search } from '../../src/use-cases/territories/find-territories.js';
import { getTerritory } from '../../src/use-cases/territories/get-territory.js';
import { importTerritories } from '../../src/use-cases/territories/import-territories.js';
import { system } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;

const findTerritories = async (...args: Parameters<typeof search>) => (await search(...args)).territories;

beforeAll(async () => {
  handle = await createTestDatabase();
  await importTerritories(system(handle.db), { departements: ['78', '95'] });
});
afterAll(() => handle.close());

describe('territory import', () => {
  it('is idempotent: a second run updates and never duplicates', async () => {
    const before = await countTerritories(handle.db);
    // 259 communes in the Yvelines, 183 in the Val-d'Oise.
    expect(before.commune).toBe(442);
    const again = await importTerritories(system(handle.db), { departements: ['78', '95'] });
    expect(again.before).toEqual(before);
    expect(await countTerritories(handle.db)).toEqual(before);
  });

  it('writes an audit row for each import', async () => {
    const { rows } = await listAudit(handle.db, { action: 'territories.import', limit: 10, offset: 0 });
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]!.entityId).toBe('@etalab/decoupage-administratif@6.0.0');
  });
});

describe('territory search', () => {
  it('finds Carrières-sur-Seine without accents or capitals', async () => {
    const rows = await findTerritories({ db: handle.db }, 'carrieres');
    expect(rows.map((r) => r.code)).toContain('78124');
    const exact = await findTerritories({ db: handle.db }, 'CARRIÈRES-SUR-SEINE');
    expect(exact[0]!.code).toBe('78124');
  });

  it('finds by INSEE code, SIREN and postal code', async () => {
    expect((await findTerritories({ db: handle.db }, '78124'))[0]!.name).toBe('Carrières-sur-Seine');
    expect((await findTerritories({ db: handle.db }, '200058519'))[0]!.name).toBe(
      'CA Saint Germain Boucles de Seine',
    );
    const byPostalCode = await findTerritories({ db: handle.db }, '78420');
    // 78420 is also the INSEE code of another commune, listed first.
    expect(byPostalCode[0]!.code).toBe('78420');
    expect(byPostalCode.map((r) => r.code)).toContain('78124');
  });

  it('says why each territory matches: « 78124 » is one commune’s Insee code, two others’ postal code', async () => {
    const { territories, total } = await search({ db: handle.db }, '78124');
    expect(total).toBe(3);
    expect(territories.map((t) => [t.name, t.matchedBy])).toEqual([
      ['Carrières-sur-Seine', [{ kind: 'code' }]],
      ['Mareil-sur-Mauldre', [{ kind: 'postal_code', postalCode: '78124' }]],
      ['Montainville', [{ kind: 'postal_code', postalCode: '78124' }]],
    ]);
  });

  it('counts every match when the page is cut, and its pages cover them once each', async () => {
    const first = await search({ db: handle.db }, 'saint', { limit: 20 });
    expect(first.territories).toHaveLength(20);
    expect(first.total).toBeGreaterThan(20);
    const seen: string[] = [];
    for (let offset = 0; offset < first.total + 20; offset += 20) {
      const page = await search({ db: handle.db }, 'saint', { limit: 20, offset });
      expect(page.total).toBe(first.total);
      seen.push(...page.territories.map((t) => `${t.level}:${t.code}`));
      for (const t of page.territories) expect(t.matchedBy.length).toBeGreaterThan(0);
    }
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
    // Every one of them has "saint" in its accent-free name.
    const all = await search({ db: handle.db }, 'saint', { limit: 1000 });
    expect(all.total).toBe(first.total);
    expect(all.territories.every((t) => t.searchName.includes('saint'))).toBe(true);
  });

  it('filters by level in the page and in the count', async () => {
    const communes = await search({ db: handle.db }, 'seine', { levels: ['commune'], limit: 1 });
    const epcis = await search({ db: handle.db }, 'seine', { levels: ['epci'], limit: 1 });
    const both = await search({ db: handle.db }, 'seine', { levels: ['commune', 'epci'], limit: 1 });
    expect(both.total).toBe(communes.total + epcis.total);
    expect(epcis.territories[0]!.level).toBe('epci');
  });

  it('treats LIKE wildcards as plain text', async () => {
    expect(await findTerritories({ db: handle.db }, '%%%')).toEqual([]);
  });
});

describe('territory view', () => {
  it('shows a commune with its EPCI, département and région', async () => {
    const view = await getTerritory({ db: handle.db }, '78124');
    expect(view.epci?.name).toBe('CA Saint Germain Boucles de Seine');
    expect(view.departements.map((d) => d.name)).toEqual(['Yvelines']);
    expect(view.region?.name).toBe('Île-de-France');
  });

  it('lists the communes of an EPCI spanning two départements', async () => {
    const view = await getTerritory({ db: handle.db }, '200058519');
    expect(view.communes.map((c) => c.code)).toEqual(expect.arrayContaining(['78124', '95063']));
    expect(view.departements.map((d) => d.code)).toEqual(['78', '95']);
  });

  it('refuses an unknown code with TERRITORY_NOT_FOUND', async () => {
    await expect(getTerritory({ db: handle.db }, '99999')).rejects.toMatchObject({
      code: 'TERRITORY_NOT_FOUND',
    });
  });
});
