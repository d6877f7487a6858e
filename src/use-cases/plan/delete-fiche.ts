/** Deletes a fiche action with its sous-actions, indicators and comments; the audit row keeps what it held. */
import { deleteFiche as deleteFicheRow, findPlan, saveFiche } from '../../db/repositories/plan.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changeFiche, staleFicheError } from './fiche-access.js';

export async function deleteFiche(
  ctx: Context,
  ficheId: string,
  input: { expectedVersion?: number | undefined } = {},
): Promise<void> {
  await changeFiche(ctx, ficheId, 'edit', async ({ tx, fiche, byPilot, stored, audit, now }) => {
    // A pilot leads a fiche; deleting it is the territory's decision.
    if (byPilot) throw new AppError('FORBIDDEN');
    if (input.expectedVersion !== undefined && input.expectedVersion !== fiche.version) {
      throw await staleFicheError(tx, fiche, input.expectedVersion);
    }
    await deleteFicheRow(tx, stored.id, ficheId);
    await audit({ action: 'plan.fiche.delete', entityType: 'plan_fiche', entityId: ficheId, before: fiche });
    // The fiches linked to it lose the link (a dangling one would refuse their next save).
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    for (const other of (await findPlan(tx, stored.id))?.fiches ?? []) {
      if (!other.linkedFicheIds.includes(ficheId)) continue;
      const linkedFicheIds = other.linkedFicheIds.filter((id) => id !== ficheId);
      const version = await saveFiche(
        tx,
        stored.id,
        { ...other, linkedFicheIds },
        other.version,
        now,
        userId,
      );
      await audit({
        action: 'plan.fiche.unlink',
        entityType: 'plan_fiche',
        entityId: other.id,
        before: { linkedFicheIds: other.linkedFicheIds, version: other.version },
        after: { linkedFicheIds, version },
      });
    }
  });
}
