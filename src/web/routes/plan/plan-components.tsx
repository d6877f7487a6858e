/** What the plan's pages share: their frame in the convention workspace, the error summary with links, small parts. */
import type { ComponentChildren } from 'preact';
import type { Fiche, Plan } from '../../../domain/plan/model.js';
import { ficheReference } from '../../../domain/plan/rules.js';
import type { IsoDate } from '../../../domain/shared/dates.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import type { PageContext } from '../../views/components/layout.js';
import { PlanStyles } from '../../views/plan/chart-parts.js';
import { type ConventionExtensions, WorkspaceLayout } from '../conventions/workspace.js';
import type { FieldError } from './fiche-form.js';

export interface PlanFrame {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  extensions: ConventionExtensions;
}

export const planBase = (conventionId: string) => `/conventions/${conventionId}/plan`;
export const ficheHref = (conventionId: string, ficheId: string) =>
  `${planBase(conventionId)}/fiches/${ficheId}`;

/** A page of the plan in the convention's workspace, under the plan's tab. */
export function PlanPageFrame(props: {
  frame: PlanFrame;
  heading?: string;
  errors?: FieldError[];
  notice?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <WorkspaceLayout
      ctx={props.frame.ctx}
      view={props.frame.view}
      today={props.frame.today}
      extensions={props.frame.extensions}
      current="plan"
      {...(props.heading ? { heading: props.heading } : {})}
      {...(props.notice ? { notice: props.notice } : {})}
    >
      <PlanStyles />
      <link rel="stylesheet" href="/assets/plan-pages.css" />
      <FieldErrorSummary errors={props.errors ?? []} />
      {props.children}
    </WorkspaceLayout>
  );
}

/** The errors of a refused form, each linking to its field when it has one. */
export function FieldErrorSummary(props: { errors: FieldError[] }) {
  if (!props.errors.length) return null;
  return (
    <div class="alert error" role="alert" tabIndex={-1} id="erreurs">
      <h2>L’opération n’a pas été faite</h2>
      <ul>
        {props.errors.map((e) => (
          <li>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

export const fieldErrorOf = (errors: readonly FieldError[] | undefined, field: string) =>
  errors?.find((e) => e.field === field)?.message;

/** A field's own error message under its label, tied to it by `aria-describedby`. */
export function FieldMessage(props: { id: string; errors?: readonly FieldError[] | undefined }) {
  const message = fieldErrorOf(props.errors, props.id);
  return message ? (
    <p class="field-error" id={`${props.id}-erreur`}>
      {message}
    </p>
  ) : null;
}

export const describedBy = (id: string, errors?: readonly FieldError[]) =>
  fieldErrorOf(errors, id) ? { 'aria-describedby': `${id}-erreur`, 'aria-invalid': 'true' as const } : {};

export function Reference(props: { plan: Pick<Plan, 'axes'>; fiche: Pick<Fiche, 'axeId' | 'position'> }) {
  return <>{ficheReference(props.plan.axes, props.fiche)}</>;
}

export function pilotNames(fiche: Pick<Fiche, 'pilots'>): string {
  return fiche.pilots.map((p) => p.name || 'compte').join(', ');
}

/** The French lines of a plan error's details (`problems`), or its message. */
export function errorMessages(error: { message: string; details: unknown }): string[] {
  const details = error.details as { problems?: unknown } | null;
  const problems = Array.isArray(details?.problems) ? (details.problems as string[]) : [];
  return [error.message, ...problems];
}
