/**
 * Sets the roles of an account. At least one role; an administrator cannot take the administrator
 * role from their own account (so that the platform always keeps one).
 */
import { z } from 'zod';
import { inTransaction } from '../../db/executor.js';
import { findUserById, lockUser, replaceUserRoles } from '../../db/repositories/user.repository.js';
import { ROLES, type Role } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

const rolesInput = z
  .array(z.enum(ROLES, { error: 'Rôle inconnu.' }))
  .min(1, { error: 'Choisissez au moins un rôle.' });

export async function changeUserRoles(
  ctx: Context,
  input: { userId: string; roles: string[] },
): Promise<{ changed: boolean }> {
  if (!can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
  const parsed = rolesInput.safeParse(input.roles);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Rôles invalides.';
    throw new AppError('VALIDATION_FAILED', { message, details: [{ field: 'roles', message }] });
  }
  const roles = [...new Set(parsed.data)].sort() as Role[];
  if (ctx.actor.kind === 'user' && ctx.actor.userId === input.userId && !roles.includes('admin')) {
    const message = 'Vous ne pouvez pas retirer le rôle d’administrateur à votre propre compte.';
    throw new AppError('VALIDATION_FAILED', { message, details: [{ field: 'roles', message }] });
  }
  return inTransaction(ctx.db, async (tx) => {
    await lockUser(tx, input.userId);
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    if (user.anonymisedAt) {
      throw new AppError('VALIDATION_FAILED', { message: 'Ce compte a été anonymisé.' });
    }
    if (JSON.stringify(user.roles) === JSON.stringify(roles)) return { changed: false };
    await replaceUserRoles(tx, user.id, roles);
    await recordAudit(tx, ctx, {
      action: 'user.roles',
      entityType: 'user',
      entityId: user.id,
      before: { roles: user.roles },
      after: { roles },
    });
    return { changed: true };
  });
}
