/**
 * What is due on the clock's day across the conventions of the actor's scope (filtered in SQL):
 * signatures awaited, terms within six months without a renewal draft, notices running, status
 * changes the dates have brought about, texts changed without avenant.
 */
import { listOpenConventionStates } from '../../db/repositories/convention.repository.js';
import { conventionScope } from '../../domain/access/access.js';
import { type DueItem, dueItems } from '../../domain/convention/due-items.js';
import type { Context } from '../context.js';

export interface DueItemView extends DueItem {
  territoryName: string;
}

export async function listDueItems(ctx: Context): Promise<{ today: string; items: DueItemView[] }> {
  const conventions = await listOpenConventionStates(ctx.db, conventionScope(ctx.actor));
  const today = ctx.clock.today();
  const names = new Map(conventions.map((c) => [c.id, c.content.territory.name]));
  return {
    today,
    items: dueItems(conventions, today).map((item) => ({
      ...item,
      territoryName: names.get(item.conventionId) ?? '',
    })),
  };
}
