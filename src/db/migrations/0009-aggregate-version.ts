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
 * - The table types are generated from the database (`npm run db:types`): the closed sets of values
 *   the code relies on become check constraints (they were only TypeScript types), and the notes the
 *   hand-written types carried become column comments, so the database says all of it.
 */
import { type Kysely, sql } from 'kysely';

/** Closed sets of values written by the code and, until now, checked only by its types. */
const CHECKS: [table: string, name: string, rule: string][] = [
  ['conventions', 'conventions_territory_level_ck', "territory_level in ('commune','epci')"],
  ['convention_territories', 'convention_territories_level_ck', "level in ('commune','epci')"],
  ['convention_parties', 'convention_parties_role_ck', "role in ('caf','local_authority','partner')"],
  [
    'organisations',
    'organisations_territory_level_ck',
    "territory_level in ('commune','epci','departement','region')",
  ],
];

/** What a table or column holds, said once, in the database: the generated types carry it as doc comments. */
const TABLE_COMMENTS: Record<string, string> = {
  login_failures:
    'One failed login (migration 0006); keys are SHA-256 of the e-mail and of the client address.',
  convention_files:
    'Files attached to a convention (the deliberation of annex 7), stored with their SHA-256.',
  document_templates: 'A Caf’s own ODT or DOCX template, used instead of the platform’s document.',
  diagnostic_given_shares: 'A percentage printed without its count (migration 0005).',
  diagnostic_protections: 'One département’s secrecy pattern: cell ids by status (see migration 0004).',
  form_submissions: 'The one-time token of a creation form and what it created (migration 0009).',
};
const COLUMN_COMMENTS: Record<string, string> = {
  'territories.search_name': 'Lower-case name without accents or punctuation, for searching.',
  'territories.subtype': 'For EPCI: CA, CC, CU, METRO, …',
  'territories.departement_codes': 'Every département the territory lies in (an EPCI may straddle two).',
  'sessions.id': 'SHA-256 of the session cookie value.',
  'api_tokens.token_hash': 'SHA-256 of the token; the token itself is shown once and never stored.',
  'api_tokens.prefix':
    'The first characters of the token, shown to tell tokens apart; null for tokens made before 0006.',
  'conventions.state':
    'The domain `Convention` aggregate as JSON, parsed with its schema on every read; the columns beside it are kept in step for lists and filters.',
  'conventions.version':
    '1 when written, incremented by every save; a save names the version it was read at.',
  'conventions.successor_of':
    'The convention this draft renews, on its one successor only (unique): one renewal per convention.',
  'diagnostic_values.rate_value': 'numeric, read as a string by both drivers.',
  'diagnostic_values.secret_at_source':
    'Withheld by the source ("s", "<5"): no value column is set (migration 0005).',
  'diagnostic_given_shares.share_pct': 'numeric, read as a string by both drivers.',
  'form_submissions.entity_id': 'The convention the form acts on (the new one for a creation).',
  'form_submissions.result_id': 'What the form created: the convention, or the avenant.',
};

const literal = (text: string) => sql.lit(text);

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

  for (const [table, name, rule] of CHECKS) {
    await db.schema.alterTable(table).addCheckConstraint(name, sql.raw(rule)).execute();
  }
  for (const [table, text] of Object.entries(TABLE_COMMENTS)) {
    await sql`comment on table ${sql.table(table)} is ${literal(text)}`.execute(db);
  }
  for (const [column, text] of Object.entries(COLUMN_COMMENTS)) {
    await sql`comment on column ${sql.ref(column)} is ${literal(text)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, name] of CHECKS) await db.schema.alterTable(table).dropConstraint(name).execute();
  await db.schema.dropTable('form_submissions').ifExists().execute();
  await db.schema.dropIndex('conventions_successor_of_uq').ifExists().execute();
  await db.schema.alterTable('conventions').dropColumn('successor_of').execute();
  await db.schema.alterTable('conventions').dropColumn('version').execute();
}
