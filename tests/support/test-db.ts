/**
 * A fresh database per test file: embedded PGlite in memory by default, or a new database created
 * on the PostgreSQL server named by DATABASE_URL (dropped afterwards). Migrated, real rows only.
 *
 * Test files run in parallel, each on its own database. What every file would otherwise repeat is
 * done once per run and copied: the migrated schema, and with `{ world: true }` the demo world of
 * `seedWorld` (two départements, the demo organisations, conventions, diagnostic and accounts). The
 * first file that needs a starting point builds it while the others wait (a lock file beside the
 * dumps for PGlite, an advisory lock on the server for PostgreSQL); `tests/support/global-setup.ts`
 * names the place for this run and removes it at the end. Each file then starts from its own copy:
 * a PGlite cluster loaded from the dump, or `create database … template …` on the server.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedWorld } from './fixtures.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Directory of this run's PGlite dumps (made and removed by the global setup). */
    ctgTemplateDir: string;
    /** Prefix of this run's template databases on the PostgreSQL server. */
    ctgTemplatePrefix: string;
  }
}

export interface TestDatabase extends DatabaseHandle {
  /** The connection string of the test's own database on a server (unset for PGlite). */
  url?: string;
}

export interface TestDatabaseOptions {
  /** `false` leaves the database empty (for tests of a migration itself). */
  migrate?: boolean;
  /** Start from a copy of the demo world of `seedWorld` (which then only reads its rows back). */
  world?: boolean;
}

export type Starting = 'migrated' | 'world';

async function fill(handle: DatabaseHandle, starting: Starting): Promise<void> {
  await migrateToLatest(handle.db);
  if (starting === 'world') await seedWorld(handle.db);
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const empty = options.migrate === false;
  const starting: Starting = options.world ? 'world' : 'migrated';
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    if (empty) return openDatabase({ dataDir: null });
    return openDatabase({ dataDir: null, loadDataDir: await pgliteStart(starting) });
  }
  const name = `ctg_test_${randomBytes(6).toString('hex')}`;
  if (empty) await adminQuery(serverUrl, `create database ${name}`);
  else
    await adminQuery(
      serverUrl,
      `create database ${name} template ${await serverTemplate(serverUrl, starting)}`,
    );
  const url = databaseUrl(serverUrl, name);
  // Listening, as `ctg serve` does: the read caches work on the server as in production.
  const handle = await openDatabase({ databaseUrl: url, watchChanges: true });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

// ─── PGlite: a dump in this run's directory ────────────────────────────────────────────────────

const dumps = new Map<Starting, Promise<Blob>>();

/**
 * The embedded cluster to start a new PGlite database from, in memory or in a data directory that
 * a child process (the CLI) opens next: `openDatabase({ dataDir, loadDataDir: await pgliteStart('world') })`.
 */
export function pgliteStart(starting: Starting): Promise<Blob> {
  let dump = dumps.get(starting);
  if (!dump) {
    dump = readOrBuildDump(starting);
    dumps.set(starting, dump);
  }
  return dump;
}

async function readOrBuildDump(starting: Starting): Promise<Blob> {
  const dir = inject('ctgTemplateDir');
  const path = join(dir, `${starting}.tar`);
  const failed = `${path}.failed`;
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  let lock: number | null = null;
  try {
    lock = openSync(`${path}.lock`, 'wx');
  } catch {
    // Another file is building it: wait for the dump, or for the news of its failure.
    for (let waited = 0; waited < 300_000; waited += 100) {
      if (existsSync(path)) return new Blob([readFileSync(path)]);
      if (existsSync(failed))
        throw new Error(`Base de départ « ${starting} » : ${readFileSync(failed, 'utf8')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Base de départ « ${starting} » : toujours pas prête après 5 minutes.`);
  }
  try {
    const handle =
      starting === 'migrated'
        ? await openDatabase({ dataDir: null })
        : await openDatabase({ dataDir: null, loadDataDir: await pgliteStart('migrated') });
    try {
      await fill(handle, starting);
      const dump = await handle.dump!();
      writeFileSync(`${path}.part`, Buffer.from(await dump.arrayBuffer()));
      renameSync(`${path}.part`, path);
      return dump;
    } finally {
      await handle.close();
    }
  } catch (error) {
    writeFileSync(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  } finally {
    closeSync(lock);
  }
}

// ─── PostgreSQL: template databases on the server ──────────────────────────────────────────────

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

const templates = new Map<Starting, Promise<string>>();

function serverTemplate(serverUrl: string, starting: Starting): Promise<string> {
  let template = templates.get(starting);
  if (!template) {
    template = ensureServerTemplate(serverUrl, starting);
    templates.set(starting, template);
  }
  return template;
}

/** The template database of this run for `starting`, made by the first file that asks (under a lock). */
async function ensureServerTemplate(serverUrl: string, starting: Starting): Promise<string> {
  const name = `${inject('ctgTemplatePrefix')}_${starting}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [name]);
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      // Built under another name and renamed when complete: a half-built template is never copied.
      const building = `${name}_building`;
      await client.query(`drop database if exists ${building} with (force)`);
      if (starting === 'migrated') await client.query(`create database ${building}`);
      else
        await client.query(
          `create database ${building} template ${await serverTemplate(serverUrl, 'migrated')}`,
        );
      const handle = await openDatabase({ databaseUrl: databaseUrl(serverUrl, building) });
      try {
        await fill(handle, starting);
      } finally {
        await handle.close();
      }
      await client.query(`alter database ${building} rename to ${name}`);
    }
    return name;
  } finally {
    await client.end();
  }
}
