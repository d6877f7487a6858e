/** The home page: what the platform is, territory search, and the user's conventions. */
import type { FastifyInstance } from 'fastify';
import { listConventions } from '../../../use-cases/conventions/list-conventions.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import { HomePage } from './home-page.js';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { responseCache: true }, schema: { hide: true } }, async (request, reply) => {
    const conventions = request.actor ? await listConventions(contextOf(request)) : null;
    return sendPage(reply, <HomePage ctx={pageContext(request, reply)} conventions={conventions} />);
  });
}
