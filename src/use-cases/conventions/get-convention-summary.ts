/**
 * What the summary page of a convention shows besides the convention itself: what is due on it
 * (the platform's items and the modules', for this convention only) and its latest audited changes.
 */
import { type AuditRow, listAudit } from '../../db/repositories/audit.repository.js';
import { type DueItem, dueItems, sortDueItems } from '../../domain/convention/due-items.js';
import type { Context } from '../context.js';
import { type ConventionView, getConvention } from './get-convention.js';
import { type DueItemSource, dueItemsOfModules } from './list-due-items.js';

export interface ConventionSummary {
  view: ConventionView;
  dueItems: DueItem[];
  changes: AuditRow[];
}

export const LATEST_CHANGES = 8;

export async function getConventionSummary(
  ctx: Context,
  id: string,
  sources: readonly DueItemSource[],
): Promise<ConventionSummary> {
  const view = await getConvention(ctx, id);
  const today = ctx.clock.today();
  const items: DueItem[] = [
    ...dueItems([view.convention], today),
    ...(await dueItemsOfModules(ctx, sources, [view.convention], today)),
  ];
  const { rows } = await listAudit(ctx.db, {
    entityType: 'convention',
    entityId: id,
    limit: LATEST_CHANGES,
    offset: 0,
  });
  return { view, dueItems: sortDueItems(items), changes: rows };
}
