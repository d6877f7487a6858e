/** The scheduled jobs page for administrators, and its button to run a job now. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../domain/access/permissions.js';
import { isAppError } from '../../../domain/shared/app-error.js';
import { listJobs } from '../../../use-cases/jobs/list-jobs.js';
import { PLATFORM_JOBS, type PlatformJob } from '../../../use-cases/jobs/platform-jobs.js';
import { runJob } from '../../../use-cases/jobs/run-job.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import { JobsPage } from './jobs-page.js';

const NOTICES: Record<string, string> = {
  lancee:
    'La tâche est mise en file : elle s’exécute dans quelques instants. Rechargez la page pour voir son résultat.',
};

export async function jobRoutes(base: FastifyInstance, options: { catalogue?: readonly PlatformJob[] } = {}) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const catalogue = options.catalogue ?? PLATFORM_JOBS;

  app.get(
    '/admin/taches',
    { schema: { hide: true, querystring: z.object({ fait: z.string().max(20).optional() }) } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { jobs, runs } = await listJobs(ctx, catalogue);
      const notice = NOTICES[request.query.fait ?? ''];
      return sendPage(
        reply,
        <JobsPage
          ctx={pageContext(request, reply)}
          jobs={jobs}
          runs={runs}
          canRun={can(ctx.actor, 'job.run')}
          {...(notice ? { notice } : {})}
        />,
      );
    },
  );

  app.post(
    '/admin/taches/:name/lancer',
    { schema: { hide: true, params: z.object({ name: z.string().max(100) }) } },
    async (request, reply) => {
      const ctx = contextOf(request);
      try {
        await runJob(ctx, app.deps.jobs, request.params.name, catalogue);
      } catch (error) {
        if (!isAppError(error) || (error.status >= 500 && error.code !== 'JOBS_NOT_RUNNING')) throw error;
        const { jobs, runs } = await listJobs(ctx, catalogue);
        return sendPage(
          reply,
          <JobsPage
            ctx={pageContext(request, reply)}
            jobs={jobs}
            runs={runs}
            canRun={can(ctx.actor, 'job.run')}
            errors={[error.message]}
          />,
          error.status,
        );
      }
      return reply.redirect('/admin/taches?fait=lancee', 303);
    },
  );
}
