/** Sets a new password for a user (administrators and the command line). */
import { inTransaction } from '../../db/executor.js';
import { findUserByEmail, updatePasswordHash } from '../../db/repositories/user.repository.js';
import { canManageUsers } from '../../domain/access/access.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashPassword } from '../auth/secrets.js';
import type { Context } from '../context.js';

export async function resetPassword(ctx: Context, input: { email: string; password: string }): Promise<void> {
  if (!canManageUsers(ctx.actor)) throw new AppError('FORBIDDEN');
  if (input.password.length < 12) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Le mot de passe doit compter au moins 12 caractères.',
      details: [{ field: 'password', message: 'Le mot de passe doit compter au moins 12 caractères.' }],
    });
  }
  const hash = await hashPassword(input.password);
  await inTransaction(ctx.db, async (tx) => {
    const user = await findUserByEmail(tx, input.email.trim().toLowerCase());
    if (!user) throw new AppError('USER_NOT_FOUND', { details: { email: input.email } });
    await updatePasswordHash(tx, user.id, hash);
    await recordAudit(tx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: user.id });
  });
}
