/** Foundation tables: territories, organisations, accounts, sessions, tokens, conventions, audit. */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('territories')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('population', 'integer')
    .addColumn('siren', 'text')
    .addColumn('subtype', 'text')
    .addColumn('postal_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('departement_code', 'text')
    .addColumn('departement_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('region_code', 'text')
    .addColumn('epci_code', 'text')
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('territories_pk', ['level', 'code'])
    .addCheckConstraint('territories_level_ck', sql`level in ('commune','epci','departement','region')`)
    .execute();
  await db.schema.createIndex('territories_code_idx').on('territories').column('code').execute();
  await db.schema.createIndex('territories_search_idx').on('territories').column('search_name').execute();
  await db.schema.createIndex('territories_epci_idx').on('territories').column('epci_code').execute();
  await db.schema.createIndex('territories_dep_idx').on('territories').column('departement_code').execute();
  await db.schema.createIndex('territories_siren_idx').on('territories').column('siren').execute();

  await db.schema
    .createTable('referential_editions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('territory_level', 'text')
    .addColumn('territory_code', 'text')
    .addColumn('siren', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'organisations_kind_ck',
      sql`kind in ('caf','commune','epci','departement','state','msa','partner')`,
    )
    .execute();
  await db.schema
    .createIndex('organisations_territory_idx')
    .on('organisations')
    .columns(['kind', 'territory_level', 'territory_code'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .addCheckConstraint(
      'user_roles_role_ck',
      sql`role in ('caf_agent','territory_agent','partner','dpo','admin')`,
    )
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('conventions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('territory_level', 'text', (c) => c.notNull())
    .addColumn('territory_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date', (c) => c.notNull())
    .addColumn('place_of_signature', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('conventions_dates_ck', sql`start_date <= end_date`)
    .execute();

  await db.schema
    .createTable('convention_territories')
    .addColumn('convention_id', 'text', (c) => c.notNull().references('conventions.id').onDelete('cascade'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('convention_territories_pk', ['convention_id', 'level', 'code'])
    .execute();
  await db.schema
    .createIndex('convention_territories_code_idx')
    .on('convention_territories')
    .columns(['level', 'code'])
    .execute();

  await db.schema
    .createTable('convention_parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('convention_id', 'text', (c) => c.notNull().references('conventions.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('convention_signatories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('party_id', 'text', (c) => c.notNull().references('convention_parties.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('civility', 'text')
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('function_title', 'text', (c) => c.notNull())
    .addColumn('authority', 'text')
    .addColumn('authority_date', 'date')
    .addColumn('signed_on', 'date')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity_type', 'entity_id'])
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'convention_signatories',
    'convention_parties',
    'convention_territories',
    'conventions',
    'api_tokens',
    'sessions',
    'user_roles',
    'users',
    'organisations',
    'referential_editions',
    'territories',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
