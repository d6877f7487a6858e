/**
 * Writes one audit row in the caller's transaction: who (an account id or a system actor's kind,
 * never a name), when, what, before and after. Snapshots hold account ids, not names or e-mails.
 */
import type { Executor } from '../../db/executor.js';
import { type AuditEntry, insertAudit, insertAudits } from '../../db/repositories/audit.repository.js';
import { authorRefOf } from '../../domain/access/access.js';
import type { Context } from '../context.js';

type Entry = { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown };

function auditEntry(ctx: Context, entry: Entry): AuditEntry {
  const author = authorRefOf(ctx.actor);
  return {
    at: ctx.clock.now(),
    actorUserId: author.userId,
    actorSystem: author.system,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}

export async function recordAudit(tx: Executor, ctx: Context, entry: Entry): Promise<void> {
  await insertAudit(tx, auditEntry(ctx, entry));
}

/** Several audit rows of one change (a bulk change writes one per entity), in one statement. */
export async function recordAudits(tx: Executor, ctx: Context, entries: readonly Entry[]): Promise<void> {
  await insertAudits(
    tx,
    entries.map((entry) => auditEntry(ctx, entry)),
  );
}
