/**
 * The Fastify application: plugins, authentication, French errors, pages and the JSON API.
 * Routes are thin: they parse input, call one use case and render a view or JSON.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { holdsPermissionRole } from '../domain/access/permissions.js';
import { AppError, ERRORS, isAppError } from '../domain/shared/app-error.js';
import { composeModules } from '../modules/compose.js';
import { INSTALLED_MODULES } from '../modules/index.js';
import { actorFromApiToken, actorFromSession } from '../use-cases/auth/authenticate.js';
import { countMyUnreadNotifications } from '../use-cases/notifications/notifications.js';
import { guardInput } from './input-guard.js';
import { sendPage } from './render.js';
import { type AppDeps, isApiRequest, SESSION_COOKIE } from './request-context.js';
import { registerResponseCache } from './response-cache.js';
import { routePermission } from './route-permissions.js';
import { accountRoutes } from './routes/account/account.routes.js';
import { adminRoutes } from './routes/admin/admin.routes.js';
import { auditRoutes } from './routes/admin/audit.routes.js';
import { jobRoutes } from './routes/admin/jobs.routes.js';
import { authRoutes } from './routes/auth/auth.routes.js';
import { conventionFileRoutes } from './routes/conventions/convention-files.routes.js';
import { conventionApiRoutes } from './routes/conventions/conventions.api.routes.js';
import { conventionRoutes } from './routes/conventions/conventions.routes.js';
import { diagnosticRoutes } from './routes/diagnostic/diagnostic.routes.js';
import { homeRoutes } from './routes/home/home.routes.js';
import { systemRoutes } from './routes/system/system.routes.js';
import { territoryRoutes } from './routes/territories/territories.routes.js';
import { CSRF_COOKIE, registerSecurityHeaders, swaggerUiPolicy } from './security.js';
import type { PageContext } from './views/components/layout.js';
import { ErrorPage } from './views/pages/error-page.js';

export type { AppDeps } from './request-context.js';

export type App = FastifyInstance;

const here = dirname(fileURLToPath(import.meta.url));

export async function buildApp(deps: AppDeps): Promise<App> {
  // The modules plugged in: their tabs, annexes and due items handed to the convention area, their
  // permissions merged into the one declaration (src/modules/).
  const composition = composeModules(deps.modules ?? INSTALLED_MODULES);
  const app = Fastify({
    logger: deps.logger ? { level: 'info' } : false,
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 20 * 1024 * 1024,
    // A URL the router cannot decode (`/conventions/%E0%A4`) is answered like any other error, in French.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const behindHttps = deps.trustProxy === true;
  await registerSecurityHeaders(app, behindHttps);
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    // Behind the HTTPS reverse proxy every cookie is `Secure` (see security.ts).
    cookieOpts: { httpOnly: true, sameSite: 'lax', path: '/', signed: false, secure: behindHttps },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body === 'object' ? body._csrf : undefined;
      return (
        (typeof fromBody === 'string' ? fromBody : undefined) ??
        (req.headers['x-csrf-token'] as string | undefined)
      );
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'API des Conventions territoriales globales',
        description:
          'API JSON de la plateforme. Authentification par jeton : « Authorization: Bearer <jeton> » (créé avec « ctg token create »).',
        version: '1',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', transformStaticCSP: swaggerUiPolicy });
  await app.register(fastifyStatic, { root: join(here, 'assets'), prefix: '/assets/', decorateReply: false });

  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('unreadNotifications', undefined);

  app.addHook('onRequest', async (request) => {
    const ctx = { db: deps.db, clock: deps.clock };
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const actor = match ? await actorFromApiToken(ctx, match[1]!) : null;
      if (!actor) throw new AppError('INVALID_TOKEN');
      request.actor = actor;
      request.authMethod = 'token';
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const actor = await actorFromSession(ctx, token);
      if (actor) {
        request.actor = actor;
        request.authMethod = 'session';
        request.sessionToken = token;
      }
    }
  });

  // The most read routes' answers, kept while the database does not change (after authentication).
  registerResponseCache(app);

  // The header of a page shows the person's unread notifications.
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || request.authMethod !== 'session' || !request.actor) return;
    if (isApiRequest(request) || request.url.startsWith('/assets/')) return;
    request.unreadNotifications = await countMyUnreadNotifications({
      db: deps.db,
      clock: deps.clock,
      actor: request.actor,
    });
  });

  // Each route's declared permission (route-permissions.ts): a person without its role is refused
  // before the input is even read; the use case behind it checks the scope (which Caf, territory, party).
  app.addHook('preValidation', async (request) => {
    const name = routePermission(composition.routePermissions, request.method, request.routeOptions.url);
    const rule = name ? composition.permissions[name] : undefined;
    if (!rule || rule.scope === 'public') return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED');
    if (!holdsPermissionRole(request.actor, rule)) throw new AppError('FORBIDDEN');
  });

  // NUL bytes, lone surrogates and hostile depth are refused before any schema runs (multipart forms
  // are checked the same way once read, see uploads.ts).
  app.addHook('preValidation', guardInput);

  // Every state-changing request made with the session cookie carries the CSRF token.
  app.addHook('preHandler', (request, reply, done) => {
    const safe = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
    if (safe || request.authMethod === 'token') return done();
    app.csrfProtection(request, reply, done);
  });

  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) => sendError(new AppError('NOT_FOUND'), request, reply));

  await app.register(systemRoutes);
  await app.register(homeRoutes);
  await app.register(authRoutes);
  await app.register(territoryRoutes);
  await app.register(diagnosticRoutes);
  await app.register(conventionRoutes, { extensions: composition.extensions });
  await app.register(conventionFileRoutes);
  await app.register(conventionApiRoutes, { extensions: composition.extensions });
  for (const m of composition.modules)
    if (m.routes) await app.register(m.routes.plugin, { extensions: composition.extensions });
  await app.register(auditRoutes);
  await app.register(jobRoutes, { catalogue: composition.jobs });
  await app.register(adminRoutes);
  await app.register(accountRoutes);
  return app;
}

interface ErrorBody {
  code: string;
  message: string;
  details: unknown;
}

function describeError(error: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
  if (isAppError(error) && error.status >= 500) {
    // A server-side failure (a PDF conversion, say) is logged with its details (temporary paths, the
    // tool's output) and answered with the generic message of its code only.
    request.log.error({ err: error, details: error.details, cause: error.cause }, error.message);
    return {
      status: error.status,
      body: { code: error.code, message: ERRORS[error.code].message, details: null },
    };
  }
  if (isAppError(error)) {
    return {
      status: error.status,
      body: { code: error.code, message: error.message, details: error.details },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      field: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'Valeur invalide.',
    }));
    const fields = details.map((d) => `« ${d.field} »`).join(', ');
    return {
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        message: `Les données envoyées sont invalides : vérifiez ${fields}.`,
        details,
      },
    };
  }
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message ?? ''))) {
    return {
      status: 400,
      body: {
        code: 'MALFORMED_JSON',
        message: ERRORS.MALFORMED_JSON.message,
        details: { reason: e.message ?? null },
      },
    };
  }
  if (e.code === 'FST_CSRF_INVALID_TOKEN' || e.code === 'FST_CSRF_MISSING_SECRET') {
    return {
      status: 403,
      body: { code: 'CSRF_INVALID', message: ERRORS.CSRF_INVALID.message, details: null },
    };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code =
      e.statusCode === 404 ? 'NOT_FOUND' : e.statusCode === 415 ? 'VALIDATION_FAILED' : 'VALIDATION_FAILED';
    const message =
      e.statusCode === 415
        ? 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).'
        : e.statusCode === 413
          ? 'Le fichier ou la requête est trop volumineux.'
          : ERRORS[code].message;
    return { status: e.statusCode, body: { code, message, details: null } };
  }
  request.log.error(error);
  return { status: 500, body: { code: 'INTERNAL', message: ERRORS.INTERNAL.message, details: null } };
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = describeError(error, request);
  if (status >= 500 && !isAppError(error)) {
    // Logged in full on the server, never shown.
    console.error(error);
  }
  if (isApiRequest(request) || request.headers.accept === 'application/json') {
    return reply.code(status).send({ error: body });
  }
  if (status === 401 && request.method === 'GET') {
    return reply.redirect(`/connexion?suivant=${encodeURIComponent(request.url)}`, 303);
  }
  let csrfToken = '';
  try {
    csrfToken = reply.generateCsrf();
  } catch {
    csrfToken = '';
  }
  const ctx: PageContext = { actor: request.actor, csrfToken, path: request.url.split('?')[0] ?? '/' };
  return sendPage(reply, <ErrorPage ctx={ctx} status={status} message={body.message} />, status);
}
