/**
 * What the plan gives the convention's document, read from the plan's own area: annexe 2 (the action
 * plan and its fiches) and the bodies of articles 2, 3 and 4 (the Caf's priorities, the local
 * authority's actions, the shared objectives). The plan module (`src/modules/plan.module.tsx`) hands
 * them to the convention area. Nothing for a convention whose plan holds nothing for them, nor for
 * an actor who may not read the plan: the document then prints the stored text. Confidential fiches
 * are left out whoever generates the document (see `documents/plan-annex.ts`).
 */
import { accessFacts, findConvention } from '../../db/repositories/convention.repository.js';
import { findPlan, findPlanHeader } from '../../db/repositories/plan.repository.js';
import type { Block } from '../../documents/model.js';
import {
  cafFieldsBlocks,
  localAuthorityFieldsBlocks,
  planAnnexBlocks,
  sharedObjectivesBlocks,
} from '../../documents/plan-annex.js';
import type { ArticleKey, ConventionContent } from '../../domain/convention/model.js';
import type { Project } from '../../domain/plan/model.js';
import type { Context } from '../context.js';
import { planRights } from './plan-access.js';

/** The id of a stored convention whose plan the actor may read, or null. */
async function readablePlanOf(
  ctx: Context,
  subject: { conventionId: string | null },
): Promise<string | null> {
  if (!subject.conventionId) return null;
  const stored = await findConvention(ctx.db, subject.conventionId);
  if (!stored || !planRights(ctx.actor, accessFacts(stored)).read) return null;
  return stored.id;
}

/** Annexe 2 of the convention from its plan. */
export async function planAnnexContent(
  ctx: Context,
  _content: ConventionContent,
  subject: { conventionId: string | null },
): Promise<readonly Block[] | undefined> {
  const id = await readablePlanOf(ctx, subject);
  const plan = id ? await findPlan(ctx.db, id) : undefined;
  return plan ? planAnnexBlocks(plan) : undefined;
}

const ARTICLE_WRITERS = {
  caf_fields: cafFieldsBlocks,
  local_authority_fields: localAuthorityFieldsBlocks,
  shared_objectives: (project: Project) => sharedObjectivesBlocks(project),
} satisfies Partial<
  Record<ArticleKey, (project: Project, content: ConventionContent) => Block[] | undefined>
>;

export type PlanArticle = keyof typeof ARTICLE_WRITERS;
export const PLAN_ARTICLES = Object.keys(ARTICLE_WRITERS) as PlanArticle[];

/** The body of article 2, 3 or 4 from the project of the territory. */
export function planArticleContent(article: PlanArticle) {
  return async (
    ctx: Context,
    content: ConventionContent,
    subject: { conventionId: string | null },
  ): Promise<readonly Block[] | undefined> => {
    const id = await readablePlanOf(ctx, subject);
    // The project only: the plan's row, without its fiches.
    const header = id ? await findPlanHeader(ctx.db, id) : undefined;
    return header ? ARTICLE_WRITERS[article](header.project, content) : undefined;
  };
}
