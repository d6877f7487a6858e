/**
 * Creates or replaces an indicator (article 9): on a fiche or on an objective, its unit, baseline,
 * targets and results per year (one row per year and kind). The territory's agents edit every
 * indicator; a pilot edits those of the fiches they lead.
 */
import { randomUUID } from 'node:crypto';
import {
  findPlan,
  insertIndicators,
  nextIndicatorPosition,
  saveIndicator as saveIndicatorRow,
} from '../../db/repositories/plan.repository.js';
import type { Indicator } from '../../domain/plan/model.js';
import { indicatorInputSchema } from '../../domain/plan/schema.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changePlan, mayEditFiche, maySeeFiche } from './plan-access.js';
import { planInvalid } from './plan-errors.js';

export async function saveIndicator(
  ctx: Context,
  conventionId: string,
  input: { id?: string | undefined; indicator: unknown },
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
    const indicator: Indicator = { id: before?.id ?? randomUUID(), ...fields };
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
