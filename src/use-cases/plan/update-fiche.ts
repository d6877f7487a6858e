/**
 * Saves a fiche action (and its sous-actions) over the stored one, guarded by the version its page
 * read. The territory's agents change everything; a pilot changes the fiche they lead but not who
 * leads it, where it sits or whether it is confidential (those stay as stored).
 */
import { randomUUID } from 'node:crypto';
import { findPlan, saveFiche } from '../../db/repositories/plan.repository.js';
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
import { changeFiche, staleFicheError } from './fiche-access.js';
import { tellNewPilots } from './pilot-assigned.js';
import { checkPilotAccounts, maySeeFiche } from './plan-access.js';
import { planInvalid } from './plan-errors.js';

export async function updateFiche(
  ctx: Context,
  ficheId: string,
  input: { fiche: unknown; expectedVersion?: number | undefined },
): Promise<{ fiche: Fiche; newPilotIds: string[] }> {
  const parsed = ficheInputSchema.safeParse(input.fiche);
  if (!parsed.success) throw planInvalid(parsed.error);
  return changeFiche(
    ctx,
    ficheId,
    'edit',
    async ({ tx, facts, fiche: before, byPilot, now, audit, stored, enqueueAll, rights }) => {
      const expected = input.expectedVersion ?? before.version;
      if (expected !== before.version) throw await staleFicheError(tx, before, expected);
      const foreign = unknownSubActionProblems(parsed.data, before.subActions);
      if (foreign.length) throw new AppError('PLAN_INVALID', { details: { problems: foreign } });
      const plan = (await findPlan(tx, stored.id))!;
      const fields = byPilot
        ? {
            ...parsed.data,
            axeId: before.axeId,
            confidential: before.confidential,
            pilots: before.pilots.map((p) =>
              p.kind === 'account' ? { kind: 'account' as const, userId: p.userId } : p,
            ),
          }
        : parsed.data;
      const keep = {
        ...before,
        position:
          fields.axeId === before.axeId
            ? before.position
            : nextPosition(plan.fiches.filter((f) => f.axeId === fields.axeId)),
      };
      let after = ficheFromInput(fields, keep, randomUUID);
      if (byPilot) {
        // The pilot does not reassign sous-actions either.
        after = {
          ...after,
          subActions: after.subActions.map((s) => ({
            ...s,
            pilots: before.subActions.find((b) => b.id === s.id)?.pilots ?? [],
          })),
        };
      }
      // The fiches this actor may not see (confidential ones, for a partner) do not exist for their
      // input; the links the fiche already had to them are kept, not dropped by a save that never showed them.
      const hidden = new Set(plan.fiches.filter((f) => !maySeeFiche(ctx.actor, rights, f)).map((f) => f.id));
      const visible = { ...plan, fiches: plan.fiches.filter((f) => !hidden.has(f.id)) };
      const problems = ficheProblems(after, visible);
      if (problems.length) throw new AppError('PLAN_INVALID', { details: { problems } });
      const keptHidden = before.linkedFicheIds.filter((id) => hidden.has(id));
      if (keptHidden.length) after = { ...after, linkedFicheIds: [...after.linkedFicheIds, ...keptHidden] };
      const accounts = pilotAccountIds(after);
      after = namePilots(after, await checkPilotAccounts(tx, facts, accounts));
      const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      const version = await saveFiche(tx, stored.id, after, before.version, now, userId);
      if (version === undefined) throw await staleFicheError(tx, before, expected);
      const saved = { ...after, version, updatedAt: now.toISOString() };
      await audit({
        action: 'plan.fiche.update',
        entityType: 'plan_fiche',
        entityId: ficheId,
        before,
        after: saved,
      });
      const previous = new Set(pilotAccountIds(before));
      const newPilotIds = accounts.filter((id) => !previous.has(id));
      await tellNewPilots({ enqueueAll }, userId, { conventionId: stored.id, ficheId, userIds: newPilotIds });
      return { fiche: saved, newPilotIds };
    },
  );
}
