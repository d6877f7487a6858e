/**
 * The `ctg` command line. Each sub-command lives in `commands/` and calls use cases;
 * errors are printed in French and turned into an exit code.
 */
import { Command } from 'commander';
import { isAppError } from '../domain/shared/app-error.js';
import { commandModules } from './commands/index.js';

const program = new Command('ctg')
  .description('Plateforme des Conventions territoriales globales (Caf et collectivités)')
  .showHelpAfterError('(utilisez « ctg --help » pour la liste des commandes)')
  .configureOutput({ outputError: (text, write) => write(text) });

for (const module of commandModules) module.register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isAppError(error)) {
    process.stderr.write(`Erreur : ${error.message}\n`);
    process.exitCode = process.exitCode || 1;
  } else {
    process.stderr.write(`Erreur inattendue : ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
