/**
 * The permission each route needs, named once per route (method and path as Fastify declares
 * them; HEAD follows GET). The use case behind the route asks the same permission with its scope;
 * this table feeds `docs/permissions.md` and the route × role test, which fails on a route missing
 * here.
 */
import type { Permission } from '../domain/access/permissions.js';

export const ROUTE_PERMISSIONS: Record<string, Permission> = {
  // Public: documentation of the API, health, login, static files.
  'GET /api/docs': 'public.read',
  'GET /api/docs/': 'public.read',
  'GET /api/docs/static/index.html': 'public.read',
  'GET /api/docs/static/swagger-initializer.js': 'public.read',
  'GET /api/docs/*': 'public.read',
  'GET /api/docs/json': 'public.read',
  'GET /api/docs/yaml': 'public.read',
  'GET /*': 'public.read',
  'GET /healthz': 'public.read',
  'GET /favicon.ico': 'public.read',
  'GET /favicon.svg': 'public.read',
  'GET /connexion': 'public.read',
  'POST /connexion': 'public.read',
  'GET /diagnostic/diagnostic.css': 'public.read',

  // One's own account.
  'GET /': 'public.read',
  'GET /api/v1/me': 'account.use',
  'POST /deconnexion': 'account.use',
  'GET /compte/jetons': 'account.use',
  'POST /compte/jetons/:id/revocation': 'account.use',
  'GET /compte/notifications': 'account.use',
  'POST /compte/notifications/:id/lue': 'account.use',

  // Territories and their diagnostic.
  'GET /api/v1/territories': 'territory.read',
  'GET /api/v1/territories/:code': 'territory.read',
  'GET /territoires': 'territory.read',
  'GET /territoires/:code': 'territory.read',
  'GET /api/v1/territories/:code/diagnostic': 'diagnostic.read',
  'GET /territoires/:code/diagnostic': 'diagnostic.read',
  'GET /territoires/:code/diagnostic.csv': 'diagnostic.read',
  'GET /territoires/:code/diagnostic.xlsx': 'diagnostic.read',
  'GET /diagnostic/import': 'diagnostic.import',
  'POST /diagnostic/import': 'diagnostic.import',

  // A Caf's templates.
  'GET /api/v1/templates': 'template.manage',
  'PUT /api/v1/templates': 'template.manage',
  'DELETE /api/v1/templates/:format': 'template.manage',
  'GET /conventions/modeles': 'template.manage',
  'POST /conventions/modeles': 'template.manage',
  'POST /conventions/modeles/:format/supprimer': 'template.manage',

  // Conventions: reading.
  'GET /api/v1/conventions': 'convention.read',
  'GET /api/v1/conventions/:id': 'convention.read',
  'GET /api/v1/conventions/:id/document': 'convention.read',
  'GET /api/v1/conventions/:id/integrity': 'convention.read',
  'GET /api/v1/conventions/:id/versions': 'convention.read',
  'GET /api/v1/conventions/:id/versions/:number': 'convention.read',
  'GET /api/v1/conventions/:id/avenants': 'convention.read',
  'GET /api/v1/conventions/:id/avenants/:avenantId/document': 'convention.read',
  'GET /api/v1/due-items': 'convention.read',
  'GET /conventions': 'convention.read',
  'GET /conventions/:id': 'convention.read',
  'GET /conventions/:id/texte': 'convention.read',
  'GET /conventions/:id/documents': 'convention.read',
  'GET /conventions/:id/resiliation': 'convention.read',
  'GET /conventions/:id/avenants/:avenantId': 'convention.read',
  'GET /conventions/:id/avenants/:avenantId/document': 'convention.read',
  'GET /conventions/:id/document': 'convention.read',
  'GET /conventions/:id/versions/:number': 'convention.read',
  'GET /conventions/:id/fichiers/:sha256': 'convention.read',
  'GET /echeances': 'convention.read',

  // Conventions: creating and editing.
  'POST /api/v1/conventions': 'convention.create',
  'POST /conventions': 'convention.create',
  'PATCH /api/v1/conventions/:id': 'convention.edit',
  'PUT /api/v1/conventions/:id/deliberation': 'convention.edit',
  'POST /api/v1/conventions/:id/submit': 'convention.edit',
  'POST /api/v1/conventions/:id/cancel-signature': 'convention.edit',
  'POST /api/v1/conventions/:id/renew': 'convention.edit',
  'POST /api/v1/conventions/:id/avenants': 'convention.edit',
  'PATCH /api/v1/conventions/:id/avenants/:avenantId': 'convention.edit',
  'POST /api/v1/conventions/:id/avenants/:avenantId/submit': 'convention.edit',
  'POST /api/v1/conventions/:id/avenants/:avenantId/cancel': 'convention.edit',
  'GET /conventions/:id/generalites/modifier': 'convention.edit',
  'GET /conventions/:id/signataires/modifier': 'convention.edit',
  'GET /conventions/:id/articles/:key/modifier': 'convention.edit',
  'GET /conventions/:id/annexes/:key/modifier': 'convention.edit',
  'POST /conventions/:id/general': 'convention.edit',
  'POST /conventions/:id/signataires': 'convention.edit',
  'POST /conventions/:id/soumettre': 'convention.edit',
  'POST /conventions/:id/articles': 'convention.edit',
  'POST /conventions/:id/annexes': 'convention.edit',
  'POST /conventions/:id/annuler-signature': 'convention.edit',
  'POST /conventions/:id/avenants': 'convention.edit',
  'POST /conventions/:id/avenants/:avenantId/articles': 'convention.edit',
  'POST /conventions/:id/avenants/:avenantId/annexes': 'convention.edit',
  'POST /conventions/:id/avenants/:avenantId/abandonner': 'convention.edit',
  'POST /conventions/:id/avenants/:avenantId/soumettre': 'convention.edit',
  'POST /conventions/:id/deliberation': 'convention.edit',
  'POST /conventions/:id/renouveler': 'convention.edit',

  // Conventions: acting for one's own party.
  'POST /api/v1/conventions/:id/signatures': 'convention.sign',
  'POST /api/v1/conventions/:id/avenants/:avenantId/signatures': 'convention.sign',
  'POST /conventions/:id/signatures': 'convention.sign',
  'POST /conventions/:id/avenants/:avenantId/signatures': 'convention.sign',
  'POST /api/v1/conventions/:id/formal-notices': 'convention.terminate',
  'POST /api/v1/conventions/:id/formal-notices/:procedureId/remedy': 'convention.terminate',
  'POST /api/v1/conventions/:id/notices': 'convention.terminate',
  'POST /api/v1/conventions/:id/unapproved-change-termination': 'convention.terminate',
  'POST /conventions/:id/denonciation': 'convention.terminate',
  'POST /conventions/:id/mise-en-demeure': 'convention.terminate',
  'POST /conventions/:id/resiliation-modification': 'convention.terminate',
  'POST /conventions/:id/resiliations/:procedureId/regularisation': 'convention.terminate',

  // Audit.
  'GET /api/v1/audit': 'audit.read',
  'GET /admin/journal': 'audit.read',

  // Scheduled jobs.
  'GET /admin/taches': 'job.read',
  'POST /admin/taches/:name/lancer': 'job.run',
  // Administration: accounts, roles, organisations, partners' access to conventions.
  'GET /admin': 'user.manage',
  'GET /admin/comptes': 'user.manage',
  'GET /admin/comptes/nouveau': 'user.manage',
  'POST /admin/comptes': 'user.manage',
  'GET /admin/comptes/:id': 'user.manage',
  'POST /admin/comptes/:id/roles': 'user.manage',
  'POST /admin/comptes/:id/desactivation': 'user.manage',
  'POST /admin/comptes/:id/reactivation': 'user.manage',
  'POST /admin/comptes/:id/mot-de-passe': 'user.manage',
  'GET /admin/comptes/:id/anonymisation': 'user.manage',
  'POST /admin/comptes/:id/anonymisation': 'user.manage',
  'GET /admin/roles': 'user.manage',
  'GET /admin/organismes': 'organisation.manage',
  'POST /admin/organismes': 'organisation.manage',
  'GET /admin/organismes/:id': 'organisation.manage',
  'POST /admin/organismes/:id/acces': 'convention.grant',
  'POST /admin/organismes/:id/acces/:conventionId/retrait': 'convention.grant',
};

/** Route → permission name, the platform's routes or theirs with the modules' (see `src/modules/`). */
export type RoutePermissionTable = Readonly<Record<string, string>>;

/** The platform's routes with the routes modules bring; a route declared twice is an error. */
export function withRoutePermissions(...tables: readonly RoutePermissionTable[]): RoutePermissionTable {
  const out: Record<string, string> = { ...ROUTE_PERMISSIONS };
  for (const table of tables) {
    for (const [route, permission] of Object.entries(table)) {
      if (route in out) throw new Error(`Route permission declared twice: ${route}`);
      out[route] = permission;
    }
  }
  return out;
}

/** The permission a request's route needs (HEAD as GET); undefined for a route not declared. */
export function routePermission(
  table: RoutePermissionTable,
  method: string,
  url: string | undefined,
): string | undefined {
  if (!url) return undefined;
  return table[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}
