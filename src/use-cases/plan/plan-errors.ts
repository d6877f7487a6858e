/** The French errors of the plan's use cases: what is wrong and in which field. */
import type { z } from 'zod';
import { AppError } from '../../domain/shared/app-error.js';

const FIELD_LABELS: Record<string, string> = {
  axeId: 'Axe',
  title: 'Titre',
  description: 'Description',
  theme: 'Thème',
  publics: 'Publics',
  objectiveIds: 'Objectifs',
  electedReferent: 'Élu référent',
  partners: 'Partenaires',
  humanMeans: 'Moyens humains',
  technicalMeans: 'Moyens techniques',
  participation: 'Participation des habitants',
  status: 'Statut',
  priority: 'Priorité',
  startDate: 'Date de début',
  endDate: 'Date de fin',
  recurring: 'Reconduite chaque année',
  confidential: 'Confidentielle',
  evaluationCriteria: 'Critères d’évaluation',
  linkedFicheIds: 'Fiches liées',
  pilots: 'Pilotes',
  budget: 'Budget',
  subActions: 'Sous-actions',
  year: 'année',
  nature: 'nature',
  unit: 'Unité',
  stage: 'prévisionnel ou réalisé',
  amount: 'montant',
  coFunders: 'cofinanceurs',
  name: 'nom',
  values: 'Valeurs',
  kind: 'nature',
  value: 'valeur',
  baselineValue: 'Valeur de référence',
  baselineDate: 'Date de la valeur de référence',
  source: 'Source',
  comment: 'Commentaire',
  ficheId: 'Fiche',
  objectiveId: 'Objectif',
  needs: 'Besoins',
  objectives: 'Objectifs',
  cafPriorities: 'Priorités de la Caf',
  localActions: 'Actions de la collectivité',
  domainResources: 'Structures et partenaires',
  mission: 'Mission',
  text: 'Texte',
  userId: 'compte',
  decision: 'Décision',
  indicatorId: 'donnée du diagnostic',
  evidence: 'Données du diagnostic',
  needIds: 'Besoins',
  structures: 'Structures',
};

/** « Budget, ligne 2, montant : … » from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part) =>
      typeof part === 'number' ? `ligne ${part + 1}` : (FIELD_LABELS[String(part)] ?? String(part)),
    )
    .join(', ');
}

export function planInvalid(error: z.ZodError): AppError {
  const problems = error.issues.map((issue) => {
    const where = fieldPath(issue.path);
    return where ? `${where} : ${frenchIssue(issue)}` : frenchIssue(issue);
  });
  return new AppError('PLAN_INVALID', { details: { problems } });
}

/** zod's own messages are English; the ones written in the plan's schemas are French and kept. */
const ZOD_DEFAULT = /^(Invalid|Too|Expected|Unrecognized|Required|Input)/;

function frenchIssue(issue: z.core.$ZodIssue): string {
  if (issue.message && !ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves the input out of its issues: its own message says whether there was one.
      return issue.input === undefined && /received undefined/.test(issue.message)
        ? 'valeur obligatoire'
        : 'valeur invalide';
    case 'invalid_value':
      return 'valeur non admise';
    case 'too_big':
      return 'trop long ou trop grand';
    case 'too_small':
      return issue.minimum === 1 ? 'valeur obligatoire' : 'trop court ou trop petit';
    case 'unrecognized_keys':
      return `champ inconnu : ${issue.keys.join(', ')}`;
    default:
      return 'valeur invalide';
  }
}

/** The one-time token a form carries (a UUID): it becomes the id of what the form creates. */
const SUBMISSION_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Refuses a malformed form token in French (a forged or mangled page). */
export function checkSubmissionToken(token: string | undefined): void {
  if (token !== undefined && !SUBMISSION_TOKEN.test(token)) {
    throw new AppError('PLAN_INVALID', {
      details: { problems: ['Jeton de formulaire invalide : rechargez la page.'] },
    });
  }
}

/** A token already used elsewhere (another convention, another fiche): the form is not this one's. */
export function usedTokenError(): AppError {
  return new AppError('PLAN_INVALID', {
    details: { problems: ['Ce formulaire a déjà servi : rechargez la page.'] },
  });
}
