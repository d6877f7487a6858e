/**
 * Territory searches are kept per version of the referential: a second import (more départements)
 * is seen by the very next search, never hidden behind a kept answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTerritories } from '../../src/use-cases/territories/find-territories.js';
import { importTerritories } from '../../src/use-cases/territories/import-territories.js';
import { system } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase();
  await importTerritories(system(handle.db), { departements: ['78'] });
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

describe('the territory search, kept per referential version', () => {
  it('answers the same twice, then sees a new import at once', async () => {
    const first = await findTerritories(handle, 'saint', { limit: 500 });
    expect(first.total).toBeGreaterThan(10);
    expect(first.territories.every((t) => t.departementCodes.includes('78'))).toBe(true);
    expect(await findTerritories(handle, 'saint', { limit: 500 })).toEqual(first);

    await importTerritories(system(handle.db), { departements: ['95'] });
    const after = await findTerritories(handle, 'saint', { limit: 500 });
    expect(after.total).toBeGreaterThan(first.total);
    expect(after.territories.some((t) => t.departementCodes.includes('95'))).toBe(true);
  });

  it('keeps pages apart', async () => {
    const one = await findTerritories(handle, 'saint', { limit: 5 });
    const two = await findTerritories(handle, 'saint', { limit: 5, offset: 5 });
    expect(one.territories.map((t) => t.code)).not.toEqual(two.territories.map((t) => t.code));
    expect(two.offset).toBe(5);
  });
});
