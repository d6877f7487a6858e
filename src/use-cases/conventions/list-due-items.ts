/**
 * What is due on the clock's day across the conventions of the actor's scope (filtered in SQL):
 * drafts whose period has begun, signatures awaited, terms within six months without a renewal draft,
 * notices running, conventions ended lately, texts changed without avenant. Reading writes nothing.
 */
import { listOpenConventionStates } from '../../db/repositories/convention.repository.js';
import { conventionScope } from '../../domain/access/access.js';
import { type DueItem, dueItems, ENDED_SHOWN_MONTHS } from '../../domain/convention/due-items.js';
import { STATUS_LABELS } from '../../domain/convention/labels.js';
import { addMonths } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';

export interface DueItemView extends DueItem {
  territoryName: string;
  statusLabel: string;
}

export async function listDueItems(ctx: Context): Promise<{ today: string; items: DueItemView[] }> {
  const today = ctx.clock.today();
  const conventions = await listOpenConventionStates(
    ctx.db,
    conventionScope(ctx.actor),
    addMonths(today, -ENDED_SHOWN_MONTHS),
  );
  const names = new Map(conventions.map((c) => [c.id, c.content.territory.name]));
  return {
    today,
    items: dueItems(conventions, today).map((item) => ({
      ...item,
      territoryName: names.get(item.conventionId) ?? '',
      statusLabel: STATUS_LABELS[item.status],
    })),
  };
}
