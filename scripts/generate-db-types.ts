/**
 * `npm run db:types`: migrates a fresh in-memory database and writes `src/db/schema.ts` from it.
 * Run it after adding or changing a migration; tests/integration/db-types.test.ts checks the file.
 */
import { writeFile } from 'node:fs/promises';
import { openDatabase } from '../src/db/database.js';
import { generateTableTypes } from '../src/db/generate-types.js';
import { migrateToLatest } from '../src/db/migrate.js';

const target = new URL('../src/db/schema.ts', import.meta.url);
const handle = await openDatabase({ dataDir: null });
try {
  await migrateToLatest(handle.db);
  await writeFile(target, await generateTableTypes(handle.db));
  console.log(`Types des tables écrits dans ${target.pathname}`);
} finally {
  await handle.close();
}
