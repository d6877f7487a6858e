/** What every use case receives: the database, the clock and the actor it acts for. */
import type { Db } from '../db/database.js';
import type { Actor } from '../domain/access/access.js';
import type { Clock } from '../domain/shared/dates.js';

export interface Context {
  db: Db;
  clock: Clock;
  actor: Actor;
}

export function systemContext(db: Db, clock: Clock, label = 'Ligne de commande ctg'): Context {
  return { db, clock, actor: { kind: 'system', label } };
}
