/** Login and logout pages, and who-am-I for the API. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_LABELS } from '../../../domain/access/access.js';
import { AppError, isAppError } from '../../../domain/shared/app-error.js';
import { logOut } from '../../../use-cases/auth/authenticate.js';
import { logIn } from '../../../use-cases/auth/log-in.js';
import { sendPage } from '../../render.js';
import { pageContext, SESSION_COOKIE } from '../../request-context.js';
import { safeNext } from '../../safe-redirect.js';
import { cookieFlags, renewCsrfSecret } from '../../security.js';
import { LoginPage } from './login-page.js';

export async function authRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/connexion',
    { schema: { hide: true, querystring: z.object({ suivant: z.string().optional() }) } },
    async (request, reply) => {
      if (request.actor) return reply.redirect(safeNext(request.query.suivant), 303);
      return sendPage(
        reply,
        <LoginPage ctx={pageContext(request, reply)} next={safeNext(request.query.suivant)} />,
      );
    },
  );

  app.post(
    '/connexion',
    {
      schema: {
        hide: true,
        body: z.object({
          email: z.string().default(''),
          password: z.string().default(''),
          suivant: z.string().optional(),
          _csrf: z.string().optional(),
        }),
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const next = safeNext(request.body.suivant);
      const missing: string[] = [];
      if (!email.trim()) missing.push('Saisissez votre adresse électronique.');
      if (!password) missing.push('Saisissez votre mot de passe.');
      if (missing.length) {
        return sendPage(
          reply,
          <LoginPage ctx={pageContext(request, reply)} next={next} email={email} errors={missing} />,
          400,
        );
      }
      try {
        const session = await logIn(
          { db: app.deps.db, clock: app.deps.clock },
          { email, password, address: request.ip },
        );
        reply.setCookie(SESSION_COOKIE, session.sessionToken, {
          ...cookieFlags(request),
          expires: session.expiresAt,
        });
        // The CSRF secret read before login does not survive it.
        renewCsrfSecret(request, reply);
        return reply.redirect(next, 303);
      } catch (error) {
        if (!isAppError(error) || !['INVALID_CREDENTIALS', 'LOGIN_THROTTLED'].includes(error.code))
          throw error;
        return sendPage(
          reply,
          <LoginPage ctx={pageContext(request, reply)} next={next} email={email} errors={[error.message]} />,
          error.status,
        );
      }
    },
  );

  app.post('/deconnexion', { schema: { hide: true } }, async (request, reply) => {
    if (request.sessionToken) await logOut({ db: app.deps.db }, request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, cookieFlags(request));
    renewCsrfSecret(request, reply);
    return reply.redirect('/', 303);
  });

  app.get(
    '/api/v1/me',
    { schema: { tags: ['Compte'], summary: 'L’utilisateur authentifié, son organisme et ses rôles' } },
    async (request) => {
      const actor = request.actor;
      if (actor?.kind !== 'user') throw new AppError('UNAUTHENTICATED');
      return {
        id: actor.userId,
        email: actor.email,
        displayName: actor.displayName,
        roles: actor.roles.map((r) => ({ code: r, label: ROLE_LABELS[r] })),
        organisation: actor.organisation,
      };
    },
  );
}
