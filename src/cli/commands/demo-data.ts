/** `ctg demo-data --departement 78` or `--epci 200058519`: synthetic figures for the communes without any. */

import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { generateSyntheticDiagnostic } from '../../use-cases/diagnostic/generate-synthetic-diagnostic.js';
import { cliIo, exitWith, print, printError, withDatabase } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('demo-data')
    .description(
      'Donne des chiffres de diagnostic synthétiques (signalés comme tels) aux communes d’un département ou d’un EPCI qui n’en ont pas',
    )
    .option('--departement <code>', 'code du département, ex. 78')
    .option('--epci <siren>', 'SIREN de l’EPCI, ex. 200058519')
    .action(async (options: { departement?: string; epci?: string }) => {
      if ((options.departement === undefined) === (options.epci === undefined)) {
        printError('Indiquez soit --departement, soit --epci.');
        exitWith(2);
      }
      await withDatabase(async (ctx) => {
        const bar = new SingleBar({
          format: 'Communes {bar} {value}/{total}',
          barCompleteChar: '█',
          barIncompleteChar: '░',
          hideCursor: true,
          stream: cliIo().stderr,
        });
        let started = false;
        const onProgress = (done: number, total: number) => {
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        };
        const result = await generateSyntheticDiagnostic(
          ctx,
          options.epci !== undefined
            ? { epci: options.epci.trim(), onProgress }
            : { departement: options.departement!.trim().toUpperCase(), onProgress },
        );
        if (started) bar.stop();
        const where =
          result.scope.level === 'departement'
            ? `du département ${result.scope.code}`
            : `de l’EPCI ${result.scope.name}`;
        if (result.communes === 0) {
          print(`Aucune commune à compléter ${where} : ${result.skipped} commune(s) ont déjà des chiffres.`);
          return;
        }
        print(
          `Données synthétiques créées pour ${result.communes} commune(s) ${where} (${result.values} valeurs) ; ${result.skipped} commune(s) déjà renseignée(s) laissée(s) telle(s) quelle(s).`,
        );
      });
    });
}
