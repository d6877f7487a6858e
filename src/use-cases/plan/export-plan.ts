/**
 * Exports the plan of a convention as an action-plan file (XLSX, ODS or CSV; docs/plan-import.md),
 * as the actor may see it (confidential fiches only for those allowed). Account pilots are written
 * by their e-mail, so that the file imports back. Reading writes nothing.
 */
import { findPlan } from '../../db/repositories/plan.repository.js';
import { findUserById } from '../../db/repositories/user.repository.js';
import { type PlanFileFormat, writePlanFile } from '../../imports/plan/index.js';
import type { Context } from '../context.js';
import { emptyPlan, readableConvention, visiblePlan } from './plan-access.js';
import { planToFile } from './plan-file-mapping.js';

export const PLAN_FILE_TYPES: Record<PlanFileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportedPlan {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export async function exportPlan(
  ctx: Context,
  conventionId: string,
  format: PlanFileFormat,
): Promise<ExportedPlan> {
  const { stored, rights } = await readableConvention(ctx.db, ctx.actor, conventionId);
  const plan = visiblePlan(
    ctx.actor,
    rights,
    (await findPlan(ctx.db, conventionId)) ?? emptyPlan(conventionId),
  );
  const emails = new Map<string, string | null>();
  for (const fiche of plan.fiches) {
    for (const pilot of [fiche.pilots, ...fiche.subActions.map((s) => s.pilots)].flat()) {
      if (pilot.kind !== 'account' || emails.has(pilot.userId)) continue;
      const user = await findUserById(ctx.db, pilot.userId);
      emails.set(pilot.userId, user && !user.anonymisedAt ? user.email : null);
    }
  }
  const bytes = await writePlanFile(
    planToFile(plan, (id) => emails.get(id) ?? null),
    format,
  );
  return {
    fileName: `plan-d-action-${stored.territoryCode}.${format}`,
    contentType: PLAN_FILE_TYPES[format],
    bytes,
  };
}
