/**
 * Conventions: the domain aggregate stored as jsonb, with the columns and rows lists and scope filters
 * read in SQL (status, dates, territory, variant; `convention_territories`, `convention_parties`)
 * rewritten from the aggregate on every save so they never drift. Attached files and Caf templates.
 */
import { sql } from 'kysely';
import {
  type AuthorRef,
  authorLabel,
  authorOf,
  type ConventionAccessFacts,
  type ConventionScope,
} from '../../domain/access/access.js';
import type { CalendarFacts } from '../../domain/convention/lifecycle.js';
import type { Convention, ConventionPeriod, ConventionStatus } from '../../domain/convention/model.js';
import { parseStoredConvention } from '../../domain/convention/schema.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { TerritoryLevel } from '../../domain/territory/territory.js';
import { byteaBase64, byteaParam, bytesOf, type Executor } from '../executor.js';

export interface ConventionTerritoryRef {
  level: TerritoryLevel;
  code: string;
  name: string;
  departementCodes: string[];
}

export interface StoredConvention {
  id: string;
  territoryLevel: TerritoryLevel;
  territoryCode: string;
  territoryName: string;
  convention: Convention;
  territories: ConventionTerritoryRef[];
  partyOrganisationIds: string[];
  /** Organisations given access without being parties (partners). */
  grantedOrganisationIds: string[];
  createdAt: Date;
  updatedAt: Date;
  /** 1 when created, incremented by every save: what a form sends back to prove it is not stale. */
  version: number;
}

/**
 * The aggregate of a row, parsed with its schema: a row that drifted from the model (a hand edit, a
 * migration gone wrong) is refused by name, with the path of its first invalid field.
 */
export function conventionOfRow(id: string, state: unknown): Convention {
  const parsed = parseStoredConvention(state);
  if (parsed.ok) return parsed.convention;
  throw new AppError('CONVENTION_STATE_INVALID', {
    message: `La convention ${id} est enregistrée sous une forme invalide (champ « ${parsed.problem.path} » : ${parsed.problem.reason}). Rien n’a été modifié ; signalez-le à l’administrateur.`,
    details: { id, ...parsed.problem },
  });
}

/** Territory rows of a convention: commune codes (5 characters) or EPCI SIREN (9 digits). */
export function territoryRefsOf(convention: Convention): { level: 'commune' | 'epci'; code: string }[] {
  const level = convention.content.territory.kind === 'epci' ? 'epci' : 'commune';
  return convention.content.territory.codes.map((code) => ({ level, code }));
}

function columnsOf(convention: Convention) {
  const [first] = territoryRefsOf(convention);
  return {
    territory_level: first!.level,
    territory_code: first!.code,
    status: convention.status,
    variant: convention.content.variant,
    start_date: convention.content.period.start,
    end_date: convention.content.period.end,
    place_of_signature: convention.content.placeOfSignature,
    renewal_of: convention.renewalOf,
    closed_on: convention.closedOn,
    state: JSON.stringify(convention),
  };
}

async function syncRows(exec: Executor, convention: Convention): Promise<void> {
  await exec.deleteFrom('convention_territories').where('convention_id', '=', convention.id).execute();
  await exec
    .insertInto('convention_territories')
    .values(territoryRefsOf(convention).map((t) => ({ convention_id: convention.id, ...t })))
    .execute();
  await exec.deleteFrom('convention_parties').where('convention_id', '=', convention.id).execute();
  if (convention.content.parties.length) {
    await exec
      .insertInto('convention_parties')
      .values(
        convention.content.parties.map((party, position) => ({
          id: `${convention.id}:${party.id}`,
          convention_id: convention.id,
          // A party of the aggregate is identified by its organisation.
          organisation_id: party.id,
          role: party.role,
          position,
        })),
      )
      .execute();
  }
}

export async function insertConvention(
  exec: Executor,
  convention: Convention,
  meta: { now: Date; createdBy: AuthorRef },
): Promise<void> {
  await exec
    .insertInto('conventions')
    .values({
      id: convention.id,
      ...columnsOf(convention),
      created_by_user_id: meta.createdBy.userId,
      created_by_system: meta.createdBy.system,
      // The one successor a convention may have (unique index, migration 0009).
      successor_of: convention.renewalOf,
      created_at: meta.now,
      updated_at: meta.now,
    })
    .execute();
  await syncRows(exec, convention);
}

/**
 * Writes the aggregate back and returns its new version. Guarded by the status and the version it
 * was read at: the use case holds the row's lock, so a mismatch here is a bug, not a user's race.
 */
export async function saveConvention(
  exec: Executor,
  convention: Convention,
  meta: { now: Date; expectedStatus: string; expectedVersion: number },
): Promise<number> {
  const result = await exec
    .updateTable('conventions')
    .set((eb) => ({ ...columnsOf(convention), updated_at: meta.now, version: eb('version', '+', 1) }))
    .where('id', '=', convention.id)
    .where('status', '=', meta.expectedStatus)
    .where('version', '=', meta.expectedVersion)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) {
    throw new Error(
      `Convention ${convention.id} changed concurrently (expected ${meta.expectedStatus}, version ${meta.expectedVersion})`,
    );
  }
  await syncRows(exec, convention);
  return meta.expectedVersion + 1;
}

/** The draft that renews `predecessorId`, if one was made (there is at most one). */
export async function findSuccessorId(exec: Executor, predecessorId: string): Promise<string | undefined> {
  const row = await exec
    .selectFrom('conventions')
    .select('id')
    .where('renewal_of', '=', predecessorId)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  return row?.id;
}

async function load(exec: Executor, id: string, forUpdate: boolean): Promise<StoredConvention | undefined> {
  let query = exec
    .selectFrom('conventions as c')
    .select([
      'c.id',
      'c.territory_level as territoryLevel',
      'c.territory_code as territoryCode',
      'c.state',
      'c.created_at as createdAt',
      'c.updated_at as updatedAt',
      'c.version',
    ])
    .where('c.id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const territories = await exec
    .selectFrom('convention_territories as ct')
    .leftJoin('territories as t', (j) => j.onRef('t.level', '=', 'ct.level').onRef('t.code', '=', 'ct.code'))
    .select(['ct.level', 'ct.code', 't.name', 't.departement_codes as departementCodes'])
    .where('ct.convention_id', '=', id)
    .orderBy('ct.code')
    .execute();
  const parties = await exec
    .selectFrom('convention_parties')
    .select('organisation_id')
    .where('convention_id', '=', id)
    .orderBy('position')
    .execute();
  const granted = await exec
    .selectFrom('convention_access')
    .select('organisation_id')
    .where('convention_id', '=', id)
    .execute();
  const convention = conventionOfRow(row.id, row.state);
  return {
    id: row.id,
    territoryLevel: row.territoryLevel,
    territoryCode: row.territoryCode,
    territoryName: convention.content.territory.name,
    convention,
    territories: territories.map((t) => ({
      level: t.level,
      code: t.code,
      name: t.name ?? t.code,
      departementCodes: t.departementCodes ?? [],
    })),
    partyOrganisationIds: parties.map((p) => p.organisation_id),
    grantedOrganisationIds: granted.map((g) => g.organisation_id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function findConvention(exec: Executor, id: string): Promise<StoredConvention | undefined> {
  return load(exec, id, false);
}

/** Reads the convention and locks its row until the transaction ends (`SELECT … FOR UPDATE`). */
export function lockConvention(exec: Executor, id: string): Promise<StoredConvention | undefined> {
  return load(exec, id, true);
}

/** The SQL filter of a scope: a convention is visible when one of its territories or parties matches. */
function scoped(exec: Executor, scope: ConventionScope) {
  const query = exec.selectFrom('conventions as c');
  switch (scope.kind) {
    case 'all':
      return query;
    case 'none':
      return query.where(sql<boolean>`false`);
    case 'departement':
      return query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('convention_territories as ct')
            .innerJoin('territories as t', (j) =>
              j.onRef('t.level', '=', 'ct.level').onRef('t.code', '=', 'ct.code'),
            )
            .whereRef('ct.convention_id', '=', 'c.id')
            .where(sql<boolean>`t.departement_codes @> array[${scope.departementCode}]::text[]`)
            .select(sql`1`.as('one')),
        ),
      );
    case 'territory': {
      // Conventions cover communes and EPCI only (check constraint): another level sees none.
      const level = scope.level;
      if (level !== 'commune' && level !== 'epci') return query.where(sql<boolean>`false`);
      return query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('convention_territories as ct')
            .whereRef('ct.convention_id', '=', 'c.id')
            .where('ct.level', '=', level)
            .where('ct.code', '=', scope.code)
            .select(sql`1`.as('one')),
        ),
      );
    }
    case 'party':
      // A party to the convention, or an organisation given access to it (convention_access).
      return query.where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('convention_parties as p')
              .whereRef('p.convention_id', '=', 'c.id')
              .where('p.organisation_id', '=', scope.organisationId)
              .select(sql`1`.as('one')),
          ),
          eb.exists(
            eb
              .selectFrom('convention_access as g')
              .whereRef('g.convention_id', '=', 'c.id')
              .where('g.organisation_id', '=', scope.organisationId)
              .select(sql`1`.as('one')),
          ),
        ]),
      );
  }
}

/** A row of a list: what it shows, and the facts its status of the day is computed from. */
export interface ConventionListRow {
  id: string;
  territoryLevel: TerritoryLevel;
  territoryCode: string;
  territoryName: string;
  variant: string;
  startDate: string;
  endDate: string;
  /** The stored facts only: the status a person sees is `statusOn(calendar, today)`. */
  calendar: CalendarFacts;
}

export interface ConventionFilter {
  territoryCode?: string | undefined;
  /** Stored statuses to keep (the caller maps the status of the day it wants to these). */
  storedStatuses?: readonly ConventionStatus[] | undefined;
  /** Conventions whose territory lies in this département. */
  departementCode?: string | undefined;
}

/** The period as signed (that of the last version, else the draft's), read in SQL from the aggregate. */
const signedPeriodSql = () =>
  sql<ConventionPeriod>`coalesce(c.state -> 'versions' -> -1 -> 'content' -> 'period', c.state -> 'content' -> 'period')`;
const terminationsSql = () =>
  sql<CalendarFacts['terminations']>`coalesce(c.state -> 'terminations', '[]'::jsonb)`;

export async function listConventions(
  exec: Executor,
  scope: ConventionScope,
  filter: ConventionFilter = {},
): Promise<ConventionListRow[]> {
  let query = scoped(exec, scope).leftJoin('territories as tt', (j) =>
    j.onRef('tt.level', '=', 'c.territory_level').onRef('tt.code', '=', 'c.territory_code'),
  );
  if (filter.territoryCode) query = query.where('c.territory_code', '=', filter.territoryCode);
  if (filter.storedStatuses) {
    if (!filter.storedStatuses.length) return [];
    query = query.where('c.status', 'in', [...filter.storedStatuses]);
  }
  if (filter.departementCode)
    query = query.where(sql<boolean>`tt.departement_codes @> array[${filter.departementCode}]::text[]`);
  const rows = await query
    .select([
      'c.id',
      'c.territory_level as territoryLevel',
      'c.territory_code as territoryCode',
      'tt.name as territoryName',
      'c.status',
      'c.variant',
      'c.start_date as startDate',
      'c.end_date as endDate',
      // The calendar's facts only, not the whole text: the period as signed (last version) and the
      // terminations.
      signedPeriodSql().as('signedPeriod'),
      terminationsSql().as('terminations'),
    ])
    .orderBy('tt.name')
    .orderBy('c.start_date', 'desc')
    .execute();
  return rows.map(({ status, signedPeriod, terminations, ...r }) => ({
    ...r,
    territoryName: r.territoryName ?? r.territoryCode,
    calendar: { status: status as ConventionStatus, signedPeriod, terminations },
  }));
}

/**
 * Whole aggregates in the scope, for what is due: the open ones, and those closed on or after
 * `closedSince` (an ended convention stays on the list a while). Older closed ones are left out in SQL.
 */
export async function listOpenConventionStates(
  exec: Executor,
  scope: ConventionScope,
  closedSince: string,
): Promise<Convention[]> {
  const rows = await scoped(exec, scope)
    .select(['c.id', 'c.state'])
    .where((eb) =>
      eb.or([eb('c.status', 'not in', ['expired', 'terminated']), eb('c.closed_on', '>=', closedSince)]),
    )
    .orderBy('c.end_date')
    .execute();
  return rows.map((r) => conventionOfRow(r.id, r.state));
}

/**
 * The calendar's facts of every convention whose stored status the dates may move on (signed or in
 * force), in any scope: what the calendar job reads before it locks the ones that changed.
 */
export async function listCalendarFacts(exec: Executor): Promise<{ id: string; calendar: CalendarFacts }[]> {
  const rows = await exec
    .selectFrom('conventions as c')
    .select(['c.id', 'c.status', signedPeriodSql().as('signedPeriod'), terminationsSql().as('terminations')])
    .where('c.status', 'in', ['signed', 'in_force'])
    .orderBy('c.id')
    .execute();
  return rows.map(({ id, status, signedPeriod, terminations }) => ({
    id,
    calendar: { status: status as ConventionStatus, signedPeriod, terminations },
  }));
}

/** Conventions whose territory code is one of `codes`, most recent first (to pick each territory's current one). */
export async function listConventionStatesForTerritories(
  exec: Executor,
  codes: string[],
): Promise<Convention[]> {
  if (!codes.length) return [];
  const rows = await exec
    .selectFrom('conventions')
    .select(['id', 'state'])
    .where('territory_code', 'in', codes)
    .orderBy('start_date', 'desc')
    .execute();
  return rows.map((r) => conventionOfRow(r.id, r.state));
}

export function accessFacts(
  c: Pick<StoredConvention, 'territories' | 'partyOrganisationIds'> &
    Partial<Pick<StoredConvention, 'grantedOrganisationIds'>>,
): ConventionAccessFacts {
  return {
    territories: c.territories.map((t) => ({
      level: t.level,
      code: t.code,
      departementCodes: t.departementCodes,
    })),
    partyOrganisationIds: c.partyOrganisationIds,
    grantedOrganisationIds: c.grantedOrganisationIds ?? [],
  };
}

// ─── Attached files ────────────────────────────────────────────────────────────────────────────

export interface StoredFile {
  id: string;
  conventionId: string;
  annexKey: string;
  fileName: string;
  mediaType: string;
  byteLength: number;
  sha256: string;
  content: Uint8Array;
}

export async function insertFile(
  exec: Executor,
  file: StoredFile & { uploadedAt: Date; uploadedBy: AuthorRef },
): Promise<void> {
  await exec
    .insertInto('convention_files')
    .values({
      id: file.id,
      convention_id: file.conventionId,
      annex_key: file.annexKey,
      file_name: file.fileName,
      media_type: file.mediaType,
      byte_length: file.byteLength,
      sha256: file.sha256,
      content: byteaParam(file.content),
      uploaded_at: file.uploadedAt,
      uploaded_by_user_id: file.uploadedBy.userId,
      uploaded_by_system: file.uploadedBy.system,
    })
    .execute();
}

/** A file of the convention by its hash (the aggregate names files by SHA-256). */
export async function findFile(
  exec: Executor,
  conventionId: string,
  sha256: string,
): Promise<StoredFile | undefined> {
  const row = await exec
    .selectFrom('convention_files')
    .select([
      'id',
      'convention_id as conventionId',
      'annex_key as annexKey',
      'file_name as fileName',
      'media_type as mediaType',
      'byte_length as byteLength',
      'sha256',
      byteaBase64('content').as('content'),
    ])
    .where('convention_id', '=', conventionId)
    .where('sha256', '=', sha256)
    .orderBy('uploaded_at', 'desc')
    .executeTakeFirst();
  return row ? { ...row, content: bytesOf(row.content) } : undefined;
}

// ─── Caf templates ─────────────────────────────────────────────────────────────────────────────

export interface StoredTemplate {
  organisationId: string;
  format: 'odt' | 'docx';
  fileName: string;
  sha256: string;
  placeholders: string[];
  content: Uint8Array;
  uploadedAt: Date;
  uploadedBy: AuthorRef;
}

/** A template as read back, with the name of who uploaded it joined from the account. */
export interface StoredTemplateView extends Omit<StoredTemplate, 'uploadedBy'> {
  uploadedByLabel: string;
}

export async function upsertTemplate(exec: Executor, t: StoredTemplate): Promise<void> {
  const content = byteaParam(t.content);
  await exec
    .insertInto('document_templates')
    .values({
      organisation_id: t.organisationId,
      format: t.format,
      file_name: t.fileName,
      sha256: t.sha256,
      placeholders: t.placeholders,
      content,
      uploaded_at: t.uploadedAt,
      uploaded_by_user_id: t.uploadedBy.userId,
      uploaded_by_system: t.uploadedBy.system,
    })
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'format']).doUpdateSet({
        file_name: t.fileName,
        sha256: t.sha256,
        placeholders: t.placeholders,
        content: (eb) => eb.ref('excluded.content'),
        uploaded_at: t.uploadedAt,
        uploaded_by_user_id: t.uploadedBy.userId,
        uploaded_by_system: t.uploadedBy.system,
      }),
    )
    .execute();
}

export async function deleteTemplate(exec: Executor, organisationId: string, format: 'odt' | 'docx') {
  const result = await exec
    .deleteFrom('document_templates')
    .where('organisation_id', '=', organisationId)
    .where('format', '=', format)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function findTemplates(exec: Executor, organisationId: string): Promise<StoredTemplateView[]> {
  const rows = await exec
    .selectFrom('document_templates as t')
    .leftJoin('users as u', 'u.id', 't.uploaded_by_user_id')
    .select([
      't.organisation_id',
      't.format',
      't.file_name',
      't.sha256',
      't.placeholders',
      byteaBase64('t.content').as('content'),
      't.uploaded_at',
      't.uploaded_by_user_id',
      't.uploaded_by_system',
      'u.display_name as uploaderName',
      'u.email as uploaderEmail',
      'u.anonymised_at as uploaderAnonymisedAt',
    ])
    .where('t.organisation_id', '=', organisationId)
    .orderBy('t.format')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    format: r.format,
    fileName: r.file_name,
    sha256: r.sha256,
    placeholders: r.placeholders,
    content: bytesOf(r.content),
    uploadedAt: r.uploaded_at,
    uploadedByLabel: authorLabel(
      authorOf({
        userId: r.uploaded_by_user_id,
        system: r.uploaded_by_system,
        displayName: r.uploaderName,
        email: r.uploaderEmail,
        anonymisedAt: r.uploaderAnonymisedAt,
      }),
    ),
  }));
}
