/** Creates a fiche action at the end of its axe. The territory's agents create fiches; pilots do not. */
import { randomUUID } from 'node:crypto';
import { ficheIdTaken, findFiche, findPlan, insertFiches } from '../../db/repositories/plan.repository.js';
import {
  ficheFromInput,
  ficheProblems,
  namePilots,
  nextPosition,
  pilotAccountIds,
  unknownSubActionProblems,
} from '../../domain/plan/fiche.js';
import type { Fiche } from '../../domain/plan/model.js';
import { ficheInputSchema } from '../../domain/plan/schema.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { tellNewPilots } from './pilot-assigned.js';
import { changePlan, checkPilotAccounts, emptyPlan } from './plan-access.js';
import { checkSubmissionToken, planInvalid, usedTokenError } from './plan-errors.js';

const userIdOf = (ctx: Context) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

export async function createFiche(ctx: Context, conventionId: string, input: unknown): Promise<Fiche> {
  return (await createFicheOnce(ctx, conventionId, input)).fiche;
}

/**
 * Creates a fiche from a form carrying a one-time token: the same form sent twice (a double click,
 * a page sent again) creates one fiche, and the second send answers with it (`existing`).
 */
export async function createFicheOnce(
  ctx: Context,
  conventionId: string,
  input: unknown,
  submissionId?: string,
): Promise<{ fiche: Fiche; existing: boolean }> {
  checkSubmissionToken(submissionId);
  const parsed = ficheInputSchema.safeParse(input);
  if (!parsed.success) throw planInvalid(parsed.error);
  // A new fiche has no sous-action yet: an id handed in names someone else's row.
  const foreign = unknownSubActionProblems(parsed.data, []);
  if (foreign.length) throw new AppError('PLAN_INVALID', { details: { problems: foreign } });
  return changePlan(ctx, conventionId, 'edit', async ({ tx, facts, now, audit, enqueueAll }) => {
    if (submissionId) {
      // The plan row is locked: a second send waits for the first and finds its fiche here.
      const earlier = await findFiche(tx, submissionId);
      if (earlier?.conventionId === conventionId) return { fiche: earlier.fiche, existing: true };
      if (earlier || (await ficheIdTaken(tx, submissionId))) throw usedTokenError();
    }
    const plan = (await findPlan(tx, conventionId)) ?? emptyPlan(conventionId);
    const inAxe = plan.fiches.filter((f) => f.axeId === parsed.data.axeId);
    const draft = ficheFromInput(
      parsed.data,
      {
        id: submissionId ?? randomUUID(),
        position: nextPosition(inAxe),
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
    await tellNewPilots({ enqueueAll }, userIdOf(ctx), {
      conventionId,
      ficheId: fiche.id,
      userIds: pilotAccountIds(fiche),
    });
    return { fiche, existing: false };
  });
}
