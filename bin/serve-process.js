// How `ctg serve` runs: the settings its process is started with, and whether the process that was
// started must be replaced by one with them (same process id, through process.execve). Plain
// JavaScript, read before the TypeScript loader is registered.
//
// - A small young generation and a bounded heap: under load V8 otherwise grows its heap far past
//   what is alive (50 MB alive, 480 MB resident after the load benchmark; 190 MB with these, at the
//   same throughput: docs/benchmarks.md).
// - glibc's allocator with a fixed threshold for giving large blocks their own mapping. Its default
//   raises the threshold each time such a block is freed, up to 32 MB: the embedded database's
//   WebAssembly compilation (megabytes of zone memory per optimised function, in the compiler's
//   threads) then lands in the threads' heaps, which keep it once freed (server RSS after starting on
//   the whole referential: 300 MB → 220 MB, no change in throughput). Other C libraries ignore it.

/** V8 options of the server process. */
export const SERVE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=512'];

/** Environment of the server process: glibc reads it when the process starts, hence the restart. */
export const SERVE_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' };

/**
 * What the process must be restarted with for `ctg serve`, or null when nothing is missing (or the
 * command is another one). A setting already given (in the command line, NODE_OPTIONS or the
 * environment) is kept as given. Its types are in serve-process.d.ts.
 */
export function serveRestart({ argv, execArgv, env }) {
  if (argv[2] !== 'serve') return null;
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  const missingFlags = SERVE_FLAGS.filter((flag) => !given.some((g) => g.startsWith(flag.split('=')[0])));
  const missingEnv = Object.entries(SERVE_ENV).filter(([name]) => env[name] === undefined);
  if (missingFlags.length === 0 && missingEnv.length === 0) return null;
  return {
    args: [...missingFlags, ...execArgv, ...argv.slice(1)],
    env: { ...env, ...Object.fromEntries(missingEnv) },
  };
}
