/** Health check for load balancers and monitoring. */
import type { FastifyInstance } from 'fastify';
import { pingDatabase } from '../../../db/health.js';

export async function systemRoutes(app: FastifyInstance) {
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    await pingDatabase(app.deps.db);
    return reply.header('cache-control', 'no-store').send({ status: 'ok', database: app.deps.driver });
  });
}
