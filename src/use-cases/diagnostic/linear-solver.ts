/**
 * The linear programme solver of the secrecy engine's bounds check across tables: HiGHS compiled to
 * WebAssembly (npm `highs`), loaded once per process. The domain only sees `LinearSolver`.
 */
import type { Highs } from 'highs';
import type { LinearSolver } from '../../domain/secrecy/index.js';

let loading: Promise<LinearSolver> | undefined;

export function loadLinearSolver(): Promise<LinearSolver> {
  loading ??= (async () => {
    // A CommonJS module: its default export is the loader itself.
    const load = (await import('highs')).default as unknown as () => Promise<Highs>;
    const highs = await load();
    return {
      solve(model: string): ReadonlyMap<string, number> {
        const solution = highs.solve(model);
        if (solution.Status !== 'Optimal') {
          throw new Error(`Programme linéaire du secret statistique non résolu : ${solution.Status}`);
        }
        const columns = Object.entries(solution.Columns) as Array<[string, { Primal: number }]>;
        return new Map(columns.map(([name, column]) => [name, column.Primal]));
      },
    };
  })();
  return loading;
}
