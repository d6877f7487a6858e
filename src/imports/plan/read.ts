/**
 * Readers of plan files into tables of text (see validate.ts for what the text must say): CSV with
 * `;` or `,` and an optional BOM, XLSX read with exceljs, ODS read from its content.xml. Hostile
 * files are refused before they are inflated or parsed: size, ZIP entries and decompressed size,
 * NUL bytes, formulas without their computed value.
 */
import type ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { unescapeXml } from '../../documents/xml.js';
import { AppError } from '../../domain/shared/app-error.js';
import { checkZip } from '../../domain/shared/zip-guard.js';
import { decodeUtf8, parseCsv } from '../diagnostic/csv.js';
import { PLAN_FILE_LIMITS } from './layout.js';
import type { PlanFileFormat, PlanImportError, PlanReadResult } from './types.js';
import { fileError, type RawTable, validatePlanTables } from './validate.js';

type Tables = { ok: true; tables: RawTable[] } | { ok: false; errors: PlanImportError[] };

function refuse(reason: string): { ok: false; errors: PlanImportError[] } {
  return { ok: false, errors: [fileError(reason)] };
}

/** Reads a plan file: the whole plan, or every error in French with its line and column. */
export async function readPlanFile(bytes: Uint8Array, format: PlanFileFormat): Promise<PlanReadResult> {
  if (bytes.length > PLAN_FILE_LIMITS.maxBytes) {
    return refuse(
      `il pèse ${(bytes.length / (1024 * 1024)).toFixed(1).replace('.', ',')} Mo (${PLAN_FILE_LIMITS.maxBytes / (1024 * 1024)} Mo au plus).`,
    );
  }
  if (bytes.length === 0) return refuse('il est vide.');
  const tables = format === 'csv' ? readCsvTables(bytes) : readPackage(bytes, format);
  const read = tables instanceof Promise ? await tables : tables;
  if (!read.ok) return read;
  return validatePlanTables(read.tables, format === 'csv' ? 'csv' : 'workbook');
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

// ─── CSV ─────────────────────────────────────────────────────────────────────────────────────────

export function readCsvTables(bytes: Uint8Array): Tables {
  if (isZip(bytes)) return refuse('c’est une archive (un classeur XLSX ou ODS ?), pas un fichier CSV.');
  if (bytes.includes(0)) return refuse('il contient des octets nuls : ce n’est pas un fichier CSV en texte.');
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return refuse(decoded.message.replace(/^Le fichier n’est pas/, 'il n’est pas'));
  let physical = 0;
  for (let i = decoded.text.indexOf('\n'); i >= 0; i = decoded.text.indexOf('\n', i + 1)) physical++;
  // Line breaks inside quoted cells count here too, hence the margin over the lines a plan may have.
  if (physical > PLAN_FILE_LIMITS.maxLines * 4) {
    return refuse(`il compte plus de ${PLAN_FILE_LIMITS.maxLines} lignes.`);
  }
  const records = parseCsv(decoded.text);
  if (records.length > PLAN_FILE_LIMITS.maxLines) {
    return refuse(`il compte ${records.length} lignes (${PLAN_FILE_LIMITS.maxLines} au plus).`);
  }
  const [header, ...rows] = records;
  if (!header) return refuse('il est vide.');
  const problems: NonNullable<RawTable['problems']> = [];
  const cleaned = rows.map((row) => ({
    line: row.line,
    cells: row.cells.map((cell, index) => {
      const text = cell.trim();
      // A formula is not run; a written text beginning with = + - @ is protected by an apostrophe.
      if (text.startsWith('=')) {
        problems.push({
          line: row.line,
          index,
          reason:
            'la cellule commence par « = » : une formule n’est pas acceptée (précédez le texte d’une apostrophe).',
        });
      }
      return text.startsWith("'") ? text.slice(1) : text;
    }),
  }));
  return {
    ok: true,
    tables: [{ sheet: null, headerLine: header.line, header: header.cells, rows: cleaned, problems }],
  };
}

// ─── XLSX and ODS: ZIP packages ──────────────────────────────────────────────────────────────────

async function readPackage(bytes: Uint8Array, format: 'xlsx' | 'ods'): Promise<Tables> {
  const name = format === 'xlsx' ? 'un classeur XLSX' : 'un classeur ODS';
  if (!isZip(bytes)) return refuse(`ce n’est pas ${name} (le contenu n’est pas une archive ZIP).`);
  try {
    const entries = new Set(checkZip(bytes, PLAN_FILE_LIMITS.zip).map((e) => e.name));
    const expected = format === 'xlsx' ? 'xl/workbook.xml' : 'content.xml';
    if (!entries.has(expected)) return refuse(`ce n’est pas ${name} lisible.`);
  } catch (error) {
    if (error instanceof AppError)
      return refuse(`${error.message.replace(/^Le fichier compressé est refusé : /, '')}`);
    throw error;
  }
  return format === 'xlsx' ? readXlsxTables(bytes) : readOdsTables(bytes);
}

function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** Text of an exceljs cell, or the reason it cannot be read. */
function xlsxCellText(value: ExcelJS.CellValue): { text: string } | { problem: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: numberText(value) };
  if (typeof value === 'boolean') return { text: value ? 'oui' : 'non' };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { problem: 'la date de la cellule est illisible.' }
      : { text: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'object') {
    if ('richText' in value) return { text: value.richText.map((part) => part.text).join('') };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) {
        return {
          problem:
            'la cellule contient une formule sans valeur calculée : remplacez-la par sa valeur (copier, puis collage spécial « valeurs »).',
        };
      }
      return xlsxCellText(result as ExcelJS.CellValue);
    }
    if ('error' in value)
      return { problem: `la cellule contient une erreur de formule (${String(value.error)}).` };
    if ('text' in value) return { text: String(value.text) };
  }
  return { problem: 'le contenu de la cellule est illisible.' };
}

export async function readXlsxTables(bytes: Uint8Array): Promise<Tables> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return refuse('ce n’est pas un classeur XLSX lisible.');
  }
  const tables: RawTable[] = [];
  let lines = 0;
  for (const sheet of workbook.worksheets) {
    const table: RawTable = { sheet: sheet.name, headerLine: 0, header: [], rows: [], problems: [] };
    let tooWide = false;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      lines++;
      const cells: string[] = [];
      const problems: NonNullable<RawTable['problems']> = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (column > PLAN_FILE_LIMITS.maxColumns) {
          tooWide = true;
          return;
        }
        const read = xlsxCellText(cell.value);
        while (cells.length < column - 1) cells.push('');
        if ('problem' in read) {
          problems.push({ line: rowNumber, index: column - 1, reason: read.problem });
          cells.push('');
        } else cells.push(read.text);
      });
      while (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop();
      if (cells.length === 0 && problems.length === 0) return;
      if (table.headerLine === 0) {
        table.headerLine = rowNumber;
        table.header = cells;
      } else {
        table.rows.push({ line: rowNumber, cells });
      }
      table.problems!.push(...problems);
    });
    if (tooWide) {
      return refuse(
        `la feuille « ${sheet.name} » a des cellules au-delà de la colonne ${PLAN_FILE_LIMITS.maxColumns}.`,
      );
    }
    if (table.headerLine === 0) table.headerLine = 1;
    tables.push(table);
  }
  if (lines > PLAN_FILE_LIMITS.maxLines) {
    return refuse(`il compte ${lines} lignes (${PLAN_FILE_LIMITS.maxLines} au plus).`);
  }
  return { ok: true, tables };
}

// ─── ODS ─────────────────────────────────────────────────────────────────────────────────────────

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

function attributes(source: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const match of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    map.set(match[1]!, unescapeXml(match[2] ?? match[3] ?? ''));
  }
  return map;
}

function repeat(value: string | undefined): number {
  const n = value === undefined ? 1 : Number(value);
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

/**
 * Reads the tables of an ODS content.xml with a tokenizer that knows the few elements a spreadsheet
 * uses (no DTD, no entity beyond the five predefined and numeric ones, so nothing expands). Empty
 * repeated rows and columns (LibreOffice writes a million) only move the counters.
 */
export function readOdsContent(xml: string): Tables {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    return refuse('le classeur ODS contient une déclaration de type (DOCTYPE) refusée.');
  const tables: RawTable[] = [];
  let table: RawTable | null = null;
  let line = 0;
  let column = 0;
  let rowRepeat = 1;
  let cells: string[] = [];
  let rowProblems: NonNullable<RawTable['problems']> = [];
  let cell: {
    repeat: number;
    value: string | null;
    paragraphs: string[];
    formula: boolean;
    type: string;
  } | null = null;
  let inParagraph = false;
  let skipDepth = 0;
  let lines = 0;
  const tokens =
    /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|([^<]+)/g;
  for (const token of xml.matchAll(tokens)) {
    const [, closing, name, attrs, selfClosing, text] = token;
    if (text !== undefined) {
      if (cell && inParagraph && skipDepth === 0) {
        cell.paragraphs[cell.paragraphs.length - 1] += unescapeXml(text);
      }
      continue;
    }
    if (!name) continue;
    if (skipDepth > 0) {
      if (name === 'office:annotation') {
        if (closing) skipDepth--;
        else if (!selfClosing) skipDepth++;
      }
      continue;
    }
    const attr = () => attributes(attrs ?? '');
    switch (name) {
      case 'office:annotation':
        if (!closing && !selfClosing) skipDepth = 1;
        break;
      case 'table:table':
        if (!closing) {
          table = {
            sheet: attr().get('table:name') ?? '',
            headerLine: 0,
            header: [],
            rows: [],
            problems: [],
          };
          line = 0;
          if (selfClosing) {
            tables.push(table);
            table = null;
          }
        } else if (table) {
          if (table.headerLine === 0) table.headerLine = 1;
          tables.push(table);
          table = null;
        }
        break;
      case 'table:table-row':
        if (!closing) {
          rowRepeat = repeat(attr().get('table:number-rows-repeated'));
          cells = [];
          rowProblems = [];
          column = 0;
          if (selfClosing) line += rowRepeat;
        } else if (table) {
          while (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop();
          if (cells.length === 0 && rowProblems.length === 0) {
            line += rowRepeat;
            break;
          }
          if (rowRepeat > 1)
            return refuse(`la feuille « ${table.sheet} » répète une ligne remplie ${rowRepeat} fois.`);
          line++;
          lines++;
          if (lines > PLAN_FILE_LIMITS.maxLines) {
            return refuse(`il compte plus de ${PLAN_FILE_LIMITS.maxLines} lignes.`);
          }
          for (const p of rowProblems) p.line = line;
          if (table.headerLine === 0) {
            table.headerLine = line;
            table.header = cells;
          } else table.rows.push({ line, cells });
          table.problems!.push(...rowProblems);
        }
        break;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (!closing) {
          const a = attr();
          const type = a.get('office:value-type') ?? '';
          const value =
            type === 'float' || type === 'percentage' || type === 'currency'
              ? (a.get('office:value') ?? null)
              : type === 'date'
                ? (a.get('office:date-value')?.slice(0, 10) ?? null)
                : type === 'boolean'
                  ? a.get('office:boolean-value') === 'true'
                    ? 'oui'
                    : 'non'
                  : type === 'string' && a.has('office:string-value')
                    ? a.get('office:string-value')!
                    : null;
          cell = {
            repeat: repeat(a.get('table:number-columns-repeated')),
            value,
            paragraphs: [],
            formula: a.has('table:formula'),
            type,
          };
        }
        if (closing || selfClosing) {
          if (!cell) break;
          const text = cell.value ?? cell.paragraphs.join('\n');
          if (cell.formula && cell.type === '') {
            rowProblems.push({
              line: 0,
              index: column,
              reason: 'la cellule contient une formule sans valeur calculée : remplacez-la par sa valeur.',
            });
          }
          if (text.trim() === '') {
            column += cell.repeat;
          } else {
            if (cell.repeat > 1 || column + cell.repeat > PLAN_FILE_LIMITS.maxColumns) {
              if (column + cell.repeat > PLAN_FILE_LIMITS.maxColumns) {
                return refuse(
                  `la feuille « ${table?.sheet ?? ''} » a des cellules au-delà de la colonne ${PLAN_FILE_LIMITS.maxColumns}.`,
                );
              }
            }
            while (cells.length < column) cells.push('');
            for (let i = 0; i < cell.repeat; i++) cells.push(text);
            column += cell.repeat;
          }
          cell = null;
        }
        break;
      case 'text:p':
      case 'text:h':
        if (!closing && cell) {
          cell.paragraphs.push('');
          inParagraph = !selfClosing;
        } else if (closing) inParagraph = false;
        break;
      case 'text:s':
        if (cell && inParagraph)
          cell.paragraphs[cell.paragraphs.length - 1] += ' '.repeat(
            Math.min(repeat(attr().get('text:c')), 1000),
          );
        break;
      case 'text:tab':
        if (cell && inParagraph) cell.paragraphs[cell.paragraphs.length - 1] += '\t';
        break;
      case 'text:line-break':
        if (cell && inParagraph) cell.paragraphs[cell.paragraphs.length - 1] += '\n';
        break;
      default:
        break;
    }
  }
  return { ok: true, tables };
}

export function readOdsTables(bytes: Uint8Array): Tables {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name === 'content.xml' || file.name === 'mimetype' });
  } catch {
    return refuse('ce n’est pas un classeur ODS lisible.');
  }
  const mimetype = files.mimetype ? new TextDecoder().decode(files.mimetype).trim() : '';
  if (mimetype !== ODS_MIME || !files['content.xml']) {
    return refuse('ce n’est pas un classeur ODS (tableur OpenDocument).');
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(files['content.xml']);
  } catch {
    return refuse('le contenu du classeur ODS n’est pas en UTF-8.');
  }
  return readOdsContent(xml);
}
