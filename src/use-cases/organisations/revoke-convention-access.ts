/** Withdraws a partner organisation's access to a convention; withdrawing it twice changes nothing. */
import { inTransaction } from '../../db/executor.js';
import { deleteConventionAccess } from '../../db/repositories/convention-access.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

export async function revokeConventionAccess(
  ctx: Context,
  input: { organisationId: string; conventionId: string },
): Promise<{ changed: boolean }> {
  if (!can(ctx.actor, 'convention.grant')) throw new AppError('FORBIDDEN');
  return inTransaction(ctx.db, async (tx) => {
    const changed = await deleteConventionAccess(tx, input.conventionId, input.organisationId);
    if (changed) {
      await recordAudit(tx, ctx, {
        action: 'convention.access_revoke',
        entityType: 'convention',
        entityId: input.conventionId,
        before: { organisationId: input.organisationId },
      });
    }
    return { changed };
  });
}
