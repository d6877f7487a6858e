/**
 * Sets a new password for a user (administrators and the command line) and ends every session of
 * the account, so that whoever held the old password is logged out.
 */
import { inTransaction } from '../../db/executor.js';
import {
  deleteSessionsOfUser,
  findUserByEmail,
  updatePasswordHash,
} from '../../db/repositories/user.repository.js';
import { passwordProblem } from '../../domain/access/password-policy.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashPassword } from '../auth/secrets.js';
import type { Context } from '../context.js';

export async function resetPassword(ctx: Context, input: { email: string; password: string }): Promise<void> {
  if (!can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
  const problem = passwordProblem(input.password);
  if (problem) {
    throw new AppError('VALIDATION_FAILED', {
      message: problem,
      details: [{ field: 'password', message: problem }],
    });
  }
  const hash = await hashPassword(input.password);
  await inTransaction(ctx.db, async (tx) => {
    const user = await findUserByEmail(tx, input.email.trim().toLowerCase());
    if (!user) throw new AppError('USER_NOT_FOUND', { details: { email: input.email } });
    if (user.anonymisedAt) {
      throw new AppError('VALIDATION_FAILED', { message: 'Ce compte a été anonymisé : il ne sert plus.' });
    }
    await updatePasswordHash(tx, user.id, hash);
    const sessionsEnded = await deleteSessionsOfUser(tx, user.id);
    await recordAudit(tx, ctx, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: user.id,
      after: { sessionsEnded },
    });
  });
}
