/**
 * The project of the territory and its action plan (articles 1 to 4 and 9, annexe 2): needs,
 * objectives, engagements of each party, axes, fiches actions, indicators. Its tab in the convention
 * workspace, its permission lines, its routes, its contributions to the convention document, its
 * due items (late fiches, fiches without a note this year) and its job (a pilot told of a fiche).
 */
import { PLAN_PERMISSIONS } from '../domain/plan/permissions.js';
import type { PlatformJob } from '../use-cases/jobs/platform-jobs.js';
import { getPlan } from '../use-cases/plan/get-plan.js';
import { notifyNewPilots, PILOT_ASSIGNED_JOB } from '../use-cases/plan/pilot-assigned.js';
import { PLAN_ARTICLES, planAnnexContent, planArticleContent } from '../use-cases/plan/plan-document.js';
import { planDueItemSource } from '../use-cases/plan/plan-due-items.js';
import { planModuleRoutes } from '../web/routes/plan/plan-module-routes.js';
import { PlanTab } from '../web/routes/plan/plan-tab.js';
import type { CtgModule } from './module.js';

/** Tells a pilot of a fiche given to them (queued by the plan's changes through the outbox). */
export const pilotAssignedJob: PlatformJob = {
  name: PILOT_ASSIGNED_JOB,
  label: 'Avis aux pilotes des fiches actions qui leur sont confiées',
  scheduleLabel: 'À chaque fiche confiée à un compte (création, modification, changement groupé de pilote)',
  cron: null,
  runAtStart: false,
  queued: true,
  actor: 'schedule',
  run: (ctx, { data, jobId }) => notifyNewPilots(ctx, data, jobId),
  summarise(output) {
    const told = (output as { told?: number } | null)?.told ?? 0;
    if (told === 0) return 'Aucun pilote à prévenir (déjà prévenu, ou compte inactif).';
    return told === 1 ? '1 pilote prévenu.' : `${told} pilotes prévenus.`;
  },
};

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
  annexes: [
    {
      annex: 'action_plan',
      source: {
        label: 'Complétée à partir du plan d’actions et de ses fiches actions',
        href: (id) => `/conventions/${id}/plan`,
      },
      blocks: planAnnexContent,
    },
  ],
  articles: PLAN_ARTICLES.map((article) => ({
    article,
    source: {
      label: 'Rédigé à partir du projet de territoire (plan d’actions)',
      href: (id) => `/conventions/${id}/plan/projet`,
    },
    blocks: planArticleContent(article),
  })),
  permissions: PLAN_PERMISSIONS,
  routes: planModuleRoutes,
  dueItems: planDueItemSource,
  jobs: [pilotAssignedJob],
};
