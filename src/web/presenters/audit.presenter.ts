/** Turns an audit row's before/after values into the list of fields that changed, for reading. */

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const MAX = 160;

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
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
    return before === after ? [] : [{ field: 'valeur', before: show(before), after: show(after) }];
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys
    .filter((k) => JSON.stringify(b?.[k]) !== JSON.stringify(a?.[k]))
    .map((k) => ({ field: k, before: show(b?.[k]), after: show(a?.[k]) }));
}

const ACTION_LABELS: Record<string, string> = {
  'session.open': 'Connexion',
  'user.create': 'Création d’un compte',
  'user.password_reset': 'Nouveau mot de passe',
  'token.create': 'Création d’un jeton d’API',
  'token.revoke': 'Révocation d’un jeton d’API',
  'organisation.create': 'Création d’un organisme',
  'territories.import': 'Import du référentiel des territoires',
  'convention.create': 'Création d’une convention',
  'diagnostic.import': 'Import de données du diagnostic',
};

/** The French label of an audit action; actions without one show their code. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
