/**
 * The scheduled jobs for the administration page: each platform job with its schedule, and the
 * latest runs with their state, dates, attempts, what they did or the error they ended on.
 */

import type { JobState } from '../../db/jobs.js';
import { listJobs as listJobRows, listSchedules } from '../../db/repositories/job.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { PLATFORM_JOBS, type PlatformJob } from './platform-jobs.js';

export const JOB_STATE_LABELS: Record<JobState, string> = {
  created: 'En attente',
  retry: 'En échec, nouvelle tentative prévue',
  active: 'En cours',
  completed: 'Terminée',
  cancelled: 'Annulée',
  failed: 'Échouée',
};

export interface JobRunView {
  id: string;
  name: string;
  label: string;
  state: JobState;
  stateLabel: string;
  /** Attempts made so far (the first one included) and allowed. */
  attempts: number;
  maxAttempts: number;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  /** What a completed run did, in French. */
  summary: string | null;
  /** The error a failed attempt ended on. */
  error: string | null;
}

export interface JobScheduleView {
  name: string;
  label: string;
  scheduleLabel: string;
  /** The schedule is stored in the database (a runner has started since it was declared). */
  scheduled: boolean;
  /** A queue of messages sent by changes: no schedule, no run by hand. */
  queued: boolean;
  lastRun: JobRunView | null;
}

const RUNS_SHOWN = 100;

function errorOf(output: unknown): string | null {
  if (output && typeof output === 'object' && 'message' in output) return String(output.message);
  return output ? JSON.stringify(output) : null;
}

export async function listJobs(
  ctx: Context,
  catalogue: readonly PlatformJob[] = PLATFORM_JOBS,
): Promise<{ jobs: JobScheduleView[]; runs: JobRunView[] }> {
  if (!can(ctx.actor, 'job.read')) throw new AppError('FORBIDDEN');
  const [rows, schedules] = await Promise.all([listJobRows(ctx.db, RUNS_SHOWN), listSchedules(ctx.db)]);
  const runs = rows.map((row): JobRunView => {
    const job = catalogue.find((j) => j.name === row.name);
    const failedAttempt = row.state === 'failed' || row.state === 'retry';
    return {
      id: row.id,
      name: row.name,
      label: job?.label ?? row.name,
      state: row.state,
      stateLabel: JOB_STATE_LABELS[row.state] ?? row.state,
      attempts: row.retryCount + (row.state === 'created' ? 0 : 1),
      maxAttempts: row.retryLimit + 1,
      createdOn: row.createdOn,
      startedOn: row.startedOn,
      completedOn: row.completedOn,
      summary: row.state === 'completed' && job ? job.summarise(row.output) : null,
      error: failedAttempt ? errorOf(row.output) : null,
    };
  });
  const jobs = catalogue.map((job) => ({
    name: job.name,
    label: job.label,
    scheduleLabel: job.scheduleLabel,
    queued: job.queued === true,
    scheduled: job.queued === true || schedules.some((s) => s.name === job.name),
    lastRun: runs.find((r) => r.name === job.name && r.startedOn !== null) ?? null,
  }));
  return { jobs, runs };
}
