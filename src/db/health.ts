/** A round trip to the database, for the health check. */
import { sql } from 'kysely';
import type { Db } from './database.js';

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
