/**
 * Writes the demo plan (src/domain/plan/demo-plan.ts) on a convention, once. A plan that already
 * holds anything (a need, an objective, an axe, a fiche, an indicator, or a project saved once, even
 * empty) is left as it is, and so is the plan of a convention that has ended (it no longer changes).
 * The dates follow the convention's first year. Written in one change of the plan (`changePlan`: the
 * plan row locked, the actor's rights checked, one audit row).
 */
import { findConvention } from '../../db/repositories/convention.repository.js';
import {
  countFiches,
  findPlan,
  findPlanHeader,
  insertAxes,
  insertFiches,
  insertIndicators,
  saveProject,
} from '../../db/repositories/plan.repository.js';
import { statusAt } from '../../domain/convention/lifecycle.js';
import { buildDemoPlan } from '../../domain/plan/demo-plan.js';
import type { Plan, Project } from '../../domain/plan/model.js';
import { parseIsoDate } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';
import { changePlan } from '../plan/plan-access.js';

function projectHasContent(project: Project): boolean {
  return (
    project.needs.length > 0 ||
    project.objectives.length > 0 ||
    project.cafPriorities.length > 0 ||
    project.localActions.length > 0 ||
    project.domainResources.length > 0
  );
}

function hasContent(plan: Plan | undefined): boolean {
  if (!plan) return false;
  return (
    plan.version > 1 ||
    projectHasContent(plan.project) ||
    plan.axes.length > 0 ||
    plan.fiches.length > 0 ||
    plan.indicators.length > 0
  );
}

/** True when the plan was written now, false when the convention already had one (or has ended). */
export async function seedDemoPlan(ctx: Context, conventionId: string): Promise<boolean> {
  // The cheap reads first: a second start of the demo reads two rows, writes nothing, takes no lock.
  const header = await findPlanHeader(ctx.db, conventionId);
  if (header) {
    if (header.version > 1 || projectHasContent(header.project)) return false;
    if (((await countFiches(ctx.db, [conventionId])).get(conventionId) ?? 0) > 0) return false;
  }
  const stored = await findConvention(ctx.db, conventionId);
  if (!stored) return false;
  const status = statusAt(stored.convention, ctx.clock.today());
  if (status === 'expired' || status === 'terminated') return false;
  const startYear = parseIsoDate(stored.convention.content.period.start).year;
  return changePlan(ctx, conventionId, 'edit', async ({ tx, header, now, audit }) => {
    if (hasContent(await findPlan(tx, conventionId))) return false;
    const plan = buildDemoPlan(conventionId, startYear);
    await saveProject(tx, conventionId, plan.project, header.version, now);
    await insertAxes(tx, conventionId, plan.axes);
    await insertFiches(tx, conventionId, plan.fiches, now, null);
    await insertIndicators(tx, conventionId, plan.indicators, 1);
    await audit({
      action: 'plan.demo.seed',
      entityType: 'plan',
      entityId: conventionId,
      after: { axes: plan.axes.length, fiches: plan.fiches.length, indicators: plan.indicators.length },
    });
    return true;
  });
}
