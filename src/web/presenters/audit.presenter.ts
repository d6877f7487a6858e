/** Turns an audit row's before/after values into the list of fields that changed, for reading. */

import { STATUS_LABELS } from '../../domain/convention/labels.js';
import { PLAN_AUDIT_LABELS } from '../../domain/plan/labels.js';

export interface FieldChange {
  field: string;
  /** The field's French name. */
  label: string;
  before: string;
  after: string;
}

const MAX = 160;

function show(value: unknown, field?: string): string {
  if (value === undefined || value === null) return '—';
  // A convention's status reads in French, its code beside it.
  if (field === 'status' && typeof value === 'string' && Object.hasOwn(STATUS_LABELS, value)) {
    return `${STATUS_LABELS[value as keyof typeof STATUS_LABELS]} (${value})`;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** Top-level fields whose value differs between before and after (every field of a creation). */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a)
    return before === after
      ? []
      : [{ field: 'valeur', label: fieldLabel('valeur'), before: show(before), after: show(after) }];
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys
    .filter((k) => JSON.stringify(b?.[k]) !== JSON.stringify(a?.[k]))
    .map((k) => ({ field: k, label: fieldLabel(k), before: show(b?.[k], k), after: show(a?.[k], k) }));
}

/**
 * The French label of every action code the platform writes to the journal (a test reads the code
 * for the codes it writes and fails on one without a label).
 */
export const ACTION_LABELS: Record<string, string> = {
  ...PLAN_AUDIT_LABELS,
  'session.open': 'Connexion',
  'user.create': 'Compte créé',
  'user.password_reset': 'Nouveau mot de passe donné',
  'user.disable': 'Compte désactivé',
  'user.enable': 'Compte réactivé',
  'user.roles': 'Rôles du compte modifiés',
  'user.anonymise': 'Personne anonymisée',
  'token.create': 'Jeton d’API créé',
  'token.revoke': 'Jeton d’API révoqué',
  'organisation.create': 'Organisme créé',
  'territories.import': 'Référentiel des territoires importé',
  'template.upload': 'Modèle de document déposé',
  'template.delete': 'Modèle de document retiré',
  'diagnostic.import': 'Données du diagnostic importées',
  'diagnostic.synthetic': 'Données synthétiques du diagnostic générées',
  'convention.create': 'Projet de convention créé',
  'convention.edit': 'Projet de convention modifié',
  'convention.submit': 'Convention soumise à la signature',
  'convention.sign': 'Signature enregistrée',
  'convention.cancel_signature': 'Mise en signature annulée',
  'convention.attach_deliberation': 'Délibération jointe',
  'convention.renew': 'Convention suivante préparée',
  'job.run': 'Tâche planifiée lancée à la demande',
  'convention.enter_into_force': 'Entrée en vigueur',
  'convention.expire': 'Convention échue',
  'convention.terminate': 'Résiliation effective',
  'convention.formal_notice': 'Mise en demeure envoyée',
  'convention.remedy': 'Régularisation constatée',
  'convention.notice': 'Dénonciation notifiée',
  'convention.terminate_unapproved_change': 'Résiliation pour modification sans avenant',
  'convention.avenant.create': 'Avenant préparé',
  'convention.avenant.edit': 'Avenant modifié',
  'convention.avenant.submit': 'Avenant soumis à la signature',
  'convention.avenant.sign': 'Signature de l’avenant enregistrée',
  'convention.avenant.cancel': 'Avenant abandonné',
  'convention.access_grant': 'Accès ouvert à un partenaire',
  'convention.access_revoke': 'Accès d’un partenaire retiré',
};

/** The French label of an audit action; an action without one shows its code. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** French names of the fields recorded in the journal's before/after values. */
export const FIELD_LABELS: Record<string, string> = {
  status: 'statut',
  territoryCode: 'territoire',
  convention: 'contenu de la convention',
  version: 'version',
  effectiveOn: 'date d’effet',
  jobId: 'exécution de la tâche',
  renewalOf: 'convention précédente',
  organisationId: 'organisme',
  roles: 'rôles',
  disabled: 'désactivé',
  anonymised: 'anonymisé',
  sessionsEnded: 'sessions fermées',
  tokensDeleted: 'jetons supprimés',
  loginFailuresDeleted: 'échecs de connexion effacés',
  auditSnapshotsScrubbed: 'entrées du journal expurgées',
  userId: 'compte',
  label: 'libellé',
  expiresAt: 'expire le',
  revokedAt: 'révoqué le',
  format: 'format',
  fileName: 'fichier',
  sha256: 'empreinte SHA-256',
  placeholders: 'champs du modèle',
  values: 'valeurs',
  secretAtSource: 'valeurs secrètes à la source',
  givenShares: 'parts sans effectif',
  territories: 'territoires',
  referenceDates: 'dates de référence',
  indicators: 'indicateurs',
  overwrittenValues: 'valeurs remplacées',
  replacedImports: 'imports remplacés',
  communes: 'communes',
  commune: 'commune',
  epci: 'intercommunalité',
  departement: 'département',
  departements: 'départements',
  region: 'région',
  removed: 'retirés',
  id: 'identifiant',
  kind: 'nature',
  name: 'nom',
  territoryLevel: 'niveau du territoire',
  siren: 'SIREN',
  valeur: 'valeur',
};

/** The French name of a recorded field; a field without one shows its code. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
