/**
 * Writes one audit row in the caller's transaction: who (an account id or a system actor's kind,
 * never a name), when, what, before and after. Snapshots hold account ids, not names or e-mails.
 */
import type { Executor } from '../../db/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { authorRefOf } from '../../domain/access/access.js';
import type { Context } from '../context.js';

export async function recordAudit(
  tx: Executor,
  ctx: Context,
  entry: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  const author = authorRefOf(ctx.actor);
  await insertAudit(tx, {
    at: ctx.clock.now(),
    actorUserId: author.userId,
    actorSystem: author.system,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
