/**
 * Disables an account: it can no longer log in nor use its tokens, and its open sessions end. What
 * it did keeps its name. An administrator cannot disable their own account.
 */
import { inTransaction } from '../../db/executor.js';
import {
  deleteSessionsOfUser,
  findUserById,
  lockUser,
  setUserDisabled,
} from '../../db/repositories/user.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

export async function disableUser(ctx: Context, input: { userId: string }): Promise<{ changed: boolean }> {
  if (!can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
  if (ctx.actor.kind === 'user' && ctx.actor.userId === input.userId) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Vous ne pouvez pas désactiver votre propre compte.',
    });
  }
  return inTransaction(ctx.db, async (tx) => {
    await lockUser(tx, input.userId);
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    if (user.disabled) return { changed: false };
    await setUserDisabled(tx, user.id, true);
    const sessionsEnded = await deleteSessionsOfUser(tx, user.id);
    await recordAudit(tx, ctx, {
      action: 'user.disable',
      entityType: 'user',
      entityId: user.id,
      before: { disabled: false },
      after: { disabled: true, sessionsEnded },
    });
    return { changed: true };
  });
}
