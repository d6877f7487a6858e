/**
 * What a request carries once authenticated (its actor) and the helpers routes use to call use
 * cases and render pages. Kept apart from `app.tsx` so that routes never import the app that
 * registers them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import type { Actor } from '../domain/access/access.js';
import { AppError } from '../domain/shared/app-error.js';
import type { Clock } from '../domain/shared/dates.js';
import type { CtgModule } from '../modules/module.js';
import type { Context } from '../use-cases/context.js';
import type { JobSender } from '../use-cases/jobs/run-job.js';
import type { PageContext } from './views/components/layout.js';

export const SESSION_COOKIE = 'ctg_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authMethod: 'session' | 'token' | null;
    sessionToken: string | null;
    /** The person's unread notifications, counted for the pages' header. */
    unreadNotifications: number | undefined;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export interface AppDeps {
  db: Db;
  clock: Clock;
  driver: 'pglite' | 'postgres';
  trustProxy?: boolean;
  logger?: boolean;
  /** The modules to plug in (src/modules/); the installed ones when not given. */
  modules?: readonly CtgModule[];
  /** The job runner of this process (`ctg serve`), to queue a run from the administration page. */
  jobs?: JobSender;
  /** How to reach the platform's administrator, shown where a person is told to ask them. */
  adminContact?: string | undefined;
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** The use-case context of a request; throws UNAUTHENTICATED when nobody is logged in. */
export function contextOf(request: FastifyRequest): Context {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  const { db, clock, jobs } = request.server.deps;
  return { db, clock, actor: request.actor, jobs };
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  // One token per request, however many forms: a page kept in memory has it replaced (response-cache.ts).
  request.csrfToken ??= reply.generateCsrf();
  return {
    actor: request.actor,
    csrfToken: request.csrfToken,
    path: request.url.split('?')[0] ?? '/',
    adminContact: request.server.deps.adminContact,
    unreadNotifications: request.unreadNotifications,
  };
}
