/**
 * Creates an axe of the action plan (at the end) or renames one. A creation form carries a one-time
 * token that becomes the axe's id: the same form sent twice (a double click) creates one axe.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { conventionOfAxe, findPlan, insertAxe, updateAxe } from '../../db/repositories/plan.repository.js';
import { nextPosition } from '../../domain/plan/fiche.js';
import type { Axe } from '../../domain/plan/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changePlan } from './plan-access.js';
import { checkSubmissionToken, planInvalid, usedTokenError } from './plan-errors.js';

const axeInput = z.strictObject({
  title: z.string().trim().min(1, { error: 'titre obligatoire' }).max(500),
  description: z.string().max(20_000).default(''),
});

export async function saveAxe(
  ctx: Context,
  conventionId: string,
  input: {
    id?: string | undefined;
    title: unknown;
    description?: unknown;
    submissionId?: string | undefined;
  },
): Promise<Axe> {
  const parsed = axeInput.safeParse({ title: input.title, description: input.description ?? '' });
  if (!parsed.success) throw planInvalid(parsed.error);
  checkSubmissionToken(input.submissionId);
  return changePlan(ctx, conventionId, 'edit', async ({ tx, audit }) => {
    const plan = await findPlan(tx, conventionId);
    const axes = plan?.axes ?? [];
    if (input.id) {
      const before = axes.find((a) => a.id === input.id);
      if (!before) throw new AppError('PLAN_AXE_NOT_FOUND', { details: { id: input.id } });
      const after = { ...before, ...parsed.data };
      await updateAxe(tx, conventionId, after);
      await audit({ action: 'plan.axe.update', entityType: 'plan', entityId: conventionId, before, after });
      return after;
    }
    if (input.submissionId) {
      // The plan row is locked: a second send waits for the first and finds its axe here.
      const earlier = axes.find((a) => a.id === input.submissionId);
      if (earlier) return earlier;
      if (await conventionOfAxe(tx, input.submissionId)) throw usedTokenError();
    }
    const axe: Axe = {
      id: input.submissionId ?? randomUUID(),
      position: nextPosition(axes),
      ...parsed.data,
    };
    await insertAxe(tx, conventionId, axe);
    await audit({ action: 'plan.axe.create', entityType: 'plan', entityId: conventionId, after: axe });
    return axe;
  });
}
