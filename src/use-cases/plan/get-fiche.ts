/** One fiche action as the actor may see it: the fiche, its plan's context, comments and history. */
import { listAudit } from '../../db/repositories/audit.repository.js';
import { findPlan, listComments, type PlanComment } from '../../db/repositories/plan.repository.js';
import { type FicheFileInfo, listFicheFiles } from '../../db/repositories/plan-file.repository.js';
import { authorLabel } from '../../domain/access/access.js';
import type { Fiche, Plan } from '../../domain/plan/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { conventionOfFiche } from './fiche-access.js';
import { mayEditFiche, type PlanRights, readableConvention, visiblePlan } from './plan-access.js';

export interface FicheView {
  conventionId: string;
  territoryName: string;
  fiche: Fiche;
  plan: Plan;
  rights: PlanRights;
  mayEdit: boolean;
  /** Whether the actor edits as the fiche's pilot only (who leads it and where it sits are not theirs). */
  byPilot: boolean;
  comments: PlanComment[];
  /** The documents attached to the fiche (without their bytes). */
  files: FicheFileInfo[];
  history: { at: Date; by: string; action: string }[];
}

export async function getFiche(ctx: Context, ficheId: string): Promise<FicheView> {
  const conventionId = await conventionOfFiche(ctx, ficheId);
  const { stored, rights } = await readableConvention(ctx.db, ctx.actor, conventionId);
  const plan = visiblePlan(ctx.actor, rights, (await findPlan(ctx.db, conventionId))!);
  const fiche = plan.fiches.find((f) => f.id === ficheId);
  if (!fiche) throw new AppError('PLAN_FICHE_NOT_FOUND', { details: { id: ficheId } });
  const { rows } = await listAudit(ctx.db, {
    entityType: 'plan_fiche',
    entityId: ficheId,
    limit: 100,
    offset: 0,
  });
  const mayEdit = mayEditFiche(ctx.actor, rights, fiche);
  return {
    conventionId,
    territoryName: stored.territoryName,
    fiche,
    plan,
    rights,
    mayEdit,
    byPilot: mayEdit && !rights.edit,
    comments: await listComments(ctx.db, ficheId),
    files: await listFicheFiles(ctx.db, ficheId),
    history: rows.map((r) => ({ at: r.at, by: authorLabel(r.actor), action: r.action })),
  };
}
