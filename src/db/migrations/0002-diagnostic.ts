/**
 * Diagnostic (annexe 1) storage: one row per imported file, and one value per territory, indicator
 * and reference date, each pointing to the import it came from (file, when, who).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('diagnostic_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .addColumn('imported_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('imported_by_label', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('territory_codes', sql`text[]`, (c) => c.notNull())
    .addColumn('reference_dates', sql`text[]`, (c) => c.notNull())
    .addColumn('indicators', sql`text[]`, (c) => c.notNull())
    // Sorted territories, dates and indicators: two imports of the same period have the same key.
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.references('diagnostic_imports.id'))
    .addCheckConstraint(
      'diagnostic_imports_format_ck',
      sql`format in ('long_csv','long_xlsx','cafdata_csv','synthetic')`,
    )
    .execute();
  await db.schema
    .createIndex('diagnostic_imports_period_idx')
    .on('diagnostic_imports')
    .column('period_key')
    .execute();

  await db.schema
    .createTable('diagnostic_values')
    .addColumn('territory_level', 'text', (c) => c.notNull())
    .addColumn('territory_code', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('reference_date', 'date', (c) => c.notNull())
    // Exactly one of the three: counts as integers, amounts and means in cents, rates as decimals.
    .addColumn('count_value', 'bigint')
    .addColumn('amount_cents', 'bigint')
    .addColumn('rate_value', 'numeric')
    .addColumn('source', 'text')
    .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('import_id', 'text', (c) => c.notNull().references('diagnostic_imports.id'))
    .addColumn('line', 'integer')
    .addPrimaryKeyConstraint('diagnostic_values_pk', [
      'territory_level',
      'territory_code',
      'indicator',
      'reference_date',
    ])
    .addCheckConstraint(
      'diagnostic_values_one_value_ck',
      sql`num_nonnulls(count_value, amount_cents, rate_value) = 1`,
    )
    .addCheckConstraint(
      'diagnostic_values_level_ck',
      sql`territory_level in ('commune','epci','departement')`,
    )
    .execute();
  await db.schema
    .createIndex('diagnostic_values_import_idx')
    .on('diagnostic_values')
    .column('import_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('diagnostic_values').ifExists().execute();
  await db.schema.dropTable('diagnostic_imports').ifExists().execute();
}
