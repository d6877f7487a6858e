/** How many active accounts hold each role, for the administrators' page of roles. */
import { countActiveUsersByRole } from '../../db/repositories/user.repository.js';
import type { Role } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';

export async function countRoles(ctx: Context): Promise<Map<Role, number>> {
  if (!can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
  return countActiveUsersByRole(ctx.db);
}
