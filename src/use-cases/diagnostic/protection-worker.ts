/** Handler of a protection worker: one département's pattern per message (see protection-pool.ts). */
import { parentPort } from 'node:worker_threads';
import type { DepartementProtectionInput } from '../../domain/diagnostic/index.js';
import { loadLinearSolver } from './linear-solver.js';
import { protectOne } from './protection-pool.js';

// Compiled as soon as the worker starts, before its first input arrives.
void loadLinearSolver().catch(() => undefined);

parentPort!.on('message', async (message: { id: number; input: DepartementProtectionInput }) => {
  try {
    parentPort!.postMessage({ id: message.id, outcome: await protectOne(message.input) });
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
