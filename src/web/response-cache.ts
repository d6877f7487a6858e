/**
 * Whole answers of the most read routes, kept while the database has not changed (read-cache.ts,
 * src/db/changes.ts): the convention page, the due items, the diagnostic page and API, a territory's
 * page, the territory search, the convention list. A route opts in with `config: { responseCache: true }`.
 *
 * An answer is kept per person (the account, or nobody), browser (its CSRF secret, the `ctg_csrf`
 * cookie: the forms' tokens are made from it and verify only with it), address (path and query), day
 * (the clock's date: lateness and due items move with it) and way of authenticating, for at most a
 * minute. It is kept only when it is a `200` that holds no one-time form token (`submissionToken`:
 * two forms must never carry the same one) and whose forms carry the request's one CSRF token made
 * from the secret the browser sent (not one it is being given). The bytes are kept encoded and sent
 * as they are. `If-None-Match` is answered `304` from the kept `ETag`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { generationNow, peekCached, storeCached } from '../use-cases/read-cache.js';
import { CSRF_COOKIE } from './security.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Keep this GET route's answers while the database does not change (response-cache.ts). */
    responseCache?: boolean;
  }
  interface FastifyRequest {
    /** The one CSRF token of this request's page (see `pageContext`). */
    csrfToken: string | null;
    responseCache: { key: string; generation: number | null; hit: boolean } | null;
  }
}

/** The headers a route sets that an answer from memory repeats (the security ones come from hooks). */
const KEPT_HEADERS = ['content-type', 'etag', 'cache-control', 'content-disposition', 'vary'] as const;

interface Kept {
  body: Buffer;
  headers: [string, string][];
  etag: string | undefined;
  at: number;
}

const NAME = 'responses';
const CSRF_FIELD = /name="_csrf" value="([^"]*)"/g;
const MAX_AGE_MS = 60_000;
const OPTIONS = {
  maxEntries: 4_000,
  maxBytes: 48 * 1024 * 1024,
  sizeOf: (value: unknown) => (value as Kept).body.byteLength + 200,
};

/** A key made of what a client sends is bounded: longer ones are not kept (a real secret is 24 characters). */
const MAX_SECRET = 64;
const MAX_URL = 2_048;

function keyOf(request: FastifyRequest): string | null {
  const actor = request.actor;
  const who = actor?.kind === 'user' ? actor.userId : actor ? actor.kind : '-';
  const secret = request.cookies[CSRF_COOKIE] ?? '';
  if (secret.length > MAX_SECRET || request.url.length > MAX_URL) return null;
  return `${who}|${request.authMethod ?? ''}|${secret}|${request.server.deps.clock.today()}|${request.url}`;
}

/** Whether `If-None-Match` names the answer's `ETag` (weak comparison, `*` included). */
export function notModified(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  if (!ifNoneMatch || !etag) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

/** Whether the page's forms can be served again to the same browser (see the header). */
function formsReusable(request: FastifyRequest, reply: FastifyReply, text: string): boolean {
  if (text.includes('name="submissionToken"')) return false;
  const tokens = [...text.matchAll(CSRF_FIELD)].map((m) => m[1]);
  if (tokens.length === 0) return true;
  if (!request.cookies[CSRF_COOKIE] || tokens.some((t) => t !== request.csrfToken)) return false;
  // A secret given with this answer: the browser's next request carries it, and so another key.
  const cookies = reply.getHeader('set-cookie');
  const given = Array.isArray(cookies) ? cookies : typeof cookies === 'string' ? [cookies] : [];
  return !given.some((c) => c.startsWith(`${CSRF_COOKIE}=`));
}

/**
 * Registered right after authentication: what the key is made of is known then. A kept answer is
 * sent before the permission and input checks and the header's count run again: it was kept for the
 * same person, address and database, after they had passed.
 */
export function registerResponseCache(app: FastifyInstance): void {
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('responseCache', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' || request.routeOptions.config?.responseCache !== true) return;
    const db = request.server.deps.db;
    const key = keyOf(request);
    if (key === null) return;
    const kept = peekCached<Kept>(db, NAME, key, OPTIONS);
    if (kept && performance.now() - kept.at < MAX_AGE_MS) {
      request.responseCache = { key, generation: null, hit: true };
      for (const [name, value] of kept.headers) reply.header(name, value);
      if (notModified(request.headers['if-none-match'], kept.etag)) return reply.code(304).send(null);
      return reply.code(200).send(kept.body);
    }
    request.responseCache = { key, generation: generationNow(db), hit: false };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const cache = request.responseCache;
    if (!cache || cache.hit || cache.generation === null || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (!formsReusable(request, reply, typeof payload === 'string' ? payload : body.toString()))
      return payload;
    const headers: [string, string][] = [];
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === 'string') headers.push([name, value]);
    }
    const etag = reply.getHeader('etag');
    const kept: Kept = {
      body,
      headers,
      etag: typeof etag === 'string' ? etag : undefined,
      at: performance.now(),
    };
    storeCached(request.server.deps.db, NAME, cache.key, kept, cache.generation, OPTIONS);
    // The same bytes go out now: encoded once.
    return body;
  });
}
