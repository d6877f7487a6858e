/** What the administration pages share: the CSRF field, errors tied to their fields, notices. */
import type { ComponentChildren } from 'preact';
import { ERRORS, isAppError } from '../../../domain/shared/app-error.js';
import type { PageContext } from '../../views/components/layout.js';

export const AdminStyles = () => <link rel="stylesheet" href="/assets/admin.css" />;

export function Csrf(props: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />;
}

/** The errors of a form: a general message and one per field (keyed by the field's name). */
export interface FormErrors {
  general: string[];
  fields: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { general: [], fields: {} };

/** Whether a form came back refused (the page's title then says so). */
export function hasFormErrors(errors: FormErrors): boolean {
  return errors.general.length > 0 || Object.keys(errors.fields).length > 0;
}

/** Turns a French `AppError` into the form's errors, each field's message beside its field. */
export function formErrors(error: unknown, fieldNames: readonly string[]): FormErrors {
  if (!isAppError(error)) throw error;
  const fields: Record<string, string> = {};
  const general: string[] = [];
  const details = error.details;
  const items = Array.isArray(details)
    ? (details as { field?: string; message?: string }[])
    : details && typeof details === 'object'
      ? Object.keys(details).map((field) => ({ field, message: error.message }))
      : [];
  for (const d of items) {
    const field = fieldNames.find((f) => d.field === f || d.field?.startsWith(`${f}.`));
    if (field && d.message && !fields[field]) fields[field] = d.message;
  }
  // The general message unless the fields already say it (or it only says « invalid data »).
  const said = Object.values(fields);
  const generic = error.message === ERRORS.VALIDATION_FAILED.message && said.length > 0;
  if (!generic && !said.includes(error.message)) general.push(error.message);
  return { general, fields };
}

/** The summary at the top of a form: each field's error links to its field. */
export function ErrorList(props: { title: string; errors: FormErrors; labels: Record<string, string> }) {
  const entries = Object.entries(props.errors.fields);
  if (!entries.length && !props.errors.general.length) return null;
  return (
    <div class="alert error" role="alert" tabIndex={-1} id="erreurs">
      <h2>{props.title}</h2>
      <ul>
        {props.errors.general.map((m) => (
          <li>{m}</li>
        ))}
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${field}`}>
              {props.labels[field] ?? field} : {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The attributes that tie a field to its error message. */
export function invalid(errors: FormErrors, field: string) {
  return errors.fields[field]
    ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${field}-erreur` }
    : {};
}

export function FieldError(props: { errors: FormErrors; field: string }) {
  const message = props.errors.fields[props.field];
  return message ? (
    <p class="field-error" id={`${props.field}-erreur`}>
      {message}
    </p>
  ) : null;
}

export function Notice(props: { children: ComponentChildren }) {
  return (
    <p class="alert info" role="status">
      {props.children}
    </p>
  );
}

export const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});
