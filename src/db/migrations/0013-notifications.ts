/**
 * Jobs sent by a use case, and what the platform tells an account (ADR 9).
 * - `job_outbox`: a job a use case asks for, written in the use case's own transaction (so it exists
 *   if and only if the change committed); the `outbox` job hands each row to the job queue and marks
 *   it sent. The row's id becomes the queued job's id and the event id of what it writes, so a row
 *   handed over twice is still one job and one notification. The payload holds ids only.
 * - `notifications`: one message to one account (by id, never a name or an address), of a kind
 *   (`plan.fiche_assigned`), about a convention and, for the plan's kinds, a fiche; read when
 *   `read_at` is set. Unique per (event, account): a job that runs twice writes it once. Deleted with
 *   the account, and when the account is anonymised.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table job_outbox (
      id text primary key,
      job_name text not null,
      payload jsonb not null,
      created_at timestamptz not null,
      sent_at timestamptz
    )`.execute(db);
  await sql`create index job_outbox_unsent_idx on job_outbox (created_at) where sent_at is null`.execute(db);
  await sql`
    create table notifications (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      kind text not null,
      convention_id text references conventions(id) on delete cascade,
      fiche_id text,
      event_id text not null,
      created_at timestamptz not null,
      read_at timestamptz,
      constraint notifications_event_user_uq unique (event_id, user_id)
    )`.execute(db);
  await sql`create index notifications_user_idx on notifications (user_id, created_at desc)`.execute(db);
  await sql`create index notifications_unread_idx on notifications (user_id) where read_at is null`.execute(
    db,
  );
  await sql`comment on table job_outbox is ${sql.lit('Jobs asked for by a use case, written in its transaction and handed to the job queue by the outbox job (migration 0013).')}`.execute(
    db,
  );
  await sql`comment on table notifications is ${sql.lit('A message to one account (by id) about a convention or a fiche; unique per event and account.')}`.execute(
    db,
  );
  await sql`comment on column job_outbox.payload is ${sql.lit('The job’s data: ids only, never a name or an address.')}`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notifications').ifExists().execute();
  await db.schema.dropTable('job_outbox').ifExists().execute();
}
