/** The organisations of the platform (Caf, local authorities, partners), for administrators. */
import { listOrganisations as listOrganisationRows } from '../../db/repositories/organisation.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';

export async function listOrganisations(ctx: Context) {
  if (!can(ctx.actor, 'organisation.manage')) throw new AppError('FORBIDDEN');
  return listOrganisationRows(ctx.db);
}
