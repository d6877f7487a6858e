/**
 * Saves the project of the territory (needs with their evidence, objectives under the Caf's four
 * missions, the Caf's priorities, the local authority's actions, structures and partners), guarded
 * by the version the page read: a stale save is a 409 naming who saved since and carrying the
 * project as they left it.
 *
 * Evidence from the diagnostic: when the caller hands in `published` (the territory's diagnostic as
 * published, after statistical secrecy, read by the caller through the diagnostic area), a need's
 * evidence names rows by their indicator id only: a row the need already cited keeps the figures
 * stored when it was cited (« as published then »), a new one takes the published figures, and a
 * row the diagnostic does not publish is refused. What the caller typed as label or value is never
 * stored. Without `published` (an import, the demo), the evidence is stored as given.
 */
import { listAudit } from '../../db/repositories/audit.repository.js';
import { findPlan, saveProject } from '../../db/repositories/plan.repository.js';
import { authorLabel } from '../../domain/access/access.js';
import type { DiagnosticEvidence, Project } from '../../domain/plan/model.js';
import { projectSchema } from '../../domain/plan/schema.js';
import { AppError, ERRORS } from '../../domain/shared/app-error.js';
import { formatFrenchDateTime } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';
import { changePlan } from './plan-access.js';
import { planInvalid } from './plan-errors.js';

export async function updateProject(
  ctx: Context,
  conventionId: string,
  input: {
    project: unknown;
    expectedVersion?: number | undefined;
    /** The territory's published diagnostic rows by indicator id (see above). */
    published?: ReadonlyMap<string, DiagnosticEvidence> | undefined;
  },
): Promise<{ version: number }> {
  const parsed = projectSchema.safeParse(input.project);
  if (!parsed.success) throw planInvalid(parsed.error);
  const given: Project = parsed.data;
  const problems = projectProblems(given);
  if (problems.length) throw new AppError('PLAN_INVALID', { details: { problems } });
  return changePlan(ctx, conventionId, 'edit', async ({ tx, header, now, audit }) => {
    // A plan made by this very change (version 1, nothing saved yet) is not stale for a page that saw none.
    const expected = input.expectedVersion ?? header.version;
    if (expected !== header.version && !(expected === 0 && header.version === 1)) {
      throw await staleProjectError(tx, conventionId, header.project, expected, header.version);
    }
    const project = input.published ? withPublishedEvidence(given, header.project, input.published) : given;
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

/** The 409 of a save from a stale project page: who saved since, when, and the project as they left it. */
async function staleProjectError(
  tx: Parameters<typeof listAudit>[0],
  conventionId: string,
  current: Project,
  formVersion: number,
  currentVersion: number,
): Promise<AppError> {
  const { rows } = await listAudit(tx, {
    entityType: 'plan',
    entityId: conventionId,
    action: 'plan.project.update',
    limit: 1,
    offset: 0,
  });
  const last = rows[0];
  const by = last
    ? ` Dernier enregistrement par ${authorLabel(last.actor)} le ${formatFrenchDateTime(last.at)}.`
    : '';
  return new AppError('PLAN_STALE', {
    message: `${ERRORS.PLAN_STALE.message}${by}`,
    details: { formVersion, currentVersion, current },
  });
}

/** The evidence of each need as stored or as published now; a row not published is refused. */
function withPublishedEvidence(
  project: Project,
  stored: Project,
  published: ReadonlyMap<string, DiagnosticEvidence>,
): Project {
  const problems: string[] = [];
  const needs = project.needs.map((need, n) => {
    const before = stored.needs.find((s) => s.id === need.id)?.evidence ?? [];
    const seen = new Set<string>();
    const evidence: DiagnosticEvidence[] = [];
    for (const item of need.evidence) {
      if (seen.has(item.indicatorId)) continue;
      seen.add(item.indicatorId);
      const kept = before.find((b) => b.indicatorId === item.indicatorId) ?? published.get(item.indicatorId);
      if (kept) evidence.push({ ...kept });
      else
        problems.push(
          `Besoins, ligne ${n + 1}, données du diagnostic : la ligne « ${item.indicatorId} » ne figure pas dans le diagnostic publié du territoire.`,
        );
    }
    return { ...need, evidence };
  });
  if (problems.length) throw new AppError('PLAN_INVALID', { details: { problems } });
  return { ...project, needs };
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
