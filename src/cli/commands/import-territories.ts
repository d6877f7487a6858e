/** `ctg import territories`: imports (or updates) the official referential of territories. */
import type { Command } from 'commander';
import { importTerritories } from '../../use-cases/territories/import-territories.js';
import { print, withDatabase } from '../runtime.js';

export function register(program: Command): void {
  const importCommand =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Importe des données (territoires, diagnostic…)');
  importCommand
    .command('territories')
    .description('Importe les communes, EPCI, départements et régions du Code officiel géographique')
    .option('--departement <codes>', 'limite l’import à ces départements (séparés par des virgules)')
    .action(async (options: { departement?: string }) => {
      const departements = options.departement
        ?.split(',')
        .map((d) => d.trim())
        .filter(Boolean);
      await withDatabase(async (ctx) => {
        const started = performance.now();
        const result = await importTerritories(ctx, departements ? { departements } : {});
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const c = result.counts;
        print(`Référentiel ${result.edition} importé en ${seconds} s :`);
        print(`  ${c.commune} communes, ${c.epci} EPCI, ${c.departement} départements, ${c.region} régions`);
        if (result.removed) print(`  ${result.removed} territoires disparus du référentiel supprimés`);
      });
    });
}
