/**
 * Reader of the project's documented long layout (docs/import-diagnostic.md): one value a line,
 * columns `code_territoire;indicateur;date_reference;valeur;source`, in CSV (`;` or `,`, UTF-8 with
 * or without BOM) or XLSX (first worksheet). Validation is all-or-nothing: either every line is
 * valid and all rows come back, or no row and the list of every error with its line and column.
 */

// Loaded on first use: the library is heavy and most runs never read or write a workbook.
import type ExcelJS from 'exceljs';
import { CATALOGUE, type Catalogue } from '../../domain/diagnostic/catalogue.js';
import type { GivenShareRow, ValueRow } from '../../domain/diagnostic/types.js';
import { type CsvRecord, decodeUtf8, parseCsv } from './csv.js';
import {
  BAD_DATE,
  type ImportError,
  importError,
  isTerritoryCode,
  parseCellValue,
  parsePercentage,
  parseReferenceDate,
} from './values.js';

/** `shares`: percentages printed without their count (long layout only; see GivenShareRow). */
export type ImportResult =
  | { ok: true; rows: ValueRow[]; shares: GivenShareRow[] }
  | { ok: false; errors: ImportError[] };

export const LONG_LAYOUT_COLUMNS = [
  'code_territoire',
  'indicateur',
  'date_reference',
  'valeur',
  'source',
  'part_pct',
  'part_de',
  'note',
] as const;
const REQUIRED = ['code_territoire', 'indicateur', 'date_reference'] as const;

/** Denominators a share of this indicator may have: those of the catalogue's rows that print one. */
function shareBases(catalogue: Catalogue, indicator: string): string[] {
  const bases = new Set<string>();
  for (const section of catalogue.sections) {
    for (const row of section.rows) {
      // A share of the département's figure ("en % du département") is always recomputed.
      if (row.indicator === indicator && row.shareOf && !row.shareOf.includes('@')) bases.add(row.shareOf);
    }
  }
  return [...bases];
}

type Column = (typeof LONG_LAYOUT_COLUMNS)[number];

function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

/** Validates records whose first one is the header; shared by the CSV and XLSX entry points. */
export function validateLongLayout(records: CsvRecord[], catalogue: Catalogue = CATALOGUE): ImportResult {
  const errors: ImportError[] = [];
  const header = records[0];
  if (!header) return { ok: false, errors: [importError(1, '', 'le fichier est vide.')] };

  const positions = new Map<Column, number>();
  header.cells.forEach((raw, position) => {
    const name = normaliseHeader(raw);
    if (name === '') return;
    if (!(LONG_LAYOUT_COLUMNS as readonly string[]).includes(name)) {
      errors.push(
        importError(
          header.line,
          raw.trim(),
          `colonne inconnue ; les colonnes attendues sont ${LONG_LAYOUT_COLUMNS.map((c) => `« ${c} »`).join(', ')}.`,
        ),
      );
    } else if (positions.has(name as Column)) {
      errors.push(importError(header.line, name, 'cette colonne figure deux fois.'));
    } else {
      positions.set(name as Column, position);
    }
  });
  for (const column of REQUIRED) {
    if (!positions.has(column)) errors.push(importError(header.line, column, 'colonne obligatoire absente.'));
  }
  if (!positions.has('valeur') && !positions.has('part_pct')) {
    errors.push(
      importError(
        header.line,
        'valeur',
        'colonne obligatoire absente (ou « part_pct » pour un pourcentage seul).',
      ),
    );
  }
  if (errors.length > 0) return { ok: false, errors };

  const rows: ValueRow[] = [];
  const shares: GivenShareRow[] = [];
  const seen = new Map<string, number>();
  const seenShares = new Map<string, number>();
  for (const record of records.slice(1)) {
    const cell = (column: Column) => {
      const position = positions.get(column);
      return position === undefined ? '' : (record.cells[position] ?? '').trim();
    };
    const lineErrors: ImportError[] = [];
    const error = (column: Column, reason: string) =>
      lineErrors.push(importError(record.line, column, reason));

    const territory = cell('code_territoire');
    if (territory === '') error('code_territoire', 'le code du territoire est vide.');
    else if (!isTerritoryCode(territory)) {
      error(
        'code_territoire',
        `« ${territory} » n’est pas un code de territoire (commune : 5 caractères, département : 2 ou 3, EPCI : 9 chiffres).`,
      );
    }
    const indicatorId = cell('indicateur');
    const indicator = catalogue.indicators.get(indicatorId);
    if (indicatorId === '') error('indicateur', 'l’identifiant de l’indicateur est vide.');
    else if (!indicator) {
      error('indicateur', `« ${indicatorId} » n’est pas un indicateur connu (voir docs/indicators.md).`);
    }
    const dateText = cell('date_reference');
    const date = parseReferenceDate(dateText);
    if (!date)
      error('date_reference', dateText === '' ? 'la date de référence est vide.' : BAD_DATE(dateText));
    const valueText = cell('valeur');
    const shareText = cell('part_pct');
    const baseText = cell('part_de');
    const note = cell('note');
    if (valueText === '' && shareText === '') {
      error('valeur', 'la valeur est vide (ni valeur ni « part_pct »).');
    }
    const parsed = indicator && valueText !== '' ? parseCellValue(indicator.kind, valueText) : null;
    if (parsed && !parsed.ok) error('valeur', parsed.reason);
    let share: number | null = null;
    let base: string | null = null;
    if (shareText !== '') {
      const parsedShare = parsePercentage(shareText);
      if (!parsedShare.ok) error('part_pct', parsedShare.reason);
      else share = parsedShare.value;
      if (indicator) {
        const bases = shareBases(catalogue, indicator.id);
        if (baseText !== '') {
          if (!bases.includes(baseText)) {
            error(
              'part_de',
              bases.length === 0
                ? `l’indicateur « ${indicator.id} » ne s’imprime avec aucun pourcentage.`
                : `« ${baseText} » n’est pas un dénominateur de « ${indicator.id} » (attendu : ${bases.map((b) => `« ${b} »`).join(' ou ')}).`,
            );
          } else base = baseText;
        } else if (bases.length === 1) {
          base = bases[0]!;
        } else if (bases.length === 0) {
          error('part_pct', `l’indicateur « ${indicator.id} » ne s’imprime avec aucun pourcentage.`);
        } else {
          error(
            'part_de',
            `l’indicateur « ${indicator.id} » a plusieurs dénominateurs : précisez ${bases.map((b) => `« ${b} »`).join(' ou ')}.`,
          );
        }
      }
    } else if (baseText !== '') {
      error('part_de', 'un dénominateur sans pourcentage : remplissez « part_pct » ou videz cette cellule.');
    }
    if (record.cells.length > header.cells.length) {
      lineErrors.push(
        importError(
          record.line,
          '',
          `la ligne compte ${record.cells.length} colonnes pour ${header.cells.length} dans l’en-tête.`,
        ),
      );
    }

    if (lineErrors.length === 0 && indicator && date) {
      const source = cell('source');
      const key = `${territory}|${indicator.id}|${date}`;
      if (parsed?.ok) {
        const first = seen.get(key);
        if (first !== undefined) {
          error(
            'indicateur',
            `l’indicateur « ${indicator.id} » du territoire ${territory} au ${date} figure déjà ligne ${first}.`,
          );
        } else {
          seen.set(key, record.line);
          rows.push({
            territory,
            indicator: indicator.id,
            date,
            value: parsed.value,
            line: record.line,
            ...(source ? { source } : {}),
            ...(note ? { note } : {}),
          });
        }
      }
      if (share !== null && base !== null) {
        const shareKey = `${key}|${base}`;
        const first = seenShares.get(shareKey);
        if (first !== undefined) {
          error(
            'part_pct',
            `le pourcentage de « ${indicator.id} » (part de « ${base} ») du territoire ${territory} au ${date} figure déjà ligne ${first}.`,
          );
        } else {
          seenShares.set(shareKey, record.line);
          shares.push({
            territory,
            indicator: indicator.id,
            date,
            base,
            share,
            line: record.line,
            ...(source ? { source } : {}),
            ...(note && !parsed?.ok ? { note } : {}),
          });
        }
      }
    }
    errors.push(...lineErrors);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0 && shares.length === 0)
    return { ok: false, errors: [importError(1, '', 'le fichier ne contient aucune valeur.')] };
  return { ok: true, rows, shares };
}

export function parseLongLayoutCsv(
  input: string | Uint8Array,
  catalogue: Catalogue = CATALOGUE,
): ImportResult {
  const decoded = decodeUtf8(input);
  if (!decoded.ok) return { ok: false, errors: [importError(1, '', decoded.message)] };
  return validateLongLayout(parseCsv(decoded.text), catalogue);
}

/** Text of an XLSX cell as a person reads it: dates as AAAA-MM-JJ, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

export async function parseLongLayoutXlsx(
  input: Uint8Array | ArrayBuffer,
  catalogue: Catalogue = CATALOGUE,
): Promise<ImportResult> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(input as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: [importError(1, '', 'le fichier n’est pas un classeur XLSX lisible.')] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, errors: [importError(1, '', 'le classeur ne contient aucune feuille.')] };
  const records: CsvRecord[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= width; column++) cells.push(cellText(row.getCell(column).value));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length > 0) records.push({ line: rowNumber, cells });
  });
  return validateLongLayout(records, catalogue);
}
