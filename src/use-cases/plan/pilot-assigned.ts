/**
 * A pilot is told when a fiche is given to them: the change that names them (a fiche created or
 * saved with new account pilots, a bulk change of pilot) asks, in its transaction, for the plan's
 * queued job `plan.pilot-assigned`, one per fiche (`tellNewPilots`); the job (`notifyNewPilots`,
 * declared by the plan module) writes a notification to each of them who is still an active account
 * (by e-mail too, once the platform sends e-mail). The job's id is the event: run twice, it tells
 * each pilot once. The person who made the change is not told of their own choice.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { insertNotifications } from '../../db/repositories/notification.repository.js';
import { findUserById } from '../../db/repositories/user.repository.js';
import type { Context } from '../context.js';
import type { PlanChange } from './plan-access.js';

/** The job's name as the module declares it; queued as `plan.pilot-assigned`. */
export const PILOT_ASSIGNED_JOB = 'pilot-assigned';
const QUEUE = `plan.${PILOT_ASSIGNED_JOB}`;
export const FICHE_ASSIGNED_KIND = 'plan.fiche_assigned';

const payloadSchema = z.strictObject({
  conventionId: z.string().min(1).max(100),
  ficheId: z.string().min(1).max(100),
  userIds: z.array(z.string().min(1).max(100)).min(1).max(200),
});
export type PilotAssigned = z.infer<typeof payloadSchema>;

interface Assigned {
  conventionId: string;
  ficheId: string;
  userIds: readonly string[];
}

/** In the change's transaction: asks for the pilots newly named on a fiche to be told, once it commits. */
export async function tellNewPilots(
  change: Pick<PlanChange, 'enqueueAll'>,
  actorUserId: string | null,
  assigned: Assigned,
): Promise<void> {
  await tellNewPilotsOfFiches(change, actorUserId, [assigned]);
}

/** The same for several fiches (a bulk change of pilot), their jobs asked for in one statement. */
export async function tellNewPilotsOfFiches(
  change: Pick<PlanChange, 'enqueueAll'>,
  actorUserId: string | null,
  assigned: readonly Assigned[],
): Promise<void> {
  const jobs = assigned.flatMap(({ conventionId, ficheId, userIds: named }) => {
    const userIds = [...new Set(named)].filter((id) => id !== actorUserId);
    return userIds.length ? [{ jobName: QUEUE, payload: { conventionId, ficheId, userIds } }] : [];
  });
  if (jobs.length) await change.enqueueAll(jobs);
}

/** The job: tells each pilot named in the payload, once per event; how many were told now. */
export async function notifyNewPilots(
  ctx: Context,
  data: unknown,
  eventId: string,
): Promise<{ ficheId: string; told: number }> {
  const parsed = payloadSchema.safeParse(data);
  if (!parsed.success) throw new Error(`Données de la tâche invalides : ${parsed.error.issues[0]?.message}`);
  const { conventionId, ficheId, userIds } = parsed.data;
  const now = ctx.clock.now();
  const rows = [];
  for (const userId of new Set(userIds)) {
    // An account disabled or anonymised since is told nothing.
    const user = await findUserById(ctx.db, userId);
    if (!user || user.disabled || user.anonymisedAt) continue;
    rows.push({
      id: randomUUID(),
      userId,
      kind: FICHE_ASSIGNED_KIND,
      conventionId,
      ficheId,
      eventId,
      createdAt: now,
    });
  }
  return { ficheId, told: await insertNotifications(ctx.db, rows) };
}
