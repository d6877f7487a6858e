/** `ctg import diagnostic FILE`: imports diagnostic figures (long layout CSV/XLSX or CAFDATA export). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { isAppError } from '../../domain/shared/app-error.js';
import type { ImportError } from '../../imports/diagnostic/index.js';
import {
  type FileFormat,
  FORMAT_LABELS,
  importDiagnostic,
} from '../../use-cases/diagnostic/import-diagnostic.js';
import { cliIo, exitWith, fail, print, withDatabase } from '../runtime.js';

const FORMATS: Record<string, FileFormat> = { csv: 'long_csv', xlsx: 'long_xlsx', cafdata: 'cafdata_csv' };

export function register(program: Command): void {
  const importCommand =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Importe des données (territoires, diagnostic…)');
  importCommand
    .command('diagnostic')
    .description(
      'Importe les chiffres du diagnostic partagé (format long CSV ou XLSX, ou export CAFDATA s_ben_com_f) ; tout ou rien',
    )
    .argument('<fichier>', 'fichier CSV ou XLSX')
    .option('--format <format>', 'force le format : csv, xlsx ou cafdata (détecté sinon)')
    .action(async (file: string, options: { format?: string }) => {
      const format = options.format ? FORMATS[options.format] : undefined;
      if (options.format && !format) fail(`format inconnu « ${options.format} » (csv, xlsx ou cafdata).`);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch {
        fail(`impossible de lire le fichier « ${file} ».`);
      }
      await withDatabase(async (ctx) => {
        try {
          const r = await importDiagnostic(ctx, {
            fileName: basename(file),
            bytes,
            ...(format ? { format } : {}),
          });
          print(`Fichier « ${basename(file)} » importé (${FORMAT_LABELS[r.format]}) :`);
          print(
            `  ${r.rowCount - r.givenShares} valeurs${r.secretAtSource > 0 ? ` (dont ${r.secretAtSource} masquées par leur source)` : ''}${r.givenShares > 0 ? ` et ${r.givenShares} pourcentages publiés sans leur effectif` : ''}, ${r.indicatorCount} indicateurs, ${r.territoryCodes.length} territoire(s) : ${r.territoryCodes.slice(0, 10).join(', ')}${r.territoryCodes.length > 10 ? '…' : ''}`,
          );
          print(`  dates de référence : ${r.referenceDates.join(', ')}`);
          if (r.replacedImports.length > 0) {
            print(
              `  remplace ${r.replacedImports.length} import(s) précédent(s) de la même période (${r.removedValues} valeurs retirées)`,
            );
          }
          if (r.overwrittenValues > 0)
            print(`  ${r.overwrittenValues} valeur(s) existante(s) mise(s) à jour`);
        } catch (error) {
          if (isAppError(error) && error.code === 'IMPORT_INVALID' && Array.isArray(error.details)) {
            const errors = error.details as ImportError[];
            cliIo().stderr.write(
              `Erreur : le fichier « ${basename(file)} » contient ${errors.length} erreur(s) ; rien n’a été modifié.\n`,
            );
            for (const e of errors) cliIo().stderr.write(`  ${e.message}\n`);
            exitWith(1);
          }
          throw error;
        }
      });
    });
}
