/**
 * Times `importTerritories` of all France on a fresh database: the first import, then a second one
 * (an update that must not duplicate). PGlite by default; the PostgreSQL server when DATABASE_URL is set
 * (a database is created for the run and dropped after).
 *
 *   npx tsx bench/import-territories.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/import-territories.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { countTerritories } from '../src/db/repositories/territory.repository.js';
import { systemClock } from '../src/domain/shared/dates.js';
import { systemContext } from '../src/use-cases/context.js';
import { importTerritories } from '../src/use-cases/territories/import-territories.js';
import { createTestDatabase } from '../tests/support/test-db.js';

const onServer = Boolean(process.env.DATABASE_URL);
const dataDir = onServer ? null : mkdtempSync(join(tmpdir(), 'ctg-bench-'));
const handle = onServer ? await createTestDatabase() : await openDatabase({ dataDir: dataDir! });
try {
  await migrateToLatest(handle.db);
  const ctx = systemContext(handle.db, systemClock);
  for (const label of ['premier import', 'second import (mise à jour)']) {
    const started = performance.now();
    await importTerritories(ctx);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${handle.driver}\t${label}\t${seconds.toFixed(2)} s`);
  }
  console.log(JSON.stringify(await countTerritories(handle.db)));
} finally {
  await handle.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
