/** Writes one audit row in the caller's transaction: who, when, what, before and after. */
import type { Executor } from '../../db/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { actorLabel } from '../../domain/access/access.js';
import type { Context } from '../context.js';

export async function recordAudit(
  tx: Executor,
  ctx: Context,
  entry: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  await insertAudit(tx, {
    at: ctx.clock.now(),
    actorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    actorLabel: actorLabel(ctx.actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
