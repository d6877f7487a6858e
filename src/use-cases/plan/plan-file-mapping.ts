/**
 * Between the plan as stored (ids) and the plan as a file holds it (references `1.2`, pilots by
 * e-mail): ids are given on import, references computed on export. Pure functions; the use cases
 * look up the accounts.
 */
import { randomUUID } from 'node:crypto';
import type { Axe, Fiche, Indicator, Pilot, Plan, SubAction } from '../../domain/plan/model.js';
import {
  ficheReference,
  type PilotRef,
  type PlanFile,
  type PlanFileFiche,
  type PlanFileFields,
} from '../../imports/plan/index.js';

/** The plan as a file holds it; `emailOf` gives an account pilot's e-mail (null: named by their name). */
export function planToFile(plan: Plan, emailOf: (userId: string) => string | null): PlanFile {
  const axePosition = new Map(plan.axes.map((a) => [a.id, a.position]));
  const referenceOf = new Map(plan.fiches.map((f) => [f.id, `${axePosition.get(f.axeId)}.${f.position}`]));
  const pilots = (list: Pilot[]): PilotRef[] =>
    list.map((p) => {
      if (p.kind === 'person') return { kind: 'person', name: p.name };
      const email = emailOf(p.userId);
      return email ? { kind: 'account', email } : { kind: 'person', name: p.name };
    });
  const fields = (f: Fiche | SubAction): PlanFileFields => ({
    title: f.title,
    description: f.description,
    status: f.status,
    priority: f.priority,
    startDate: f.startDate,
    endDate: f.endDate,
    recurring: f.recurring,
    pilots: pilots(f.pilots),
    budget: f.budget,
  });
  const fiches: PlanFileFiche[] = plan.fiches
    .filter((f) => axePosition.has(f.axeId))
    .map((f) => ({
      ...fields(f),
      axe: axePosition.get(f.axeId)!,
      position: f.position,
      theme: f.theme,
      publics: f.publics,
      objectives: f.objectiveIds,
      electedReferent: f.electedReferent,
      partners: f.partners,
      humanMeans: f.humanMeans,
      technicalMeans: f.technicalMeans,
      participation: f.participation,
      evaluationCriteria: f.evaluationCriteria,
      notes: f.notes.map((n) => ({ date: n.date, text: n.text })),
      linkedFiches: f.linkedFicheIds.flatMap((id) => (referenceOf.has(id) ? [referenceOf.get(id)!] : [])),
      confidential: f.confidential,
      subActions: [...f.subActions]
        .sort((a, b) => a.position - b.position)
        .map((s) => ({ ...fields(s), position: s.position })),
    }))
    .sort((a, b) => a.axe - b.axe || a.position - b.position);
  return {
    axes: [...plan.axes]
      .sort((a, b) => a.position - b.position)
      .map((a) => ({ position: a.position, title: a.title, description: a.description })),
    fiches,
    indicators: plan.indicators
      .filter((i) => i.ficheId === null || referenceOf.has(i.ficheId))
      .map((i) => ({
        fiche: i.ficheId === null ? null : referenceOf.get(i.ficheId)!,
        objective: i.ficheId === null ? i.objectiveId : null,
        title: i.title,
        unit: i.unit,
        baselineValue: i.baselineValue,
        baselineDate: i.baselineDate,
        source: i.source,
        comment: i.comment,
        diagnosticIndicatorId: i.diagnosticIndicatorId,
        values: i.values,
      })),
  };
}

/** The stored plan's parts from a file; `userIdOf` gives the account of an e-mail (checked before). */
export function fileToPlan(
  file: PlanFile,
  userIdOf: (email: string) => { userId: string; name: string },
  newId: () => string = randomUUID,
): { axes: Axe[]; fiches: Fiche[]; indicators: Indicator[] } {
  const axes: Axe[] = file.axes.map((a) => ({
    id: newId(),
    position: a.position,
    title: a.title,
    description: a.description,
  }));
  const axeId = new Map(file.axes.map((a, n) => [a.position, axes[n]!.id]));
  const ficheId = new Map(file.fiches.map((f) => [ficheReference(f), newId()]));
  const pilots = (list: PilotRef[]): Pilot[] =>
    list.map((p) => (p.kind === 'person' ? p : { kind: 'account', ...userIdOf(p.email) }));
  const fiches: Fiche[] = file.fiches.map((f) => ({
    id: ficheId.get(ficheReference(f))!,
    axeId: axeId.get(f.axe)!,
    position: f.position,
    title: f.title,
    description: f.description,
    status: f.status,
    priority: f.priority,
    startDate: f.startDate,
    endDate: f.endDate,
    recurring: f.recurring,
    pilots: pilots(f.pilots),
    budget: f.budget,
    theme: f.theme,
    publics: f.publics,
    objectiveIds: f.objectives,
    electedReferent: f.electedReferent,
    partners: f.partners,
    humanMeans: f.humanMeans,
    technicalMeans: f.technicalMeans,
    participation: f.participation,
    evaluationCriteria: f.evaluationCriteria,
    notes: f.notes.map((n) => ({ id: newId(), date: n.date, text: n.text, authorId: null })),
    linkedFicheIds: f.linkedFiches.map((reference) => ficheId.get(reference)!),
    confidential: f.confidential,
    subActions: f.subActions.map((s) => ({
      id: newId(),
      position: s.position,
      title: s.title,
      description: s.description,
      status: s.status,
      priority: s.priority,
      startDate: s.startDate,
      endDate: s.endDate,
      recurring: s.recurring,
      pilots: pilots(s.pilots),
      budget: s.budget,
    })),
    version: 1,
    updatedAt: '',
  }));
  const indicators: Indicator[] = file.indicators.map((i) => ({
    id: newId(),
    ficheId: i.fiche === null ? null : ficheId.get(i.fiche)!,
    objectiveId: i.objective,
    title: i.title,
    unit: i.unit,
    baselineValue: i.baselineValue,
    baselineDate: i.baselineDate,
    source: i.source,
    comment: i.comment,
    diagnosticIndicatorId: i.diagnosticIndicatorId,
    // A file names the diagnostic row only: its published figure is read when it is linked on the indicator's page.
    diagnosticFigure: null,
    values: i.values,
  }));
  return { axes, fiches, indicators };
}
