/**
 * Saves the project of the territory (needs with their evidence, objectives under the Caf's four
 * missions, the Caf's priorities, the local authority's actions, structures and partners), guarded
 * by the version the page read: a stale save is a 409 naming who saved since.
 */
import { findPlan, saveProject } from '../../db/repositories/plan.repository.js';
import type { Project } from '../../domain/plan/model.js';
import { projectSchema } from '../../domain/plan/schema.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changePlan } from './plan-access.js';
import { planInvalid } from './plan-errors.js';

export async function updateProject(
  ctx: Context,
  conventionId: string,
  input: { project: unknown; expectedVersion?: number | undefined },
): Promise<{ version: number }> {
  const parsed = projectSchema.safeParse(input.project);
  if (!parsed.success) throw planInvalid(parsed.error);
  const project: Project = parsed.data;
  const problems = projectProblems(project);
  if (problems.length) throw new AppError('PLAN_INVALID', { details: { problems } });
  return changePlan(ctx, conventionId, 'edit', async ({ tx, header, now, audit }) => {
    // A plan made by this very change (version 1, nothing saved yet) is not stale for a page that saw none.
    const expected = input.expectedVersion ?? header.version;
    if (expected !== header.version && !(expected === 0 && header.version === 1)) {
      throw new AppError('PLAN_STALE', {
        details: { formVersion: expected, currentVersion: header.version },
      });
    }
    // Objectives still used by fiches may not disappear.
    const plan = await findPlan(tx, conventionId);
    const kept = new Set(project.objectives.map((o) => o.id));
    const used = (plan?.fiches ?? []).filter((f) => f.objectiveIds.some((id) => !kept.has(id)));
    if (used.length) {
      throw new AppError('PLAN_INVALID', {
        details: {
          problems: used.map(
            (f) => `Objectifs : un objectif retiré est encore servi par la fiche « ${f.title} ».`,
          ),
        },
      });
    }
    const version = await saveProject(tx, conventionId, project, header.version, now);
    await audit({
      action: 'plan.project.update',
      entityType: 'plan',
      entityId: conventionId,
      before: { version: header.version, project: header.project },
      after: { version, project },
    });
    return { version: version! };
  });
}

function projectProblems(project: Project): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const all = [
    ...project.needs.map((n) => n.id),
    ...project.objectives.map((o) => o.id),
    ...project.cafPriorities.map((p) => p.id),
    ...project.localActions.map((a) => a.id),
  ];
  for (const id of all) {
    if (seen.has(id)) problems.push(`L’identifiant « ${id} » est donné deux fois.`);
    seen.add(id);
  }
  const needs = new Set(project.needs.map((n) => n.id));
  for (const o of project.objectives) {
    for (const id of o.needIds) {
      if (!needs.has(id)) problems.push(`Objectif « ${o.title} » : le besoin « ${id} » n’existe pas.`);
    }
  }
  return problems;
}
