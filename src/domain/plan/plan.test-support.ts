/** Small builders of plans, fiches and indicators for the plan's tests. */
import {
  type Axe,
  type BudgetLine,
  EMPTY_PROJECT,
  type Fiche,
  type Indicator,
  type Objective,
  type Plan,
  type SubAction,
} from './model.js';

export function axe(position: number, over: Partial<Axe> = {}): Axe {
  return { id: `axe-${position}`, position, title: `Axe ${position}`, description: '', ...over };
}

export function fiche(id: string, over: Partial<Fiche> = {}): Fiche {
  return {
    id,
    axeId: 'axe-1',
    position: 1,
    title: `Fiche ${id}`,
    description: '',
    status: 'in_progress',
    priority: null,
    startDate: null,
    endDate: null,
    recurring: false,
    pilots: [],
    budget: [],
    theme: null,
    publics: [],
    objectiveIds: [],
    electedReferent: '',
    partners: [],
    humanMeans: '',
    technicalMeans: '',
    participation: 'none',
    evaluationCriteria: [],
    notes: [],
    linkedFicheIds: [],
    confidential: false,
    subActions: [],
    version: 1,
    updatedAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

export function subAction(id: string, position: number, over: Partial<SubAction> = {}): SubAction {
  return {
    id,
    position,
    title: `Sous-action ${id}`,
    description: '',
    status: 'planned',
    priority: null,
    startDate: null,
    endDate: null,
    recurring: false,
    pilots: [],
    budget: [],
    ...over,
  };
}

export function line(over: Partial<BudgetLine> = {}): BudgetLine {
  return {
    year: 2025,
    nature: 'operating',
    unit: 'eur',
    stage: 'planned',
    amount: 0n,
    coFunders: [],
    ...over,
  };
}

export function indicator(id: string, over: Partial<Indicator> = {}): Indicator {
  return {
    id,
    ficheId: null,
    objectiveId: null,
    title: `Indicateur ${id}`,
    unit: '',
    baselineValue: null,
    baselineDate: null,
    source: '',
    comment: '',
    diagnosticIndicatorId: null,
    diagnosticFigure: null,
    values: [],
    ...over,
  };
}

export function objective(id: string, over: Partial<Objective> = {}): Objective {
  return { id, mission: 'conciliation', title: `Objectif ${id}`, needIds: [], ...over };
}

export function plan(over: Partial<Plan> = {}): Plan {
  return {
    conventionId: 'conv-1',
    project: EMPTY_PROJECT,
    axes: [axe(1), axe(2)],
    fiches: [],
    indicators: [],
    validation: null,
    version: 1,
    ...over,
  };
}
