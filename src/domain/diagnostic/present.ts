/**
 * Output shapes of a protected diagnostic for the CLI, the API and downloads: a JSON view model
 * and a CSV file (`;`, UTF-8 with BOM, French decimals). Both take only a ProtectedDiagnostic, so
 * nothing can be presented that has not gone through statistical secrecy.
 */

import type { IsoDate } from '../shared/dates.js';
import type { SectionId, Unit } from './catalogue.js';
import { DEFAULT_NOTABLE_RULE, type Notable } from './compute.js';
import type { ProtectedDiagnostic, ProtectedRow, PublishedStatus } from './protection.js';
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
  /** "secret" for a blanked figure, whatever the reason: no output says why. */
  status: PublishedStatus;
  notable: Notable | null;
  notableLabel: string | null;
  statuses: ProtectedRow['statuses'];
  /** The share is of the département's figure, not of a figure of the territory. */
  shareOfReference: boolean;
  unit: Unit;
  date: IsoDate | null;
  source: string | null;
}

export interface SectionView {
  id: SectionId;
  title: string;
  rows: RowView[];
  /** Source lines of the section's figures, printed under its table ("Insee RP2019"). */
  sources: string[];
  /** Notes imported with the section's figures, printed under its table. */
  notes: string[];
}

export interface DiagnosticView {
  territory: TerritoryView;
  reference: TerritoryView;
  synthetic: boolean;
  /** For an EPCI or a département: how many of its communes have figures, and the sentence saying so. */
  coverage: { communes: number; withFigures: number; text: string } | null;
  sections: SectionView[];
  notes: { code: string; territory: string; indicator: string; text: string }[];
}

/**
 * "12 communes sur 19 ont des chiffres" and what follows from it: a count of the territory is the
 * sum of its communes', given only where every commune has that figure.
 */
export function coverageText(coverage: { total: number; withFigures: number }): string {
  const { total, withFigures } = coverage;
  if (total === 0) return 'Aucune commune membre connue : les chiffres ne peuvent pas être additionnés.';
  const have =
    withFigures === total
      ? `Les ${total} communes membres ont des chiffres`
      : `${withFigures} commune${withFigures > 1 ? 's' : ''} sur ${total} ${withFigures > 1 ? 'ont' : 'a'} des chiffres`;
  return `${have} : chaque effectif et chaque montant est la somme de ceux des communes, donné seulement quand toutes l’ont ; les parts et les taux sont calculés sur ces sommes, et un taux n’est repris que s’il a été publié pour le territoire lui-même.`;
}

export const SECRET_MARK = 's';
/** The one footnote of the one sign: it names no reason, since no output tells the reasons apart. */
export const SECRET_FOOTNOTE = 's : valeur couverte par le secret statistique.';
const RELATIVE_GAP = `${DEFAULT_NOTABLE_RULE.minRelativeGap * 100} %`;
/** The legend of the notable gaps: they are marked in words, never by colour alone. */
export const NOTABLE_FOOTNOTE = `« nettement supérieur » ou « nettement inférieur » : la part ou le taux s’écarte de celui du département de plus de ${DEFAULT_NOTABLE_RULE.minPoints} points et de plus de ${RELATIVE_GAP} (une moyenne, de plus de ${RELATIVE_GAP}).`;

/** "Sources : Insee RP2019, Caf au 31/12/2022", as the seed prints it under each table. */
export function sourcesLine(sources: readonly string[]): string | null {
  return sources.length > 0 ? `Sources : ${sources.join(', ')}` : null;
}
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
    coverage: diagnostic.coverage
      ? {
          communes: diagnostic.coverage.total,
          withFigures: diagnostic.coverage.withFigures,
          text: coverageText(diagnostic.coverage),
        }
      : null,
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
        shareOfReference: row.shareOfReference,
        unit: row.unit,
        date: row.date,
        source: row.source,
      })),
      sources: section.sources,
      notes: section.notes,
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
function field(status: PublishedStatus, value: IndicatorValue | null): string {
  if (status === 'secret') return SECRET_MARK;
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

/**
 * The lines printed below a flat table (CSV, XLSX) for each section, as the seed prints them under
 * each of its tables: "Démographie — Sources : Insee RP2019, Caf au 31/12/2022", then its notes.
 */
export function sectionFootnotes(
  sections: readonly { title: string; sources: readonly string[]; notes: readonly string[] }[],
): string[] {
  const lines: string[] = [];
  for (const section of sections) {
    const sources = sourcesLine(section.sources);
    if (sources) lines.push(`${section.title} — ${sources}`);
    for (const note of section.notes) lines.push(`${section.title} — ${note}`);
  }
  return lines;
}

export function diagnosticToCsv(diagnostic: ProtectedDiagnostic): string {
  const lines: string[] = [CSV_HEADER.join(';')];
  let anyBlank = false;
  for (const section of diagnostic.sections) {
    for (const row of section.rows) {
      const { statuses } = row;
      anyBlank ||= Object.values(statuses).some((status) => status === 'secret');
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
  const footnotes: string[] = [...sectionFootnotes(diagnostic.sections)];
  if (anyBlank) footnotes.push(SECRET_FOOTNOTE);
  if (diagnostic.sections.some((s) => s.rows.some((r) => r.notable))) footnotes.push(NOTABLE_FOOTNOTE);
  if (diagnostic.synthetic) footnotes.push(SYNTHETIC_FOOTNOTE);
  for (const note of diagnostic.notes) footnotes.push(`${note.subject} : ${note.message}`);
  if (footnotes.length > 0) lines.push('', ...footnotes.map(csvCell));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
