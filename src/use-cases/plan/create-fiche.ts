/** Creates a fiche action at the end of its axe. The territory's agents create fiches; pilots do not. */
import { randomUUID } from 'node:crypto';
import { findPlan, insertFiches } from '../../db/repositories/plan.repository.js';
import { ficheFromInput, ficheProblems, namePilots, pilotAccountIds } from '../../domain/plan/fiche.js';
import type { Fiche } from '../../domain/plan/model.js';
import { ficheInputSchema } from '../../domain/plan/schema.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { tellNewPilots } from './pilot-assigned.js';
import { changePlan, checkPilotAccounts, emptyPlan } from './plan-access.js';
import { planInvalid } from './plan-errors.js';

const userIdOf = (ctx: Context) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

export async function createFiche(ctx: Context, conventionId: string, input: unknown): Promise<Fiche> {
  const parsed = ficheInputSchema.safeParse(input);
  if (!parsed.success) throw planInvalid(parsed.error);
  return changePlan(ctx, conventionId, 'edit', async ({ tx, facts, now, audit, enqueue }) => {
    const plan = (await findPlan(tx, conventionId)) ?? emptyPlan(conventionId);
    const inAxe = plan.fiches.filter((f) => f.axeId === parsed.data.axeId);
    const draft = ficheFromInput(
      parsed.data,
      {
        id: randomUUID(),
        position: Math.max(0, ...inAxe.map((f) => f.position)) + 1,
        version: 1,
        notes: [],
        updatedAt: now.toISOString(),
      },
      randomUUID,
    );
    const problems = ficheProblems(draft, plan);
    if (problems.length) throw new AppError('PLAN_INVALID', { details: { problems } });
    const fiche = namePilots(draft, await checkPilotAccounts(tx, facts, pilotAccountIds(draft)));
    await insertFiches(tx, conventionId, [fiche], now, ctx.actor.kind === 'user' ? ctx.actor.userId : null);
    await audit({ action: 'plan.fiche.create', entityType: 'plan_fiche', entityId: fiche.id, after: fiche });
    await tellNewPilots({ enqueue }, userIdOf(ctx), {
      conventionId,
      ficheId: fiche.id,
      userIds: pilotAccountIds(fiche),
    });
    return fiche;
  });
}
