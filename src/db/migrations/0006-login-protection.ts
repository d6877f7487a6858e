/**
 * Failed logins, kept in the database so that the limit holds across instances (keys are SHA-256
 * of the e-mail and of the client address, rows older than the window are deleted as new ones
 * come); and API tokens with an expiry date and a short prefix to recognise them by.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('address_key', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_failures_account_idx')
    .on('login_failures')
    .columns(['account_key', 'failed_at'])
    .execute();
  await db.schema
    .createIndex('login_failures_address_idx')
    .on('login_failures')
    .columns(['address_key', 'failed_at'])
    .execute();

  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'timestamptz').execute();
  await db.schema.alterTable('api_tokens').addColumn('prefix', 'text').execute();
  // Tokens made before expiry existed get the default lifetime from their creation.
  await sql`update api_tokens set expires_at = created_at + interval '90 days'`.execute(db);
  await db.schema
    .alterTable('api_tokens')
    .alterColumn('expires_at', (c) => c.setNotNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('prefix').execute();
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.dropTable('login_failures').execute();
}
