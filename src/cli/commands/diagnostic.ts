/** `ctg diagnostic CODE`: the shared diagnostic of a territory, protected, as JSON, CSV or HTML. */
import type { Command } from 'commander';
import { diagnosticToCsv } from '../../domain/diagnostic/index.js';
import { getDiagnostic } from '../../use-cases/diagnostic/get-diagnostic.js';
import { renderDiagnosticDocument } from '../../web/routes/diagnostic/diagnostic-document.js';
import { cliIo, fail, withDatabase } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('diagnostic')
    .description(
      'Affiche le diagnostic partagé (annexe 1) d’une commune, d’un EPCI ou d’un département, protégé par le secret statistique',
    )
    .argument('<code>', 'code INSEE de la commune, SIREN de l’EPCI ou code du département')
    .option('--year <AAAA>', 'les chiffres connus à la fin de cette année (les plus récents sinon)')
    .option('--format <format>', 'json, csv ou html', 'json')
    .action(async (code: string, options: { year?: string; format: string }) => {
      if (!['json', 'csv', 'html'].includes(options.format)) {
        fail(`format inconnu « ${options.format} » (json, csv ou html).`);
      }
      const year = options.year ? Number(options.year) : undefined;
      if (options.year && !(Number.isInteger(year) && /^\d{4}$/.test(options.year))) {
        fail(`année invalide « ${options.year} » (AAAA attendu).`);
      }
      const output = await withDatabase(async (ctx) => {
        const result = await getDiagnostic(ctx, code, year ? { year } : {});
        if (options.format === 'csv') return diagnosticToCsv(result.protectedDiagnostic);
        if (options.format === 'html') return renderDiagnosticDocument(result.json);
        return `${JSON.stringify(result.json, null, 2)}\n`;
      });
      cliIo().stdout.write(output);
    });
}
