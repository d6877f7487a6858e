/**
 * What a command needs around it: where it writes (stdout, stderr), the environment it reads, the
 * configured database opened and closed, and a way to end with an exit status. `runCli` sets the
 * output for one command line, so the same commands run in the `ctg` process and inside a test.
 */
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { systemClock } from '../domain/shared/dates.js';
import { type Context, systemContext } from '../use-cases/context.js';
import { configFromEnv } from '../web/config.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** What a command reads as its standard input (the process's own when unset). */
  stdin?: AsyncIterable<Uint8Array | string>;
}

let current: CliIo | null = null;

/** The output and environment of the command line being run (the process's own by default). */
export function cliIo(): CliIo {
  return current ?? { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Runs `work` with `io` as the command line's output; one command line at a time. */
export async function withCliIo<T>(io: CliIo, work: () => Promise<T>): Promise<T> {
  const previous = current;
  current = io;
  try {
    return await work();
  } finally {
    current = previous;
  }
}

/** Prints lines on the standard output, each followed by a new line. */
export function print(...lines: string[]): void {
  for (const line of lines) cliIo().stdout.write(`${line}\n`);
}

/** Prints lines on the standard error, each followed by a new line. */
export function printError(...lines: string[]): void {
  for (const line of lines) cliIo().stderr.write(`${line}\n`);
}

/** Thrown to end the command line with this exit status (its message already printed). */
export class CliExit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
    this.name = 'CliExit';
  }
}

/** Ends the command line with this exit status, its message already printed. */
export function exitWith(status: number): never {
  throw new CliExit(status);
}

export async function withDatabase<T>(
  work: (ctx: Context, handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const config = configFromEnv(cliIo().env);
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(handle.db);
    // On the embedded database, the command line is alone: the server cannot run meanwhile.
    return await work(
      { ...systemContext(handle.db, systemClock), alone: handle.driver === 'pglite' },
      handle,
    );
  } finally {
    await handle.close();
  }
}

/** Prints « Erreur : message » and ends the command line with this exit status. */
export function fail(message: string, exitCode = 1): never {
  printError(`Erreur : ${message}`);
  exitWith(exitCode);
}
