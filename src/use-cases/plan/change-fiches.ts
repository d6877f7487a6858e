/**
 * Changes the status or the pilot of several fiches at once (the plan table's bulk action), in one
 * transaction: all of them or none. Each fiche gets its own audit row and a new version.
 */
import { findPlan, saveFiches } from '../../db/repositories/plan.repository.js';
import { namePilots, pilotAccountIds } from '../../domain/plan/fiche.js';
import { FICHE_STATUSES, type FicheStatus, type Pilot } from '../../domain/plan/model.js';
import type { PilotInput } from '../../domain/plan/schema.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { tellNewPilotsOfFiches } from './pilot-assigned.js';
import { changePlan, checkPilotAccounts, maySeeFiche } from './plan-access.js';

export interface BulkChange {
  ficheIds: readonly string[];
  status?: FicheStatus | undefined;
  /** Replaces the fiches' pilots with this one. */
  pilot?: PilotInput | undefined;
}

export async function changeFiches(
  ctx: Context,
  conventionId: string,
  change: BulkChange,
): Promise<{ changed: number; newPilotIds: string[] }> {
  const ids = [...new Set(change.ficheIds)];
  if (!ids.length)
    throw new AppError('PLAN_INVALID', { details: { problems: ['Sélectionnez au moins une fiche.'] } });
  if (change.status === undefined && change.pilot === undefined) {
    throw new AppError('PLAN_INVALID', {
      details: { problems: ['Choisissez un statut ou un pilote à appliquer.'] },
    });
  }
  if (change.status !== undefined && !FICHE_STATUSES.includes(change.status)) {
    throw new AppError('PLAN_INVALID', { details: { problems: ['Statut : valeur non admise.'] } });
  }
  return changePlan(ctx, conventionId, 'edit', async ({ tx, facts, now, auditAll, rights, enqueueAll }) => {
    const plan = (await findPlan(tx, conventionId))!;
    const byId = new Map(plan.fiches.map((f) => [f.id, f]));
    const fiches = ids.map((id) => byId.get(id));
    const missing = ids.filter((_, n) => !fiches[n] || !maySeeFiche(ctx.actor, rights, fiches[n]!));
    if (missing.length) throw new AppError('PLAN_FICHE_NOT_FOUND', { details: { ids: missing } });
    let pilot: Pilot | undefined;
    const newPilotIds: string[] = [];
    if (change.pilot) {
      pilot =
        change.pilot.kind === 'account'
          ? { kind: 'account', userId: change.pilot.userId, name: '' }
          : change.pilot;
    }
    const names = pilot?.kind === 'account' ? await checkPilotAccounts(tx, facts, [pilot.userId]) : new Map();
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const changes = (fiches as NonNullable<(typeof fiches)[number]>[]).map((before) => ({
      before,
      after: namePilots(
        { ...before, status: change.status ?? before.status, pilots: pilot ? [pilot] : before.pilots },
        names,
      ),
    }));
    // All the fiches in a few statements, not a few per fiche: the plan's lock is held meanwhile.
    const versions = await saveFiches(
      tx,
      conventionId,
      changes.map(({ before, after }) => ({ fiche: after, expectedVersion: before.version })),
      now,
      userId,
    );
    const stale = changes.find(({ before }) => !versions.has(before.id));
    if (stale) throw new AppError('PLAN_FICHE_STALE', { details: { id: stale.before.id } });
    if (pilot?.kind === 'account') {
      const newlyPiloted = changes.filter(({ before }) => !pilotAccountIds(before).includes(pilot.userId));
      if (newlyPiloted.length) newPilotIds.push(pilot.userId);
      await tellNewPilotsOfFiches(
        { enqueueAll },
        userId,
        newlyPiloted.map(({ before }) => ({ conventionId, ficheId: before.id, userIds: [pilot.userId] })),
      );
    }
    await auditAll(
      changes.map(({ before, after }) => ({
        action: 'plan.fiche.bulk_update',
        entityType: 'plan_fiche',
        entityId: before.id,
        before: { status: before.status, pilots: before.pilots, version: before.version },
        after: { status: after.status, pilots: after.pilots, version: versions.get(before.id) },
      })),
    );
    return { changed: fiches.length, newPilotIds };
  });
}
