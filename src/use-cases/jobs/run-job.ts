/**
 * Queues a run of a platform job now, for an administrator (the embedded database belongs to the
 * server: this is how a run is asked for without stopping it). The runner works it in a moment.
 */
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { platformJob } from './platform-jobs.js';

export interface JobSender {
  send(name: string): Promise<string>;
}

export async function runJob(
  ctx: Context,
  sender: JobSender | undefined,
  name: string,
): Promise<{ id: string }> {
  if (!can(ctx.actor, 'job.run')) throw new AppError('FORBIDDEN');
  if (!platformJob(name)) throw new AppError('JOB_UNKNOWN', { details: { name } });
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
