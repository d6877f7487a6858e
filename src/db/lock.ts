/**
 * The embedded database belongs to one process: a lock file holding the owner's pid keeps a second
 * process (a CLI import while the server runs) from opening the same directory.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../domain/shared/app-error.js';

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, 'ctg.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new AppError('DATA_DIR_LOCKED', {
          message:
            `La base de données embarquée (${dataDir}) est déjà ouverte par le processus ${owner}, ` +
            'sans doute « ctg serve ». Arrêtez-le, ou faites la même opération depuis les pages web, ' +
            'ou utilisez un serveur PostgreSQL (DATABASE_URL).',
          details: { pid: owner, dataDir },
        });
      }
      // A lock left by a process that no longer runs: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { details: { dataDir } });
}
