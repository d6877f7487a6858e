/**
 * Protects several départements at once on the machine's cores: each département's pattern is a
 * pure computation (`protectDepartement`), so worker threads compute them side by side while the
 * caller reads and writes the database. With one département, or one core, it runs in this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type DepartementProtectionInput, protectDepartement } from '../../domain/diagnostic/index.js';
import type { Status } from '../../domain/secrecy/index.js';
import { loadLinearSolver } from './linear-solver.js';

export interface ProtectionOutcome {
  pattern: Map<string, Status>;
  primary: number;
  secondary: number;
  globalFixes: number;
  boundsFixes: number;
  cells: number;
  durationMs: number;
}

type Input = Omit<DepartementProtectionInput, 'solver'>;

const YOUNG_GENERATION_MB = 256;

/**
 * Workers kept between calls: starting one loads the TypeScript of the domain again (about a
 * second of a core), which every import touching two départements would pay twice. An idle worker
 * is unreferenced, so it never keeps the process (a CLI command, a test file) alive; it holds no
 * state between inputs (each message carries its whole input).
 */
const idleWorkers: Worker[] = [];
const IDLE_WORKER_MS = 60_000;
const idleTimers = new WeakMap<Worker, NodeJS.Timeout>();

function takeWorker(): Worker {
  const idle = idleWorkers.pop();
  // (Its exit listener as an idle worker goes: the call listens for itself.)
  idle?.removeAllListeners('exit');
  if (idle) clearTimeout(idleTimers.get(idle));
  const worker =
    idle ??
    new Worker(new URL('./protection-worker.mjs', import.meta.url), {
      // The engine allocates many short-lived objects: a larger young generation halves the
      // garbage collector’s share (six départements: 12.7 s with the default, 10.9 s with 256 MB).
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  worker.ref();
  return worker;
}

function releaseWorker(worker: Worker): void {
  if (idleWorkers.length >= availableParallelism()) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idleWorkers.push(worker);
  // A worker idle for a minute is ended: a server importing once a day does not keep its memory
  // (tens of MB each) in between. Taken again before, it keeps going.
  const timer = setTimeout(() => {
    const at = idleWorkers.indexOf(worker);
    if (at < 0) return;
    idleWorkers.splice(at, 1);
    void worker.terminate();
  }, IDLE_WORKER_MS).unref();
  idleTimers.set(worker, timer);
  // An idle worker that dies is simply forgotten.
  worker.once('exit', () => {
    clearTimeout(timer);
    const at = idleWorkers.indexOf(worker);
    if (at >= 0) idleWorkers.splice(at, 1);
  });
}

/**
 * Starts a worker now, if none is idle, for a computation to come: it loads the engine and its
 * solver (about a second of a core) while the caller reads its file and the database.
 */
export function warmProtectionWorker(): void {
  if (idleWorkers.length === 0) releaseWorker(takeWorker());
}

/** One département's pattern, computed in the calling thread (a worker's or this one). */
export async function protectOne(input: Input): Promise<ProtectionOutcome> {
  const solver = await loadLinearSolver();
  const started = performance.now();
  const { result, pattern } = protectDepartement({ ...input, solver });
  return {
    pattern,
    primary: result.counts.primary,
    secondary: result.counts.secondary,
    globalFixes: result.globalFixes,
    boundsFixes: result.boundsFixes,
    cells: result.cells.length,
    durationMs: performance.now() - started,
  };
}

/**
 * The outcome of each input, in order. `inputs` is asked for one input at a time, when a worker is
 * free, so that a whole country's values are never all in memory; `onDone` hears of each outcome as
 * it arrives. One input is computed in this thread, unless `offThread` (this thread has other work
 * meanwhile: a transaction's writes, the requests of a server).
 */
export async function protectMany(
  count: number,
  inputs: (index: number) => Input | Promise<Input>,
  onDone?: (index: number, outcome: ProtectionOutcome) => void,
  options: { offThread?: boolean } = {},
): Promise<ProtectionOutcome[]> {
  const outcomes = new Array<ProtectionOutcome>(count);
  const threads = Math.min(availableParallelism(), count);
  if (count === 0) return outcomes;
  if (threads < 2 && !options.offThread) {
    for (let i = 0; i < count; i++) {
      outcomes[i] = await protectOne(await inputs(i));
      onDone?.(i, outcomes[i]!);
    }
    return outcomes;
  }
  const workers = Array.from({ length: threads }, takeWorker);
  const failed = new Set<Worker>();
  let next = 0;
  try {
    await Promise.all(
      workers.map(async (worker) => {
        while (next < count) {
          const index = next++;
          const input = await inputs(index);
          const outcome = await new Promise<ProtectionOutcome>((resolve, reject) => {
            const stop = (): void => {
              worker.off('message', onMessage);
              worker.off('error', onError);
              worker.off('exit', onExit);
            };
            const onMessage = (message: {
              id: number;
              outcome?: ProtectionOutcome;
              error?: string;
            }): void => {
              if (message.id !== index) return;
              stop();
              if (message.outcome) resolve(message.outcome);
              else reject(new Error(message.error));
            };
            const onError = (error: Error): void => {
              stop();
              failed.add(worker);
              reject(error);
            };
            const onExit = (code: number): void => {
              stop();
              failed.add(worker);
              reject(new Error(`Le calcul du secret statistique s’est arrêté (code ${code}).`));
            };
            worker.on('message', onMessage);
            worker.on('error', onError);
            worker.on('exit', onExit);
            worker.postMessage({ id: index, input });
          });
          outcomes[index] = outcome;
          onDone?.(index, outcome);
        }
      }),
    );
  } catch (error) {
    // A failure leaves the other workers mid-computation: none of this call's workers is kept.
    for (const worker of workers) failed.add(worker);
    throw error;
  } finally {
    for (const worker of workers) {
      if (failed.has(worker)) void worker.terminate();
      else releaseWorker(worker);
    }
  }
  return outcomes;
}
