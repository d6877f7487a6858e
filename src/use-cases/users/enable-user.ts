/** Re-enables a disabled account. An anonymised account stays erased: it cannot be re-enabled. */
import { inTransaction } from '../../db/executor.js';
import { findUserById, lockUser, setUserDisabled } from '../../db/repositories/user.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

export async function enableUser(ctx: Context, input: { userId: string }): Promise<{ changed: boolean }> {
  if (!can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
  return inTransaction(ctx.db, async (tx) => {
    await lockUser(tx, input.userId);
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    if (user.anonymisedAt) {
      throw new AppError('VALIDATION_FAILED', {
        message: 'Ce compte a été anonymisé : il ne peut pas être réactivé. Créez un nouveau compte.',
      });
    }
    if (!user.disabled) return { changed: false };
    await setUserDisabled(tx, user.id, false);
    await recordAudit(tx, ctx, {
      action: 'user.enable',
      entityType: 'user',
      entityId: user.id,
      before: { disabled: true },
      after: { disabled: false },
    });
    return { changed: true };
  });
}
