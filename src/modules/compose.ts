/**
 * Puts the installed modules together: the extensions handed to the convention area, the permission
 * declaration, the route table with the modules' lines and the catalogue of jobs (the platform's and
 * the modules', each named `<module>.<name>`). Refuses, at start, two modules claiming the same id,
 * tab segment, annex, article, permission, route or job, and a tab naming a permission nobody declares.
 */
import { type PermissionTable, withPermissions } from '../domain/access/permissions.js';
import { PLATFORM_JOBS, type PlatformJob } from '../use-cases/jobs/platform-jobs.js';
import { type RoutePermissionTable, withRoutePermissions } from '../web/route-permissions.js';
import type { ConventionExtensions } from '../web/routes/conventions/workspace.js';
import type { CtgModule } from './module.js';

export interface Composition {
  modules: readonly CtgModule[];
  extensions: ConventionExtensions;
  permissions: PermissionTable;
  routePermissions: RoutePermissionTable;
  /** Every job the runner runs: the platform's, then the modules' under their prefixed names. */
  jobs: readonly PlatformJob[];
}

/** Segments the workspace uses for its own pages under `/conventions/:id/`. */
export const RESERVED_SEGMENTS = new Set([
  'texte',
  'documents',
  'resiliation',
  'resiliations',
  'generalites',
  'signataires',
  'articles',
  'annexes',
  'avenants',
  'versions',
  'document',
  'fichiers',
  'general',
  'deliberation',
  'soumettre',
  'signatures',
  'annuler-signature',
  'mise-en-demeure',
  'denonciation',
  'resiliation-modification',
  'renouveler',
]);

export function composeModules(modules: readonly CtgModule[]): Composition {
  const ids = new Set<string>();
  const segments = new Set<string>();
  const annexes = new Set<string>();
  const articles = new Set<string>();
  const jobs: PlatformJob[] = [...PLATFORM_JOBS];
  for (const m of modules) {
    if (!/^[a-z][a-z0-9_]*$/.test(m.id) || ids.has(m.id))
      throw new Error(`Module id invalid or taken: ${m.id}`);
    ids.add(m.id);
    for (const tab of m.tabs ?? []) {
      if (
        !/^[a-z][a-z0-9-]*$/.test(tab.segment) ||
        RESERVED_SEGMENTS.has(tab.segment) ||
        segments.has(tab.segment)
      )
        throw new Error(`Module ${m.id}: tab segment invalid or taken: ${tab.segment}`);
      segments.add(tab.segment);
    }
    for (const a of m.annexes ?? []) {
      if (annexes.has(a.annex))
        throw new Error(`Module ${m.id}: annex ${a.annex} already filled by another module`);
      annexes.add(a.annex);
    }
    for (const a of m.articles ?? []) {
      if (articles.has(a.article))
        throw new Error(`Module ${m.id}: article ${a.article} already written by another module`);
      articles.add(a.article);
    }
    for (const job of m.jobs ?? []) {
      const name = `${m.id}.${job.name}`;
      if (!/^[a-z][a-z0-9-]*$/.test(job.name) || jobs.some((j) => j.name === name))
        throw new Error(`Module ${m.id}: job name invalid or taken: ${job.name}`);
      if (job.queued && job.cron) throw new Error(`Module ${m.id}: queued job ${job.name} has a schedule`);
      jobs.push({ ...job, name });
    }
  }
  const permissions = withPermissions(...modules.map((m) => m.permissions ?? {}));
  const tabRoutes = modules.flatMap((m) =>
    (m.tabs ?? []).map((tab) => [`GET /conventions/:id/${tab.segment}`, tab.permission] as const),
  );
  const routePermissions = withRoutePermissions(
    Object.fromEntries(tabRoutes),
    ...modules.map((m) => m.routes?.permissions ?? {}),
  );
  for (const [route, name] of Object.entries(routePermissions)) {
    if (!(name in permissions)) throw new Error(`Route ${route} names an undeclared permission: ${name}`);
  }
  return {
    modules,
    extensions: {
      tabs: modules.flatMap((m) => m.tabs ?? []),
      annexes: modules.flatMap((m) => m.annexes ?? []),
      articles: modules.flatMap((m) => m.articles ?? []),
      dueItems: modules.flatMap((m) => (m.dueItems ? [m.dueItems] : [])),
      permissions,
    },
    permissions,
    routePermissions,
    jobs,
  };
}
