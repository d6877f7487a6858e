/**
 * The project of the territory and its action plan (articles 1 to 4 and 9, annexe 2): needs,
 * objectives, engagements of each party, axes, fiches actions, indicators. Its tab in the convention
 * workspace, its permission lines, its routes, and its contributions to the convention document.
 */
import { PLAN_PERMISSIONS } from '../domain/plan/permissions.js';
import { getPlan } from '../use-cases/plan/get-plan.js';
import { PLAN_ARTICLES, planAnnexContent, planArticleContent } from '../use-cases/plan/plan-document.js';
import { planModuleRoutes } from '../web/routes/plan/plan-module-routes.js';
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
      render: async ({ ctx, view, page, query }) => (
        <PlanTab
          ctx={page}
          view={await getPlan(ctx, view.convention.id)}
          today={ctx.clock.today()}
          query={query}
        />
      ),
    },
  ],
  // Annexe 2, and articles 2, 3 and 4 written from the project of the territory.
  annexes: [{ annex: 'action_plan', blocks: planAnnexContent }],
  articles: PLAN_ARTICLES.map((article) => ({ article, blocks: planArticleContent(article) })),
  permissions: PLAN_PERMISSIONS,
  routes: planModuleRoutes,
};
