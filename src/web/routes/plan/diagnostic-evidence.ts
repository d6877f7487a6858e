/**
 * The rows of a territory's published diagnostic a need may cite as evidence, with their figures as
 * published. They are read through the diagnostic area's own use case, which applies statistical
 * secrecy (a blanked cell reads « s »): the plan's use case is handed these figures and never reads
 * raw values of the diagnostic's tables, so no secret figure can be stored in a plan. The same rows
 * may be picked as indicators of the plan: `figures` holds each row's published figure with the
 * source as the diagnostic names it, and the row's unit for an indicator typed without one.
 */

import type { ConventionContent } from '../../../domain/convention/model.js';
import { formatFigure, formatShare, isBlank } from '../../../domain/diagnostic/format.js';
import type { DiagnosticEvidence, PublishedFigure } from '../../../domain/plan/model.js';
import { isAppError } from '../../../domain/shared/app-error.js';
import type { Context } from '../../../use-cases/context.js';
import { getDiagnostic } from '../../../use-cases/diagnostic/get-diagnostic.js';
import { diagnosticTerritoryOf } from '../../../use-cases/diagnostic/get-diagnostic-annex.js';

export interface EvidenceGroup {
  title: string;
  rows: DiagnosticEvidence[];
}

/** A published row picked as an indicator: its figure as published, and its unit as the catalogue has it. */
export interface PublishedIndicatorRow extends PublishedFigure {
  unit: string;
}

export interface PublishedDiagnostic {
  groups: EvidenceGroup[];
  byId: ReadonlyMap<string, DiagnosticEvidence>;
  figures: ReadonlyMap<string, PublishedIndicatorRow>;
}

/** The unit of a catalogue row as an indicator's unit reads it. */
function unitText(unit: string): string {
  return unit === 'pourcentage' ? '%' : unit;
}

/** « Diagnostic partagé (CAFDATA s_ben_com_f) », saying when the figure is made up for demonstration. */
function sourceText(source: string, synthetic: boolean): string {
  const parts = [source, synthetic ? 'données synthétiques' : ''].filter(Boolean);
  return parts.length ? `Diagnostic partagé (${parts.join(', ')})` : 'Diagnostic partagé';
}

/** The published rows of the convention's territory (none for a convention of several communes). */
export async function publishedEvidence(
  ctx: Context,
  content: ConventionContent,
): Promise<PublishedDiagnostic> {
  const code = diagnosticTerritoryOf(content);
  const byId = new Map<string, DiagnosticEvidence>();
  const figures = new Map<string, PublishedIndicatorRow>();
  if (!code) return { groups: [], byId, figures };
  let json: Awaited<ReturnType<typeof getDiagnostic>>['json'];
  try {
    json = (await getDiagnostic(ctx, code)).json;
  } catch (error) {
    if (isAppError(error) && error.code === 'TERRITORY_NOT_FOUND') return { groups: [], byId, figures };
    throw error;
  }
  const groups: EvidenceGroup[] = [];
  for (const section of json.sections) {
    const rows: DiagnosticEvidence[] = [];
    for (const row of section.rows) {
      if (byId.has(row.id)) continue;
      const blank = isBlank(row.statuses.value);
      const figure = blank ? 's' : formatFigure(row.value, row.unit);
      if (figure === null) continue;
      const share = !blank && !isBlank(row.statuses.share) ? formatShare(row.share) : null;
      const evidence: DiagnosticEvidence = {
        indicatorId: row.id,
        label: row.label,
        value:
          share && row.unit !== 'pourcentage'
            ? `${figure} (${share}${row.shareOfReference ? ' du département' : ''})`
            : figure,
        year: row.date ? Number(row.date.slice(0, 4)) : null,
      };
      byId.set(row.id, evidence);
      figures.set(row.id, {
        label: evidence.label,
        value: evidence.value,
        year: evidence.year,
        source: sourceText(row.source ?? section.sources.join(', '), row.synthetic),
        unit: unitText(row.unit),
      });
      rows.push(evidence);
    }
    if (rows.length) groups.push({ title: section.title, rows });
  }
  return { groups, byId, figures };
}
