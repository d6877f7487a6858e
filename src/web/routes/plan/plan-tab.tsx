/** The plan's tab in the convention workspace: the plan at a glance, with links to its pages. */
import type { PlanView } from '../../../use-cases/plan/get-plan.js';
import { PlanProjectLinks } from './project-links.js';

export function PlanTab({ view }: { view: PlanView }) {
  const { plan } = view;
  const links = <PlanProjectLinks view={view} />;
  if (!plan.fiches.length && !plan.axes.length) {
    return (
      <>
        {links}
        <p>Le plan d’actions de cette convention n’est pas encore rédigé.</p>
      </>
    );
  }
  return (
    <>
      {links}
      <p>
        {plan.axes.length} axe{plan.axes.length > 1 ? 's' : ''}, {plan.fiches.length} fiche
        {plan.fiches.length > 1 ? 's' : ''} action{plan.fiches.length > 1 ? 's' : ''}.
      </p>
      {plan.axes.map((axe) => (
        <section>
          <h3>
            Axe {axe.position} — {axe.title}
          </h3>
          <ul>
            {plan.fiches
              .filter((f) => f.axeId === axe.id)
              .map((f) => (
                <li>
                  {axe.position}.{f.position} {f.title}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
