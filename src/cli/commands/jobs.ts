/**
 * `ctg jobs list` and `ctg jobs run <name>`: the scheduled jobs and their latest runs, and a run now
 * (queued, worked by this process, and waited for). On the embedded database the server must be
 * stopped first (the administration page has the same button); on PostgreSQL both work side by side.
 */
import type { Command } from 'commander';
import { startJobRunner } from '../../db/jobs.js';
import { systemClock } from '../../domain/shared/dates.js';
import { installedModules } from '../../modules/index.js';
import { listJobs } from '../../use-cases/jobs/list-jobs.js';
import { platformJobDefinitions } from '../../use-cases/jobs/platform-jobs.js';
import { fail, print, withDatabase } from '../runtime.js';

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});

export function register(program: Command): void {
  const catalogue = installedModules().jobs;
  const byHand = catalogue.filter((j) => !j.queued).map((j) => j.name);
  const jobs = program.command('jobs').description('Tâches planifiées : liste, exécution immédiate');

  jobs
    .command('list')
    .description('Liste les tâches planifiées et leurs exécutions récentes')
    .action(async () => {
      await withDatabase(async (ctx) => {
        const { jobs: scheduled, runs } = await listJobs(ctx, catalogue);
        for (const job of scheduled) {
          print(
            `${job.name} — ${job.label}\n  ${job.scheduleLabel}${job.scheduled ? '' : ' (pas encore enregistrée)'}`,
          );
        }
        print(runs.length ? '\nExécutions récentes :' : '\nAucune exécution enregistrée.');
        for (const run of runs) {
          const date = run.startedOn ?? run.createdOn;
          print(
            `  ${dateTime.format(date)}  ${run.name}  ${run.stateLabel}  ${run.error ?? run.summary ?? ''}`,
          );
        }
      });
    });

  jobs
    .command('run')
    .description('Exécute une tâche planifiée maintenant et attend son résultat')
    .argument('<nom>', `nom de la tâche (${byHand.join(', ')})`)
    .action(async (name: string) => {
      const job = catalogue.find((j) => j.name === name && !j.queued);
      if (!job) fail(`tâche inconnue « ${name} » (connues : ${byHand.join(', ')}).`);
      const outcome = await withDatabase(async (ctx, handle) => {
        const definitions = platformJobDefinitions(ctx.db, systemClock, catalogue).map((d) => ({
          ...d,
          runAtStart: false,
        }));
        const runner = await startJobRunner(handle.jobConnection, definitions, {
          pollingIntervalSeconds: 0.5,
        });
        try {
          return await runner.runNow(name);
        } finally {
          await runner.stop();
        }
      });
      if (outcome.state !== 'completed') {
        const output = outcome.output as { message?: string } | null;
        fail(`la tâche ${name} a échoué : ${output?.message ?? outcome.state}`);
      }
      print(`${job.label} : ${job.summarise(outcome.output)}`);
    });
}
