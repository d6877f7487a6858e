/** Deletes an axe that holds no fiche (its fiches are moved or deleted first: nothing is lost by surprise). */
import { deleteAxe as deleteAxeRow, findPlan } from '../../db/repositories/plan.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changePlan } from './plan-access.js';

export async function deleteAxe(ctx: Context, conventionId: string, axeId: string): Promise<void> {
  await changePlan(ctx, conventionId, 'edit', async ({ tx, audit }) => {
    const plan = await findPlan(tx, conventionId);
    const axe = plan?.axes.find((a) => a.id === axeId);
    if (!plan || !axe) throw new AppError('PLAN_AXE_NOT_FOUND', { details: { id: axeId } });
    const held = plan.fiches.filter((f) => f.axeId === axeId).length;
    if (held) {
      throw new AppError('PLAN_INVALID', {
        details: {
          problems: [
            `L’axe « ${axe.title} » contient encore ${held} fiche${held > 1 ? 's' : ''} : déplacez-les ou supprimez-les d’abord.`,
          ],
        },
      });
    }
    await deleteAxeRow(tx, conventionId, axeId);
    await audit({ action: 'plan.axe.delete', entityType: 'plan', entityId: conventionId, before: axe });
  });
}
