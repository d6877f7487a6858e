/**
 * Imports a diagnostic file (long layout in CSV or XLSX, or a CAFDATA `s_ben_com_f` export):
 * all-or-nothing validation with line and column, territories checked against the referential,
 * authorization per territory, and a re-import of the same period replacing it in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/executor.js';
import {
  currentImportsOfPeriod,
  deleteValuesOfImports,
  departementsHoldingTerritories,
  departementsOfTerritories,
  insertImport,
  listValuesOf,
  lockCurrentImportsOfPeriod,
  markImportsReplaced,
  reclaimReplacedValues,
  type StoredValue,
  type TerritoryKey,
  territoriesOfImports,
  upsertGivenShares,
  upsertValues,
  type ValueWithProvenance,
} from '../../db/repositories/diagnostic.repository.js';
import type { DiagnosticImportFormat } from '../../db/schema.js';
import { authorRefOf } from '../../domain/access/access.js';
import { CATALOGUE, getIndicator } from '../../domain/diagnostic/catalogue.js';
import type { GivenShareRow, ValueRow } from '../../domain/diagnostic/types.js';
import { AppError } from '../../domain/shared/app-error.js';
import { checkZip } from '../../domain/shared/zip-guard.js';
import {
  type ImportError,
  parseCafdataCommuneCsv,
  parseLongLayoutCsv,
  parseLongLayoutXlsx,
} from '../../imports/diagnostic/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { territoriesOutsideImportScope } from './diagnostic-access.js';
import { loadLinearSolver } from './linear-solver.js';
import { type PatternsAhead, patternsAhead, protectDepartements } from './protect-departement.js';
import { warmProtectionWorker } from './protection-pool.js';
import { levelOfCode } from './territory-level.js';

export type FileFormat = Exclude<DiagnosticImportFormat, 'synthetic'>;

export const FORMAT_LABELS: Record<DiagnosticImportFormat, string> = {
  long_csv: 'CSV au format long',
  long_xlsx: 'XLSX au format long',
  cafdata_csv: 'CSV CAFDATA (s_ben_com_f)',
  synthetic: 'données synthétiques',
};

export interface ImportDiagnosticInput {
  fileName: string;
  bytes: Uint8Array;
  format?: FileFormat;
}

export interface ImportDiagnosticResult {
  importId: string;
  format: FileFormat;
  rowCount: number;
  /** Of which figures withheld by the source ("s", "<5"), stored as secret. */
  secretAtSource: number;
  /** Percentages printed without their count, stored apart. */
  givenShares: number;
  territoryCodes: string[];
  referenceDates: string[];
  indicatorCount: number;
  /** Earlier imports of the same period, now replaced. */
  replacedImports: string[];
  /** Values removed with the replaced imports, and values of other imports overwritten. */
  removedValues: number;
  overwrittenValues: number;
}

/** An XLSX file is a ZIP archive; a CAFDATA export is recognised by its date and commune columns. */
export function detectFormat(bytes: Uint8Array): FileFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'long_xlsx';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  const firstLine = (head.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  return /(^|[;,"\s\uFEFF])(dtreffre|numcomdo)([;,"\s]|$)/.test(firstLine) ? 'cafdata_csv' : 'long_csv';
}

function invalid(fileName: string, errors: ImportError[]): AppError {
  const first = errors
    .slice(0, 3)
    .map((e) => e.message)
    .join(' ');
  const more = errors.length > 3 ? ` (et ${errors.length - 3} autre(s) erreur(s))` : '';
  const count = errors.length === 1 ? 'une erreur' : `${errors.length} erreurs`;
  return new AppError('IMPORT_INVALID', {
    message: `Le fichier « ${fileName} » contient ${count} ; rien n’a été modifié. ${first}${more}`,
    details: errors,
  });
}

async function parse(format: FileFormat, bytes: Uint8Array) {
  switch (format) {
    case 'long_csv':
      return parseLongLayoutCsv(bytes);
    case 'long_xlsx':
      // Entry count, decompressed size and names checked before the workbook is inflated.
      checkZip(bytes);
      return parseLongLayoutXlsx(bytes);
    case 'cafdata_csv':
      return parseCafdataCommuneCsv(bytes);
  }
}

function keyOf(row: ValueRow | GivenShareRow): TerritoryKey {
  return { level: levelOfCode(row.territory), code: row.territory };
}

export function storedKind(indicatorId: string): StoredValue['kind'] {
  const kind = getIndicator(CATALOGUE, indicatorId).kind;
  return kind === 'count' ? 'count' : kind === 'rate' ? 'rate' : 'amount';
}

export function periodKey(codes: string[], dates: string[], indicators: string[]): string {
  return [codes, dates, indicators].map((list) => [...list].sort().join(',')).join('|');
}

/** Beyond this many départements, their patterns are computed in the transaction (their values are read a département at a time). */
const AHEAD_MAX_DEPARTEMENTS = 8;

const valueKey = (level: string, code: string, indicator: string, date: string) =>
  `${level}:${code}|${indicator}|${date}`;

/**
 * The values of territories as an import of `rows` will leave them, from those stored before it:
 * the values of the imports it replaces are gone, the file's are written over the others (each
 * typed as the database gives it back: a count a number, an amount a bigint, a rate a number).
 */
export function valuesAfterImport(
  rows: readonly ValueRow[],
  replaced: ReadonlySet<string>,
): (stored: readonly ValueWithProvenance[], keys: readonly TerritoryKey[]) => ValueRow[] {
  const incoming = new Map<string, ValueRow>();
  const byTerritory = new Map<string, ValueRow[]>();
  for (const row of rows) {
    const { level, code } = keyOf(row);
    const kind = storedKind(row.indicator);
    const value =
      row.value === null
        ? null
        : kind === 'amount'
          ? BigInt(row.value)
          : kind === 'count'
            ? Number(row.value)
            : Number(String(row.value));
    const after = { territory: code, indicator: row.indicator, date: row.date, value };
    incoming.set(valueKey(level, code, row.indicator, row.date), after);
    const territory = `${level}:${code}`;
    byTerritory.set(territory, [...(byTerritory.get(territory) ?? []), after]);
  }
  return (stored, keys) => [
    ...stored
      .filter(
        (v) => !replaced.has(v.importId) && !incoming.has(valueKey(v.level, v.code, v.indicator, v.date)),
      )
      .map((v) => ({ territory: v.code, indicator: v.indicator, date: v.date, value: v.value })),
    ...keys.flatMap((k) => byTerritory.get(`${k.level}:${k.code}`) ?? []),
  ];
}

/**
 * The secrecy patterns of the départements whose pattern holds a value of `territories`, computed
 * before an import's transaction (`patternsAhead`) from the values as the import of `rows`,
 * replacing the imports `replaced`, will leave them (`valuesAfterImport`). The transaction reads the
 * values again and takes a pattern only for the same input, so a change committed in between
 * (another import) costs only the time saved. None for more than a few départements (their values
 * would all be held at once), nor when computing them fails (the transaction computes them).
 */
export async function importPatternsAhead(
  ctx: Context,
  territories: TerritoryKey[],
  rows: readonly ValueRow[],
  replaced: ReadonlySet<string> = new Set(),
): Promise<PatternsAhead | undefined> {
  try {
    const codes = await departementsHoldingTerritories(ctx.db, territories);
    if (codes.length === 0 || codes.length > AHEAD_MAX_DEPARTEMENTS) return undefined;
    const after = valuesAfterImport(rows, replaced);
    return await patternsAhead(ctx.db, codes, async (wanted) =>
      after(await listValuesOf(ctx.db, wanted), wanted),
    );
  } catch {
    return undefined;
  }
}

/** This file's patterns ahead; none for a file the transaction will refuse (unknown territories, outside the actor's département). */
async function filePatternsAhead(ctx: Context, keys: TerritoryKey[], rows: ValueRow[], period: string) {
  const departements = await departementsOfTerritories(ctx.db, keys);
  if (departements.size < keys.length) return undefined;
  const outside = territoriesOutsideImportScope(ctx.actor, departements);
  if (outside === 'forbidden' || outside.length > 0) return undefined;
  const replaced = new Set(await currentImportsOfPeriod(ctx.db, period));
  const territories = [...keys, ...(await territoriesOfImports(ctx.db, [...replaced]))];
  return importPatternsAhead(ctx, territories, rows, replaced);
}

export async function importDiagnostic(
  ctx: Context,
  input: ImportDiagnosticInput,
): Promise<ImportDiagnosticResult> {
  // Refused before reading the file: a partner never learns what a file would have done.
  if (territoriesOutsideImportScope(ctx.actor, new Map()) === 'forbidden') throw new AppError('FORBIDDEN');
  // The secrecy engine gets ready while the file is read: a worker that computes the patterns
  // before the transaction, or this thread's solver for a process alone on its database.
  if (ctx.alone) void loadLinearSolver().catch(() => undefined);
  else warmProtectionWorker();
  const format = input.format ?? detectFormat(input.bytes);
  const parsed = await parse(format, input.bytes);
  if (!parsed.ok) throw invalid(input.fileName, parsed.errors);
  const rows = parsed.rows;
  const shares = parsed.shares;
  // Lines that carry only a percentage are checked and keyed like the others.
  const located = [...rows, ...shares];

  const keys = new Map<string, TerritoryKey>();
  for (const row of located) {
    const key = keyOf(row);
    keys.set(`${key.level}:${key.code}`, key);
  }
  const codes = [...new Set(located.map((r) => r.territory))];
  const dates = [...new Set(located.map((r) => r.date))].sort();
  const indicators = [...new Set(located.map((r) => r.indicator))];
  const period = periodKey(codes, dates, indicators);
  const codeColumn = format === 'cafdata_csv' ? 'numcomdo' : 'code_territoire';
  // The secrecy engine runs before the transaction, not inside it (seconds per département).
  const ahead = ctx.alone ? undefined : await filePatternsAhead(ctx, [...keys.values()], rows, period);

  const result = await inTransaction(ctx.db, async (tx) => {
    const departements = await departementsOfTerritories(tx, [...keys.values()]);
    const unknown: ImportError[] = [];
    const reported = new Set<string>();
    for (const row of located) {
      const key = keyOf(row);
      const id = `${key.level}:${key.code}`;
      if (departements.has(id) || reported.has(`${row.line}:${id}`)) continue;
      reported.add(`${row.line}:${id}`);
      const line = row.line ?? 1;
      unknown.push({
        line,
        column: codeColumn,
        message: `Ligne ${line}, colonne « ${codeColumn} » : « ${row.territory} » ne figure pas dans le référentiel des territoires (importez-le avec « ctg import territories »).`,
      });
    }
    if (unknown.length > 0) throw invalid(input.fileName, unknown);

    const outside = territoriesOutsideImportScope(ctx.actor, departements);
    if (outside === 'forbidden') throw new AppError('FORBIDDEN');
    if (outside.length > 0) {
      throw new AppError('FORBIDDEN', {
        message: `Vous ne pouvez importer que les données des territoires de votre département : ${outside.slice(0, 10).join(', ')}${outside.length > 10 ? '…' : ''} n’en font pas partie ; rien n’a été modifié.`,
        details: { territories: outside },
      });
    }

    const importId = randomUUID();
    const previous = await lockCurrentImportsOfPeriod(tx, period);
    await insertImport(tx, {
      id: importId,
      fileName: input.fileName,
      format,
      importedAt: ctx.clock.now(),
      importedByUserId: authorRefOf(ctx.actor).userId,
      importedBySystem: authorRefOf(ctx.actor).system,
      rowCount: rows.length + shares.length,
      territoryCodes: [...codes].sort(),
      referenceDates: dates,
      indicators: [...indicators].sort(),
      periodKey: period,
    });
    // The replaced values' territories lose figures: their départements' patterns change too.
    const replacedTerritories = await territoriesOfImports(tx, previous);
    const removedValues = await deleteValuesOfImports(tx, previous);
    const overwrittenValues = await upsertValues(
      tx,
      rows.map((row) => ({
        ...keyOf(row),
        indicator: row.indicator,
        date: row.date,
        kind: storedKind(row.indicator),
        value: row.value,
        source: row.source ?? null,
        synthetic: row.synthetic === true,
        importId,
        line: row.line ?? null,
        note: row.note ?? null,
      })),
    );
    await upsertGivenShares(
      tx,
      shares.map((share) => ({
        ...keyOf(share),
        indicator: share.indicator,
        date: share.date,
        shareOf: share.base,
        share: share.share,
        source: share.source ?? null,
        note: share.note ?? null,
        synthetic: share.synthetic === true,
        importId,
        line: share.line ?? null,
      })),
    );
    await markImportsReplaced(tx, previous, importId);
    // Same transaction: the new values are never readable without the secrecy pattern made for them.
    await protectDepartements(
      ctx,
      tx,
      await departementsHoldingTerritories(tx, [...keys.values(), ...replacedTerritories]),
      'replace',
      ahead,
    );
    const result: ImportDiagnosticResult = {
      importId,
      format,
      rowCount: rows.length + shares.length,
      secretAtSource: rows.filter((row) => row.value === null).length,
      givenShares: shares.length,
      territoryCodes: [...codes].sort(),
      referenceDates: dates,
      indicatorCount: indicators.length,
      replacedImports: previous,
      removedValues,
      overwrittenValues,
    };
    await recordAudit(tx, ctx, {
      action: 'diagnostic.import',
      entityType: 'diagnostic_import',
      entityId: importId,
      before: previous.length > 0 ? { replacedImports: previous, values: removedValues } : null,
      after: {
        fileName: input.fileName,
        format,
        values: rows.length,
        secretAtSource: rows.filter((row) => row.value === null).length,
        givenShares: shares.length,
        territories: codes.length,
        referenceDates: dates,
        indicators: indicators.length,
        overwrittenValues,
      },
    });
    return result;
  });
  if (result.removedValues > 0) await reclaimReplacedValues(ctx.db);
  return result;
}
