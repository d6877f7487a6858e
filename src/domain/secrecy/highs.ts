/**
 * HiGHS (npm `highs`, loaded by the caller) behind the engine's `LinearSolver`: the programme goes in
 * as arrays through HiGHS's structured model interface, the solution comes out as one array.
 */
import type { Highs } from 'highs';
import type { LinearProgramme, LinearSolver } from './bounds-across-tables.js';

export function highsAsSolver(highs: Highs): LinearSolver {
  return {
    maximise(programme: LinearProgramme): ArrayLike<number> {
      const columns = programme.objective.length;
      const rows = programme.rowLower.length;
      const data = {
        numCols: columns,
        numRows: rows,
        sense: highs.constants.objectiveSense.maximize,
        colCost: Float64Array.from(programme.objective),
        colLower: Float64Array.from(programme.lower, (v) => (v === -Infinity ? -highs.infinity : v)),
        colUpper: Float64Array.from(programme.upper, (v) => (v === Infinity ? highs.infinity : v)),
        rowLower: Float64Array.from(programme.rowLower, (v) => (v === -Infinity ? -highs.infinity : v)),
        rowUpper: Float64Array.from(programme.rowUpper, (v) => (v === Infinity ? highs.infinity : v)),
        matrix: {
          format: 'csr' as const,
          numRows: rows,
          numCols: columns,
          starts: Int32Array.from(programme.rowStarts),
          indices: Int32Array.from(programme.rowColumns),
          values: Float64Array.from(programme.rowValues),
        },
      };
      return highs.withModel(data, (model) => {
        model.run();
        if (model.getModelStatus() !== highs.constants.modelStatus.optimal) {
          throw new Error(
            `Programme linéaire du secret statistique non résolu (état ${model.getModelStatus()})`,
          );
        }
        return model.getSolution().colValue;
      });
    },
  };
}
