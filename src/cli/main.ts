/**
 * The `ctg` command line. Each sub-command lives in `commands/` and calls use cases;
 * errors are printed in French and turned into an exit code.
 */
import { Command } from 'commander';
import { isAppError } from '../domain/shared/app-error.js';
import { commandModules } from './commands/index.js';

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

const program = new Command('ctg')
  .description('Plateforme des Conventions territoriales globales (Caf et collectivités)')
  .showHelpAfterError('(utilisez « ctg --help » pour la liste des commandes)')
  .configureOutput({ outputError: (text, write) => write(frenchError(text)) })
  // Sub-commands inherit these settings, so the whole help reads in French.
  .configureHelp({
    styleTitle: (title) => HELP_TITLES[title] ?? title,
    optionDescription: (option) =>
      option.defaultValue === undefined
        ? option.description
        : `${option.description} (par défaut : ${JSON.stringify(option.defaultValue)})`,
  })
  .helpOption('-h, --help', 'affiche l’aide de la commande')
  .helpCommand('help [commande]', 'affiche l’aide d’une commande');

for (const module of await commandModules(process.argv)) module.register(program);

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
