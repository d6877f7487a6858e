/** One account with its organisation and roles, for administrators. */
import { findUserById } from '../../db/repositories/user.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { type AccountView, accountView } from './list-users.js';

export async function getUser(ctx: Context, userId: string): Promise<AccountView> {
  if (!can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return accountView(user);
}
