/**
 * The outbox of jobs (ADR 9): a use case writes the job it asks for in its own transaction; the
 * `outbox` job reads what is not sent yet, hands it to the queue and marks it sent.
 */
import { type Executor, toJson } from '../executor.js';

/** The platform job that hands the outbox to the queue. */
export const OUTBOX_JOB = 'outbox';

export interface OutboxRow {
  id: string;
  jobName: string;
  payload: object;
  createdAt: Date;
}

export async function insertOutbox(
  exec: Executor,
  row: { id: string; jobName: string; payload: object; createdAt: Date },
): Promise<void> {
  await exec
    .insertInto('job_outbox')
    .values({ id: row.id, job_name: row.jobName, payload: toJson(row.payload), created_at: row.createdAt })
    .execute();
}

/** Several rows in a few statements (500 each). */
export async function insertOutboxRows(
  exec: Executor,
  rows: readonly { id: string; jobName: string; payload: object; createdAt: Date }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await exec
      .insertInto('job_outbox')
      .values(
        rows.slice(i, i + 500).map((row) => ({
          id: row.id,
          job_name: row.jobName,
          payload: toJson(row.payload),
          created_at: row.createdAt,
        })),
      )
      .execute();
  }
}

/** The rows not sent yet for the jobs named, oldest first (`limit` at most). */
export async function listUnsentOutbox(
  exec: Executor,
  jobNames: readonly string[],
  limit: number,
): Promise<OutboxRow[]> {
  if (!jobNames.length) return [];
  const rows = await exec
    .selectFrom('job_outbox')
    .select(['id', 'job_name', 'payload', 'created_at'])
    .where('sent_at', 'is', null)
    .where('job_name', 'in', [...jobNames])
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, jobName: r.job_name, payload: r.payload, createdAt: r.created_at }));
}

export async function markOutboxSent(exec: Executor, ids: readonly string[], at: Date): Promise<void> {
  if (!ids.length) return;
  await exec
    .updateTable('job_outbox')
    .set({ sent_at: at })
    .where('id', 'in', [...ids])
    .where('sent_at', 'is', null)
    .execute();
}

/** Rows sent before `before` are of no further use (the queue keeps its own record of the job). */
export async function deleteSentOutbox(exec: Executor, before: Date): Promise<number> {
  const result = await exec
    .deleteFrom('job_outbox')
    .where('sent_at', 'is not', null)
    .where('sent_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The names of jobs that rows not sent yet ask for. */
export async function unsentOutboxNames(exec: Executor): Promise<string[]> {
  const rows = await exec
    .selectFrom('job_outbox')
    .select('job_name')
    .distinct()
    .where('sent_at', 'is', null)
    .execute();
  return rows.map((r) => r.job_name);
}
