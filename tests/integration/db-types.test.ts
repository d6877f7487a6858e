/**
 * The table types come from the migrations: `src/db/schema.ts` must be what `npm run db:types`
 * writes from a freshly migrated database (this one: PGlite, or the server of DATABASE_URL). A
 * migration added without regenerating the types fails here, naming the first line that differs.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { generateTableTypes, valueSetOf } from '../../src/db/generate-types.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let generated: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  generated = await generateTableTypes(handle.db);
});
afterAll(() => handle.close());

describe('src/db/schema.ts', () => {
  it('is what the migrations produce (run `npm run db:types` after changing a migration)', async () => {
    const committed = await readFile(new URL('../../src/db/schema.ts', import.meta.url), 'utf8');
    const a = generated.split('\n');
    const b = committed.split('\n');
    const first = a.findIndex((line, i) => line !== b[i]);
    expect(
      first === -1 && a.length === b.length
        ? 'identical'
        : `line ${first + 1}: generated « ${a[first] ?? ''} », committed « ${b[first] ?? ''} » — run npm run db:types`,
    ).toBe('identical');
  });

  it('types a closed set of values from its check constraint, and the new columns of 0009', async () => {
    const generated = await generateTableTypes(handle.db);
    expect(generated).toContain(
      "export type TerritoryLevel = 'commune' | 'epci' | 'departement' | 'region';",
    );
    expect(generated).toMatch(/\n {2}version: ColumnType<number, number \| undefined, number>;\n/);
    expect(generated).toContain("kind: 'convention.create' | 'avenant.create';");
    expect(generated).toContain('/** SHA-256 of the session cookie value. */');
  });
});

describe('valueSetOf', () => {
  it('reads the values of a single-column `in (…)` check, as PostgreSQL prints it', () => {
    expect(valueSetOf("CHECK ((level = ANY (ARRAY['commune'::text, 'epci'::text])))")).toEqual([
      'level',
      ['commune', 'epci'],
    ]);
    expect(valueSetOf("CHECK ((note = ANY (ARRAY['l''an'::text])))")).toEqual(['note', ["l'an"]]);
    expect(valueSetOf('CHECK ((start_date <= end_date))')).toBeUndefined();
  });
});
