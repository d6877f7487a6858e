import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { acquireDataDirLock } from '../../src/db/lock.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe('drivers', () => {
  it('parse int8, numeric and date the same way on PGlite and PostgreSQL', async () => {
    const { rows } = await sql<{ big: unknown; num: unknown; day: unknown; count: unknown }>`
      select 9007199254740993::int8 as big, 1357141.50::numeric as num, '2024-01-01'::date as day,
             (select count(*) from ctg_migrations where name like '0000%') as count`.execute(handle.db);
    expect(rows[0]).toEqual({ big: 9_007_199_254_740_993n, num: '1357141.50', day: '2024-01-01', count: 0n });
  });
});

describe('the embedded database', () => {
  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'keeps a small cache of its own (its memory never shrinks)',
    async () => {
      const { rows } = await sql<{ v: string }>`select current_setting('shared_buffers') as v`.execute(
        handle.db,
      );
      expect(rows[0]!.v).toBe('16MB');
    },
  );
});

// PostgreSQL only: embedded PGlite has no server connection to end. CI runs the suite on PostgreSQL too.
const onServer = Boolean(process.env.DATABASE_URL);

describe('a PostgreSQL connection the server ends', () => {
  it.skipIf(!onServer)(
    onServer
      ? 'does not end the process: the next query opens another'
      : 'does not end the process — skipped: PostgreSQL only, DATABASE_URL is not set (embedded PGlite)',
    async () => {
      // Two queries at once: the pool holds two connections, one of them idle afterwards.
      await Promise.all([
        sql`select pg_sleep(0.05)`.execute(handle.db),
        sql`select pg_sleep(0.05)`.execute(handle.db),
      ]);
      // Ends every other backend of this database, as a server restart or a forced drop would.
      const ended = await sql<{ ended: boolean }>`
      select pg_terminate_backend(pid) as ended from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(handle.db);
      expect(ended.rows.filter((row) => row.ended).length).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(rows[0]!.one).toBe(1);
    },
  );
});

describe('data directory lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctg-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a directory held by another running process, in French', async () => {
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'ctg.lock'), String(holder.pid));
      expect(() => acquireDataDirLock(dir)).toThrowError(/déjà ouverte par le processus \d+/);
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const gone = spawn('true');
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(join(dir, 'ctg.lock'), String(gone.pid));
    const lock = acquireDataDirLock(dir);
    lock.release();
  });
});
