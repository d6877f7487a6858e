/**
 * The `ctg` process: runs the command line (`program.ts`) on the process's arguments and streams.
 * Each sub-command lives in `commands/` and calls use cases.
 */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
