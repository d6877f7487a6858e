/**
 * A pilot is told when a fiche is given to them: the change that names them (a fiche created or
 * saved with new account pilots, a bulk change of pilot) asks, in its transaction, for the plan's
 * queued job `plan.pilot-assigned`, one per fiche; the job writes a notification to each of them
 * (by e-mail too, once the platform sends e-mail). The job's id is the event: run twice, it tells
 * each pilot once. The person who made the change is not told of their own choice.
 */
import { z } from 'zod';
import type { PlatformJob } from '../jobs/platform-jobs.js';
import { notifyAccounts } from '../notifications/notifications.js';
import type { PlanChange } from './plan-access.js';

/** The job's name as the module declares it; queued as `plan.pilot-assigned`. */
export const PILOT_ASSIGNED_JOB = 'pilot-assigned';
const QUEUE = `plan.${PILOT_ASSIGNED_JOB}`;

const payloadSchema = z.strictObject({
  conventionId: z.string().min(1).max(100),
  ficheId: z.string().min(1).max(100),
  userIds: z.array(z.string().min(1).max(100)).min(1).max(200),
});
export type PilotAssigned = z.infer<typeof payloadSchema>;

/** In the change's transaction: asks for the pilots newly named on a fiche to be told, once it commits. */
export async function tellNewPilots(
  change: Pick<PlanChange, 'enqueue'>,
  actorUserId: string | null,
  assigned: { conventionId: string; ficheId: string; userIds: readonly string[] },
): Promise<void> {
  const userIds = [...new Set(assigned.userIds)].filter((id) => id !== actorUserId);
  if (!userIds.length) return;
  await change.enqueue(QUEUE, { conventionId: assigned.conventionId, ficheId: assigned.ficheId, userIds });
}

export const pilotAssignedJob: PlatformJob = {
  name: PILOT_ASSIGNED_JOB,
  label: 'Avis aux pilotes des fiches actions qui leur sont confiées',
  scheduleLabel: 'À chaque fiche confiée à un compte (création, modification, changement groupé de pilote)',
  cron: null,
  runAtStart: false,
  queued: true,
  actor: 'schedule',
  async run(ctx, { data, jobId }) {
    const parsed = payloadSchema.safeParse(data);
    if (!parsed.success)
      throw new Error(`Données de la tâche invalides : ${parsed.error.issues[0]?.message}`);
    const told = await notifyAccounts(ctx, {
      eventId: jobId,
      kind: 'plan.fiche_assigned',
      userIds: parsed.data.userIds,
      conventionId: parsed.data.conventionId,
      ficheId: parsed.data.ficheId,
    });
    return { ficheId: parsed.data.ficheId, told };
  },
  summarise(output) {
    const told = (output as { told?: number } | null)?.told ?? 0;
    return told === 0
      ? 'Aucun pilote à prévenir (déjà prévenu).'
      : told === 1
        ? '1 pilote prévenu.'
        : `${told} pilotes prévenus.`;
  },
};
