/**
 * Action-plan files (docs/plan-import.md): read an XLSX, ODS or CSV plan into a validated PlanFile,
 * all-or-nothing, and write a PlanFile to the same three formats.
 */
export { COLUMNS, CSV_LAYOUT, PLAN_FILE_LIMITS, SHEETS } from './layout.js';
export { readPlanFile } from './read.js';
export * from './types.js';
export { writePlanFile } from './write.js';
