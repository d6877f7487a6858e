/**
 * The XLSX download of a protected diagnostic: the same columns as the CSV, codes as text so that
 * 01004 keeps its zero, « s » for a value covered by statistical secrecy, each section's sources and
 * notes below the table.
 */
import {
  CSV_HEADER,
  NOTABLE_FOOTNOTE,
  SECRET_FOOTNOTE,
  SYNTHETIC_FOOTNOTE,
  sectionFootnotes,
} from '../../domain/diagnostic/index.js';
import type { DiagnosticJson } from './get-diagnostic.js';

export async function diagnosticToXlsx(view: DiagnosticJson): Promise<Uint8Array> {
  // Loaded on first use: the library is heavy and most runs never write a workbook.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Plateforme des Conventions territoriales globales';
  const sheet = workbook.addWorksheet('Diagnostic');
  sheet.addRow([...CSV_HEADER]).font = { bold: true };
  let anyBlank = false;
  for (const section of view.sections) {
    for (const row of section.rows) {
      const field = (status: string, value: number | null) => {
        if (status === 'secret') {
          anyBlank = true;
          return 's';
        }
        return status === 'absent' || value === null ? null : value;
      };
      sheet.addRow([
        section.id,
        section.title,
        row.id,
        row.label,
        row.unit,
        view.territory.code,
        field(row.statuses.value, row.value),
        field(row.statuses.share, row.share),
        view.reference.code,
        field(row.statuses.referenceValue, row.referenceValue),
        field(row.statuses.referenceShare, row.referenceShare),
        row.notableLabel ?? '',
        row.date ?? '',
        row.source ?? '',
      ]);
    }
  }
  // Territory codes are text: a spreadsheet must not turn 01004 into 1004.
  for (const column of [6, 9]) sheet.getColumn(column).numFmt = '@';
  sheet.getColumn(4).width = 48;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = [
    ...sectionFootnotes(view.sections),
    ...(anyBlank ? [SECRET_FOOTNOTE] : []),
    ...(view.sections.some((s) => s.rows.some((r) => r.notable)) ? [NOTABLE_FOOTNOTE] : []),
    ...(view.synthetic ? [SYNTHETIC_FOOTNOTE] : []),
    ...view.notes.map((n) => n.text),
  ];
  if (notes.length > 0) sheet.addRow([]);
  for (const note of notes) sheet.addRow([note]);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
