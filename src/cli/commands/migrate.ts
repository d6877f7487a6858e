/** `ctg migrate`: applies the pending database migrations. */
import type { Command } from 'commander';
import { print, withDatabase } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('Applique les migrations de la base de données')
    .action(async () => {
      // withDatabase migrates before running the work.
      await withDatabase(async (_ctx, handle) => {
        print(`Base de données à jour (${handle.driver === 'pglite' ? 'base embarquée' : 'PostgreSQL'}).`);
      });
    });
}
