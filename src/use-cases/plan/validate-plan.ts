/**
 * The Caf validates the action plan: a step with its date and its author, audited. A plan with no
 * fiche cannot be validated; validating again records the new date (the same day, it changes nothing). Withdrawing is possible (a plan
 * to be reworked after a steering committee).
 */
import { findPlan, setPlanValidation } from '../../db/repositories/plan.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changePlan } from './plan-access.js';

export async function validatePlan(
  ctx: Context,
  conventionId: string,
  decision: 'validate' | 'withdraw' = 'validate',
): Promise<{ date: string | null }> {
  return changePlan(ctx, conventionId, 'validate', async ({ tx, header, audit }) => {
    const plan = await findPlan(tx, conventionId);
    if (decision === 'validate' && !plan?.fiches.length) {
      throw new AppError('PLAN_INVALID', {
        details: { problems: ['Le plan ne contient aucune fiche action : il ne peut pas être validé.'] },
      });
    }
    const date = decision === 'validate' ? ctx.clock.today() : null;
    // Sent twice (a double click), or withdrawn when it was not validated: nothing changes, nothing is written.
    if ((header.validation?.date ?? null) === date) return { date };
    await setPlanValidation(
      tx,
      conventionId,
      date ? { date, byUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null } : null,
    );
    await audit({
      action: decision === 'validate' ? 'plan.validate' : 'plan.validation_withdraw',
      entityType: 'plan',
      entityId: conventionId,
      before: { validatedOn: header.validation?.date ?? null },
      after: { validatedOn: date },
    });
    return { date };
  });
}
