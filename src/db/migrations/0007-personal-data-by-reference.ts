/**
 * Personal data by reference: who did something is kept as an account id (a nullable foreign key,
 * set to null if the account row ever goes) or, for the platform itself, as a kind of system actor
 * (`cli`, `schedule`, `demo`, `platform`), never as a copied name or e-mail. Names are joined when
 * read, so that a person is erased in one place (`users`, with `anonymised_at`).
 *
 * Existing rows are migrated: labels « Nom <adresse> » are matched to the account of that address,
 * the platform's own labels to their kind; what matches nothing reads « Compte supprimé ». Audit
 * snapshots of accounts lose their `email` and `displayName`.
 *
 * Also the table of partners' access to conventions (`convention_access`): an organisation that is
 * not a party (a partner, the MSA, the State's services) sees a convention the Caf opened to it.
 */
import { type Kysely, sql } from 'kysely';

/** The platform's labels before 0007, and the kind each stands for. */
const SYSTEM_LABELS: [string, string][] = [
  ['Ligne de commande ctg', 'cli'],
  ['Échéancier de la plateforme', 'schedule'],
  ['Données de démonstration', 'demo'],
];

function systemKindOf(column: string) {
  const cases = SYSTEM_LABELS.map(([label, kind]) => sql`when ${sql.ref(column)} = ${label} then ${kind}`);
  return sql`case ${sql.join(cases, sql` `)} else 'platform' end`;
}

/** A label that names a person: « Nom <adresse@…> ». */
function namesPerson(column: string) {
  return sql`${sql.ref(column)} ~ '<[^<>@]+@[^<>]+>$'`;
}

async function byReference(
  db: Kysely<unknown>,
  table: string,
  labelColumn: string,
  userColumn: string,
  systemColumn: string,
): Promise<void> {
  const t = sql.table(table);
  const label = sql.ref(labelColumn);
  const user = sql.ref(userColumn);
  const hasUserColumn = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and column_name = ${userColumn}`.execute(
    db,
  );
  if (hasUserColumn.rows[0]!.n === 0) {
    await sql`alter table ${t} add column ${user} text`.execute(db);
  }
  await sql`alter table ${t} add column ${sql.ref(systemColumn)} text`.execute(db);
  // Ids that point nowhere (no account was ever deleted, but a row may predate its account's import).
  await sql`update ${t} set ${user} = null
    where ${user} is not null and not exists (select 1 from users u where u.id = ${user})`.execute(db);
  await sql`update ${t} set ${user} = u.id from users u
    where ${user} is null and ${label} is not null and lower(${label}) like '%<' || lower(u.email) || '>'`.execute(
    db,
  );
  await sql`update ${t} set ${sql.ref(systemColumn)} = ${systemKindOf(labelColumn)}
    where ${user} is null and ${label} is not null and not (${namesPerson(labelColumn)})`.execute(db);
  await sql`alter table ${t} add constraint ${sql.id(`${table}_${userColumn}_fk`)}
    foreign key (${user}) references users(id) on delete set null`.execute(db);
  await sql`alter table ${t} drop column ${label}`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column anonymised_at timestamptz`.execute(db);

  await byReference(db, 'audit_log', 'actor_label', 'actor_user_id', 'actor_system');
  await byReference(db, 'conventions', 'created_by_label', 'created_by_user_id', 'created_by_system');
  await byReference(db, 'convention_files', 'uploaded_by_label', 'uploaded_by_user_id', 'uploaded_by_system');
  await byReference(
    db,
    'document_templates',
    'uploaded_by_label',
    'uploaded_by_user_id',
    'uploaded_by_system',
  );
  await byReference(
    db,
    'diagnostic_imports',
    'imported_by_label',
    'imported_by_user_id',
    'imported_by_system',
  );
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').column('actor_user_id').execute();

  // Snapshots of accounts keep ids and roles, not the person's name or address.
  await sql`update audit_log
    set before = case when jsonb_typeof(before) = 'object' then before - 'email' - 'displayName' else before end,
        after = case when jsonb_typeof(after) = 'object' then after - 'email' - 'displayName' else after end
    where entity_type = 'user'`.execute(db);

  await db.schema
    .createTable('convention_access')
    .addColumn('convention_id', 'text', (c) => c.notNull().references('conventions.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('granted_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('granted_by_system', 'text')
    .addPrimaryKeyConstraint('convention_access_pk', ['convention_id', 'organisation_id'])
    .execute();
  await db.schema
    .createIndex('convention_access_org_idx')
    .on('convention_access')
    .column('organisation_id')
    .execute();
}

async function byLabel(
  db: Kysely<unknown>,
  table: string,
  columns: { label: string; user: string; system: string; notNull: boolean; dropUser: boolean },
): Promise<void> {
  const t = sql.table(table);
  const label = sql.ref(columns.label);
  await sql`alter table ${t} add column ${label} text`.execute(db);
  await sql`update ${t} set ${label} = coalesce(
      (select u.display_name || ' <' || u.email || '>' from users u where u.id = ${sql.ref(columns.user)}),
      ${sql.ref(columns.system)}, 'Compte supprimé')`.execute(db);
  if (columns.notNull) await sql`alter table ${t} alter column ${label} set not null`.execute(db);
  await sql`alter table ${t} drop constraint ${sql.id(`${table}_${columns.user}_fk`)}`.execute(db);
  await sql`alter table ${t} drop column ${sql.ref(columns.system)}`.execute(db);
  if (columns.dropUser) await sql`alter table ${t} drop column ${sql.ref(columns.user)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('convention_access').ifExists().execute();
  await db.schema.dropIndex('audit_log_actor_idx').ifExists().execute();
  const uploaded = { label: 'uploaded_by_label', user: 'uploaded_by_user_id', system: 'uploaded_by_system' };
  await byLabel(db, 'audit_log', {
    label: 'actor_label',
    user: 'actor_user_id',
    system: 'actor_system',
    notNull: true,
    dropUser: false,
  });
  await byLabel(db, 'conventions', {
    label: 'created_by_label',
    user: 'created_by_user_id',
    system: 'created_by_system',
    notNull: false,
    dropUser: true,
  });
  await byLabel(db, 'convention_files', { ...uploaded, notNull: true, dropUser: true });
  await byLabel(db, 'document_templates', { ...uploaded, notNull: true, dropUser: true });
  await byLabel(db, 'diagnostic_imports', {
    label: 'imported_by_label',
    user: 'imported_by_user_id',
    system: 'imported_by_system',
    notNull: true,
    dropUser: false,
  });
  await sql`alter table users drop column anonymised_at`.execute(db);
}
