/**
 * The project of the territory and its action plan (articles 1 to 4 and 9, annexe 2): needs,
 * objectives, engagements of each party, axes, fiches actions, indicators. Its tab in the convention
 * workspace, its permission lines, its routes, and its contributions to the convention document.
 */
import { PLAN_PERMISSIONS } from '../domain/plan/permissions.js';
import { getPlan } from '../use-cases/plan/get-plan.js';
import { planRoutes } from '../web/routes/plan/plan-routes.js';
import { PlanTab } from '../web/routes/plan/plan-tab.js';
import type { CtgModule } from './module.js';

export const planModule: CtgModule = {
  id: 'plan',
  label: 'Projet de territoire et plan d’actions',
  tabs: [
    {
      segment: 'plan',
      label: 'Plan d’actions',
      permission: 'plan.read',
      shows: () => true,
      render: async ({ ctx, view }) => <PlanTab view={await getPlan(ctx, view.convention.id)} />,
    },
  ],
  permissions: PLAN_PERMISSIONS,
  routes: planRoutes,
};
