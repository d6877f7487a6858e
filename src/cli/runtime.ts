/** Opens the configured database for a command, migrated, and closes it when the command ends. */
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { systemClock } from '../domain/shared/dates.js';
import { type Context, systemContext } from '../use-cases/context.js';
import { configFromEnv } from '../web/config.js';

export async function withDatabase<T>(
  work: (ctx: Context, handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const config = configFromEnv();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(handle.db);
    return await work(systemContext(handle.db, systemClock), handle);
  } finally {
    await handle.close();
  }
}

export function fail(message: string, exitCode = 1): never {
  process.stderr.write(`Erreur : ${message}\n`);
  process.exit(exitCode);
}
