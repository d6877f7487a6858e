/** Health check for load balancers and monitoring, and the site's icon where browsers look for it. */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { pingDatabase } from '../../../db/health.js';

const assets = new URL('../../assets/', import.meta.url);
/** The icon changes rarely and has no fingerprint in its name: a day in any cache, a week if stale. */
export const FAVICON_CACHE = 'public, max-age=86400, stale-while-revalidate=604800';
const favicons = {
  svg: readFileSync(new URL('favicon.svg', assets)),
  ico: readFileSync(new URL('favicon.ico', assets)),
};

export async function systemRoutes(app: FastifyInstance) {
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    await pingDatabase(app.deps.db);
    return reply.header('cache-control', 'no-store').send({ status: 'ok', database: app.deps.driver });
  });

  app.get('/favicon.svg', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', FAVICON_CACHE).type('image/svg+xml').send(favicons.svg),
  );
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', FAVICON_CACHE).type('image/x-icon').send(favicons.ico),
  );
}
