/**
 * The plan as the API answers it: amounts (cents, hundredths of a full-time equivalent) as strings
 * of digits, never as JSON numbers that a client would read as floats; dates as ISO text.
 */
import type { PlanComment } from '../../../db/repositories/plan.repository.js';
import type { Fiche } from '../../../domain/plan/model.js';
import { AppError, isAppError } from '../../../domain/shared/app-error.js';
import type { FicheView } from '../../../use-cases/plan/get-fiche.js';
import type { PlanView } from '../../../use-cases/plan/get-plan.js';

/** JSON-safe copy: a bigint becomes its decimal string, a Date its ISO text. */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

export function ficheJson(fiche: Fiche) {
  return jsonSafe(fiche) as Record<string, unknown>;
}

export function planJson(view: PlanView) {
  const { plan } = view;
  return {
    convention: view.convention,
    version: plan.version,
    validation: plan.validation,
    project: plan.project,
    axes: plan.axes,
    fiches: plan.fiches.map(ficheJson),
    indicators: plan.indicators,
    hiddenFiches: view.hiddenFiches,
    rights: view.rights,
    pilotedFicheIds: view.pilotedFicheIds,
  };
}

const commentJson = (c: PlanComment) => ({
  id: c.id,
  author: c.authorLabel,
  organisation: c.authorOrganisation,
  createdAt: c.createdAt.toISOString(),
  text: c.text,
});

export function ficheViewJson(view: FicheView) {
  return {
    conventionId: view.conventionId,
    fiche: ficheJson(view.fiche),
    mayEdit: view.mayEdit,
    byPilot: view.byPilot,
    comments: view.comments.map(commentJson),
  };
}

/** Runs an API handler; an error's details holding amounts (a 409 carrying the fiche) are made JSON-safe. */
export async function withJsonErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.details !== null) {
      throw new AppError(error.code, { message: error.message, details: jsonSafe(error.details) });
    }
    throw error;
  }
}
