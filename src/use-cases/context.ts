/**
 * What every use case receives: the database, the clock and the actor it acts for; and, where this
 * process runs the job queue (`ctg serve`), the runner, to hand over at once the jobs a change asked for.
 */
import type { Db } from '../db/database.js';
import type { JobSender } from '../db/jobs.js';
import type { Actor, SystemActorKind } from '../domain/access/access.js';
import type { Clock } from '../domain/shared/dates.js';

export interface Context {
  db: Db;
  clock: Clock;
  actor: Actor;
  jobs?: JobSender | undefined;
  /**
   * Nobody else uses the database meanwhile: the command line on the embedded database, whose data
   * directory it holds alone. Work that a use case would otherwise do before its transaction, at
   * some cost, so as not to hold the others up (the secrecy patterns, `patternsAhead`), may then
   * stay in the transaction.
   */
  alone?: boolean | undefined;
}

/** The platform acting by itself: the command line by default, the schedule, the demo data. */
export function systemContext(db: Db, clock: Clock, system: SystemActorKind = 'cli'): Context {
  return { db, clock, actor: { kind: 'system', system } };
}
