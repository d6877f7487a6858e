/**
 * The statistical-secrecy pattern of each département: which diagnostic cells (commune, EPCI and
 * département figures, by cell id "territory|indicator|date") are published, blanked by the rules
 * (primary) or blanked to protect another (secondary). Every output of a territory of the
 * département reads its statuses here, so that what all of them publish together stays protected.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('diagnostic_protections')
    .addColumn('departement_code', 'text', (c) => c.primaryKey())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_cells', sql`text[]`, (c) => c.notNull())
    .addColumn('primary_cells', sql`text[]`, (c) => c.notNull())
    .addColumn('secondary_cells', sql`text[]`, (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('diagnostic_protections').ifExists().execute();
}
