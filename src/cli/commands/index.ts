/** Every `ctg` sub-command, registered in the order `ctg --help` lists them. */
import type { Command } from 'commander';

export type CommandModule = { register(program: Command): void };

export const commandModules: CommandModule[] = [];
