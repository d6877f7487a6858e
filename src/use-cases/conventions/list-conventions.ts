/** Lists the conventions the actor may see, filtered in SQL. */
import { listConventions as listRows } from '../../db/repositories/convention.repository.js';
import { conventionScope } from '../../domain/access/access.js';
import type { Context } from '../context.js';

export function listConventions(ctx: Context, filter: { territoryCode?: string; status?: string } = {}) {
  return listRows(ctx.db, conventionScope(ctx.actor), filter);
}
