/**
 * Statistical secrecy: the single exit through which every diagnostic value leaves the server.
 * `protect()` blanks what article 7 forbids and whatever would let a reader recompute it.
 */

export { type LinearProgramme, type LinearSolver, pinnedAcrossTables } from './bounds-across-tables.js';
export { highsAsSolver } from './highs.js';
export {
  type LinkedOptions,
  type LinkedProblem,
  type LinkedResult,
  protectLinked,
  type SubTable,
} from './linked.js';
export { protect } from './protect.js';
export { numeratorRange, percentage, scaledPercentage, shareRevealsNumerator } from './ratio.js';
export { resultFromStatuses } from './result.js';
export * from './types.js';
export { assertValidProblem, findProblemIssues } from './validate-problem.js';
