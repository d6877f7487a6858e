/**
 * What is due on the clock's day across the conventions of the actor's scope (filtered in SQL):
 * drafts whose period has begun, signatures awaited, terms within six months without a renewal draft,
 * notices running, conventions ended lately, texts changed without avenant; and what each module says
 * is due on the conventions of that scope (through its registration in `src/modules/`). Reading
 * writes nothing.
 */
import { listOpenConventionStates } from '../../db/repositories/convention.repository.js';
import { conventionScope } from '../../domain/access/access.js';
import {
  type DueItem,
  dueItems,
  ENDED_SHOWN_MONTHS,
  type ModuleDueItem,
  moduleDueItems,
  sortDueItems,
} from '../../domain/convention/due-items.js';
import { STATUS_LABELS } from '../../domain/convention/labels.js';
import type { Convention } from '../../domain/convention/model.js';
import { addMonths, type IsoDate } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';

export interface DueItemView extends DueItem {
  territoryName: string;
  statusLabel: string;
}

/**
 * A module's due items: given the conventions of the actor's scope (already filtered), what its own
 * area holds that is due on `today`, each item naming one of those conventions.
 */
export type DueItemSource = (
  ctx: Context,
  conventions: readonly Convention[],
  today: IsoDate,
) => Promise<readonly ModuleDueItem[]>;

/** The modules' items on those conventions, completed with each convention's status of the day. */
export async function dueItemsOfModules(
  ctx: Context,
  sources: readonly DueItemSource[],
  conventions: readonly Convention[],
  today: IsoDate,
): Promise<DueItem[]> {
  const items: ModuleDueItem[] = [];
  for (const source of sources) items.push(...(await source(ctx, conventions, today)));
  return moduleDueItems(items, conventions, today);
}

export async function listDueItems(
  ctx: Context,
  sources: readonly DueItemSource[],
): Promise<{ today: string; items: DueItemView[] }> {
  const today = ctx.clock.today();
  const conventions = await listOpenConventionStates(
    ctx.db,
    conventionScope(ctx.actor),
    addMonths(today, -ENDED_SHOWN_MONTHS),
  );
  const names = new Map(conventions.map((c) => [c.id, c.content.territory.name]));
  const fromModules = await dueItemsOfModules(ctx, sources, conventions, today);
  return {
    today,
    items: sortDueItems([...dueItems(conventions, today), ...fromModules]).map((item) => ({
      ...item,
      territoryName: names.get(item.conventionId) ?? '',
      statusLabel: STATUS_LABELS[item.status],
    })),
  };
}
