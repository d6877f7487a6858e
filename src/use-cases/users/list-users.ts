/** The accounts of the platform with their organisation and roles, for administrators. */
import { listUsers as listUserRows, type UserWithAccess } from '../../db/repositories/user.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';

export type AccountView = Omit<UserWithAccess, 'passwordHash'> & { hasPassword: boolean };

export function accountView({ passwordHash, ...user }: UserWithAccess): AccountView {
  return { ...user, hasPassword: passwordHash !== null };
}

export async function listUsers(
  ctx: Context,
  filter: { organisationId?: string } = {},
): Promise<AccountView[]> {
  if (!can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
  return (await listUserRows(ctx.db, filter)).map(accountView);
}
