/**
 * The `ctg` command line as a function: `runCli(args, io)` builds the commander program, runs one
 * command line and returns its exit status; errors are printed in French. `main.ts` runs it on the
 * process's arguments and streams; tests run it in their own process on captured streams.
 */
import { Command, CommanderError } from 'commander';
import { isAppError } from '../domain/shared/app-error.js';
import { commandModules } from './commands/index.js';
import { CliExit, type CliIo, withCliIo } from './runtime.js';

const HELP_TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
};

/** Commander's own messages, in French. */
const ERROR_PATTERNS: [RegExp, string][] = [
  [/^error: unknown command '(.*)'/, 'Erreur : commande inconnue « $1 ».'],
  [/^error: unknown option '(.*)'/, 'Erreur : option inconnue « $1 ».'],
  [/^error: missing required argument '(.*)'/, 'Erreur : argument obligatoire manquant « $1 ».'],
  [/^error: required option '(.*)' not specified/, 'Erreur : option obligatoire manquante « $1 ».'],
  [/^error: option '(.*)' argument missing/, 'Erreur : il manque la valeur de l’option « $1 ».'],
  [/^error: too many arguments.*/, 'Erreur : trop d’arguments.'],
];

function frenchError(text: string): string {
  for (const [pattern, replacement] of ERROR_PATTERNS)
    if (pattern.test(text)) return text.replace(pattern, replacement);
  return text;
}

function buildProgram(io: CliIo): Command {
  return (
    new Command('ctg')
      .description('Plateforme des Conventions territoriales globales (Caf et collectivités)')
      .showHelpAfterError('(utilisez « ctg --help » pour la liste des commandes)')
      // Sub-commands inherit these settings: the help reads in French, goes to the given streams,
      // and commander ends with an error the caller turns into the exit status (no process.exit).
      .exitOverride()
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
        outputError: (text, write) => write(frenchError(text)),
      })
      .configureHelp({
        styleTitle: (title) => HELP_TITLES[title] ?? title,
        optionDescription: (option) =>
          option.defaultValue === undefined
            ? option.description
            : `${option.description} (par défaut : ${JSON.stringify(option.defaultValue)})`,
      })
      .helpOption('-h, --help', 'affiche l’aide de la commande')
      .helpCommand('help [commande]', 'affiche l’aide d’une commande')
  );
}

/** Runs one `ctg` command line (`args` without the node and script paths); resolves to its exit status. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  return withCliIo(io, async () => {
    const argv = ['node', 'ctg', ...args];
    const program = buildProgram(io);
    for (const module of await commandModules(argv)) module.register(program);
    try {
      await program.parseAsync(argv);
      return 0;
    } catch (error) {
      if (error instanceof CliExit) return error.status;
      if (error instanceof CommanderError) return error.exitCode;
      if (isAppError(error)) {
        io.stderr.write(`Erreur : ${error.message}\n`);
        return 1;
      }
      io.stderr.write(`Erreur inattendue : ${(error as Error).stack ?? String(error)}\n`);
      return 1;
    }
  });
}
