/**
 * Starts the real platform (`ctg serve --demo`) on a fresh embedded database and a free port.
 *
 * The demo data (all of France's territories, the Caf des Yvelines, the convention and its plan)
 * are made once per run by the e2e project's global setup (`demo-server-setup.ts`), by a first
 * `ctg serve --demo` on an empty data directory, which prints the demo accounts once; each test
 * file's server starts on its own copy of that directory, as a second `npm start` does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The data directory holding the demo, made once per run (removed when the run ends). */
    ctgDemoDataDir: string;
    /** What its first start printed: the demo accounts and their passwords. */
    ctgDemoFirstOutput: string;
  }
}

export interface RunningServer {
  url: string;
  /** The server's process id (the same once it has restarted itself with its settings). */
  pid: number;
  accounts: Map<string, string>;
  /** What the first start of the demo printed, then what this server printed. */
  output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** Ends the server (SIGTERM: it closes its database cleanly) and waits for its exit. */
  stop(): Promise<void>;
}

/** Runs `ctg serve --demo` on `dataDir` and resolves once it says it is ready. */
export async function spawnServe(dataDir: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['bin/ctg.js', 'serve', '--demo'], {
    env: {
      ...process.env,
      CTG_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Le serveur n’a pas démarré à temps :\n${out}`)),
      120_000,
    );
    const check = setInterval(() => {
      if (out.includes('Plateforme CTG prête')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`Le serveur s’est arrêté (code ${code}) :\n${out}`));
    });
  });
  return {
    child,
    port,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** The demo accounts printed once by the first start: e-mail → password. */
export function demoAccounts(firstOutput: string): Map<string, string> {
  const accounts = new Map<string, string>();
  for (const match of firstOutput.matchAll(/(\S+@demo\.ctg\.test)\s+(\S+)/g)) {
    accounts.set(match[1]!, match[2]!);
  }
  return accounts;
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctg-e2e-'));
  const firstOutput = inject('ctgDemoFirstOutput');
  let server: ServeProcess;
  try {
    cpSync(inject('ctgDemoDataDir'), dataDir, { recursive: true });
    server = await spawnServe(dataDir, env);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${server.port}`,
    pid: server.child.pid!,
    accounts: demoAccounts(firstOutput),
    output: () => firstOutput + server.output(),
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
