/**
 * A revision number on each stored secrecy pattern (`diagnostic_protections.revision`), taken from a
 * sequence by every write of the row. Every diagnostic output follows the pattern of its
 * département (tens of thousands of cell ids); a reader keeps the parsed pattern in memory and, on
 * the next output, reads only the revision to know whether it may reuse it. The time of computing
 * cannot serve: two computations in the same instant (a fixed clock, a fast re-protection) would
 * carry the same one. A sequence is never rolled back, so a number is never given to two contents,
 * not even by a transaction that failed.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence diagnostic_protections_revision_seq`.execute(db);
  await db.schema
    .alterTable('diagnostic_protections')
    .addColumn('revision', 'bigint', (c) =>
      c.notNull().defaultTo(sql`nextval('diagnostic_protections_revision_seq')`),
    )
    .execute();
  await sql`comment on column diagnostic_protections.revision is ${sql.lit(
    'New from diagnostic_protections_revision_seq on every write of the row: a reader reuses the pattern it parsed while the revision is the same.',
  )}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('diagnostic_protections').dropColumn('revision').execute();
  await sql`drop sequence if exists diagnostic_protections_revision_seq`.execute(db);
}
