/**
 * Output shapes of a protected diagnostic for the CLI, the API and downloads: a JSON view model
 * and a CSV file (`;`, UTF-8 with BOM, French decimals). Both take only a ProtectedDiagnostic, so
 * nothing can be presented that has not gone through statistical secrecy.
 */

import type { IsoDate } from '../shared/dates.js';
import type { SectionId, Unit } from './catalogue.js';
import type { Notable } from './compute.js';
import type { FieldStatus, ProtectedDiagnostic, ProtectedRow } from './protection.js';
import type { IndicatorValue, TerritoryLevel } from './types.js';

export interface TerritoryView {
  code: string;
  name: string;
  level: TerritoryLevel;
}

export interface RowView {
  id: string;
  label: string;
  /** Counts and rates as numbers, amounts and means in euros; null when absent or blanked. */
  value: number | null;
  share: number | null;
  referenceValue: number | null;
  referenceShare: number | null;
  status: FieldStatus;
  notable: Notable | null;
  notableLabel: string | null;
  statuses: ProtectedRow['statuses'];
  unit: Unit;
  date: IsoDate | null;
  source: string | null;
}

export interface DiagnosticView {
  territory: TerritoryView;
  reference: TerritoryView;
  synthetic: boolean;
  sections: { id: SectionId; title: string; rows: RowView[] }[];
  notes: { code: string; territory: string; indicator: string; text: string }[];
}

export const SECRET_MARK = 's';
export const SECRET_FOOTNOTE =
  's : donnée masquée par le secret statistique (zone de moins de 100 allocataires, effectif inférieur à 5, ou valeur qui permettrait de recalculer une donnée masquée).';
export const SYNTHETIC_FOOTNOTE =
  'Données synthétiques : ces valeurs sont fabriquées pour la démonstration et ne décrivent pas le territoire.';

/** A figure as presented: counts and rates as they are, amounts (cents) in euros. */
export function toNumber(value: IndicatorValue | null): number | null {
  if (value === null) return null;
  // Cents to euros only at the edge; the domain never holds a float amount.
  return typeof value === 'bigint' ? Number(value) / 100 : value;
}

function territoryView(territory: ProtectedDiagnostic['territory']): TerritoryView {
  return { code: territory.code, name: territory.name, level: territory.level };
}

export function presentDiagnostic(diagnostic: ProtectedDiagnostic): DiagnosticView {
  return {
    territory: territoryView(diagnostic.territory),
    reference: territoryView(diagnostic.reference),
    synthetic: diagnostic.synthetic,
    sections: diagnostic.sections.map((section) => ({
      id: section.id,
      title: section.title,
      rows: section.rows.map((row) => ({
        id: row.id,
        label: row.label,
        value: toNumber(row.value),
        share: row.share,
        referenceValue: toNumber(row.referenceValue),
        referenceShare: row.referenceShare,
        status: row.status,
        notable: row.notable,
        notableLabel: row.notableLabel,
        statuses: row.statuses,
        unit: row.unit,
        date: row.date,
        source: row.source,
      })),
    })),
    notes: diagnostic.notes.map((note) => ({
      code: note.code,
      territory: note.territory,
      indicator: note.indicator,
      text: `${note.subject} : ${note.message}`,
    })),
  };
}

/** "1234,5" — no thousands separator, so that a spreadsheet still reads a number. */
function frenchNumber(value: number): string {
  return String(value).replace('.', ',');
}

function frenchValue(value: IndicatorValue): string {
  if (typeof value === 'number') return frenchNumber(value);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const cents = abs % 100n;
  const body = cents === 0n ? `${abs / 100n}` : `${abs / 100n},${cents.toString().padStart(2, '0')}`;
  return `${negative ? '-' : ''}${body}`;
}

/** A blank is "s", an absent figure is empty, a zero is "0": the three never look alike. */
function field(status: FieldStatus, value: IndicatorValue | null): string {
  if (status === 'primary' || status === 'secondary') return SECRET_MARK;
  if (status === 'absent' || value === null) return '';
  return frenchValue(value);
}

function csvCell(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Codes are written as quoted text so that a reader importing the file with "text" columns keeps
 * the leading zeros of 01004 or 2A004.
 */
function codeCell(code: string): string {
  return `"${code}"`;
}

export const CSV_HEADER = [
  'section',
  'titre_section',
  'indicateur',
  'libelle',
  'unite',
  'code_territoire',
  'valeur',
  'part_pct',
  'code_reference',
  'valeur_reference',
  'part_reference_pct',
  'ecart_departement',
  'date_reference',
  'source',
] as const;

export function diagnosticToCsv(diagnostic: ProtectedDiagnostic): string {
  const lines: string[] = [CSV_HEADER.join(';')];
  let anyBlank = false;
  for (const section of diagnostic.sections) {
    for (const row of section.rows) {
      const { statuses } = row;
      anyBlank ||= Object.values(statuses).some((status) => status === 'primary' || status === 'secondary');
      lines.push(
        [
          csvCell(section.id),
          csvCell(section.title),
          csvCell(row.id),
          csvCell(row.label),
          csvCell(row.unit),
          codeCell(diagnostic.territory.code),
          field(statuses.value, row.value),
          field(statuses.share, row.share),
          codeCell(diagnostic.reference.code),
          field(statuses.referenceValue, row.referenceValue),
          field(statuses.referenceShare, row.referenceShare),
          csvCell(row.notableLabel ?? ''),
          row.date ?? '',
          csvCell(row.source ?? ''),
        ].join(';'),
      );
    }
  }
  const footnotes: string[] = [];
  if (anyBlank) footnotes.push(SECRET_FOOTNOTE);
  if (diagnostic.synthetic) footnotes.push(SYNTHETIC_FOOTNOTE);
  for (const note of diagnostic.notes) footnotes.push(`${note.subject} : ${note.message}`);
  if (footnotes.length > 0) lines.push('', ...footnotes.map(csvCell));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
