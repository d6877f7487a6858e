/**
 * The linear programme solver of the secrecy engine's bounds check across tables: HiGHS compiled to
 * WebAssembly (npm `highs`), loaded once per thread and wrapped by the domain's `highsAsSolver`.
 */
import type { Highs } from 'highs';
import { highsAsSolver, type LinearSolver } from '../../domain/secrecy/index.js';

let loading: Promise<LinearSolver> | undefined;

export function loadLinearSolver(): Promise<LinearSolver> {
  loading ??= (async () => {
    // A CommonJS module: its default export is the loader itself.
    const load = (await import('highs')).default as unknown as () => Promise<Highs>;
    return highsAsSolver(await load());
  })();
  return loading;
}
