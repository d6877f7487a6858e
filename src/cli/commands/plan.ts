/**
 * `ctg plan import FILE --territory CODE` and `ctg plan export --territory CODE --format …`: the
 * action plan of a territory's convention as an XLSX, ODS or CSV file (docs/plan-import.md). A
 * refused file changes nothing, prints every error in French and exits with status 2.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { isAppError } from '../../domain/shared/app-error.js';
import { PLAN_FILE_FORMATS, type PlanFileFormat, type PlanImportError } from '../../imports/plan/index.js';
import { exportPlan } from '../../use-cases/plan/export-plan.js';
import { importPlan } from '../../use-cases/plan/import-plan.js';
import { currentConventionOf } from '../../use-cases/plan/territory-convention.js';
import { cliIo, exitWith, fail, print, printError, withDatabase } from '../runtime.js';

function formatOf(option: string | undefined, file?: string): PlanFileFormat {
  const given = option ?? (file ? extname(file).slice(1).toLowerCase() : '');
  if ((PLAN_FILE_FORMATS as readonly string[]).includes(given)) return given as PlanFileFormat;
  return fail(
    option || !file
      ? `format inconnu « ${option ?? ''} » (xlsx, ods ou csv).`
      : `format du fichier « ${basename(file)} » inconnu : nommez-le .xlsx, .ods ou .csv, ou précisez --format.`,
  );
}

export function register(program: Command): void {
  const plan = program
    .command('plan')
    .description('Plan d’action d’une convention : import et export en XLSX, ODS ou CSV');
  plan
    .command('import')
    .description(
      'Remplace le plan d’action de la convention du territoire par celui du fichier ; tout ou rien',
    )
    .argument('<fichier>', 'fichier XLSX, ODS ou CSV (voir docs/plan-import.md)')
    .requiredOption('--territory <code>', 'code INSEE de la commune ou SIREN de l’EPCI')
    .option('--format <format>', 'xlsx, ods ou csv (d’après l’extension sinon)')
    .action(async (file: string, options: { territory: string; format?: string }) => {
      const format = formatOf(options.format, file);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch {
        fail(`impossible de lire le fichier « ${file} ».`);
      }
      await withDatabase(async (ctx) => {
        const conventionId = await currentConventionOf(ctx, options.territory);
        try {
          const r = await importPlan(ctx, { conventionId, fileName: basename(file), bytes, format });
          print(
            `Plan d’action du territoire ${options.territory} importé depuis « ${basename(file)} » : ${r.axes} axe(s), ${r.fiches} fiche(s), ${r.subActions} sous-action(s), ${r.indicators} indicateur(s).`,
          );
          if (r.replaced.fiches > 0 || r.replaced.axes > 0 || r.replaced.indicators > 0) {
            print(
              `  remplace ${r.replaced.axes} axe(s), ${r.replaced.fiches} fiche(s) et ${r.replaced.indicators} indicateur(s).`,
            );
          }
        } catch (error) {
          if (isAppError(error) && error.code === 'PLAN_IMPORT_REFUSED' && Array.isArray(error.details)) {
            const errors = error.details as PlanImportError[];
            printError(
              `Erreur : le fichier « ${basename(file)} » contient ${errors.length} erreur(s) ; rien n’a été importé.`,
              ...errors.map((e) => `  ${e.message}`),
            );
            exitWith(2);
          }
          throw error;
        }
      });
    });
  plan
    .command('export')
    .description('Écrit le plan d’action de la convention du territoire en XLSX, ODS ou CSV')
    .requiredOption('--territory <code>', 'code INSEE de la commune ou SIREN de l’EPCI')
    .requiredOption('--format <format>', 'xlsx, ods ou csv')
    .option('--out <fichier>', 'fichier à écrire (la sortie standard sinon)')
    .action(async (options: { territory: string; format: string; out?: string }) => {
      const format = formatOf(options.format);
      const exported = await withDatabase(async (ctx) =>
        exportPlan(ctx, await currentConventionOf(ctx, options.territory), format),
      );
      if (options.out) {
        await writeFile(options.out, exported.bytes);
        print(`Plan d’action écrit dans « ${options.out} » (${exported.bytes.length} octets).`);
      } else {
        cliIo().stdout.write(exported.bytes);
      }
    });
}
