/**
 * The plan module's routes: each file of this folder exports a plugin with its route-permission
 * table, listed here once; the module registers them all and merges their tables (a route declared
 * twice is refused when the modules are composed).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { RoutePermissionTable } from '../../route-permissions.js';
import { planApiRoutes } from './plan.api.routes.js';
import { planRoutes } from './plan.routes.js';
import type { PlanRouteOptions as ModuleRouteOptions } from './plan-route-options.js';
import { PLAN_ROUTE_PERMISSIONS } from './plan-route-permissions.js';
import { projectRoutes } from './project.routes.js';

export interface PlanRoutePlugin {
  plugin: FastifyPluginAsync<ModuleRouteOptions>;
  permissions: RoutePermissionTable;
}

/** One line per file of routes. */
const PLUGINS: readonly PlanRoutePlugin[] = [
  { plugin: planRoutes, permissions: PLAN_ROUTE_PERMISSIONS },
  projectRoutes,
  planApiRoutes,
];

function merged(tables: readonly RoutePermissionTable[]): RoutePermissionTable {
  const out: Record<string, string> = {};
  for (const table of tables) {
    for (const [route, permission] of Object.entries(table)) {
      if (route in out) throw new Error(`Plan route declared twice: ${route}`);
      out[route] = permission;
    }
  }
  return out;
}

export const planModuleRoutes: PlanRoutePlugin = {
  plugin: async (app, options) => {
    for (const p of PLUGINS) await app.register(p.plugin, options);
  },
  permissions: merged(PLUGINS.map((p) => p.permissions)),
};
