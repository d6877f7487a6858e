/**
 * What sources print beside their figures: a figure withheld by the source ("s", "<5"), stored as
 * secret with no value; a note printed with a figure; and percentages printed without the count
 * they are computed from (the seed prints many Yvelines rates that way), kept in their own table so
 * that they are never mistaken for a computed share nor used to recompute a count.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('diagnostic_values')
    .addColumn('secret_at_source', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable('diagnostic_values').addColumn('note', 'text').execute();
  await db.schema.alterTable('diagnostic_values').dropConstraint('diagnostic_values_one_value_ck').execute();
  await db.schema
    .alterTable('diagnostic_values')
    .addCheckConstraint(
      'diagnostic_values_one_value_ck',
      sql`num_nonnulls(count_value, amount_cents, rate_value) = case when secret_at_source then 0 else 1 end`,
    )
    .execute();

  await db.schema
    .createTable('diagnostic_given_shares')
    .addColumn('territory_level', 'text', (c) => c.notNull())
    .addColumn('territory_code', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('reference_date', 'date', (c) => c.notNull())
    .addColumn('share_of', 'text', (c) => c.notNull())
    .addColumn('share_pct', 'numeric', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('note', 'text')
    .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('import_id', 'text', (c) => c.notNull().references('diagnostic_imports.id'))
    .addColumn('line', 'integer')
    .addPrimaryKeyConstraint('diagnostic_given_shares_pk', [
      'territory_level',
      'territory_code',
      'indicator',
      'reference_date',
      'share_of',
    ])
    .addCheckConstraint('diagnostic_given_shares_pct_ck', sql`share_pct >= 0 and share_pct <= 100`)
    .addCheckConstraint(
      'diagnostic_given_shares_level_ck',
      sql`territory_level in ('commune','epci','departement')`,
    )
    .execute();
  await db.schema
    .createIndex('diagnostic_given_shares_import_idx')
    .on('diagnostic_given_shares')
    .column('import_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('diagnostic_given_shares').ifExists().execute();
  await db.schema.alterTable('diagnostic_values').dropConstraint('diagnostic_values_one_value_ck').execute();
  await db.schema.alterTable('diagnostic_values').dropColumn('note').execute();
  await db.schema.alterTable('diagnostic_values').dropColumn('secret_at_source').execute();
  await db.schema
    .alterTable('diagnostic_values')
    .addCheckConstraint(
      'diagnostic_values_one_value_ck',
      sql`num_nonnulls(count_value, amount_cents, rate_value) = 1`,
    )
    .execute();
}
