/**
 * Writers of a plan file: the same tables (layout.ts) as XLSX (exceljs), ODS (written by hand with
 * fflate, like the ODT writer) and CSV (`;`, UTF-8 with BOM, CRLF). Every cell has an explicit type:
 * codes and references are text (`1.10` stays `1.10`, `01` keeps its zero), years, amounts and
 * values are numbers. The output is deterministic (fixed dates, fixed ZIP time stamps), so that
 * export → import → export gives the same bytes.
 */
import { unzipSync, type Zippable, zipSync } from 'fflate';
import { escapeXml, utf8 } from '../../documents/xml.js';
import {
  COLUMNS,
  type ColumnKey,
  CSV_LAYOUT,
  KIND_COLUMNS,
  type LineKind,
  SHEETS,
  type SheetLayout,
} from './layout.js';
import {
  ficheReference,
  type PilotRef,
  type PlanFile,
  type PlanFileFields,
  type PlanFileFormat,
} from './types.js';

/** A typed cell: text, or a number as exact decimal text with a dot (`1234.50`), shown `display`. */
type Cell = { t: 's'; v: string } | { t: 'n'; v: string; format: 'int' | 'hundredths' | 'decimal' };
type Line = { kind: LineKind; cells: Partial<Record<ColumnKey, Cell>> };

/** The fixed moment written in the packages (documents properties and ZIP entries). */
const FIXED_DATE = new Date('2000-01-01T00:00:00Z');
const ZIP_DATE = new Date('2000-01-01T12:00:00Z');

const text = (v: string): Cell => ({ t: 's', v });
const int = (n: number): Cell => ({ t: 'n', v: String(n), format: 'int' });

/** Cents or hundredths of FTE as `1234.50`. */
function hundredths(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** A decimal as a number cell when a spreadsheet keeps it exactly, else as text. */
function decimal(value: string): Cell {
  return String(Number(value)) === value && Math.abs(Number(value)) < 1e15
    ? { t: 'n', v: value, format: 'decimal' }
    : text(value);
}

const yesNo = (value: boolean) => text(value ? 'oui' : 'non');
const lines = (items: readonly string[]) => text(items.join('\n'));
const pilotText = (pilot: PilotRef) => (pilot.kind === 'account' ? pilot.email : pilot.name);

function fieldCells(fields: PlanFileFields): Partial<Record<ColumnKey, Cell>> {
  return {
    title: text(fields.title),
    description: text(fields.description),
    status: text(fields.status),
    priority: text(fields.priority ?? ''),
    startDate: text(fields.startDate ?? ''),
    endDate: text(fields.endDate ?? ''),
    recurring: yesNo(fields.recurring),
    pilots: lines(fields.pilots.map(pilotText)),
  };
}

/** Every line of the plan, in file order: axes with their fiches and sous-actions, then the rest. */
function planLines(plan: PlanFile): Line[] {
  const out: Line[] = [];
  const budgets: Line[] = [];
  const notes: Line[] = [];
  const budgetLines = (reference: string, fields: PlanFileFields) => {
    for (const b of fields.budget) {
      budgets.push({
        kind: 'budget',
        cells: {
          reference: text(reference),
          year: int(b.year),
          nature: text(b.nature),
          unit: text(b.unit),
          stage: text(b.stage),
          amount: { t: 'n', v: hundredths(b.amount), format: 'hundredths' },
          coFunders: lines(b.coFunders.map((c) => `${c.name} : ${hundredths(c.amount).replace('.', ',')}`)),
        },
      });
    }
  };
  for (const axe of plan.axes) {
    out.push({
      kind: 'axe',
      cells: {
        reference: text(String(axe.position)),
        title: text(axe.title),
        description: text(axe.description),
      },
    });
    for (const fiche of plan.fiches.filter((f) => f.axe === axe.position)) {
      const reference = ficheReference(fiche);
      out.push({
        kind: 'fiche',
        cells: {
          reference: text(reference),
          ...fieldCells(fiche),
          theme: text(fiche.theme ?? ''),
          publics: lines(fiche.publics),
          objectives: lines(fiche.objectives),
          electedReferent: text(fiche.electedReferent),
          partners: lines(fiche.partners),
          humanMeans: text(fiche.humanMeans),
          technicalMeans: text(fiche.technicalMeans),
          participation: text(fiche.participation),
          criteria: lines(fiche.evaluationCriteria),
          linkedFiches: lines(fiche.linkedFiches),
          confidential: yesNo(fiche.confidential),
        },
      });
      budgetLines(reference, fiche);
      for (const sub of fiche.subActions) {
        const subReference = `${reference}.${sub.position}`;
        out.push({ kind: 'sous-action', cells: { reference: text(subReference), ...fieldCells(sub) } });
        budgetLines(subReference, sub);
      }
      for (const note of fiche.notes) {
        notes.push({
          kind: 'suivi',
          cells: { reference: text(reference), date: text(note.date), text: text(note.text) },
        });
      }
    }
  }
  out.push(...budgets);
  const values: Line[] = [];
  plan.indicators.forEach((indicator, index) => {
    const number = int(index + 1);
    out.push({
      kind: 'indicateur',
      cells: {
        indicator: number,
        fiche: text(indicator.fiche ?? ''),
        objective: text(indicator.objective ?? ''),
        title: text(indicator.title),
        unit: text(indicator.unit),
        baselineValue: indicator.baselineValue === null ? text('') : decimal(indicator.baselineValue),
        baselineDate: text(indicator.baselineDate ?? ''),
        source: text(indicator.source),
        comment: text(indicator.comment),
        diagnostic: text(indicator.diagnosticIndicatorId ?? ''),
      },
    });
    // Year, then target before result: the same order whatever order the values were stored in.
    const ordered = [...indicator.values].sort(
      (a, b) => a.year - b.year || (a.kind === b.kind ? 0 : a.kind === 'target' ? -1 : 1),
    );
    for (const value of ordered) {
      values.push({
        kind: 'valeur',
        cells: {
          indicator: number,
          year: int(value.year),
          valueKind: text(value.kind),
          value: decimal(value.value),
          comment: text(value.comment),
        },
      });
    }
  });
  out.push(...values, ...notes);
  return out;
}

interface Table {
  name: string;
  columns: readonly ColumnKey[];
  rows: (Cell | null)[][];
}

function tableOf(layout: SheetLayout, all: Line[]): Table {
  const rows = all
    .filter((line) => layout.kinds.includes(line.kind))
    .map((line) =>
      layout.columns.map((key): Cell | null => {
        if (key === 'type') return text(line.kind);
        if (!KIND_COLUMNS[line.kind].includes(key)) return null;
        const cell = line.cells[key];
        return cell && cell.v !== '' ? cell : null;
      }),
    );
  return { name: layout.name, columns: layout.columns, rows };
}

export async function writePlanFile(plan: PlanFile, format: PlanFileFormat): Promise<Uint8Array> {
  const all = planLines(plan);
  switch (format) {
    case 'csv':
      return writeCsv(tableOf(CSV_LAYOUT, all));
    case 'xlsx':
      return writeXlsx(SHEETS.map((layout) => tableOf(layout, all)));
    case 'ods':
      return writeOds(SHEETS.map((layout) => tableOf(layout, all)));
  }
}

// ─── CSV ─────────────────────────────────────────────────────────────────────────────────────────

function csvField(cell: Cell | null): string {
  if (!cell) return '';
  let value = cell.t === 'n' ? cell.v.replace('.', ',') : cell.v;
  // A text read as a formula by a spreadsheet (or starting with the protecting apostrophe) is protected.
  if (cell.t === 's' && /^[=+\-@'\t\r]/.test(value)) value = `'${value}`;
  return /[;"\r\n,]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function writeCsv(table: Table): Uint8Array {
  const header = table.columns.map((key) => COLUMNS[key]).join(';');
  const body = table.rows.map((row) => row.map(csvField).join(';'));
  return utf8(`\uFEFF${[header, ...body].join('\r\n')}\r\n`);
}

// ─── XLSX ────────────────────────────────────────────────────────────────────────────────────────

const WIDTHS: Partial<Record<ColumnKey, number>> = {
  title: 40,
  description: 50,
  pilots: 28,
  partners: 28,
  criteria: 36,
  coFunders: 30,
  text: 60,
  comment: 30,
};

async function writeXlsx(tables: Table[]): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Plateforme des Conventions territoriales globales';
  workbook.lastModifiedBy = workbook.creator;
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    table.columns.forEach((key, index) => {
      const column = sheet.getColumn(index + 1);
      column.width = WIDTHS[key] ?? 16;
    });
    const header = sheet.getRow(1);
    table.columns.forEach((key, index) => {
      const cell = header.getCell(index + 1);
      cell.value = COLUMNS[key];
      cell.font = { bold: true };
    });
    table.rows.forEach((row, r) => {
      const line = sheet.getRow(r + 2);
      row.forEach((cell, index) => {
        if (!cell) return;
        const target = line.getCell(index + 1);
        if (cell.t === 's') {
          target.value = cell.v;
          // Text format: what a person types there stays text too (a reference 1.10, a code 01).
          target.numFmt = '@';
          if (cell.v.includes('\n')) target.alignment = { wrapText: true, vertical: 'top' };
        } else {
          target.value = Number(cell.v);
          target.numFmt = cell.format === 'hundredths' ? '#,##0.00' : cell.format === 'int' ? '0' : 'General';
        }
      });
    });
  }
  const written = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  // exceljs stamps its ZIP entries with the current time: the same parts, repacked at a fixed date.
  const parts = unzipSync(written);
  const files: Zippable = {};
  for (const [name, content] of Object.entries(parts)) files[name] = content;
  return zipSync(files, { level: 6, mtime: ZIP_DATE });
}

// ─── ODS ─────────────────────────────────────────────────────────────────────────────────────────

export const ODS_MIME_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
].join(' ');

/** Paragraph text as ODF wants it: runs of spaces, tabs and line breaks as elements. */
function odfParagraph(value: string): string {
  let out = '';
  for (const part of value.split(/(\t| {2,}|^ | $)/)) {
    if (part === '') continue;
    if (part === '\t') out += '<text:tab/>';
    else if (/^ +$/.test(part))
      out += part.length === 1 && out !== '' ? ' ' : `<text:s text:c="${part.length}"/>`;
    else out += escapeXml(part);
  }
  return `<text:p>${out}</text:p>`;
}

function odsCell(cell: Cell | null): string {
  if (!cell) return '<table:table-cell/>';
  if (cell.t === 's') {
    const paragraphs = cell.v.split('\n').map(odfParagraph).join('');
    return `<table:table-cell table:style-name="ceText" office:value-type="string" calcext:value-type="string">${paragraphs}</table:table-cell>`;
  }
  const style = cell.format === 'hundredths' ? ' table:style-name="ceMoney"' : '';
  const value = String(Number(cell.v));
  const shown = cell.format === 'hundredths' ? cell.v.replace('.', ',') : cell.v.replace('.', ',');
  return `<table:table-cell${style} office:value-type="float" office:value="${value}" calcext:value-type="float"><text:p>${escapeXml(shown)}</text:p></table:table-cell>`;
}

function odsContent(tables: Table[]): string {
  const body = tables
    .map((table) => {
      const columns = table.columns
        .map(
          (key) =>
            `<table:table-column table:style-name="co${WIDTHS[key] ?? 16}" table:default-cell-style-name="Default"/>`,
        )
        .join('');
      const header = `<table:table-row>${table.columns
        .map(
          (key) =>
            `<table:table-cell table:style-name="ceHead" office:value-type="string" calcext:value-type="string"><text:p>${escapeXml(COLUMNS[key])}</text:p></table:table-cell>`,
        )
        .join('')}</table:table-row>`;
      const rows = table.rows
        .map((row) => `<table:table-row>${row.map(odsCell).join('')}</table:table-row>`)
        .join('');
      return `<table:table table:name="${escapeXml(table.name)}">${columns}${header}${rows}</table:table>`;
    })
    .join('');
  const widths = [...new Set(Object.values(WIDTHS).concat(16))].sort((a, b) => a - b);
  const columnStyles = widths
    .map(
      (w) =>
        `<style:style style:name="co${w}" style:family="table-column"><style:table-column-properties style:column-width="${(w * 0.19).toFixed(2)}cm"/></style:style>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<office:document-content ${NS} xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">` +
    '<office:automatic-styles>' +
    '<number:text-style style:name="NText"><number:text-content/></number:text-style>' +
    '<number:number-style style:name="NMoney"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>' +
    columnStyles +
    '<style:style style:name="ceHead" style:family="table-cell" style:parent-style-name="Default"><style:text-properties fo:font-weight="bold"/></style:style>' +
    '<style:style style:name="ceText" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NText"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style>' +
    '<style:style style:name="ceMoney" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NMoney"/>' +
    '</office:automatic-styles>' +
    `<office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`
  );
}

const ODS_META =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  `<office:document-meta ${NS} xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta>` +
  '<meta:generator>Plateforme CTG</meta:generator><dc:title>Plan d’action</dc:title><dc:language>fr-FR</dc:language>' +
  '</office:meta></office:document-meta>';

const ODS_MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
  `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODS_MIME_TYPE}"/>` +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
  '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>' +
  '</manifest:manifest>';

function writeOds(tables: Table[]): Uint8Array {
  // Insertion order is archive order: ODF wants `mimetype` first, uncompressed.
  const files: Zippable = {
    mimetype: [utf8(ODS_MIME_TYPE), { level: 0 }],
    'META-INF/manifest.xml': utf8(ODS_MANIFEST),
    'content.xml': utf8(odsContent(tables)),
    'meta.xml': utf8(ODS_META),
  };
  return zipSync(files, { level: 6, mtime: ZIP_DATE });
}
