/**
 * The Kysely instance on either driver: embedded PGlite (a directory under CTG_DATA_DIR) by default,
 * a PostgreSQL server when DATABASE_URL is set. Both parse int8 as bigint and dates as "YYYY-MM-DD".
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import {
  type ChangeListener,
  createChangeFeed,
  registerChangeFeed,
  trackChanges,
  watchChanges,
} from './changes.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
import { createPglite } from './pglite-template.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseConfig {
  /** PostgreSQL connection string; when absent, the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; `null` keeps it in memory (tests). */
  dataDir?: string | null;
  /** A new embedded database's first content, as `dump()` wrote it (tests copy one migrated database). */
  loadDataDir?: Blob;
  /**
   * PostgreSQL: listen for the writes of other processes, so that read caches can serve (changes.ts;
   * `ctg serve` does). Without it, caches stay off on a server. The embedded database needs nothing.
   */
  watchChanges?: boolean;
}

/** What the job queue (`jobs.ts`, pg-boss) connects through: the embedded instance or the server. */
export type JobConnection =
  | { driver: 'pglite'; pglite: PGlite }
  | { driver: 'postgres'; connectionString: string };

export interface DatabaseHandle {
  db: Db;
  driver: 'pglite' | 'postgres';
  jobConnection: JobConnection;
  close(): Promise<void>;
  /** Embedded database only: its whole cluster as an uncompressed tar, to start copies from. */
  dump?: () => Promise<Blob>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// Same JavaScript types from both drivers: bigint for int8, string for numeric and date.
const pgliteParsers = {
  [INT8]: (value: string) => BigInt(value),
  [NUMERIC]: (value: string) => value,
  [DATE]: (value: string) => value,
};

function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8) return (value: string) => BigInt(value);
      if (oid === DATE) return (value: string) => value;
      return pg.types.getTypeParser(oid, format);
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, types: pgTypes(), max: 10 });
    let closing = false;
    // An idle connection the server ends (a restart, a dropped database) must not end the process:
    // the pool drops it and opens another on the next query.
    pool.on('error', (error) => {
      if (!closing)
        process.stderr.write(`Connexion à PostgreSQL perdue (${error.message}) ; elle sera rouverte.\n`);
    });
    // The server processes of this pool: their writes move the generation here already, at commit,
    // so their notifications are not counted twice (changes.ts).
    const own = new Set<number>();
    pool.on('connect', (client) => {
      const pid = (client as unknown as { processID?: number }).processID;
      if (pid) own.add(pid);
    });
    pool.on('remove', (client) => {
      const pid = (client as unknown as { processID?: number }).processID;
      if (pid) own.delete(pid);
    });
    const feed = createChangeFeed(false);
    const db = new Kysely<Database>({ dialect: trackChanges(new PostgresDialect({ pool }), feed) });
    registerChangeFeed(db, feed);
    let listener: ChangeListener | null = null;
    try {
      if (config.watchChanges) listener = await watchChanges(config.databaseUrl, feed, own);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return {
      db,
      driver: 'postgres',
      jobConnection: { driver: 'postgres', connectionString: config.databaseUrl },
      close: async () => {
        closing = true;
        await listener?.close();
        await db.destroy();
      },
    };
  }
  let lock: DataDirLock | null = null;
  let pglite: PGlite;
  if (config.dataDir) {
    mkdirSync(config.dataDir, { recursive: true });
    lock = acquireDataDirLock(config.dataDir);
    try {
      pglite = await createPglite({
        dataDir: join(config.dataDir, 'pglite'),
        parsers: pgliteParsers,
        ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
      });
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    pglite = await createPglite({
      parsers: pgliteParsers,
      ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
    });
  }
  // One process only (lock.ts): every write is this process's own, the generation is always known.
  const feed = createChangeFeed(true);
  const db = new Kysely<Database>({ dialect: trackChanges(new PGliteDialect({ pglite }), feed) });
  registerChangeFeed(db, feed);
  return {
    db,
    driver: 'pglite',
    jobConnection: { driver: 'pglite', pglite },
    dump: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      lock?.release();
    },
  };
}
