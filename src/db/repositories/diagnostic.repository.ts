/**
 * Diagnostic values and the imports they came from. A value is stored in the column of its kind
 * (counts, cents, rates) and read back with the JavaScript type the diagnostic domain expects.
 */
import { sql } from 'kysely';
import { authorLabel, authorOf, type SystemActorKind } from '../../domain/access/access.js';
import type { Executor } from '../executor.js';
import type { DiagnosticImportFormat } from '../schema.js';

export type DiagnosticLevel = 'commune' | 'epci' | 'departement';
export type StoredKind = 'count' | 'amount' | 'rate';

export interface StoredValue {
  level: DiagnosticLevel;
  code: string;
  indicator: string;
  date: string;
  kind: StoredKind;
  /** number for counts and rates, bigint cents for amounts and means; null: withheld by the source. */
  value: number | bigint | null;
  source: string | null;
  synthetic: boolean;
  importId: string;
  line: number | null;
  note: string | null;
}

/** A percentage printed without its count. */
export interface StoredShare {
  level: DiagnosticLevel;
  code: string;
  indicator: string;
  date: string;
  shareOf: string;
  share: number;
  source: string | null;
  note: string | null;
  synthetic: boolean;
  importId: string;
  line: number | null;
}

export interface ImportRecord {
  id: string;
  fileName: string;
  format: DiagnosticImportFormat;
  importedAt: Date;
  importedByUserId: string | null;
  importedBySystem: SystemActorKind | null;
  rowCount: number;
  territoryCodes: string[];
  referenceDates: string[];
  indicators: string[];
  periodKey: string;
}

export interface ValueWithProvenance extends Omit<StoredValue, 'kind'> {
  /** null for a figure withheld by the source: no column says which kind it would have had. */
  kind: StoredKind | null;
  fileName: string;
  importedAt: Date;
  importedBy: string;
}

/** Who imported: the account joined when read (its name only), or the system actor. */
const importerColumns = [
  'i.imported_by_user_id as importerId',
  'i.imported_by_system as importerSystem',
  'u.display_name as importerName',
  'u.email as importerEmail',
  'u.anonymised_at as importerAnonymisedAt',
] as const;

function importerLabel(r: {
  importerId: string | null;
  importerSystem: string | null;
  importerName: string | null;
  importerEmail: string | null;
  importerAnonymisedAt: Date | string | null;
}): string {
  return authorLabel(
    authorOf({
      userId: r.importerId,
      system: r.importerSystem,
      displayName: r.importerName,
      email: r.importerEmail,
      anonymisedAt: r.importerAnonymisedAt,
    }),
  );
}

export async function insertImport(exec: Executor, record: ImportRecord): Promise<void> {
  await exec
    .insertInto('diagnostic_imports')
    .values({
      id: record.id,
      file_name: record.fileName,
      format: record.format,
      imported_at: record.importedAt,
      imported_by_user_id: record.importedByUserId,
      imported_by_system: record.importedBySystem,
      row_count: record.rowCount,
      territory_codes: record.territoryCodes,
      reference_dates: record.referenceDates,
      indicators: record.indicators,
      period_key: record.periodKey,
    })
    .execute();
}

/** Imports of the same period still in force, locked so that two concurrent re-imports serialise. */
/** The imports of a period that no other import has replaced (read, not locked). */
export async function currentImportsOfPeriod(exec: Executor, periodKey: string): Promise<string[]> {
  const rows = await exec
    .selectFrom('diagnostic_imports')
    .select('id')
    .where('period_key', '=', periodKey)
    .where('replaced_by', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function lockCurrentImportsOfPeriod(exec: Executor, periodKey: string): Promise<string[]> {
  const rows = await exec
    .selectFrom('diagnostic_imports')
    .select('id')
    .where('period_key', '=', periodKey)
    .where('replaced_by', 'is', null)
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export async function markImportsReplaced(exec: Executor, ids: string[], by: string): Promise<void> {
  if (ids.length === 0) return;
  await exec.updateTable('diagnostic_imports').set({ replaced_by: by }).where('id', 'in', ids).execute();
}

export async function deleteValuesOfImports(exec: Executor, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await exec.deleteFrom('diagnostic_values').where('import_id', 'in', ids).executeTakeFirst();
  const shares = await exec
    .deleteFrom('diagnostic_given_shares')
    .where('import_id', 'in', ids)
    .executeTakeFirst();
  return Number(result.numDeletedRows) + Number(shares.numDeletedRows);
}

function columnsOf(value: StoredValue) {
  const known = value.value !== null;
  return {
    count_value: known && value.kind === 'count' ? BigInt(value.value!) : null,
    amount_cents: known && value.kind === 'amount' ? BigInt(value.value!) : null,
    rate_value: known && value.kind === 'rate' ? String(value.value) : null,
    secret_at_source: !known,
  };
}

/** Inserts given percentages; one already stored for the same key is replaced. */
export async function upsertGivenShares(exec: Executor, shares: StoredShare[]): Promise<number> {
  let replaced = 0;
  const batchSize = 1000;
  for (let i = 0; i < shares.length; i += batchSize) {
    const batch = shares.slice(i, i + batchSize).map((v) => ({
      territory_level: v.level,
      territory_code: v.code,
      indicator: v.indicator,
      reference_date: v.date,
      share_of: v.shareOf,
      share_pct: String(v.share),
      source: v.source,
      note: v.note,
      synthetic: v.synthetic,
      import_id: v.importId,
      line: v.line,
    }));
    const rows = await exec
      .insertInto('diagnostic_given_shares')
      .values(batch)
      .onConflict((oc) =>
        oc
          .columns(['territory_level', 'territory_code', 'indicator', 'reference_date', 'share_of'])
          .doUpdateSet((eb) => ({
            share_pct: eb.ref('excluded.share_pct'),
            source: eb.ref('excluded.source'),
            note: eb.ref('excluded.note'),
            synthetic: eb.ref('excluded.synthetic'),
            import_id: eb.ref('excluded.import_id'),
            line: eb.ref('excluded.line'),
          })),
      )
      .returning(sql<boolean>`xmax <> 0`.as('updated'))
      .execute();
    replaced += rows.filter((r) => r.updated).length;
  }
  return replaced;
}

/** Every given percentage of these territories. */
export async function listGivenSharesOf(exec: Executor, keys: TerritoryKey[]): Promise<StoredShare[]> {
  const out: StoredShare[] = [];
  for (const [level, codes] of keyFilter(keys)) {
    for (let i = 0; i < codes.length; i += 5000) {
      const rows = await exec
        .selectFrom('diagnostic_given_shares')
        .selectAll()
        .where('territory_level', '=', level)
        .where('territory_code', 'in', codes.slice(i, i + 5000))
        .execute();
      for (const r of rows) {
        out.push({
          level: r.territory_level,
          code: r.territory_code,
          indicator: r.indicator,
          date: r.reference_date,
          shareOf: r.share_of,
          share: Number(r.share_pct),
          source: r.source,
          note: r.note,
          synthetic: r.synthetic,
          importId: r.import_id,
          line: r.line,
        });
      }
    }
  }
  return out;
}

/**
 * Inserts values; a value already stored for the same key is replaced and now belongs to this import.
 * Each column travels as one array parameter per batch, unpacked by unnest: a département's 28 000
 * values in a few statements instead of 13 bound parameters a row (and faster than one JSON text on
 * the embedded database). Counts and cents go as text, so that no bigint is rounded on the way.
 */
export async function upsertValues(exec: Executor, values: StoredValue[]): Promise<number> {
  let replaced = 0;
  const batchSize = 10_000;
  for (let i = 0; i < values.length; i += batchSize) {
    const batch = values.slice(i, i + batchSize);
    const columns = batch.map(columnsOf);
    const result = await sql<{ updated: boolean }>`
      insert into diagnostic_values (territory_level, territory_code, indicator, reference_date,
        count_value, amount_cents, rate_value, secret_at_source, source, synthetic, import_id, line, note)
      select level, code, indicator, reference_date::date, count_value::bigint, amount_cents::bigint,
        rate_value::numeric, secret_at_source, source, synthetic, import_id, line, note
      from unnest(
        ${batch.map((v) => v.level)}::text[], ${batch.map((v) => v.code)}::text[],
        ${batch.map((v) => v.indicator)}::text[], ${batch.map((v) => v.date)}::text[],
        ${columns.map((c) => c.count_value?.toString() ?? null)}::text[],
        ${columns.map((c) => c.amount_cents?.toString() ?? null)}::text[],
        ${columns.map((c) => c.rate_value)}::text[], ${columns.map((c) => c.secret_at_source)}::boolean[],
        ${batch.map((v) => v.source)}::text[], ${batch.map((v) => v.synthetic)}::boolean[],
        ${batch.map((v) => v.importId)}::text[], ${batch.map((v) => v.line)}::integer[],
        ${batch.map((v) => v.note)}::text[]
      ) as r(level, code, indicator, reference_date, count_value, amount_cents, rate_value,
        secret_at_source, source, synthetic, import_id, line, note)
      on conflict (territory_level, territory_code, indicator, reference_date) do update set
        count_value = excluded.count_value, amount_cents = excluded.amount_cents,
        rate_value = excluded.rate_value, secret_at_source = excluded.secret_at_source,
        source = excluded.source, synthetic = excluded.synthetic, import_id = excluded.import_id,
        line = excluded.line, note = excluded.note
      -- xmax is 0 for a freshly inserted row and nonzero for an updated one (PostgreSQL and PGlite).
      returning xmax <> 0 as updated
    `.execute(exec);
    replaced += result.rows.filter((r) => r.updated).length;
  }
  return replaced;
}

/**
 * Reclaims the space of the values an import replaced. The embedded database runs no autovacuum:
 * without this, every re-import of a period leaves its old rows and index entries behind, and the
 * next import of the département is slower. Runs outside any transaction (VACUUM cannot run in one).
 */
export async function reclaimReplacedValues(db: Executor): Promise<void> {
  await sql`vacuum (analyze) diagnostic_values, diagnostic_given_shares`.execute(db);
}

export interface TerritoryKey {
  level: DiagnosticLevel;
  code: string;
}

function keyFilter(keys: TerritoryKey[]) {
  const byLevel = new Map<DiagnosticLevel, string[]>();
  for (const k of keys) byLevel.set(k.level, [...(byLevel.get(k.level) ?? []), k.code]);
  return [...byLevel];
}

/** Which of these territories exist in the referential, as "level:code" keys. */
export async function existingTerritoryKeys(exec: Executor, keys: TerritoryKey[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const [level, codes] of keyFilter(keys)) {
    for (let i = 0; i < codes.length; i += 5000) {
      const rows = await exec
        .selectFrom('territories')
        .select(['level', 'code'])
        .where('level', '=', level)
        .where('code', 'in', codes.slice(i, i + 5000))
        .execute();
      for (const r of rows) found.add(`${r.level}:${r.code}`);
    }
  }
  return found;
}

/** Territories of a département, as the referential lists them: every département they lie in. */
export async function departementsOfTerritories(
  exec: Executor,
  keys: TerritoryKey[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (const [level, codes] of keyFilter(keys)) {
    for (let i = 0; i < codes.length; i += 5000) {
      const rows = await exec
        .selectFrom('territories')
        .select(['level', 'code', 'departement_codes'])
        .where('level', '=', level)
        .where('code', 'in', codes.slice(i, i + 5000))
        .execute();
      for (const r of rows) {
        result.set(`${r.level}:${r.code}`, r.level === 'departement' ? [r.code] : r.departement_codes);
      }
    }
  }
  return result;
}

/**
 * Every stored value of these territories, with the file, date and person of its import. The rows
 * come back as one JSON text built by the server (json_agg): a département's 28 000 values in
 * about a tenth of the time that row-by-row decoding takes on the embedded database. Counts and
 * cents travel as text, so that no bigint goes through a JSON number.
 */
export async function listValuesOf(
  exec: Executor,
  keys: TerritoryKey[],
  indicators?: readonly string[],
): Promise<ValueWithProvenance[]> {
  const out: ValueWithProvenance[] = [];
  if (indicators && indicators.length === 0) return out;
  const imports = new Map<string, { fileName: string; importedAt: Date; importedBy: string }>();
  for (const [level, codes] of keyFilter(keys)) {
    for (let i = 0; i < codes.length; i += 5000) {
      const slice = codes.slice(i, i + 5000);
      const result = await sql<{ rows: string | null }>`
        select json_agg(json_build_array(v.territory_code, v.indicator, v.reference_date::text,
          v.count_value::text, v.amount_cents::text, v.rate_value::text, v.secret_at_source, v.source,
          v.synthetic, v.import_id, v.line, v.note))::text as rows
        from diagnostic_values v
        where v.territory_level = ${level} and v.territory_code = any(${slice}::text[])
          ${indicators ? sql`and v.indicator = any(${[...indicators]}::text[])` : sql``}
      `.execute(exec);
      const rows = JSON.parse(result.rows[0]?.rows ?? '[]') as Array<
        [
          string,
          string,
          string,
          string | null,
          string | null,
          string | null,
          boolean,
          string | null,
          boolean,
          string,
          number | null,
          string | null,
        ]
      >;
      const missing = [...new Set(rows.map((r) => r[9]))].filter((id) => !imports.has(id));
      if (missing.length > 0) {
        const found = await exec
          .selectFrom('diagnostic_imports as i')
          .leftJoin('users as u', 'u.id', 'i.imported_by_user_id')
          .select(['i.id', 'i.file_name', 'i.imported_at', ...importerColumns])
          .where('i.id', 'in', missing)
          .execute();
        for (const r of found) {
          imports.set(r.id, {
            fileName: r.file_name,
            importedAt: r.imported_at,
            importedBy: importerLabel(r),
          });
        }
      }
      for (const [
        code,
        indicator,
        date,
        count,
        cents,
        rate,
        secret,
        source,
        synthetic,
        importId,
        line,
        note,
      ] of rows) {
        const [kind, value]: [StoredKind | null, number | bigint | null] = secret
          ? [null, null]
          : count !== null
            ? ['count', Number(count)]
            : cents !== null
              ? ['amount', BigInt(cents)]
              : ['rate', Number(rate)];
        const provenance = imports.get(importId)!;
        out.push({
          level,
          code,
          indicator,
          date,
          kind,
          value,
          source,
          synthetic,
          importId,
          line,
          note,
          fileName: provenance.fileName,
          importedAt: provenance.importedAt,
          importedBy: provenance.importedBy,
        });
      }
    }
  }
  return out;
}

/** Codes among these that already have at least one value. */
export async function codesWithValues(
  exec: Executor,
  level: DiagnosticLevel,
  codes: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < codes.length; i += 5000) {
    const rows = await exec
      .selectFrom('diagnostic_values')
      .select('territory_code')
      .distinct()
      .where('territory_level', '=', level)
      .where('territory_code', 'in', codes.slice(i, i + 5000))
      .execute();
    for (const r of rows) found.add(r.territory_code);
  }
  return found;
}

export interface ImportSummary {
  id: string;
  fileName: string;
  format: DiagnosticImportFormat;
  importedAt: Date;
  importedBy: string;
  rowCount: number;
  territoryCount: number;
  replacedBy: string | null;
}

export async function listImports(exec: Executor, limit: number): Promise<ImportSummary[]> {
  const rows = await exec
    .selectFrom('diagnostic_imports as i')
    .leftJoin('users as u', 'u.id', 'i.imported_by_user_id')
    .selectAll('i')
    .select(importerColumns)
    .orderBy('i.imported_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    importedAt: r.imported_at,
    importedBy: importerLabel(r),
    rowCount: r.row_count,
    territoryCount: r.territory_codes.length,
    replacedBy: r.replaced_by,
  }));
}

/** Territories whose values belong to these imports (read before the values are deleted). */
export async function territoriesOfImports(exec: Executor, ids: string[]): Promise<TerritoryKey[]> {
  if (ids.length === 0) return [];
  const rows = await exec
    .selectFrom('diagnostic_values')
    .select(['territory_level', 'territory_code'])
    .distinct()
    .where('import_id', 'in', ids)
    .execute();
  return rows.map((r) => ({ level: r.territory_level, code: r.territory_code }));
}

/**
 * Départements whose secrecy pattern holds a value of these territories: a commune's own
 * départements and those of its EPCI (an EPCI's sum is in the pattern of every département it lies
 * in, with all its communes), an EPCI's départements, a département itself.
 */
export async function departementsHoldingTerritories(
  exec: Executor,
  keys: TerritoryKey[],
): Promise<string[]> {
  const found = new Set<string>();
  for (const [level, codes] of keyFilter(keys)) {
    for (let i = 0; i < codes.length; i += 5000) {
      const chunk = codes.slice(i, i + 5000);
      if (level === 'departement') {
        for (const code of chunk) found.add(code);
        continue;
      }
      const own = await exec
        .selectFrom('territories')
        .select('departement_codes')
        .where('level', '=', level)
        .where('code', 'in', chunk)
        .execute();
      for (const r of own) for (const code of r.departement_codes) found.add(code);
      if (level !== 'commune') continue;
      const ofEpci = await exec
        .selectFrom('territories as c')
        .innerJoin('territories as e', (join) =>
          join.onRef('e.code', '=', 'c.epci_code').on('e.level', '=', 'epci'),
        )
        .select('e.departement_codes')
        .distinct()
        .where('c.level', '=', 'commune')
        .where('c.code', 'in', chunk)
        .execute();
      for (const r of ofEpci) for (const code of r.departement_codes) found.add(code);
    }
  }
  return [...found].sort();
}

export type CellStatus = 'published' | 'primary' | 'secondary';

export interface ProtectionPatternRecord {
  departementCode: string;
  computedAt: Date;
  /** Cell id → status. */
  statuses: Map<string, CellStatus>;
  durationMs: number;
}

export interface StoredProtectionPattern extends Omit<ProtectionPatternRecord, 'statuses'> {
  /** New on every write of the pattern (migration 0012): the same revision, the same pattern. */
  revision: string;
  /** Cell id → status; shared by every reader of this revision, so never changed. */
  statuses: ReadonlyMap<string, CellStatus>;
}

/**
 * Stores a département's pattern. `replace` (after an import) overwrites the stored one; otherwise a
 * pattern computed on a read never overwrites one an import stored meanwhile.
 */
export async function saveProtectionPattern(
  exec: Executor,
  record: ProtectionPatternRecord,
  mode: 'replace' | 'if-missing',
): Promise<void> {
  const byStatus: Record<CellStatus, string[]> = { published: [], primary: [], secondary: [] };
  for (const [id, status] of record.statuses) byStatus[status].push(id);
  const row = {
    departement_code: record.departementCode,
    computed_at: record.computedAt,
    published_cells: byStatus.published,
    primary_cells: byStatus.primary,
    secondary_cells: byStatus.secondary,
    duration_ms: Math.round(record.durationMs),
  };
  await exec
    .insertInto('diagnostic_protections')
    .values(row)
    .onConflict((oc) =>
      mode === 'replace'
        ? oc.column('departement_code').doUpdateSet({
            computed_at: row.computed_at,
            published_cells: row.published_cells,
            primary_cells: row.primary_cells,
            secondary_cells: row.secondary_cells,
            duration_ms: row.duration_ms,
            revision: sql<bigint>`nextval('diagnostic_protections_revision_seq')`,
          })
        : oc.column('departement_code').doNothing(),
    )
    .execute();
}

/**
 * The parsed patterns, per database handle (a WeakMap on the executor: two databases in one process
 * never see each other's) and per département, with the revision they were read at. A pattern is
 * tens of thousands of cell ids and every diagnostic output reads one or more: a read asks for the
 * revisions only, and the cell ids of the patterns whose revision changed.
 */
const parsedPatterns = new WeakMap<Executor, Map<string, StoredProtectionPattern>>();

export async function findProtectionPatterns(
  exec: Executor,
  departementCodes: string[],
): Promise<StoredProtectionPattern[]> {
  if (departementCodes.length === 0) return [];
  let cache = parsedPatterns.get(exec);
  if (!cache) {
    cache = new Map();
    parsedPatterns.set(exec, cache);
  }
  const revisions = await exec
    .selectFrom('diagnostic_protections')
    .select(['departement_code', 'revision'])
    .where('departement_code', 'in', departementCodes)
    .execute();
  const found = new Map<string, StoredProtectionPattern>();
  const stale: string[] = [];
  for (const r of revisions) {
    const known = cache.get(r.departement_code);
    if (known && known.revision === String(r.revision)) found.set(r.departement_code, known);
    else stale.push(r.departement_code);
  }
  if (stale.length > 0) {
    const rows = await exec
      .selectFrom('diagnostic_protections')
      .selectAll()
      .where('departement_code', 'in', stale)
      .execute();
    for (const r of rows) {
      const statuses = new Map<string, CellStatus>();
      for (const id of r.published_cells) statuses.set(id, 'published');
      for (const id of r.secondary_cells) statuses.set(id, 'secondary');
      for (const id of r.primary_cells) statuses.set(id, 'primary');
      const record: StoredProtectionPattern = {
        departementCode: r.departement_code,
        computedAt: r.computed_at,
        revision: String(r.revision),
        statuses,
        durationMs: r.duration_ms,
      };
      cache.set(r.departement_code, record);
      found.set(r.departement_code, record);
    }
  }
  // A département whose row is gone keeps nothing in memory.
  for (const code of departementCodes) if (!found.has(code)) cache.delete(code);
  return departementCodes.flatMap((code) => found.get(code) ?? []);
}

/**
 * What the published diagnostic of every territory is computed from, said in one short string that
 * changes whenever any of it does: the secrecy patterns (rewritten with the values by every import,
 * synthetic run and re-protection), the imports (a new file, a file replaced), the referential (the
 * names and perimeters of territories) and the names of the people who imported (the sources show
 * them; an account renamed or anonymised). A few rows of small tables, read in one query.
 */
export async function diagnosticVersion(exec: Executor): Promise<string> {
  const row = await sql<{ version: string }>`
    select concat_ws('|',
      (select md5(coalesce(string_agg(departement_code || '/' || revision, ','
          order by departement_code), '')) from diagnostic_protections),
      (select count(*) || ':' || count(replaced_by) || ':' || coalesce(max(imported_at)::text, '')
        from diagnostic_imports),
      (select count(*) || ':' || coalesce(max(imported_at)::text, '') from referential_editions),
      (select md5(coalesce(string_agg(u.id || '/' || u.display_name || '/' || coalesce(u.email, '')
          || '/' || coalesce(u.anonymised_at::text, ''), ',' order by u.id), ''))
        from users u where u.id in (select imported_by_user_id from diagnostic_imports))
    ) as version`.execute(exec);
  return row.rows[0]!.version;
}
