/**
 * The plan of a convention in the database: the project (needs, objectives, engagements) as one
 * JSON document with its version, axes, fiches (a sous-action is a fiche row with a parent),
 * pilots by account id or by name, indicators with one row per year and kind, comments. Reads parse
 * the JSON parts with the plan's schemas; pilots' and authors' names are joined from their accounts.
 */
import { sql } from 'kysely';
import { ANONYMISED_ACCOUNT_LABEL, authorLabel, authorOf } from '../../domain/access/access.js';
import type {
  Axe,
  Fiche,
  FicheStatus,
  Indicator,
  Pilot,
  Plan,
  PlanValidation,
  Priority,
  Project,
  SubAction,
  Theme,
} from '../../domain/plan/model.js';
import { ficheDataSchema, projectSchema, subActionDataSchema } from '../../domain/plan/schema.js';
import { type Executor, toJson } from '../executor.js';

const CHUNK = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** A decimal read back from a numeric column, without trailing zeros (`12.50` → `12.5`). */
function decimalText(value: unknown): string {
  const text = String(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

// ─── The plan row ────────────────────────────────────────────────────────────────────────────────

export interface PlanHeader {
  conventionId: string;
  project: Project;
  version: number;
  validation: PlanValidation | null;
}

async function headerOf(
  exec: Executor,
  conventionId: string,
  lock: boolean,
): Promise<PlanHeader | undefined> {
  let query = exec
    .selectFrom('plans as p')
    .leftJoin('users as u', 'u.id', 'p.validated_by_user_id')
    .select([
      'p.convention_id',
      'p.project',
      'p.version',
      'p.validated_on',
      'p.validated_by_user_id',
      'u.display_name',
      'u.email',
      'u.anonymised_at',
    ])
    .where('p.convention_id', '=', conventionId);
  if (lock) query = query.forUpdate('p');
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const validatedOn = row.validated_on;
  return {
    conventionId: row.convention_id,
    project: projectSchema.parse(row.project),
    version: row.version,
    validation: validatedOn
      ? {
          date: validatedOn,
          byUserId: row.validated_by_user_id,
          byName: authorLabel(
            authorOf({
              userId: row.validated_by_user_id,
              system: null,
              displayName: row.display_name,
              email: row.email,
              anonymisedAt: row.anonymised_at,
            }),
          ),
        }
      : null,
  };
}

export function findPlanHeader(exec: Executor, conventionId: string) {
  return headerOf(exec, conventionId, false);
}

/** The plan row, locked until the end of the transaction (every change to a plan takes it first). */
export function lockPlan(exec: Executor, conventionId: string) {
  return headerOf(exec, conventionId, true);
}

/** Creates the plan row of a convention if it has none yet. */
export async function ensurePlan(exec: Executor, conventionId: string, project: Project, now: Date) {
  await exec
    .insertInto('plans')
    .values({ convention_id: conventionId, project: toJson(project), updated_at: now })
    .onConflict((oc) => oc.column('convention_id').doNothing())
    .execute();
}

/** Saves the project guarded by the version it was read at; the new version, or undefined if stale. */
export async function saveProject(
  exec: Executor,
  conventionId: string,
  project: Project,
  expectedVersion: number,
  now: Date,
): Promise<number | undefined> {
  const row = await exec
    .updateTable('plans')
    .set({ project: toJson(project), version: expectedVersion + 1, updated_at: now })
    .where('convention_id', '=', conventionId)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

export async function setPlanValidation(
  exec: Executor,
  conventionId: string,
  validation: { date: string; byUserId: string | null } | null,
) {
  await exec
    .updateTable('plans')
    .set({ validated_on: validation?.date ?? null, validated_by_user_id: validation?.byUserId ?? null })
    .where('convention_id', '=', conventionId)
    .execute();
}

/** The conventions among `ids` that have a plan, with their number of fiches. */
export async function countFiches(exec: Executor, conventionIds: readonly string[]) {
  if (!conventionIds.length) return new Map<string, number>();
  const rows = await exec
    .selectFrom('plan_fiches')
    .select(['convention_id', sql<string>`count(*)`.as('n')])
    .where('convention_id', 'in', conventionIds)
    .where('parent_id', 'is', null)
    .groupBy('convention_id')
    .execute();
  return new Map(rows.map((r) => [r.convention_id, Number(r.n)]));
}

// ─── Reading a whole plan ────────────────────────────────────────────────────────────────────────

interface FicheRow {
  id: string;
  axe_id: string;
  parent_id: string | null;
  position: number;
  title: string;
  status: FicheStatus;
  theme: Theme | null;
  priority: Priority | null;
  /** `YYYY-MM-DD` from both drivers (the type parsers of database.ts). */
  start_date: string | null;
  end_date: string | null;
  recurring: boolean;
  confidential: boolean;
  data: unknown;
  version: number;
  updated_at: Date;
}

async function pilotsOf(exec: Executor, ficheIds: readonly string[]): Promise<Map<string, Pilot[]>> {
  const out = new Map<string, Pilot[]>();
  for (const ids of chunks(ficheIds)) {
    const rows = await exec
      .selectFrom('plan_fiche_pilots as p')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.fiche_id', 'p.position', 'p.user_id', 'p.name', 'u.display_name', 'u.anonymised_at'])
      .where('p.fiche_id', 'in', ids)
      .orderBy('p.fiche_id')
      .orderBy('p.position')
      .execute();
    for (const r of rows) {
      const pilot: Pilot = r.user_id
        ? {
            kind: 'account',
            userId: r.user_id,
            name: r.anonymised_at ? ANONYMISED_ACCOUNT_LABEL : (r.display_name ?? ANONYMISED_ACCOUNT_LABEL),
          }
        : { kind: 'person', name: r.name ?? '' };
      const list = out.get(r.fiche_id) ?? [];
      list.push(pilot);
      out.set(r.fiche_id, list);
    }
  }
  return out;
}

function subActionOf(row: FicheRow, pilots: Pilot[]): SubAction {
  const data = subActionDataSchema.parse(row.data);
  return {
    id: row.id,
    position: row.position,
    title: row.title,
    description: data.description,
    status: row.status,
    priority: row.priority,
    startDate: row.start_date,
    endDate: row.end_date,
    recurring: row.recurring,
    pilots,
    budget: data.budget,
  };
}

function ficheOf(row: FicheRow, pilots: Pilot[], subActions: SubAction[]): Fiche {
  const data = ficheDataSchema.parse(row.data);
  return {
    id: row.id,
    axeId: row.axe_id,
    position: row.position,
    title: row.title,
    status: row.status,
    priority: row.priority,
    startDate: row.start_date,
    endDate: row.end_date,
    recurring: row.recurring,
    confidential: row.confidential,
    theme: row.theme,
    pilots,
    ...data,
    subActions,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

function assemble(rows: FicheRow[], pilots: Map<string, Pilot[]>): Fiche[] {
  const subs = new Map<string, SubAction[]>();
  for (const row of rows) {
    if (!row.parent_id) continue;
    const list = subs.get(row.parent_id) ?? [];
    list.push(subActionOf(row, pilots.get(row.id) ?? []));
    subs.set(row.parent_id, list);
  }
  return rows
    .filter((r) => !r.parent_id)
    .map((r) =>
      ficheOf(
        r,
        pilots.get(r.id) ?? [],
        (subs.get(r.id) ?? []).sort((a, b) => a.position - b.position),
      ),
    );
}

const FICHE_COLUMNS = [
  'id',
  'axe_id',
  'parent_id',
  'position',
  'title',
  'status',
  'theme',
  'priority',
  'start_date',
  'end_date',
  'recurring',
  'confidential',
  'data',
  'version',
  'updated_at',
] as const;

async function indicatorsOf(exec: Executor, conventionId: string): Promise<Indicator[]> {
  const rows = await exec
    .selectFrom('plan_indicators')
    .selectAll()
    .where('convention_id', '=', conventionId)
    .orderBy('position')
    .execute();
  if (!rows.length) return [];
  const values = await exec
    .selectFrom('plan_indicator_values as v')
    .innerJoin('plan_indicators as i', 'i.id', 'v.indicator_id')
    .select(['v.indicator_id', 'v.year', 'v.kind', 'v.value', 'v.comment'])
    .where('i.convention_id', '=', conventionId)
    .orderBy('v.indicator_id')
    .orderBy('v.year')
    .orderBy('v.kind')
    .execute();
  const byIndicator = new Map<string, Indicator['values']>();
  for (const v of values) {
    const list = byIndicator.get(v.indicator_id) ?? [];
    list.push({ year: v.year, kind: v.kind, value: decimalText(v.value), comment: v.comment });
    byIndicator.set(v.indicator_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    ficheId: r.fiche_id,
    objectiveId: r.objective_id,
    title: r.title,
    unit: r.unit,
    baselineValue: r.baseline_value === null ? null : decimalText(r.baseline_value),
    baselineDate: r.baseline_date,
    source: r.source,
    comment: r.comment,
    diagnosticIndicatorId: r.diagnostic_indicator_id,
    diagnosticFigure:
      r.diagnostic_figure_value === null
        ? null
        : {
            label: r.diagnostic_figure_caption ?? '',
            value: r.diagnostic_figure_value,
            year: r.diagnostic_figure_year,
            source: r.diagnostic_figure_source ?? '',
          },
    values: byIndicator.get(r.id) ?? [],
  }));
}

/** The whole plan of a convention, or undefined when it has none. */
export async function findPlan(exec: Executor, conventionId: string): Promise<Plan | undefined> {
  const header = await findPlanHeader(exec, conventionId);
  if (!header) return undefined;
  const axes = await exec
    .selectFrom('plan_axes')
    .select(['id', 'position', 'title', 'description'])
    .where('convention_id', '=', conventionId)
    .orderBy('position')
    .execute();
  const rows = (await exec
    .selectFrom('plan_fiches')
    .select(FICHE_COLUMNS)
    .where('convention_id', '=', conventionId)
    .orderBy('position')
    .orderBy('id')
    .execute()) as FicheRow[];
  const pilots = await pilotsOf(
    exec,
    rows.map((r) => r.id),
  );
  const position = new Map(axes.map((a) => [a.id, a.position]));
  const fiches = assemble(rows, pilots).sort(
    (a, b) => (position.get(a.axeId) ?? 0) - (position.get(b.axeId) ?? 0) || a.position - b.position,
  );
  return {
    conventionId,
    project: header.project,
    axes: axes satisfies Axe[],
    fiches,
    indicators: await indicatorsOf(exec, conventionId),
    validation: header.validation,
    version: header.version,
  };
}

/** One fiche (with its sous-actions) and the convention it belongs to; locked when asked. */
export async function findFiche(
  exec: Executor,
  ficheId: string,
  options: { lock?: boolean } = {},
): Promise<{ conventionId: string; fiche: Fiche } | undefined> {
  let head = exec
    .selectFrom('plan_fiches')
    .select([...FICHE_COLUMNS, 'convention_id'])
    .where('id', '=', ficheId)
    .where('parent_id', 'is', null);
  if (options.lock) head = head.forUpdate();
  const row = await head.executeTakeFirst();
  if (!row) return undefined;
  const subs = (await exec
    .selectFrom('plan_fiches')
    .select(FICHE_COLUMNS)
    .where('parent_id', '=', ficheId)
    .orderBy('position')
    .execute()) as FicheRow[];
  const rows = [row as FicheRow, ...subs];
  const pilots = await pilotsOf(
    exec,
    rows.map((r) => r.id),
  );
  return { conventionId: row.convention_id, fiche: assemble(rows, pilots)[0]! };
}

/** Whether any row of plan_fiches (a fiche or a sous-action, of any convention) bears this id. */
export async function ficheIdTaken(exec: Executor, id: string): Promise<boolean> {
  const row = await exec.selectFrom('plan_fiches').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

// ─── Writing ─────────────────────────────────────────────────────────────────────────────────────

/** The convention of the axe bearing this id, if any. */
export async function conventionOfAxe(exec: Executor, axeId: string): Promise<string | undefined> {
  const row = await exec
    .selectFrom('plan_axes')
    .select('convention_id')
    .where('id', '=', axeId)
    .executeTakeFirst();
  return row?.convention_id;
}

export async function insertAxe(exec: Executor, conventionId: string, axe: Axe) {
  await exec
    .insertInto('plan_axes')
    .values({ convention_id: conventionId, ...axe })
    .execute();
}

export async function updateAxe(exec: Executor, conventionId: string, axe: Axe) {
  await exec
    .updateTable('plan_axes')
    .set({ title: axe.title, description: axe.description, position: axe.position })
    .where('id', '=', axe.id)
    .where('convention_id', '=', conventionId)
    .execute();
}

export async function deleteAxe(exec: Executor, conventionId: string, axeId: string) {
  await exec
    .deleteFrom('plan_axes')
    .where('id', '=', axeId)
    .where('convention_id', '=', conventionId)
    .execute();
}

type FicheInsert = {
  id: string;
  convention_id: string;
  axe_id: string;
  parent_id: string | null;
  position: number;
  title: string;
  status: FicheStatus;
  theme: Theme | null;
  priority: Priority | null;
  /** `YYYY-MM-DD` from both drivers (the type parsers of database.ts). */
  start_date: string | null;
  end_date: string | null;
  recurring: boolean;
  confidential: boolean;
  data: string;
  version: number;
  updated_at: Date;
  updated_by_user_id: string | null;
};

function ficheRows(conventionId: string, fiche: Fiche, now: Date, by: string | null): FicheInsert[] {
  const { description, publics, objectiveIds, electedReferent, partners, humanMeans, technicalMeans } = fiche;
  const data = {
    description,
    publics,
    objectiveIds,
    electedReferent,
    partners,
    humanMeans,
    technicalMeans,
    participation: fiche.participation,
    evaluationCriteria: fiche.evaluationCriteria,
    notes: fiche.notes,
    linkedFicheIds: fiche.linkedFicheIds,
    budget: fiche.budget,
  };
  const common = {
    convention_id: conventionId,
    axe_id: fiche.axeId,
    updated_at: now,
    updated_by_user_id: by,
  };
  return [
    {
      ...common,
      id: fiche.id,
      parent_id: null,
      position: fiche.position,
      title: fiche.title,
      status: fiche.status,
      theme: fiche.theme,
      priority: fiche.priority,
      start_date: fiche.startDate,
      end_date: fiche.endDate,
      recurring: fiche.recurring,
      confidential: fiche.confidential,
      data: toJson(data),
      version: fiche.version,
    },
    ...fiche.subActions.map((s) => ({
      ...common,
      id: s.id,
      parent_id: fiche.id,
      position: s.position,
      title: s.title,
      status: s.status,
      theme: null,
      priority: s.priority,
      start_date: s.startDate,
      end_date: s.endDate,
      recurring: s.recurring,
      confidential: fiche.confidential,
      data: toJson({ description: s.description, budget: s.budget }),
      version: 1,
    })),
  ];
}

function pilotRows(fiche: Fiche) {
  const of = (ficheId: string, pilots: Pilot[]) =>
    pilots.map((p, position) => ({
      fiche_id: ficheId,
      position,
      user_id: p.kind === 'account' ? p.userId : null,
      name: p.kind === 'person' ? p.name : null,
    }));
  return [of(fiche.id, fiche.pilots), ...fiche.subActions.map((s) => of(s.id, s.pilots))].flat();
}

/** Inserts fiches (with their sous-actions and pilots) in a few statements: what an import needs. */
export async function insertFiches(
  exec: Executor,
  conventionId: string,
  fiches: readonly Fiche[],
  now: Date,
  by: string | null,
) {
  const rows = fiches.flatMap((f) => ficheRows(conventionId, f, now, by));
  // Parents before their sous-actions (the foreign key), each in chunks.
  for (const part of chunks(rows.filter((r) => !r.parent_id)))
    await exec.insertInto('plan_fiches').values(part).execute();
  for (const part of chunks(rows.filter((r) => r.parent_id)))
    await exec.insertInto('plan_fiches').values(part).execute();
  for (const part of chunks(fiches.flatMap(pilotRows)))
    await exec.insertInto('plan_fiche_pilots').values(part).execute();
}

/**
 * Writes a fiche over the stored one, guarded by the version it was read at: the new version, or
 * undefined when someone saved it in between.
 */
export async function saveFiche(
  exec: Executor,
  conventionId: string,
  fiche: Fiche,
  expectedVersion: number,
  now: Date,
  by: string | null,
): Promise<number | undefined> {
  const versions = await saveFiches(exec, conventionId, [{ fiche, expectedVersion }], now, by);
  return versions.get(fiche.id);
}

/**
 * Writes fiches over the stored ones, as `saveFiche` does one by one, in a few statements: each
 * guarded by the version it was read at. Returns the new version of each fiche written; when one
 * was saved in between (its id missing from the answer), nothing else is written and the caller's
 * transaction is to be rolled back.
 */
export async function saveFiches(
  exec: Executor,
  conventionId: string,
  saves: readonly { fiche: Fiche; expectedVersion: number }[],
  now: Date,
  by: string | null,
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  const heads: FicheInsert[] = [];
  const subs: FicheInsert[] = [];
  for (const { fiche, expectedVersion } of saves) {
    const [head, ...rest] = ficheRows(conventionId, { ...fiche, version: expectedVersion + 1 }, now, by);
    heads.push(head!);
    subs.push(...rest);
  }
  for (const part of chunks(heads)) {
    const rows = JSON.stringify(part.map((h) => ({ ...h, expected: h.version - 1 })));
    const saved = await sql<{ id: string; version: number }>`
      update plan_fiches f set axe_id = v.axe_id, position = v.position, title = v.title,
        status = v.status, theme = v.theme, priority = v.priority, start_date = v.start_date,
        end_date = v.end_date, recurring = v.recurring, confidential = v.confidential,
        data = v.data::jsonb, version = v.version, updated_at = v.updated_at,
        updated_by_user_id = v.updated_by_user_id
      from json_to_recordset(${rows}::json) as v(id text, axe_id text, position integer, title text,
        status text, theme text, priority text, start_date date, end_date date, recurring boolean,
        confidential boolean, data text, version integer, expected integer, updated_at timestamptz,
        updated_by_user_id text)
      where f.id = v.id and f.convention_id = ${conventionId} and f.version = v.expected
      returning f.id, f.version
    `.execute(exec);
    for (const r of saved.rows) versions.set(r.id, r.version);
  }
  if (versions.size < heads.length) return versions;
  const headIds = heads.map((h) => h.id);
  const keep = subs.map((s) => s.id);
  await sql`
    delete from plan_fiches where parent_id = any(${headIds}::text[]) and not (id = any(${keep}::text[]))
  `.execute(exec);
  for (const part of chunks(subs)) {
    await exec
      .insertInto('plan_fiches')
      .values(part)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          axe_id: eb.ref('excluded.axe_id'),
          position: eb.ref('excluded.position'),
          title: eb.ref('excluded.title'),
          status: eb.ref('excluded.status'),
          theme: eb.ref('excluded.theme'),
          priority: eb.ref('excluded.priority'),
          start_date: eb.ref('excluded.start_date'),
          end_date: eb.ref('excluded.end_date'),
          recurring: eb.ref('excluded.recurring'),
          confidential: eb.ref('excluded.confidential'),
          data: eb.ref('excluded.data'),
          updated_at: eb.ref('excluded.updated_at'),
          updated_by_user_id: eb.ref('excluded.updated_by_user_id'),
        })),
      )
      .execute();
  }
  await sql`delete from plan_fiche_pilots where fiche_id = any(${[...headIds, ...keep]}::text[])`.execute(
    exec,
  );
  for (const part of chunks(saves.flatMap((s) => pilotRows(s.fiche)))) {
    await exec.insertInto('plan_fiche_pilots').values(part).execute();
  }
  return versions;
}

export async function deleteFiche(exec: Executor, conventionId: string, ficheId: string) {
  await exec
    .deleteFrom('plan_fiches')
    .where('id', '=', ficheId)
    .where('convention_id', '=', conventionId)
    .execute();
}

/** How many axes, fiches (sous-actions apart) and indicators a plan holds, in one query. */
export async function countPlanContent(
  exec: Executor,
  conventionId: string,
): Promise<{ axes: number; fiches: number; indicators: number }> {
  const { rows } = await sql<{ axes: string; fiches: string; indicators: string }>`
    select
      (select count(*) from plan_axes where convention_id = ${conventionId})::text as axes,
      (select count(*) from plan_fiches where convention_id = ${conventionId} and parent_id is null)::text as fiches,
      (select count(*) from plan_indicators where convention_id = ${conventionId})::text as indicators
  `.execute(exec);
  const row = rows[0]!;
  return { axes: Number(row.axes), fiches: Number(row.fiches), indicators: Number(row.indicators) };
}

/** Deletes the axes, fiches and indicators of a plan (before an import writes the file's). */
export async function clearPlanContent(exec: Executor, conventionId: string) {
  await exec.deleteFrom('plan_indicators').where('convention_id', '=', conventionId).execute();
  await exec
    .deleteFrom('plan_fiches')
    .where('convention_id', '=', conventionId)
    .where('parent_id', 'is not', null)
    .execute();
  await exec.deleteFrom('plan_fiches').where('convention_id', '=', conventionId).execute();
  await exec.deleteFrom('plan_axes').where('convention_id', '=', conventionId).execute();
}

export async function insertAxes(exec: Executor, conventionId: string, axes: readonly Axe[]) {
  for (const part of chunks(axes)) {
    await exec
      .insertInto('plan_axes')
      .values(part.map((a) => ({ convention_id: conventionId, ...a })))
      .execute();
  }
}

/** An indicator's own columns, the same for an insert and an update. */
function indicatorColumns(i: Indicator) {
  return {
    fiche_id: i.ficheId,
    objective_id: i.objectiveId,
    title: i.title,
    unit: i.unit,
    baseline_value: i.baselineValue,
    baseline_date: i.baselineDate,
    source: i.source,
    comment: i.comment,
    diagnostic_indicator_id: i.diagnosticIndicatorId,
    ...figureColumns(i),
  };
}

/** The published figure of a linked diagnostic row as its columns (all null when none). */
function figureColumns(i: Pick<Indicator, 'diagnosticIndicatorId' | 'diagnosticFigure'>) {
  const f = i.diagnosticIndicatorId ? i.diagnosticFigure : null;
  return {
    diagnostic_figure_caption: f?.label ?? null,
    diagnostic_figure_value: f?.value ?? null,
    diagnostic_figure_year: f?.year ?? null,
    diagnostic_figure_source: f?.source ?? null,
  };
}

/** One row per year and kind of an indicator's targets and results. */
function valueRows(i: Pick<Indicator, 'id' | 'values'>) {
  return i.values.map((v) => ({
    indicator_id: i.id,
    year: v.year,
    kind: v.kind,
    value: v.value,
    comment: v.comment,
  }));
}

export async function insertIndicators(
  exec: Executor,
  conventionId: string,
  indicators: readonly Indicator[],
  firstPosition: number,
) {
  const rows = indicators.map((i, n) => ({
    id: i.id,
    convention_id: conventionId,
    position: firstPosition + n,
    ...indicatorColumns(i),
  }));
  for (const part of chunks(rows)) await exec.insertInto('plan_indicators').values(part).execute();
  for (const part of chunks(indicators.flatMap(valueRows))) {
    await exec.insertInto('plan_indicator_values').values(part).execute();
  }
}

/** Replaces an indicator's fields and values. */
export async function saveIndicator(exec: Executor, conventionId: string, indicator: Indicator) {
  await exec
    .updateTable('plan_indicators')
    .set(indicatorColumns(indicator))
    .where('id', '=', indicator.id)
    .where('convention_id', '=', conventionId)
    .execute();
  await exec.deleteFrom('plan_indicator_values').where('indicator_id', '=', indicator.id).execute();
  const values = valueRows(indicator);
  if (values.length) await exec.insertInto('plan_indicator_values').values(values).execute();
}

export async function deleteIndicator(exec: Executor, conventionId: string, indicatorId: string) {
  await exec
    .deleteFrom('plan_indicators')
    .where('id', '=', indicatorId)
    .where('convention_id', '=', conventionId)
    .execute();
}

export async function nextIndicatorPosition(exec: Executor, conventionId: string): Promise<number> {
  const row = await exec
    .selectFrom('plan_indicators')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
    .where('convention_id', '=', conventionId)
    .executeTakeFirst();
  return Number(row?.next ?? 1);
}

// ─── Comments ────────────────────────────────────────────────────────────────────────────────────

export interface PlanComment {
  id: string;
  ficheId: string;
  authorId: string | null;
  authorLabel: string;
  authorOrganisation: string | null;
  createdAt: Date;
  text: string;
}

export async function insertComment(
  exec: Executor,
  comment: {
    id: string;
    ficheId: string;
    authorUserId: string | null;
    authorSystem: string | null;
    createdAt: Date;
    text: string;
  },
) {
  await exec
    .insertInto('plan_comments')
    .values({
      id: comment.id,
      fiche_id: comment.ficheId,
      author_user_id: comment.authorUserId,
      author_system: comment.authorSystem,
      created_at: comment.createdAt,
      text: comment.text,
    })
    .execute();
}

/** The fiche a comment bearing this id is on, if any. */
export async function ficheOfComment(exec: Executor, commentId: string): Promise<string | undefined> {
  const row = await exec
    .selectFrom('plan_comments')
    .select('fiche_id')
    .where('id', '=', commentId)
    .executeTakeFirst();
  return row?.fiche_id;
}

export async function listComments(exec: Executor, ficheId: string): Promise<PlanComment[]> {
  const rows = await exec
    .selectFrom('plan_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_user_id')
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'c.id',
      'c.fiche_id',
      'c.author_user_id',
      'c.author_system',
      'c.created_at',
      'c.text',
      'u.display_name',
      'u.email',
      'u.anonymised_at',
      'o.name as organisation_name',
    ])
    .where('c.fiche_id', '=', ficheId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ficheId: r.fiche_id,
    authorId: r.author_user_id,
    authorLabel: authorLabel(
      authorOf({
        userId: r.author_user_id,
        system: r.author_system,
        displayName: r.display_name,
        email: r.email,
        anonymisedAt: r.anonymised_at,
      }),
    ),
    authorOrganisation: r.organisation_name,
    createdAt: r.created_at,
    text: r.text,
  }));
}

// ─── Due items ───────────────────────────────────────────────────────────────────────────────────

export interface OpenFicheRow {
  id: string;
  conventionId: string;
  axePosition: number;
  position: number;
  title: string;
  status: FicheStatus;
  startDate: string | null;
  endDate: string | null;
  recurring: boolean;
  confidential: boolean;
  /** The dates of its follow-up notes. */
  noteDates: string[];
  /** Its account pilots (and its sous-actions'), for who may see a confidential one. */
  pilotUserIds: string[];
}

/** The fiches (not sous-actions) of these conventions that are neither done nor abandoned. */
export async function listOpenFiches(
  exec: Executor,
  conventionIds: readonly string[],
): Promise<OpenFicheRow[]> {
  const out: OpenFicheRow[] = [];
  for (const ids of chunks(conventionIds)) {
    const rows = await exec
      .selectFrom('plan_fiches as f')
      .innerJoin('plan_axes as a', 'a.id', 'f.axe_id')
      .select([
        'f.id',
        'f.convention_id',
        'a.position as axe_position',
        'f.position',
        'f.title',
        'f.status',
        'f.start_date',
        'f.end_date',
        'f.recurring',
        'f.confidential',
        sql<
          string[] | null
        >`(select coalesce(array_agg(n->>'date'), '{}') from jsonb_array_elements(f.data->'notes') n)`.as(
          'note_dates',
        ),
        sql<
          string[] | null
        >`(select coalesce(array_agg(distinct p.user_id), '{}') from plan_fiche_pilots p left join plan_fiches s on s.id = p.fiche_id where p.user_id is not null and (p.fiche_id = f.id or s.parent_id = f.id))`.as(
          'pilot_user_ids',
        ),
      ])
      .where('f.convention_id', 'in', ids)
      .where('f.parent_id', 'is', null)
      .where('f.status', 'not in', ['done', 'abandoned'])
      .orderBy('f.convention_id')
      .orderBy('a.position')
      .orderBy('f.position')
      .execute();
    for (const r of rows) {
      out.push({
        id: r.id,
        conventionId: r.convention_id,
        axePosition: r.axe_position,
        position: r.position,
        title: r.title,
        status: r.status,
        startDate: r.start_date,
        endDate: r.end_date,
        recurring: r.recurring,
        confidential: r.confidential,
        noteDates: r.note_dates ?? [],
        pilotUserIds: r.pilot_user_ids ?? [],
      });
    }
  }
  return out;
}
