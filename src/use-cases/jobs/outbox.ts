/**
 * The outbox's pass (ADR 9). A use case writes the job it wants in its own transaction
 * (`insertOutbox`, e.g. through the plan's `enqueueAll`): the job exists if and only if the change
 * committed. The `outbox` platform job hands the rows to the queue, each as the job of the same id
 * (a row handed twice is one job), then marks them sent; the change nudges it after its commit
 * where the process runs the queue (`ctx.jobs`), and it also runs hourly and at start, for a nudge
 * that was lost or a change made where no runner runs (the command line).
 */
import type { JobSender } from '../../db/jobs.js';
import {
  deleteSentOutbox,
  listUnsentOutbox,
  markOutboxSent,
  OUTBOX_JOB,
  unsentOutboxNames,
} from '../../db/repositories/outbox.repository.js';
import type { Context } from '../context.js';

export { OUTBOX_JOB };

/** Sent rows are kept a week, to see what a change asked for when a message is looked for. */
const KEEP_SENT_DAYS = 7;
const BATCH = 200;

export interface OutboxRun {
  sent: number;
  /** Rows naming a job this platform does not know (a module removed): left unsent. */
  unknown: string[];
  deleted: number;
}

export async function drainOutbox(
  ctx: Context,
  jobs: JobSender,
  known: (name: string) => boolean,
): Promise<OutboxRun> {
  const names = await unsentOutboxNames(ctx.db);
  const handled = names.filter(known);
  let sent = 0;
  for (;;) {
    const rows = await listUnsentOutbox(ctx.db, handled, BATCH);
    if (!rows.length) break;
    // No transaction held while the queue is written to (on the embedded database it would wait for
    // ours): a row handed over and not yet marked is handed again, and is still the same job.
    for (const row of rows) await jobs.send(row.jobName, row.payload, { id: row.id });
    await markOutboxSent(
      ctx.db,
      rows.map((r) => r.id),
      ctx.clock.now(),
    );
    sent += rows.length;
    if (rows.length < BATCH) break;
  }
  const deleted = await deleteSentOutbox(
    ctx.db,
    new Date(ctx.clock.now().getTime() - KEEP_SENT_DAYS * 86_400_000),
  );
  return { sent, unknown: names.filter((n) => !known(n)), deleted };
}
