/** Finding a fiche for a change: the convention it belongs to, then the fiche locked in the change's transaction. */
import type { Executor } from '../../db/executor.js';
import { listAudit } from '../../db/repositories/audit.repository.js';
import { findFiche } from '../../db/repositories/plan.repository.js';
import { authorLabel } from '../../domain/access/access.js';
import type { Fiche } from '../../domain/plan/model.js';
import { AppError, ERRORS } from '../../domain/shared/app-error.js';
import { formatFrenchDateTime } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';
import { changePlan, mayEditFiche, maySeeFiche, type PlanChange } from './plan-access.js';

const FICHE_ID = /^[0-9a-f-]{36}$/;

/** The convention of a fiche; a fiche that does not exist (or a malformed id) is a 404. */
export async function conventionOfFiche(ctx: Context, ficheId: string): Promise<string> {
  const found = FICHE_ID.test(ficheId) ? await findFiche(ctx.db, ficheId) : undefined;
  if (!found) throw new AppError('PLAN_FICHE_NOT_FOUND', { details: { id: ficheId } });
  return found.conventionId;
}

/**
 * A change to one fiche: the plan locked, then the fiche; the actor must see it and, for `edit`, be
 * the territory's agent or one of its pilots. A fiche the actor may not see does not exist.
 */
export async function changeFiche<T>(
  ctx: Context,
  ficheId: string,
  needs: 'edit' | 'comment',
  change: (c: PlanChange & { fiche: Fiche; byPilot: boolean }) => Promise<T>,
): Promise<T> {
  const conventionId = await conventionOfFiche(ctx, ficheId);
  return changePlan(ctx, conventionId, needs === 'edit' ? 'edit_or_pilot' : 'comment', async (c) => {
    const found = await findFiche(c.tx, ficheId, { lock: true });
    if (!found || found.conventionId !== conventionId || !maySeeFiche(ctx.actor, c.rights, found.fiche)) {
      throw new AppError('PLAN_FICHE_NOT_FOUND', { details: { id: ficheId } });
    }
    if (needs === 'edit' && !mayEditFiche(ctx.actor, c.rights, found.fiche)) throw new AppError('FORBIDDEN');
    return change({ ...c, fiche: found.fiche, byPilot: !c.rights.edit });
  });
}

/** The 409 of a save from a stale fiche page: who saved it since, when, and the fiche as they left it. */
export async function staleFicheError(tx: Executor, current: Fiche, formVersion: number): Promise<AppError> {
  const { rows } = await listAudit(tx, {
    entityType: 'plan_fiche',
    entityId: current.id,
    limit: 1,
    offset: 0,
  });
  const last = rows[0];
  const by = last
    ? ` Dernier enregistrement par ${authorLabel(last.actor)} le ${formatFrenchDateTime(last.at)}.`
    : '';
  return new AppError('PLAN_FICHE_STALE', {
    message: `${ERRORS.PLAN_FICHE_STALE.message}${by}`,
    details: { id: current.id, formVersion, currentVersion: current.version, current },
  });
}
