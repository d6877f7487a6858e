/** What the app hands the plan's route plugins: the composed extensions, to draw pages in the workspace frame. */
import type { ConventionExtensions } from '../conventions/workspace.js';

export interface PlanRouteOptions {
  extensions: ConventionExtensions;
}
