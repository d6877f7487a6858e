/**
 * A logical dump of the database: every row of every table of every schema that is not
 * PostgreSQL's own (the platform's, pg-boss's, any other), each row as its text form. What
 * `pg_dump` gives on a server, for the embedded database too: used to prove an erasure left no trace.
 */
import { sql } from 'kysely';
import type { Executor } from './executor.js';

export async function dumpEveryRow(exec: Executor): Promise<string> {
  const tables = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE'
      and table_schema not in ('pg_catalog', 'information_schema')
      and table_schema not like 'pg\\_toast%' and table_schema not like 'pg\\_temp%'
    order by table_schema, table_name`.execute(exec);
  const parts: string[] = [];
  for (const t of tables.rows) {
    const rows = await sql<{
      row: string;
    }>`select r::text as row from ${sql.table(`${t.schema}.${t.name}`)} as r`.execute(exec);
    parts.push(`-- ${t.schema}.${t.name} (${rows.rows.length})`, ...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}
