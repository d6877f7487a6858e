/** Deletes a fiche action with its sous-actions, indicators and comments; the audit row keeps what it held. */
import { deleteFiche as deleteFicheRow } from '../../db/repositories/plan.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changeFiche, staleFicheError } from './fiche-access.js';

export async function deleteFiche(
  ctx: Context,
  ficheId: string,
  input: { expectedVersion?: number | undefined } = {},
): Promise<void> {
  await changeFiche(ctx, ficheId, 'edit', async ({ tx, fiche, byPilot, stored, audit }) => {
    // A pilot leads a fiche; deleting it is the territory's decision.
    if (byPilot) throw new AppError('FORBIDDEN');
    if (input.expectedVersion !== undefined && input.expectedVersion !== fiche.version) {
      throw await staleFicheError(tx, fiche, input.expectedVersion);
    }
    await deleteFicheRow(tx, stored.id, ficheId);
    await audit({ action: 'plan.fiche.delete', entityType: 'plan_fiche', entityId: ficheId, before: fiche });
  });
}
