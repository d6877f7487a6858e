/** The executor a repository method runs on (the database or an open transaction), and transactions. */
import type { Kysely, Transaction } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

export type Executor = Kysely<Database> | Transaction<Database>;

/** Runs `work` in one transaction: everything it writes lands together or not at all. */
export function inTransaction<T>(db: Db, work: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

/** JSON text for jsonb columns; bigint values (cents) are written as strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
}
