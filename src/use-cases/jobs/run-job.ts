/**
 * Queues a run of a platform job now, for an administrator (the embedded database belongs to the
 * server: this is how a run is asked for without stopping it). The runner works it in a moment.
 */

import type { JobSender } from '../../db/jobs.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { PLATFORM_JOBS, type PlatformJob } from './platform-jobs.js';

export type { JobSender } from '../../db/jobs.js';

export async function runJob(
  ctx: Context,
  sender: JobSender | undefined,
  name: string,
  catalogue: readonly PlatformJob[] = PLATFORM_JOBS,
): Promise<{ id: string }> {
  if (!can(ctx.actor, 'job.run')) throw new AppError('FORBIDDEN');
  // A queued job runs with the payload of the change that asked for it, never by hand.
  const job = catalogue.find((j) => j.name === name);
  if (!job || job.queued) throw new AppError('JOB_UNKNOWN', { details: { name } });
  if (!sender) throw new AppError('JOBS_NOT_RUNNING');
  const id = await sender.send(name);
  await recordAudit(ctx.db, ctx, {
    action: 'job.run',
    entityType: 'job',
    entityId: name,
    after: { jobId: id },
  });
  return { id };
}
