import type { FastifyInstance } from 'fastify';
import type { ModuleRouteOptions } from '../../../modules/module.js';
import type { PlanRoutePlugin } from './plan-routes.js';

async function plugin(_app: FastifyInstance, _options: ModuleRouteOptions) {}

export const projectRoutes: PlanRoutePlugin = { plugin, permissions: {} };
