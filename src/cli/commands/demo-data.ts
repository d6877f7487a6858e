/** `ctg demo-data --departement 78`: synthetic diagnostic figures for the communes without any. */

import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { generateSyntheticDiagnostic } from '../../use-cases/diagnostic/generate-synthetic-diagnostic.js';
import { withDatabase } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('demo-data')
    .description(
      'Donne des chiffres de diagnostic synthétiques (signalés comme tels) aux communes d’un département qui n’en ont pas',
    )
    .requiredOption('--departement <code>', 'code du département, ex. 78')
    .action(async (options: { departement: string }) => {
      await withDatabase(async (ctx) => {
        const bar = new SingleBar({
          format: 'Communes {bar} {value}/{total}',
          barCompleteChar: '█',
          barIncompleteChar: '░',
          hideCursor: true,
          stream: process.stderr,
        });
        let started = false;
        const result = await generateSyntheticDiagnostic(ctx, {
          departement: options.departement.trim().toUpperCase(),
          onProgress: (done, total) => {
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            bar.update(done);
          },
        });
        if (started) bar.stop();
        if (result.communes === 0) {
          console.log(
            `Aucune commune à compléter dans le département ${result.departement} : ${result.skipped} commune(s) ont déjà des chiffres.`,
          );
          return;
        }
        console.log(
          `Données synthétiques créées pour ${result.communes} commune(s) du département ${result.departement} (${result.values} valeurs) ; ${result.skipped} commune(s) déjà renseignée(s) laissée(s) telle(s) quelle(s).`,
        );
      });
    });
}
