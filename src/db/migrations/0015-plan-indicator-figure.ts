/**
 * An indicator of the plan linked to a row of the territory's diagnostic keeps that row's figure as
 * the diagnostic published it when the partners linked it (`plan_indicators.diagnostic_figure_*`):
 * the label, the value as printed (« s » for a cell blanked by statistical secrecy, never the hidden
 * figure), its year and the source as the diagnostic names it. Only published text is stored.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table plan_indicators
      add column diagnostic_figure_caption text,
      add column diagnostic_figure_value text,
      add column diagnostic_figure_year integer,
      add column diagnostic_figure_source text,
      add constraint plan_indicators_figure_ck check (
        diagnostic_figure_value is null
        or (diagnostic_indicator_id is not null and diagnostic_figure_caption is not null and diagnostic_figure_source is not null)
      )`.execute(db);
  await sql`comment on column plan_indicators.diagnostic_figure_value is ${sql.lit('The linked diagnostic row’s value as published when linked (« s » for a blanked cell); null when not read from the published diagnostic (migration 0015).')}`.execute(
    db,
  );
  await sql`comment on column plan_indicators.diagnostic_figure_caption is ${sql.lit('The linked diagnostic row’s label as published (migration 0015).')}`.execute(
    db,
  );
  await sql`comment on column plan_indicators.diagnostic_figure_year is ${sql.lit('The year of the published figure (migration 0015).')}`.execute(
    db,
  );
  await sql`comment on column plan_indicators.diagnostic_figure_source is ${sql.lit('The source of the published figure as the diagnostic names it (migration 0015).')}`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table plan_indicators
      drop constraint if exists plan_indicators_figure_ck,
      drop column if exists diagnostic_figure_caption,
      drop column if exists diagnostic_figure_value,
      drop column if exists diagnostic_figure_year,
      drop column if exists diagnostic_figure_source`.execute(db);
}
