/**
 * Every `ctg` sub-command, registered in the order `ctg --help` lists them. A command's module is
 * loaded only when it is asked for (or for the help and unknown commands, all of them): each one
 * pulls its use cases, and loading all of them costs about half a second at every start.
 */
import type { Command } from 'commander';

export type CommandModule = { register(program: Command): void };

type Loader = () => Promise<CommandModule>;

/** Top-level command names → the modules that register them, in help order. */
const COMMANDS: ReadonlyArray<[name: string, load: Loader]> = [
  ['serve', () => import('./serve.js')],
  ['migrate', () => import('./migrate.js')],
  ['import', () => import('./import-territories.js')],
  ['import', () => import('./import-diagnostic.js')],
  ['territory', () => import('./territory.js')],
  ['diagnostic', () => import('./diagnostic.js')],
  ['convention', () => import('./convention.js')],
  ['plan', () => import('./plan.js')],
  ['demo-data', () => import('./demo-data.js')],
  ['user', () => import('./user.js')],
  ['token', () => import('./user.js')],
  ['protect', () => import('./protect.js')],
  ['jobs', () => import('./jobs.js')],
];

/** The modules needed for this command line: those of its command, or all for anything else. */
export async function commandModules(argv: readonly string[]): Promise<CommandModule[]> {
  const name = argv[2];
  const wanted = COMMANDS.filter(([command]) => command === name);
  const loaders = wanted.length > 0 ? wanted : COMMANDS;
  const modules: CommandModule[] = [];
  for (const [, load] of loaders) {
    const module = await load();
    if (!modules.includes(module)) modules.push(module);
  }
  return modules;
}
