/**
 * The project of the territory and its action plan (issue 12), hung on a convention.
 * - `plans`: one row per convention that has a plan; `project` holds the needs, objectives and
 *   engagements (articles 1 to 4) as JSON parsed with their schema; `version` guards its saves;
 *   the Caf's validation (date and account) sits beside it.
 * - `plan_axes`, `plan_fiches` (a sous-action is a fiche row with its `parent_id`): the columns a list
 *   filters or sorts on are columns; the rest of a fiche is `data` (JSON parsed with its schema,
 *   amounts as strings of cents). Each fiche carries its own `version`: two people editing two
 *   fiches never collide; two editing one fiche get a 409.
 * - `plan_fiche_pilots`: pilots by account id (the name joined when read) or by name for a person
 *   without an account; indexed on the account, which is how a pilot's rights are found.
 * - `plan_indicators` and `plan_indicator_values` (one row per indicator, year and kind); values are
 *   `numeric`, read as strings by both drivers: exact, never a float.
 * - `plan_comments`: the discussion between the Caf and the local authority on a fiche.
 */
import { type Kysely, sql } from 'kysely';

// The closed sets as they stood when this migration was written (a migration never changes).
const FICHE_STATUSES = ['planned', 'in_progress', 'done', 'paused', 'blocked', 'abandoned', 'late'];
const THEMES = [
  'early_childhood',
  'childhood_youth',
  'disability',
  'parenting',
  'insertion_rights',
  'social_life',
  'housing',
  'access_to_rights',
  'ecological_transition',
  'other',
];
const PRIORITIES = ['high', 'medium', 'low'];
const INDICATOR_VALUE_KINDS = ['target', 'result'];

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table plans (
      convention_id text primary key references conventions(id) on delete cascade,
      project jsonb not null,
      version integer not null default 1,
      validated_on date,
      validated_by_user_id text references users(id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table plan_axes (
      id text primary key,
      convention_id text not null references plans(convention_id) on delete cascade,
      position integer not null,
      title text not null,
      description text not null default ''
    )`.execute(db);
  await sql`create index plan_axes_convention_idx on plan_axes (convention_id, position)`.execute(db);
  await sql`
    create table plan_fiches (
      id text primary key,
      convention_id text not null references plans(convention_id) on delete cascade,
      axe_id text not null references plan_axes(id) on delete cascade,
      parent_id text references plan_fiches(id) on delete cascade,
      position integer not null,
      title text not null,
      status text not null constraint plan_fiches_status_ck check (status in (${list(FICHE_STATUSES)})),
      theme text constraint plan_fiches_theme_ck check (theme in (${list(THEMES)})),
      priority text constraint plan_fiches_priority_ck check (priority in (${list(PRIORITIES)})),
      start_date date,
      end_date date,
      recurring boolean not null default false,
      confidential boolean not null default false,
      data jsonb not null,
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      updated_by_user_id text
    )`.execute(db);
  await sql`create index plan_fiches_convention_idx on plan_fiches (convention_id, axe_id, parent_id, position)`.execute(
    db,
  );
  await sql`create index plan_fiches_status_idx on plan_fiches (convention_id, status)`.execute(db);
  await sql`create index plan_fiches_parent_idx on plan_fiches (parent_id) where parent_id is not null`.execute(
    db,
  );
  await sql`
    create table plan_fiche_pilots (
      fiche_id text not null references plan_fiches(id) on delete cascade,
      position integer not null,
      user_id text references users(id),
      name text,
      primary key (fiche_id, position),
      constraint plan_fiche_pilots_who_ck check ((user_id is null) <> (name is null))
    )`.execute(db);
  await sql`create index plan_fiche_pilots_user_idx on plan_fiche_pilots (user_id) where user_id is not null`.execute(
    db,
  );
  await sql`
    create table plan_indicators (
      id text primary key,
      convention_id text not null references plans(convention_id) on delete cascade,
      fiche_id text references plan_fiches(id) on delete cascade,
      objective_id text,
      position integer not null,
      title text not null,
      unit text not null default '',
      baseline_value numeric,
      baseline_date date,
      source text not null default '',
      comment text not null default '',
      diagnostic_indicator_id text,
      constraint plan_indicators_target_ck check (fiche_id is null or objective_id is null)
    )`.execute(db);
  await sql`create index plan_indicators_convention_idx on plan_indicators (convention_id, position)`.execute(
    db,
  );
  await sql`create index plan_indicators_fiche_idx on plan_indicators (fiche_id) where fiche_id is not null`.execute(
    db,
  );
  await sql`
    create table plan_indicator_values (
      indicator_id text not null references plan_indicators(id) on delete cascade,
      year integer not null,
      kind text not null constraint plan_indicator_values_kind_ck check (kind in (${list(INDICATOR_VALUE_KINDS)})),
      value numeric not null,
      comment text not null default '',
      primary key (indicator_id, year, kind)
    )`.execute(db);
  await sql`
    create table plan_comments (
      id text primary key,
      fiche_id text not null references plan_fiches(id) on delete cascade,
      author_user_id text references users(id),
      author_system text,
      created_at timestamptz not null,
      text text not null
    )`.execute(db);
  await sql`create index plan_comments_fiche_idx on plan_comments (fiche_id, created_at)`.execute(db);

  const comments: Record<string, string> = {
    plans:
      'The project of a convention’s territory (needs, objectives, engagements) and the Caf’s validation of its plan (migration 0011).',
    plan_fiches:
      'A fiche action, or a sous-action when parent_id is set; data holds the rest of the fiche as JSON.',
    plan_fiche_pilots: 'A pilot of a fiche: an account (its name joined when read) or a named person.',
    plan_indicator_values: 'One target or result of an indicator for one year.',
    plan_comments: 'A comment on a fiche between the Caf and the local authority.',
  };
  for (const [table, text] of Object.entries(comments)) {
    await sql`comment on table ${sql.table(table)} is ${sql.lit(text)}`.execute(db);
  }
  await sql`comment on column plans.project is ${sql.lit('Needs, objectives and engagements as JSON, parsed with their schema on every read.')}`.execute(
    db,
  );
  await sql`comment on column plan_fiches.data is ${sql.lit('The rest of the fiche as JSON (amounts as strings of cents), parsed with its schema.')}`.execute(
    db,
  );
  await sql`comment on column plan_indicator_values.value is ${sql.lit('numeric, read as a string by both drivers.')}`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'plan_comments',
    'plan_indicator_values',
    'plan_indicators',
    'plan_fiche_pilots',
    'plan_fiches',
    'plan_axes',
    'plans',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
