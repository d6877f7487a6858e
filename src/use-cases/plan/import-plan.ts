/**
 * Imports an action-plan file (docs/plan-import.md) into the plan of a convention, all-or-nothing:
 * the file is read and validated first (every error with its line and column), then, in the plan's
 * transaction, its pilots' e-mails are resolved to accounts that may reach the convention and its
 * objectives checked against the project; only then are the plan's axes, fiches and indicators
 * replaced by the file's. A refused file changes nothing.
 */
import {
  clearPlanContent,
  findPlan,
  insertAxes,
  insertFiches,
  insertIndicators,
} from '../../db/repositories/plan.repository.js';
import { findUserByEmail } from '../../db/repositories/user.repository.js';
import { AppError, isAppError } from '../../domain/shared/app-error.js';
import { type PlanFileFormat, type PlanImportError, readPlanFile } from '../../imports/plan/index.js';
import { planError } from '../../imports/plan/validate.js';
import type { Context } from '../context.js';
import { changePlan, checkPilotAccounts } from './plan-access.js';
import { fileToPlan } from './plan-file-mapping.js';

export interface ImportPlanInput {
  conventionId: string;
  fileName: string;
  bytes: Uint8Array;
  format: PlanFileFormat;
}

export interface ImportPlanResult {
  axes: number;
  fiches: number;
  subActions: number;
  indicators: number;
  /** What the import replaced. */
  replaced: { axes: number; fiches: number; indicators: number };
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
  const read = await readPlanFile(input.bytes, input.format);
  if (!read.ok) throw planImportRefused(input.fileName, read.errors);
  return changePlan(ctx, input.conventionId, 'edit', async ({ tx, facts, header, now, audit }) => {
    const errors: PlanImportError[] = [];
    const accounts = new Map<string, { userId: string; name: string }>();
    const objectives = new Set(header.project.objectives.map((o) => o.id));
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
      // Accounts' e-mails are stored in lower case.
      const user = await findUserByEmail(tx, key);
      let names: Map<string, string> | undefined;
      if (user) {
        try {
          names = await checkPilotAccounts(tx, facts, [user.id]);
        } catch (error) {
          if (!isAppError(error) || error.code !== 'PLAN_PILOT_UNKNOWN') throw error;
        }
      }
      if (!user || !names) {
        errors.push(
          planError(
            reference,
            `« ${reference.value} » n’est l’adresse d’aucun compte actif ayant accès à cette convention (écrivez le nom de la personne pour un pilote sans compte).`,
          ),
        );
        accounts.set(key, { userId: '', name: '' });
      } else accounts.set(key, { userId: user.id, name: names.get(user.id) ?? user.displayName });
    }
    if (errors.length > 0) throw planImportRefused(input.fileName, errors);

    const before = await findPlan(tx, input.conventionId);
    const plan = fileToPlan(read.plan, (email) => accounts.get(email.toLowerCase())!);
    const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    await clearPlanContent(tx, input.conventionId);
    await insertAxes(tx, input.conventionId, plan.axes);
    await insertFiches(tx, input.conventionId, plan.fiches, now, by);
    await insertIndicators(tx, input.conventionId, plan.indicators, 1);
    const result: ImportPlanResult = {
      axes: plan.axes.length,
      fiches: plan.fiches.length,
      subActions: plan.fiches.reduce((n, f) => n + f.subActions.length, 0),
      indicators: plan.indicators.length,
      replaced: {
        axes: before?.axes.length ?? 0,
        fiches: before?.fiches.length ?? 0,
        indicators: before?.indicators.length ?? 0,
      },
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
      },
    });
    return result;
  });
}
