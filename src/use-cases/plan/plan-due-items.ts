/**
 * The plan's due items on the conventions of the actor's scope (the échéances page and the
 * convention's summary): late fiches and fiches without a follow-up note this year, on the plans the
 * actor may read; a confidential fiche only for those who may see it. Reading writes nothing.
 */
import { listConventions } from '../../db/repositories/convention.repository.js';
import { listOpenFiches } from '../../db/repositories/plan.repository.js';
import { conventionScope } from '../../domain/access/access.js';
import { holdsPermissionRole } from '../../domain/access/permissions.js';
import type { ModuleDueItem } from '../../domain/convention/due-items.js';
import type { Convention } from '../../domain/convention/model.js';
import { planDueItems } from '../../domain/plan/due-items.js';
import { PLAN_PERMISSIONS } from '../../domain/plan/permissions.js';
import type { IsoDate } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';

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
  // The conventions handed in are those of the actor's scope (the seam's contract); checked again in
  // one query rather than one read per convention, the plan's perimeter rules then reduce to roles.
  if (!holdsPermissionRole(ctx.actor, PLAN_PERMISSIONS['plan.read'])) return [];
  const inScope = new Set((await listConventions(ctx.db, conventionScope(ctx.actor))).map((c) => c.id));
  const readConfidential = holdsPermissionRole(ctx.actor, PLAN_PERMISSIONS['plan.read_confidential']);
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const items: ModuleDueItem[] = [];
  for (const convention of conventions) {
    if (!inScope.has(convention.id)) continue;
    const own = fiches.filter((f) => f.conventionId === convention.id);
    if (!own.length) continue;
    const seen = own.filter(
      (f) => !f.confidential || readConfidential || (userId !== null && f.pilotUserIds.includes(userId)),
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
