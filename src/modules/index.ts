/**
 * The modules installed on this platform, in the order of their tabs. Adding a module is one line
 * here; the convention area never changes (see docs/architecture.md, « Modules »).
 */
import { type Composition, composeModules } from './compose.js';
import { diagnosticModule } from './diagnostic.module.js';
import type { CtgModule } from './module.js';
import { planModule } from './plan.module.js';

export const INSTALLED_MODULES: readonly CtgModule[] = [diagnosticModule, planModule];

/** The installed modules put together (what the app, the CLI and the tests hand around). */
export function installedModules(): Composition {
  return composeModules(INSTALLED_MODULES);
}
