/**
 * What is due on the clock's day across the conventions of the actor's scope (filtered in SQL):
 * signatures awaited, terms within six months without a renewal draft, notices running, status
 * changes the dates have brought about, texts changed without avenant; and what each module says is
 * due on the conventions of that scope (its items, through its registration in `src/modules/`).
 */
import { listOpenConventionStates } from '../../db/repositories/convention.repository.js';
import { conventionScope } from '../../domain/access/access.js';
import { type DueItem, dueItems, sortDueItems } from '../../domain/convention/due-items.js';
import type { Convention } from '../../domain/convention/model.js';
import type { IsoDate } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';

export interface DueItemView extends DueItem {
  territoryName: string;
}

/**
 * A module's due items: given the open conventions of the actor's scope (already filtered), what its
 * own area holds that is due on `today`, each item naming one of those conventions.
 */
export type DueItemSource = (
  ctx: Context,
  conventions: readonly Convention[],
  today: IsoDate,
) => Promise<readonly DueItem[]>;

export async function listDueItems(
  ctx: Context,
  sources: readonly DueItemSource[],
): Promise<{ today: string; items: DueItemView[] }> {
  const conventions = await listOpenConventionStates(ctx.db, conventionScope(ctx.actor));
  const today = ctx.clock.today();
  const names = new Map(conventions.map((c) => [c.id, c.content.territory.name]));
  const fromModules: DueItem[] = [];
  for (const source of sources) {
    // A module names only conventions it was given: anything else stays out of the actor's list.
    for (const item of await source(ctx, conventions, today))
      if (names.has(item.conventionId)) fromModules.push(item);
  }
  return {
    today,
    items: sortDueItems([...dueItems(conventions, today), ...fromModules]).map((item) => ({
      ...item,
      territoryName: names.get(item.conventionId) ?? '',
    })),
  };
}
