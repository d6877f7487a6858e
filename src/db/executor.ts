/** The executor a repository method runs on (the database or an open transaction), and transactions. */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
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

/**
 * Bytes for a bytea column, sent as base64 text that the server decodes. The embedded database
 * turns a bytea parameter into text byte by byte in JavaScript, on the one thread everything else
 * waits for: a 15 MB file took 2.4–3 s to insert that way, 0.3 s as base64 (0.08–0.12 s and
 * 0.17 s on a PostgreSQL server).
 */
export function byteaParam(bytes: Uint8Array): RawBuilder<Uint8Array> {
  const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return sql<Uint8Array>`decode(${base64}, 'base64')`;
}

/**
 * A bytea column read as base64 text (`bytesOf` turns it back), for the same reason: a 15 MB file
 * came back from the embedded database in 0.95 s as bytea, 0.1 s as base64.
 */
export function byteaBase64(column: string): RawBuilder<string> {
  return sql<string>`encode(${sql.ref(column)}, 'base64')`;
}

export function bytesOf(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
