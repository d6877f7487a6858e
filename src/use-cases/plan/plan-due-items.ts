/**
 * The plan's due items on the conventions of the actor's scope (the échéances page and the
 * convention's summary): late fiches and fiches without a follow-up note this year, on the plans the
 * actor may read; a confidential fiche only for those who may see it. Reading writes nothing.
 */
import { listOpenFiches } from '../../db/repositories/plan.repository.js';
import type { ModuleDueItem } from '../../domain/convention/due-items.js';
import type { Convention } from '../../domain/convention/model.js';
import { planDueItems } from '../../domain/plan/due-items.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { IsoDate } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';
import { readableConvention } from './plan-access.js';

export async function planDueItemSource(
  ctx: Context,
  conventions: readonly Convention[],
  today: IsoDate,
): Promise<ModuleDueItem[]> {
  const fiches = await listOpenFiches(
    ctx.db,
    conventions.map((c) => c.id),
  );
  if (!fiches.length) return [];
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const items: ModuleDueItem[] = [];
  for (const convention of conventions) {
    const own = fiches.filter((f) => f.conventionId === convention.id);
    if (!own.length) continue;
    let rights: Awaited<ReturnType<typeof readableConvention>>['rights'];
    try {
      ({ rights } = await readableConvention(ctx.db, ctx.actor, convention.id));
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONVENTION_NOT_FOUND') continue;
      throw error;
    }
    const seen = own.filter(
      (f) =>
        !f.confidential || rights.readConfidential || (userId !== null && f.pilotUserIds.includes(userId)),
    );
    items.push(
      ...planDueItems(
        seen.map((f) => ({ ...f, reference: `${f.axePosition}.${f.position}` })),
        convention.content.territory.name,
        today,
      ),
    );
  }
  return items;
}
