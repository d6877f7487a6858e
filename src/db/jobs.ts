/**
 * The job runner: pg-boss keeps queues, jobs and schedules in the database's `pgboss` schema, on
 * either driver (ADR 6). On PGlite it runs through its `db` option with pg-boss's own PGlite adapter
 * (statements without parameters through `exec`, which takes pg-boss's multi-statement text and
 * gives back the rows of every statement; the rest through `query`); on a PostgreSQL server it opens
 * a small pool of its own. Jobs and schedules survive a restart; several instances share the work
 * (a job is fetched by one of them, `SKIP LOCKED`) and the schedule (one cron pass sends each run).
 *
 * The `pgboss` schema is made when a runner first starts (about a second on PGlite), not by the
 * migrations: databases that never run jobs (most test files) do not pay for it.
 */
import { fromPglite, PgBoss } from 'pg-boss';
import type { JobConnection } from './database.js';

/** Every schedule reads in the time of the Caf and communes. */
export const JOBS_TIME_ZONE = 'Europe/Paris';

export interface JobDefinition {
  /** Queue name, also what `ctg jobs run` takes. */
  name: string;
  /** Cron expression in `JOBS_TIME_ZONE`, or null for a job only run on demand. */
  cron: string | null;
  /** Also run once whenever a runner starts (what was due while no instance ran). */
  runAtStart: boolean;
  /**
   * A queued job: each send carries its own payload and is its own run (a queue of messages, never
   * scheduled); otherwise a run sent while one waits is that run (`stately`).
   */
  queued?: boolean;
  /**
   * Does the work with the payload it was sent (`{}` for a scheduled run), the runner (to send
   * further jobs) and the job's id (an event id: a second run of one job gets the same); what it returns is kept as the job's output. Throws (in French) to fail.
   */
  run(data: unknown, runner: JobSender, jobId: string): Promise<object>;
}

export interface JobSender {
  /**
   * Queues a run of `name` now; the id of the job queued (or of the one already waiting). With an
   * `id` (a uuid), a job of that id already queued or kept is not queued twice (its id is returned).
   */
  send(name: string, data?: object, options?: { id?: string }): Promise<string>;
}

export interface JobRunnerOptions {
  /** Work the queues (default true); false only sends and schedules. */
  work?: boolean;
  /** How often an idle worker asks for a job, as a floor under LISTEN/NOTIFY (default 60 s). */
  pollingIntervalSeconds?: number;
  /** Where errors of the runner itself go (default: standard error, in French). */
  onError?: (error: Error) => void;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobOutcome {
  id: string;
  name: string;
  state: JobState;
  output: unknown;
}

export interface JobRunner extends JobSender {
  /** Queues a run and waits until it has completed or failed. */
  runNow(name: string, options?: { timeoutMs?: number; data?: object }): Promise<JobOutcome>;
  stop(): Promise<void>;
}

function bossFor(connection: JobConnection): PgBoss {
  // Few background passes: on the embedded database they share its one connection with the pages.
  const common = {
    schema: 'pgboss',
    registerInstance: false,
    useListenNotify: true,
    cronWorkerIntervalSeconds: 45,
    cronMonitorIntervalSeconds: 45,
    flowIntervalSeconds: 60,
  } as const;
  return connection.driver === 'pglite'
    ? new PgBoss({ ...common, db: fromPglite(connection.pglite), backend: 'pglite' })
    : new PgBoss({ ...common, connectionString: connection.connectionString, max: 3 });
}

const FINAL_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

export async function startJobRunner(
  connection: JobConnection,
  definitions: readonly JobDefinition[],
  options: JobRunnerOptions = {},
): Promise<JobRunner> {
  const boss = bossFor(connection);
  const onError =
    options.onError ?? ((error: Error) => process.stderr.write(`Tâches planifiées : ${error.message}\n`));
  boss.on('error', onError);
  await boss.start();
  const byName = new Map(definitions.map((d) => [d.name, d]));
  for (const definition of definitions) {
    // One waiting and one running at most: a run sent while one waits is the same run.
    await boss.createQueue(definition.name, {
      policy: definition.queued ? 'standard' : 'stately',
      retryLimit: 2,
      retryDelay: 300,
      retryBackoff: true,
      // Kept 90 days so that the administration page shows a season of runs and failures.
      deleteAfterSeconds: 90 * 24 * 3600,
      notify: true,
    });
    if (definition.cron && !definition.queued) {
      await boss.schedule(definition.name, definition.cron, {}, { tz: JOBS_TIME_ZONE });
    } else {
      await boss.unschedule(definition.name);
    }
  }
  const send = async (name: string, data: object = {}, sendOptions: { id?: string } = {}) => {
    const definition = byName.get(name);
    if (!definition) throw new Error(`Tâche inconnue : ${name}`);
    if (definition.queued) {
      if (sendOptions.id) {
        const id = await boss.send(name, data, { id: sendOptions.id });
        if (id) return id;
        const [kept] = await boss.findJobs(name, { id: sendOptions.id });
        if (kept) return kept.id;
        throw new Error(`La tâche ${name} n’a pas pu être mise en file.`);
      }
      const id = await boss.send(name, data);
      if (!id) throw new Error(`La tâche ${name} n’a pas pu être mise en file.`);
      return id;
    }
    // The queue's policy keeps one waiting run: a run sent while one waits is that run. The waiting
    // one may start between the refused send and the lookup; the queue then has room, so send again.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const id = await boss.send(name, data);
      if (id) return id;
      const [waiting] = await boss.findJobs(name, { queued: true, limit: 1 });
      if (waiting) return waiting.id;
    }
    throw new Error(`La tâche ${name} n’a pas pu être mise en file.`);
  };

  if (options.work !== false) {
    for (const definition of definitions) {
      await boss.work(
        definition.name,
        { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 60, localConcurrency: 1 },
        async ([job]) => definition.run(job?.data ?? {}, { send }, job?.id ?? ''),
      );
    }
  }

  for (const definition of definitions)
    if (definition.runAtStart && !definition.queued) await send(definition.name);

  return {
    send,
    async runNow(name, { timeoutMs = 120_000, data }: { timeoutMs?: number; data?: object } = {}) {
      const id = await send(name, data);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [job] = await boss.findJobs(name, { id });
        // A failed attempt that will be retried ('retry') is an outcome too: the caller sees the error now.
        if (job && (FINAL_STATES.includes(job.state) || job.state === 'retry')) {
          return { id, name, state: job.state, output: job.output };
        }
        if (Date.now() > deadline) throw new Error(`La tâche ${name} ne s’est pas terminée à temps.`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
