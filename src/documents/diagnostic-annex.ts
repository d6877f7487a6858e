/**
 * Annexe 1 of the convention from the protected diagnostic: one table per section comparing the
 * territory with its département, its sources and notes under it as the seed prints them. It takes
 * only the presented view of a ProtectedDiagnostic, so a blanked figure can only print as « s ».
 */
import { formatFigure, formatShare, isBlank } from '../domain/diagnostic/format.js';
import type { DiagnosticView, RowView } from '../domain/diagnostic/present.js';
import {
  NOTABLE_FOOTNOTE,
  SECRET_FOOTNOTE,
  SECRET_MARK,
  SYNTHETIC_FOOTNOTE,
  sourcesLine,
} from '../domain/diagnostic/present.js';
import type { PublishedStatus } from '../domain/diagnostic/protection.js';
import { type Block, cell, heading, paragraph, type TableBlock } from './model.js';

function shown(value: string | null, status: PublishedStatus): string {
  if (isBlank(status)) return SECRET_MARK;
  return value ?? '—';
}

function rowCells(row: RowView) {
  // The gap is marked with a word beside the figure it is about: the share when there is one.
  const notable = row.notableLabel ? ` (${row.notableLabel})` : '';
  const onShare = row.statuses.share !== 'absent';
  return [
    cell(row.label),
    cell(shown(formatFigure(row.value, row.unit), row.statuses.value) + (onShare ? '' : notable), {
      align: 'right',
    }),
    cell(shown(formatShare(row.share), row.statuses.share) + (onShare ? notable : ''), { align: 'right' }),
    cell(shown(formatFigure(row.referenceValue, row.unit), row.statuses.referenceValue), { align: 'right' }),
    cell(shown(formatShare(row.referenceShare), row.statuses.referenceShare), { align: 'right' }),
  ];
}

export type AnnexDiagnostic = Pick<
  DiagnosticView,
  'territory' | 'reference' | 'synthetic' | 'notes' | 'coverage'
> & {
  sections: { title: string; rows: RowView[]; sources: string[]; notes: string[] }[];
};

/** `files` names the imported files the figures come from, printed once after the tables. */
export function diagnosticAnnexBlocks(view: AnnexDiagnostic, files: string[] = []): Block[] {
  const blocks: Block[] = [
    paragraph(
      `Chiffres de ${view.territory.name} comparés à ceux de ${view.reference.name}, tels que la plateforme les publie après application du secret statistique.`,
    ),
  ];
  if (view.coverage) blocks.push(paragraph(view.coverage.text));
  if (view.synthetic) blocks.push(paragraph({ kind: 'text', text: SYNTHETIC_FOOTNOTE, bold: true }));
  let anyBlank = false;
  let anyNotable = false;
  for (const section of view.sections) {
    const rows = section.rows.filter(
      (r) => r.statuses.value !== 'absent' || r.statuses.referenceValue !== 'absent',
    );
    if (!rows.length) continue;
    anyBlank ||= rows.some((r) => Object.values(r.statuses).some(isBlank));
    anyNotable ||= rows.some((r) => r.notableLabel !== null);
    const table: TableBlock = {
      kind: 'table',
      columns: [{ width: 6 }, { width: 2 }, { width: 2 }, { width: 2 }, { width: 2 }],
      header: [
        [
          cell('Indicateur', { bold: true }),
          cell(view.territory.name, { bold: true, align: 'right' }),
          cell('%', { bold: true, align: 'right' }),
          cell(view.reference.name, { bold: true, align: 'right' }),
          cell('%', { bold: true, align: 'right' }),
        ],
      ],
      rows: rows.map(rowCells),
      rowHeaders: true,
    };
    blocks.push(heading(2, section.title, { toc: false }), table);
    const sources = sourcesLine(section.sources);
    if (sources) blocks.push(paragraph(sources));
    for (const note of section.notes) blocks.push(paragraph({ kind: 'text', text: note, italic: true }));
  }
  if (anyBlank) blocks.push(paragraph({ kind: 'text', text: SECRET_FOOTNOTE, italic: true }));
  if (anyNotable) blocks.push(paragraph({ kind: 'text', text: NOTABLE_FOOTNOTE, italic: true }));
  for (const note of view.notes) blocks.push(paragraph({ kind: 'text', text: note.text, italic: true }));
  if (files.length) blocks.push(paragraph(`Fichiers importés : ${files.join(' ; ')}.`));
  return blocks;
}
