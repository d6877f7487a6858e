/**
 * Imports an action-plan file (docs/plan-import.md) into the plan of a convention, all-or-nothing:
 * the file is read and validated first (every error with its line and column), then, in the plan's
 * transaction, its pilots' e-mails are resolved to accounts that may reach the convention and its
 * objectives checked against the project; only then are the plan's axes, fiches and indicators
 * replaced by the file's. A refused file changes nothing.
 */
import { listAudit } from '../../db/repositories/audit.repository.js';
import {
  clearPlanContent,
  countPlanContent,
  insertAxes,
  insertFiches,
  insertIndicators,
} from '../../db/repositories/plan.repository.js';
import { findUsersByEmails } from '../../db/repositories/user.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import { type PlanFileFormat, type PlanImportError, readPlanFile } from '../../imports/plan/index.js';
import { planError } from '../../imports/plan/validate.js';
import type { Context } from '../context.js';
import { changePlan, mayPilot } from './plan-access.js';
import { checkSubmissionToken } from './plan-errors.js';
import { fileToPlan } from './plan-file-mapping.js';

export interface ImportPlanInput {
  conventionId: string;
  fileName: string;
  bytes: Uint8Array;
  format: PlanFileFormat;
  /**
   * The one-time token of the upload form: the same form sent twice (a double click, a page sent
   * again) imports once, and the second send answers with the first import (`existing`).
   */
  submissionToken?: string;
}

export interface ImportPlanResult {
  axes: number;
  fiches: number;
  subActions: number;
  indicators: number;
  /** What the import replaced. */
  replaced: { axes: number; fiches: number; indicators: number };
  /** The form had already been sent: this is the earlier import's result, nothing was imported again. */
  existing?: boolean;
}

export function planImportRefused(fileName: string, errors: PlanImportError[]): AppError {
  const count = errors.length === 1 ? 'une erreur' : `${errors.length} erreurs`;
  const first = errors
    .slice(0, 3)
    .map((e) => e.message)
    .join(' ');
  const more = errors.length > 3 ? ` (et ${errors.length - 3} autre(s) erreur(s))` : '';
  return new AppError('PLAN_IMPORT_REFUSED', {
    message: `Le fichier « ${fileName} » contient ${count} ; rien n’a été importé. ${first}${more}`,
    details: errors,
  });
}

export async function importPlan(ctx: Context, input: ImportPlanInput): Promise<ImportPlanResult> {
  const token = input.submissionToken;
  checkSubmissionToken(token);
  const read = await readPlanFile(input.bytes, input.format);
  if (!read.ok) throw planImportRefused(input.fileName, read.errors);
  return changePlan(ctx, input.conventionId, 'edit', async ({ tx, facts, header, now, audit }) => {
    const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    if (token) {
      // The plan row is locked: a second send waits for the first and finds it as the plan's last
      // import (its audit row carries the form's token).
      const last = (
        await listAudit(tx, {
          entityType: 'plan',
          entityId: input.conventionId,
          action: 'plan.import',
          limit: 1,
          offset: 0,
        })
      ).rows[0];
      const after = last?.after as (Partial<ImportPlanResult> & { submissionToken?: string }) | null;
      if (last && after?.submissionToken === token && last.actorUserId === by) {
        return {
          axes: after.axes ?? 0,
          fiches: after.fiches ?? 0,
          subActions: after.subActions ?? 0,
          indicators: after.indicators ?? 0,
          replaced: last.before as ImportPlanResult['replaced'],
          existing: true,
        };
      }
    }
    const errors: PlanImportError[] = [];
    const accounts = new Map<string, { userId: string; name: string }>();
    const objectives = new Set(header.project.objectives.map((o) => o.id));
    // Accounts' e-mails are stored in lower case; all of the file's read in one query.
    const emails = read.references.filter((r) => r.kind === 'account').map((r) => r.value.toLowerCase());
    const users = new Map((await findUsersByEmails(tx, [...new Set(emails)])).map((u) => [u.email, u]));
    for (const reference of read.references) {
      if (reference.kind === 'objective') {
        if (!objectives.has(reference.value)) {
          errors.push(
            planError(
              reference,
              `l’objectif « ${reference.value} » n’existe pas dans le projet de la convention.`,
            ),
          );
        }
        continue;
      }
      const key = reference.value.toLowerCase();
      if (accounts.has(key)) continue;
      const user = users.get(key);
      if (!user || !mayPilot(user, facts)) {
        errors.push(
          planError(
            reference,
            `« ${reference.value} » n’est l’adresse d’aucun compte actif ayant accès à cette convention (écrivez le nom de la personne pour un pilote sans compte).`,
          ),
        );
        accounts.set(key, { userId: '', name: '' });
      } else accounts.set(key, { userId: user.id, name: user.displayName });
    }
    if (errors.length > 0) throw planImportRefused(input.fileName, errors);

    // What the import replaces, counted (the plan itself is not read: it is about to go).
    const replaced = await countPlanContent(tx, input.conventionId);
    const plan = fileToPlan(read.plan, (email) => accounts.get(email.toLowerCase())!);
    await clearPlanContent(tx, input.conventionId);
    await insertAxes(tx, input.conventionId, plan.axes);
    await insertFiches(tx, input.conventionId, plan.fiches, now, by);
    await insertIndicators(tx, input.conventionId, plan.indicators, 1);
    const result: ImportPlanResult = {
      axes: plan.axes.length,
      fiches: plan.fiches.length,
      subActions: plan.fiches.reduce((n, f) => n + f.subActions.length, 0),
      indicators: plan.indicators.length,
      replaced,
    };
    await audit({
      action: 'plan.import',
      entityType: 'plan',
      entityId: input.conventionId,
      before: result.replaced,
      after: {
        fileName: input.fileName,
        format: input.format,
        axes: result.axes,
        fiches: result.fiches,
        subActions: result.subActions,
        indicators: result.indicators,
        ...(token ? { submissionToken: token } : {}),
      },
    });
    return result;
  });
}

/**
 * What a plan file holds, read and validated as the import would, without touching the database
 * (its pilots' accounts and objectives are checked by the import itself). A refused file throws the
 * import's refusal, every error with its line and column.
 */
export async function previewPlanFile(
  input: Pick<ImportPlanInput, 'fileName' | 'bytes' | 'format'>,
): Promise<Pick<ImportPlanResult, 'axes' | 'fiches' | 'subActions' | 'indicators'>> {
  const read = await readPlanFile(input.bytes, input.format);
  if (!read.ok) throw planImportRefused(input.fileName, read.errors);
  return {
    axes: read.plan.axes.length,
    fiches: read.plan.fiches.length,
    subActions: read.plan.fiches.reduce((n, f) => n + f.subActions.length, 0),
    indicators: read.plan.indicators.length,
  };
}
