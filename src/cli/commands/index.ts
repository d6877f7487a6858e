/** Every `ctg` sub-command, registered in the order `ctg --help` lists them. */
import type { Command } from 'commander';
import * as convention from './convention.js';
import * as demoData from './demo-data.js';
import * as diagnostic from './diagnostic.js';
import * as importDiagnostic from './import-diagnostic.js';
import * as importTerritories from './import-territories.js';
import * as migrate from './migrate.js';
import * as protect from './protect.js';
import * as serve from './serve.js';
import * as territory from './territory.js';
import * as user from './user.js';

export type CommandModule = { register(program: Command): void };

export const commandModules: CommandModule[] = [
  serve,
  migrate,
  importTerritories,
  importDiagnostic,
  territory,
  diagnostic,
  convention,
  demoData,
  user,
  protect,
];
