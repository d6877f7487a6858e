/**
 * Versioned aggregates and single submissions.
 * - `conventions.version`: 1 when written, incremented by every save; a save names the version its
 *   page was read at (`update … where id = … and version = …`), so a stale page cannot overwrite a
 *   newer text unseen.
 * - `conventions.successor_of`: the convention a draft renews, set on the one successor it may have;
 *   unique, so two clicks on « Préparer la convention suivante » cannot make two drafts. Rows made
 *   before this migration keep their `renewal_of`; only the first successor of each predecessor gets
 *   the slot, later duplicates (made by the old double click) are left as they are, not deleted.
 * - `form_submissions`: the token a creation form carries, stored with what it created; a second
 *   submission of the same form answers with the first one's result.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conventions')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('conventions').addColumn('successor_of', 'text').execute();
  await sql`
    update conventions c set successor_of = c.renewal_of
    where c.renewal_of is not null
      and c.id = (select c2.id from conventions c2 where c2.renewal_of = c.renewal_of
                  order by c2.created_at, c2.id limit 1)
  `.execute(db);
  await db.schema
    .createIndex('conventions_successor_of_uq')
    .on('conventions')
    .column('successor_of')
    .unique()
    .execute();

  await db.schema
    .createTable('form_submissions')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('result_id', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('form_submissions_kind_ck', sql`kind in ('convention.create','avenant.create')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('form_submissions').ifExists().execute();
  await db.schema.dropIndex('conventions_successor_of_uq').ifExists().execute();
  await db.schema.alterTable('conventions').dropColumn('successor_of').execute();
  await db.schema.alterTable('conventions').dropColumn('version').execute();
}
