/**
 * The seam a module plugs into. A module (plan, pilotage, évaluation, équipements et financements …)
 * owns its folders in each layer and registers here what the rest of the platform shows of it:
 * its tabs in the convention workspace, its annex content and article bodies for the convention
 * document, its due items for the échéances page, its lines in the one permission declaration, and
 * its jobs (scheduled, or queued with a payload by its use cases through the outbox, ADR 9).
 * The convention area defines the sockets (`WorkspaceTab`, `AnnexContribution`,
 * `ArticleContribution`, `DueItemSource`) and imports no
 * module; the app composes the installed modules (`index.ts`, `compose.ts`) and hands them in.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { PermissionTable } from '../domain/access/permissions.js';
import type { AnnexContribution } from '../use-cases/conventions/annex-content.js';
import type { ArticleContribution } from '../use-cases/conventions/article-content.js';
import type { DueItemSource } from '../use-cases/conventions/list-due-items.js';
import type { PlatformJob } from '../use-cases/jobs/platform-jobs.js';
import type { RoutePermissionTable } from '../web/route-permissions.js';
import type { ConventionExtensions, WorkspaceTab } from '../web/routes/conventions/workspace.js';

export type { AnnexContribution, ArticleContribution, DueItemSource, WorkspaceTab };

/** What the app hands a module's routes plugin. */
export interface ModuleRouteOptions {
  extensions: ConventionExtensions;
}

export interface CtgModule {
  /** Short code (`diagnostic`, `plan`), also the prefix of its due items' kinds (`plan.action_late`). */
  id: string;
  /** Its name in French, for documentation. */
  label: string;
  /** Its tabs in the workspace of a convention, each at `/conventions/:id/<segment>`. */
  tabs?: readonly WorkspaceTab[];
  /** What it computes for annexes of the convention document. */
  annexes?: readonly AnnexContribution[];
  /** The bodies it writes for articles of the convention document, in place of the stored ones. */
  articles?: readonly ArticleContribution[];
  /** What is due in its area on the conventions of the actor's scope, for `/echeances` and the summary. */
  dueItems?: DueItemSource;
  /** Its own lines of the permission declaration (a name of the platform's may not be redeclared). */
  permissions?: PermissionTable;
  /**
   * Its jobs, run by the platform's runner beside the platform's: each named here without its prefix
   * (`pilot-assigned`) and queued as `<id>.<name>` (`plan.pilot-assigned`), the name its use cases
   * write in the outbox (`insertOutbox`, in their transaction).
   */
  jobs?: readonly PlatformJob[];
  /**
   * Its own routes (pages, API) with the permission each needs; a tab's route is declared by its tab.
   * The plugin is handed the composed extensions, to draw its pages in the workspace frame.
   */
  routes?: { plugin: FastifyPluginAsync<ModuleRouteOptions>; permissions: RoutePermissionTable };
}
