/** Lists the conventions the actor may see, filtered in SQL. */
import {
  type ConventionFilter,
  listConventions as listRows,
} from '../../db/repositories/convention.repository.js';
import { conventionScope } from '../../domain/access/access.js';
import type { Context } from '../context.js';

export function listConventions(ctx: Context, filter: ConventionFilter = {}) {
  return listRows(ctx.db, conventionScope(ctx.actor), filter);
}
