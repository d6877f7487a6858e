/** The plan of a convention as the actor may see it, with what they may do on it. Reading writes nothing. */
import { findPlan } from '../../db/repositories/plan.repository.js';
import type { Plan } from '../../domain/plan/model.js';
import { pilotedBy } from '../../domain/plan/rules.js';
import type { IsoDate } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';
import { emptyPlan, type PlanRights, readableConvention, visiblePlan } from './plan-access.js';

export interface PlanView {
  convention: {
    id: string;
    territoryName: string;
    territoryCode: string;
    startDate: IsoDate;
    endDate: IsoDate;
  };
  plan: Plan;
  rights: PlanRights;
  /** The fiches the actor pilots (they may edit those even without `plan.edit`). */
  pilotedFicheIds: string[];
  /** How many fiches the actor may not see (confidential). */
  hiddenFiches: number;
}

export async function getPlan(ctx: Context, conventionId: string): Promise<PlanView> {
  const { stored, rights } = await readableConvention(ctx.db, ctx.actor, conventionId);
  const full = (await findPlan(ctx.db, conventionId)) ?? emptyPlan(conventionId);
  const plan = visiblePlan(ctx.actor, rights, full);
  const c = stored.convention.content;
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return {
    convention: {
      id: stored.id,
      territoryName: stored.territoryName,
      territoryCode: stored.territoryCode,
      startDate: c.period.start,
      endDate: c.period.end,
    },
    plan,
    rights,
    // Read from the plan itself (a pilot always sees the fiches they lead), not asked again.
    pilotedFicheIds: plan.fiches.filter((f) => userId !== null && pilotedBy(f, userId)).map((f) => f.id),
    hiddenFiches: full.fiches.length - plan.fiches.length,
  };
}
