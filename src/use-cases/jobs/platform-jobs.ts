/**
 * The platform's jobs, each with its French label, its schedule (Europe/Paris) and the use case it
 * runs as the platform's schedule. A module declares its own (`CtgModule.jobs`, named
 * `<module>.<name>` by the composition): scheduled work (reminders, batch generation) and queued
 * jobs, each run carrying the payload a change asked for through the outbox (ADR 9). The catalogue
 * (these and the modules') is what the runner (`db/jobs.ts`), `ctg jobs` and the administration
 * page read them from.
 */

import type { Db } from '../../db/database.js';
import type { JobDefinition, JobSender } from '../../db/jobs.js';
import type { SystemActorKind } from '../../domain/access/access.js';
import { STATUS_LABELS } from '../../domain/convention/labels.js';
import type { Clock } from '../../domain/shared/dates.js';
import { frenchTypography } from '../../domain/shared/typography.js';
import { type Context, systemContext } from '../context.js';
import { applyCalendarTransitions, type CalendarRun } from '../conventions/apply-calendar-transitions.js';
import { drainOutbox, OUTBOX_JOB, type OutboxRun } from './outbox.js';

/** What a run is handed besides its context: the payload it was sent, and the runner. */
export interface JobRunEnv {
  /** The payload (`{}` for a scheduled run); a queued job parses it and throws (in French) if malformed. */
  data: unknown;
  jobs: JobSender;
  /** The queued job's id: the same for every attempt of one job (an outbox row's id when sent from one). */
  jobId: string;
  /** Every job of this platform (the platform's and the modules'). */
  catalogue: readonly PlatformJob[];
}

export interface PlatformJob {
  name: string;
  label: string;
  /** When it runs, in French. */
  scheduleLabel: string;
  /** Cron expression in Europe/Paris time. */
  cron: string | null;
  runAtStart: boolean;
  /** A queue of messages: each run is sent with its own payload (never scheduled, never run by hand). */
  queued?: boolean;
  /** The system actor its audit rows name. */
  actor: SystemActorKind;
  run(ctx: Context, env: JobRunEnv): Promise<object>;
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
  {
    name: OUTBOX_JOB,
    label: 'Mise en file des tâches demandées par les changements enregistrés (avis aux pilotes des fiches…)',
    scheduleLabel:
      'Après chaque changement qui en demande, chaque heure à la 7e minute, et au démarrage de la plateforme',
    cron: '7 * * * *',
    runAtStart: true,
    actor: 'schedule',
    async run(ctx, { jobs, catalogue }) {
      const queued = new Set(catalogue.filter((j) => j.queued).map((j) => j.name));
      return drainOutbox(ctx, jobs, (name) => queued.has(name));
    },
    summarise(output) {
      const run = output as Partial<OutboxRun> | null;
      const sent = run?.sent ?? 0;
      const unknown = run?.unknown?.length
        ? ` ; tâches inconnues laissées en attente : ${run.unknown.join(', ')}`
        : '';
      return frenchTypography(
        `${sent === 0 ? 'Aucune tâche à mettre en file' : sent === 1 ? '1 tâche mise en file' : `${sent} tâches mises en file`}${unknown}.`,
      );
    },
  },
];

export function platformJob(
  name: string,
  catalogue: readonly PlatformJob[] = PLATFORM_JOBS,
): PlatformJob | undefined {
  return catalogue.find((j) => j.name === name);
}

/**
 * The runner's definitions: each job of the catalogue (the platform's, and the modules' from the
 * composition) runs its use case with its system actor, and the runner at hand.
 */
export function platformJobDefinitions(
  db: Db,
  clock: Clock,
  catalogue: readonly PlatformJob[] = PLATFORM_JOBS,
): JobDefinition[] {
  return catalogue.map((job) => ({
    name: job.name,
    cron: job.cron,
    runAtStart: job.runAtStart,
    queued: job.queued === true,
    run: (data, jobs, jobId) =>
      job.run({ ...systemContext(db, clock, job.actor), jobs }, { data, jobs, jobId, catalogue }),
  }));
}
