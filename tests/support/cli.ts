/**
 * `ctg` command lines for the tests. `ctgInProcess` runs one through `runCli`, the function the
 * `ctg` process runs, in the test's own process (the modules are loaded once per file, not once per
 * command): same program, same commands, same French messages and exit status, output captured.
 * `ctgProcess` runs `bin/ctg.js` as a real process, for what only a process shows (the Node.js
 * check of bin/ctg.js, the lock of the embedded database held by another process).
 */
import { spawnSync } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

export interface CtgResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function ctgInProcess(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CtgResult> {
  return ctgInProcessWithInput(env, undefined, ...args);
}

/** `ctgInProcess` with `input` as the command's standard input (an empty one when undefined). */
export async function ctgInProcessWithInput(
  env: NodeJS.ProcessEnv,
  input: string | undefined,
  ...args: string[]
): Promise<CtgResult> {
  const stdout = collector();
  const stderr = collector();
  const stdin = Readable.from(input === undefined ? [] : [Buffer.from(input, 'utf8')]);
  const status = await runCli(args, { stdout: stdout.stream, stderr: stderr.stream, env, stdin });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

export function ctgProcess(env: NodeJS.ProcessEnv, ...args: string[]): CtgResult {
  const r = spawnSync(process.execPath, ['bin/ctg.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
