/**
 * The documents attached to a fiche action (`plan_fiche_files`): the bytes in the database, as for
 * the convention's files (migration 0003), with their name, type (the one the platform recognised,
 * never the sender's claim), size and SHA-256. Who uploaded is an account id (personal data by
 * reference, migration 0007), or a kind of system actor; the row stays when the account is
 * anonymised or deleted and its author then reads « Personne anonymisée » or « Compte supprimé ».
 * Deleted with the fiche.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table plan_fiche_files (
      id text primary key,
      fiche_id text not null references plan_fiches(id) on delete cascade,
      file_name text not null,
      media_type text not null,
      byte_length integer not null constraint plan_fiche_files_length_ck check (byte_length > 0),
      sha256 text not null constraint plan_fiche_files_sha256_ck check (sha256 ~ '^[0-9a-f]{64}$'),
      content bytea not null,
      uploaded_at timestamptz not null,
      uploaded_by_user_id text references users(id) on delete set null,
      uploaded_by_system text
    )`.execute(db);
  await sql`create index plan_fiche_files_fiche_idx on plan_fiche_files (fiche_id, uploaded_at)`.execute(db);
  await sql`create index plan_fiche_files_uploader_idx on plan_fiche_files (uploaded_by_user_id)`.execute(db);
  await sql`comment on table plan_fiche_files is ${sql.lit('Documents attached to a fiche action, with their bytes; deleted with the fiche (migration 0014).')}`.execute(
    db,
  );
  await sql`comment on column plan_fiche_files.uploaded_by_user_id is ${sql.lit('The account that uploaded the file (its name joined when read); null for the platform itself or a deleted account.')}`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_fiche_files').ifExists().execute();
}
