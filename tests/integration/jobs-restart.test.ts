/**
 * Jobs live in the database: a job queued before the database is closed is worked after it is
 * reopened, and the schedule is still there. On PGlite the data directory is a temporary folder; on
 * a PostgreSQL server (DATABASE_URL) the second handle reconnects to the same database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { JOBS_TIME_ZONE, type JobDefinition, startJobRunner } from '../../src/db/jobs.js';
import { listJobs, listSchedules } from '../../src/db/repositories/job.repository.js';
import { createTestDatabase } from '../support/test-db.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens the database, then `restart()` closes it and opens the same one again. On a server, the test
 * database is dropped when its first handle closes: that one stays open until `drop()`, and the
 * restart opens new connections (pg-boss's pool is closed with its runner).
 */
async function restartable(): Promise<{
  first: DatabaseHandle;
  restart(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}> {
  if (process.env.DATABASE_URL) {
    const first = await createTestDatabase();
    const url = first.jobConnection.driver === 'postgres' ? first.jobConnection.connectionString : '';
    return { first, restart: () => openDatabase({ databaseUrl: url }), drop: () => first.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ctg-jobs-'));
  dirs.push(dir);
  // The platform's migrations are not needed by the job queue (and cost seconds on disk).
  const open = () => openDatabase({ dataDir: dir });
  const first = await open();
  return {
    first,
    restart: async () => {
      await first.close();
      return open();
    },
    drop: async () => {},
  };
}

describe('jobs across a restart', () => {
  it('works after reopening a job queued before closing, and keeps the schedule', async () => {
    const { first, restart, drop } = await restartable();
    const worked: string[] = [];
    const definition = (label: string): JobDefinition => ({
      name: 'convention-calendar',
      cron: '5 0 * * *',
      runAtStart: false,
      run: async () => {
        worked.push(label);
        return { worker: label };
      },
    });
    // Before the restart: queued and scheduled, never worked.
    const sender = await startJobRunner(first.jobConnection, [definition('avant')], { work: false });
    const id = await sender.send('convention-calendar');
    await sender.stop();

    const second = await restart();
    try {
      const queued = await listJobs(second.db, 10);
      expect(queued).toEqual([
        expect.objectContaining({ id, name: 'convention-calendar', state: 'created' }),
      ]);
      expect(await listSchedules(second.db)).toEqual([
        expect.objectContaining({ name: 'convention-calendar', cron: '5 0 * * *', timezone: JOBS_TIME_ZONE }),
      ]);
      const runner = await startJobRunner(second.jobConnection, [definition('après')], {
        pollingIntervalSeconds: 0.5,
      });
      try {
        const deadline = Date.now() + 30_000;
        let state = 'created';
        while (state !== 'completed' && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          state = (await listJobs(second.db, 10)).find((j) => j.id === id)?.state ?? 'missing';
        }
        expect(state).toBe('completed');
        expect(worked).toEqual(['après']);
        expect((await listJobs(second.db, 10)).find((j) => j.id === id)?.output).toEqual({ worker: 'après' });
      } finally {
        await runner.stop();
      }
    } finally {
      await second.close();
      await drop();
    }
  });
});
