/** Lists the audit log with filters, for administrators and data-protection officers. */
import {
  type AuditFilter,
  listAuditActions,
  listAudit as listAuditRows,
} from '../../db/repositories/audit.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';

export async function listAudit(ctx: Context, filter: AuditFilter) {
  if (!can(ctx.actor, 'audit.read')) throw new AppError('FORBIDDEN');
  const [page, actions] = await Promise.all([listAuditRows(ctx.db, filter), listAuditActions(ctx.db)]);
  return { ...page, actions };
}
