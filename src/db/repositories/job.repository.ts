/**
 * The jobs and schedules pg-boss keeps in the `pgboss` schema, read for the administration page.
 * The schema exists once a runner has started (`db/jobs.ts`); before that there is nothing to list.
 * These are pg-boss 12's own tables (`job`, `schedule`), read, never written, here.
 */
import { sql } from 'kysely';
import type { Executor } from '../executor.js';
import type { JobState } from '../jobs.js';

export interface JobRow {
  id: string;
  name: string;
  state: JobState;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  output: unknown;
}

export interface ScheduleRow {
  name: string;
  cron: string;
  timezone: string;
  updatedOn: Date;
}

async function hasJobSchema(exec: Executor): Promise<boolean> {
  const { rows } = await sql<{
    present: boolean;
  }>`select to_regclass('pgboss.job') is not null as present`.execute(exec);
  return rows[0]?.present === true;
}

/** The latest jobs, most recent first (`limit` at most). */
export async function listJobs(exec: Executor, limit: number): Promise<JobRow[]> {
  if (!(await hasJobSchema(exec))) return [];
  const { rows } = await sql<JobRow>`
    select id::text as "id", name, state::text as "state", retry_count as "retryCount",
           retry_limit as "retryLimit", created_on as "createdOn", started_on as "startedOn",
           completed_on as "completedOn", output
      from pgboss.job
     order by created_on desc, id
     limit ${limit}`.execute(exec);
  return rows;
}

export async function listSchedules(exec: Executor): Promise<ScheduleRow[]> {
  if (!(await hasJobSchema(exec))) return [];
  const { rows } = await sql<ScheduleRow>`
    select name, cron, timezone, updated_on as "updatedOn" from pgboss.schedule order by name`.execute(exec);
  return rows;
}
