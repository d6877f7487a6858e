/** Handler of a protection worker: one département's pattern per message (see protection-pool.ts). */
import { parentPort } from 'node:worker_threads';
import { type DepartementProtectionInput, protectDepartement } from '../../domain/diagnostic/index.js';
import { loadLinearSolver } from './linear-solver.js';
import type { ProtectionOutcome } from './protection-pool.js';

parentPort!.on('message', async (message: { id: number; input: DepartementProtectionInput }) => {
  try {
    const solver = await loadLinearSolver();
    const started = performance.now();
    const { result, pattern } = protectDepartement({ ...message.input, solver });
    const outcome: ProtectionOutcome = {
      pattern,
      primary: result.counts.primary,
      secondary: result.counts.secondary,
      boundsFixes: result.boundsFixes,
      globalFixes: result.globalFixes,
      cells: result.cells.length,
      durationMs: performance.now() - started,
    };
    parentPort!.postMessage({ id: message.id, outcome });
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
