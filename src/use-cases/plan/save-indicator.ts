/**
 * Creates or replaces an indicator (article 9): on a fiche or on an objective, its unit, baseline,
 * targets and results per year (one row per year and kind). The territory's agents edit every
 * indicator; a pilot edits those of the fiches they lead.
 *
 * A row of the diagnostic as indicator: when the caller hands in `published` (the figures of the
 * territory's diagnostic as published, after statistical secrecy, read by the caller through the
 * diagnostic area), the indicator keeps the figure of its row as published when it was linked —
 * what the partners agreed to follow, and what the signed convention's annexe 2 prints. A row
 * already linked keeps its stored figure unless `refreshFigure` asks for the figure published now;
 * a row the published diagnostic does not have is refused. Without `published` (an import), a new
 * link is stored without figure and an unchanged one keeps its own.
 */
import { randomUUID } from 'node:crypto';
import {
  findPlan,
  insertIndicators,
  nextIndicatorPosition,
  saveIndicator as saveIndicatorRow,
} from '../../db/repositories/plan.repository.js';
import type { Indicator, PublishedFigure } from '../../domain/plan/model.js';
import { indicatorInputSchema } from '../../domain/plan/schema.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changePlan, mayEditFiche, maySeeFiche } from './plan-access.js';
import { planInvalid } from './plan-errors.js';

export async function saveIndicator(
  ctx: Context,
  conventionId: string,
  input: {
    id?: string | undefined;
    indicator: unknown;
    /** The published rows of the territory's diagnostic by indicator id (see above). */
    published?: ReadonlyMap<string, PublishedFigure> | undefined;
    /** Take the figure published now for a row already linked. */
    refreshFigure?: boolean | undefined;
  },
): Promise<Indicator> {
  const parsed = indicatorInputSchema.safeParse(input.indicator);
  if (!parsed.success) throw planInvalid(parsed.error);
  const fields = {
    ...parsed.data,
    values: [...parsed.data.values].sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind)),
  };
  return changePlan(ctx, conventionId, 'edit_or_pilot', async ({ tx, rights, audit }) => {
    const plan = (await findPlan(tx, conventionId))!;
    const before = input.id ? plan.indicators.find((i) => i.id === input.id) : undefined;
    if (input.id && !before) throw new AppError('PLAN_INDICATOR_NOT_FOUND', { details: { id: input.id } });
    // Whoever edits must hold the fiche the indicator was on and the one it goes to.
    for (const ficheId of [before?.ficheId, fields.ficheId]) {
      if (!ficheId) {
        if (!rights.edit && (before || fields.ficheId === null)) throw new AppError('FORBIDDEN');
        continue;
      }
      const fiche = plan.fiches.find((f) => f.id === ficheId);
      if (!fiche || !maySeeFiche(ctx.actor, rights, fiche)) {
        throw new AppError('PLAN_INVALID', {
          details: { problems: ['Fiche : cette fiche n’existe pas dans le plan.'] },
        });
      }
      if (!mayEditFiche(ctx.actor, rights, fiche)) throw new AppError('FORBIDDEN');
    }
    if (fields.objectiveId && !plan.project.objectives.some((o) => o.id === fields.objectiveId)) {
      throw new AppError('PLAN_INVALID', {
        details: { problems: ['Objectif : cet objectif n’existe pas dans le projet.'] },
      });
    }
    const indicator: Indicator = {
      id: before?.id ?? randomUUID(),
      ...fields,
      diagnosticFigure: figureOf(fields.diagnosticIndicatorId, before, input),
    };
    if (before) await saveIndicatorRow(tx, conventionId, indicator);
    else await insertIndicators(tx, conventionId, [indicator], await nextIndicatorPosition(tx, conventionId));
    await audit({
      action: before ? 'plan.indicator.update' : 'plan.indicator.create',
      entityType: 'plan_indicator',
      entityId: indicator.id,
      before,
      after: indicator,
    });
    return indicator;
  });
}

/** The published figure the indicator keeps for its diagnostic row (see above). */
function figureOf(
  rowId: string | null,
  before: Indicator | undefined,
  input: {
    published?: ReadonlyMap<string, PublishedFigure> | undefined;
    refreshFigure?: boolean | undefined;
  },
): PublishedFigure | null {
  if (!rowId) return null;
  const kept = before?.diagnosticIndicatorId === rowId ? before.diagnosticFigure : null;
  if (kept && !input.refreshFigure) return { ...kept };
  if (!input.published) return kept;
  const published = input.published.get(rowId);
  if (!published) {
    throw new AppError('PLAN_INVALID', {
      details: {
        problems: [
          `Indicateur du diagnostic : la ligne « ${rowId} » ne figure pas dans le diagnostic publié du territoire.`,
        ],
      },
    });
  }
  return { label: published.label, value: published.value, year: published.year, source: published.source };
}
