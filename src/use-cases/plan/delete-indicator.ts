/** Deletes an indicator with its targets and results (the territory's agents only). */
import { deleteIndicator as deleteIndicatorRow, findPlan } from '../../db/repositories/plan.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changePlan } from './plan-access.js';

export async function deleteIndicator(
  ctx: Context,
  conventionId: string,
  indicatorId: string,
): Promise<void> {
  await changePlan(ctx, conventionId, 'edit', async ({ tx, audit }) => {
    const plan = await findPlan(tx, conventionId);
    const before = plan?.indicators.find((i) => i.id === indicatorId);
    if (!before) throw new AppError('PLAN_INDICATOR_NOT_FOUND', { details: { id: indicatorId } });
    await deleteIndicatorRow(tx, conventionId, indicatorId);
    await audit({
      action: 'plan.indicator.delete',
      entityType: 'plan_indicator',
      entityId: indicatorId,
      before,
    });
  });
}
