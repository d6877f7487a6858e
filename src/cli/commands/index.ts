/** Every `ctg` sub-command, registered in the order `ctg --help` lists them. */
import type { Command } from 'commander';
import * as importTerritories from './import-territories.js';
import * as migrate from './migrate.js';
import * as serve from './serve.js';
import * as territory from './territory.js';
import * as user from './user.js';

export type CommandModule = { register(program: Command): void };

export const commandModules: CommandModule[] = [serve, migrate, importTerritories, territory, user];
