/**
 * The platform's scheduled jobs, each with its French label, its schedule (Europe/Paris) and the use
 * case it runs as the platform's schedule. A module adds its scheduled work here (reminders, batch
 * generation): this list is the one place the runner (`db/jobs.ts`), `ctg jobs` and the
 * administration page read them from.
 */

import type { Db } from '../../db/database.js';
import type { JobDefinition } from '../../db/jobs.js';
import type { SystemActorKind } from '../../domain/access/access.js';
import { STATUS_LABELS } from '../../domain/convention/labels.js';
import type { Clock } from '../../domain/shared/dates.js';
import { frenchTypography } from '../../domain/shared/typography.js';
import { type Context, systemContext } from '../context.js';
import { applyCalendarTransitions, type CalendarRun } from '../conventions/apply-calendar-transitions.js';

export interface PlatformJob {
  name: string;
  label: string;
  /** When it runs, in French. */
  scheduleLabel: string;
  /** Cron expression in Europe/Paris time. */
  cron: string | null;
  runAtStart: boolean;
  /** The system actor its audit rows name. */
  actor: SystemActorKind;
  run(ctx: Context): Promise<object>;
  /** What a completed run did, in French, from its stored output. */
  summarise(output: unknown): string;
}

export const PLATFORM_JOBS: readonly PlatformJob[] = [
  {
    name: 'convention-calendar',
    label: 'Changements de statut dus aux dates des conventions (entrée en vigueur, expiration, résiliation)',
    scheduleLabel: 'Chaque jour à 0 h 05 (heure de Paris), et au démarrage de la plateforme',
    cron: '5 0 * * *',
    runAtStart: true,
    actor: 'schedule',
    async run(ctx) {
      const result = await applyCalendarTransitions(ctx);
      if (result.failed.length) {
        // Kept as the job's error, shown on the administration page; a later attempt retries.
        throw new Error(
          frenchTypography(
            `${result.failed.length} convention(s) n’ont pas pu changer de statut (${result.applied.length} changement(s) enregistré(s)) : ${result.failed.map((f) => `${f.conventionId} : ${f.message}`).join(' ; ')}`,
          ),
        );
      }
      return result;
    },
    summarise(output) {
      const run = output as Partial<CalendarRun> | null;
      const applied = run?.applied ?? [];
      if (!applied.length) return 'Aucun changement de statut à enregistrer.';
      const changes = applied.map((c) => `${c.territoryName} : ${STATUS_LABELS[c.to]}`).join(', ');
      return frenchTypography(
        `${applied.length === 1 ? '1 changement de statut enregistré' : `${applied.length} changements de statut enregistrés`} (${changes}).`,
      );
    },
  },
];

export function platformJob(name: string): PlatformJob | undefined {
  return PLATFORM_JOBS.find((j) => j.name === name);
}

/** The runner's definitions: each job runs its use case with the platform's schedule as actor. */
export function platformJobDefinitions(db: Db, clock: Clock): JobDefinition[] {
  return PLATFORM_JOBS.map((job) => ({
    name: job.name,
    cron: job.cron,
    runAtStart: job.runAtStart,
    run: () => job.run(systemContext(db, clock, job.actor)),
  }));
}
