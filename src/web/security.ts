/**
 * Security headers and cookie flags of every answer.
 *
 * - `@fastify/helmet` sets a Content-Security-Policy without `unsafe-inline` (the pages have no
 *   inline script, no inline style element and no style attribute: styles are files under `/assets/`;
 *   the Swagger UI adds the hash of the one style element its bundle inserts), `frame-ancestors 'none'` with
 *   `X-Frame-Options: DENY`, `X-Content-Type-Options: nosniff` and `Referrer-Policy: same-origin`.
 * - Behind an HTTPS reverse proxy (`CTG_TRUST_PROXY=1`): HSTS, `upgrade-insecure-requests`, and the
 *   `Secure` flag on every cookie (`ctg_session`, `ctg_csrf`).
 * - `Cache-Control: no-store` on every answer that does not declare its own policy: pages and API
 *   answers (behind login or not) are never kept by a browser or a shared cache; only the project's
 *   static files (style sheets, Swagger UI files) say `public`.
 */
import { createHash } from 'node:crypto';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CSRF_COOKIE = 'ctg_csrf';

/** The directives of the platform's pages and API answers. */
export function contentSecurityPolicy(behindHttps: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    ...(behindHttps ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * The Swagger UI at `/api/docs` loads its scripts and style sheets as files, but its bundle then
 * inserts one constant `<style>` element. Its hash, and only it, is added to that page's policy
 * (no `unsafe-inline`); a new version of the bundle that changes it shows up as a violation in the
 * browser test of `/api/docs`.
 */
export const SWAGGER_UI_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

export function swaggerUiPolicy(header: string): string {
  return header.replace("style-src 'self'", `style-src 'self' ${SWAGGER_UI_STYLE_HASH}`);
}

export async function registerSecurityHeaders(app: FastifyInstance, behindHttps: boolean): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(behindHttps) },
    // The platform is never embedded: `frame-ancestors 'none'` and, for older browsers, DENY.
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: behindHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Flags shared by every cookie the platform sets. */
export function cookieFlags(request: FastifyRequest): {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
} {
  const behindHttps = request.server.deps.trustProxy === true;
  return { httpOnly: true, sameSite: 'lax', secure: behindHttps || request.protocol === 'https', path: '/' };
}

/**
 * Gives the browser a new CSRF secret (login, logout): a token read before either no longer
 * verifies. `@fastify/csrf-protection` keeps its secret in the `ctg_csrf` cookie and creates one
 * when the request has none, so the request's copy is dropped before a token is generated.
 */
export function renewCsrfSecret(request: FastifyRequest, reply: FastifyReply): void {
  delete request.cookies[CSRF_COOKIE];
  reply.generateCsrf();
}

/**
 * The policy of a standalone generated HTML document shown inline (a convention in HTML): no
 * script at all, and only its own style element and style attributes, allowed by their hashes.
 */
export function generatedDocumentPolicy(html: string): string {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const elements = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => hash(m[1]!));
  const attributes = [...new Set([...html.matchAll(/\sstyle="([^"]*)"/g)].map((m) => m[1]!))].map(hash);
  const styles = [...elements, ...(attributes.length ? ["'unsafe-hashes'", ...attributes] : [])];
  return [
    "default-src 'none'",
    "img-src 'self' data:",
    `style-src ${styles.length ? styles.join(' ') : "'none'"}`,
    "script-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
