/** The account pages of the logged-in person: their API tokens and revoking one, their notifications. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../domain/shared/app-error.js';
import { listMyNotifications, markNotificationRead } from '../../../use-cases/notifications/notifications.js';
import { listApiTokens } from '../../../use-cases/users/list-api-tokens.js';
import { revokeApiToken } from '../../../use-cases/users/revoke-api-token.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import { NotificationsPage } from './notifications-page.js';
import { TokensPage } from './tokens-page.js';

export async function accountRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/compte/jetons',
    { schema: { hide: true, querystring: z.object({ revoque: z.string().max(100).optional() }) } },
    async (request, reply) => {
      const ctx = contextOf(request);
      if (ctx.actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
      const tokens = await listApiTokens(ctx);
      const revoked = request.query.revoque
        ? tokens.find((t) => t.id === request.query.revoque && t.status === 'revoked')?.label
        : undefined;
      return sendPage(
        reply,
        <TokensPage ctx={pageContext(request, reply)} tokens={tokens} {...(revoked ? { revoked } : {})} />,
      );
    },
  );

  app.post(
    '/compte/jetons/:id/revocation',
    {
      schema: {
        hide: true,
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z.object({ _csrf: z.string().optional() }).optional(),
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      // A person revokes only their own tokens here, administrators included; others' are a 404.
      const own = (await listApiTokens(ctx)).some((t) => t.id === request.params.id);
      if (!own) throw new AppError('API_TOKEN_NOT_FOUND', { details: { id: request.params.id } });
      const revoked = await revokeApiToken(ctx, { id: request.params.id });
      return reply.redirect(`/compte/jetons?revoque=${encodeURIComponent(revoked.id)}`, 303);
    },
  );

  app.get(
    '/compte/notifications',
    { schema: { hide: true, querystring: z.object({ fait: z.string().max(20).optional() }) } },
    async (request, reply) => {
      const ctx = contextOf(request);
      if (ctx.actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
      const notifications = await listMyNotifications(ctx);
      return sendPage(
        reply,
        <NotificationsPage
          ctx={pageContext(request, reply)}
          notifications={notifications}
          marked={request.query.fait === 'lue'}
        />,
      );
    },
  );

  app.post(
    '/compte/notifications/:id/lue',
    {
      schema: {
        hide: true,
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z.object({ _csrf: z.string().optional() }).optional(),
      },
    },
    async (request, reply) => {
      // A person marks only their own notifications; another's is a 404.
      await markNotificationRead(contextOf(request), request.params.id);
      return reply.redirect('/compte/notifications?fait=lue', 303);
    },
  );
}
