/**
 * Starts the real platform (`ctg serve --demo`) on a fresh embedded database and a free port,
 * and reads the demo accounts it prints once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  /** The server's process id (the same once it has restarted itself with its settings). */
  pid: number;
  accounts: Map<string, string>;
  output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctg-e2e-'));
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
  const accounts = new Map<string, string>();
  for (const match of out.matchAll(/(\S+@demo\.ctg\.test)\s+(\S+)/g)) accounts.set(match[1]!, match[2]!);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    accounts,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
