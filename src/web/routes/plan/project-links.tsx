/** On the plan's tab: the Caf's validation of the plan (date and author) and the way to the project pages. */
import type { PlanView } from '../../../use-cases/plan/get-plan.js';
import { ValidationStatus } from './project-pages.js';

export function PlanProjectLinks({ view }: { view: PlanView }) {
  const base = `/conventions/${view.convention.id}/plan`;
  return (
    <>
      <ValidationStatus
        validation={view.plan.validation}
        href={view.rights.validate ? `${base}/validation` : undefined}
      />
      <p>
        <a href={`${base}/projet`}>
          Projet de territoire : besoins, objectifs et engagements de chaque partie
        </a>
      </p>
    </>
  );
}
