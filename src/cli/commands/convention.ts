/**
 * `ctg convention generate CODE… --format odt,docx,pdf,html --out DIR` and `--all-in DEP`: the
 * document of each territory's convention, or of the draft the platform would create for a
 * territory with none. PDF files are converted together at the end, in one LibreOffice run.
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { isAppError } from '../../domain/shared/app-error.js';
import { installedModules } from '../../modules/index.js';
import { generateTerritoryDocuments } from '../../use-cases/conventions/generate-territory-documents.js';
import { DOCUMENT_FORMATS, type DocumentFormat } from '../../use-cases/conventions/render-convention-file.js';
import { cliIo, fail, print, withDatabase } from '../runtime.js';

function parseFormats(value: string): DocumentFormat[] {
  const formats = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(DOCUMENT_FORMATS as readonly string[]).includes(f));
  if (!formats.length || unknown.length) {
    fail(
      `format inconnu « ${unknown.join(', ') || value} » : choisissez parmi ${DOCUMENT_FORMATS.join(', ')}.`,
    );
  }
  return [...new Set(formats)] as DocumentFormat[];
}

export function register(program: Command): void {
  const convention = program.command('convention').description('Conventions territoriales globales');
  convention
    .command('generate')
    .description(
      'Produit le document de la convention d’une commune ou d’une intercommunalité (ou le projet que la plateforme créerait pour elle)',
    )
    .argument('[codes...]', 'code Insee de commune ou SIREN d’EPCI')
    .option('--format <formats>', 'formats séparés par des virgules : odt, docx, pdf, html', 'odt,docx')
    .option('--out <dossier>', 'dossier de sortie', '.')
    .option('--all-in <departement>', 'toutes les communes du département')
    .action(async (codes: string[], options: { format: string; out: string; allIn?: string }) => {
      const formats = parseFormats(options.format);
      if (!codes.length && !options.allIn) fail('indiquez un code de territoire ou --all-in <département>.');
      const out = resolve(options.out);
      mkdirSync(out, { recursive: true });
      const started = performance.now();
      const bar = options.allIn
        ? new SingleBar({
            format: 'Conventions {bar} {value}/{total} communes — {duration} s',
            barCompleteChar: '█',
            barIncompleteChar: '░',
            hideCursor: true,
            stream: cliIo().stderr,
          })
        : null;
      let barStarted = false;
      try {
        const result = await withDatabase(async (ctx) => {
          const dbReady = performance.now();
          const summary = await generateTerritoryDocuments(ctx, {
            codes,
            ...(options.allIn ? { departement: options.allIn.trim().toUpperCase() } : {}),
            formats,
            annexes: installedModules().extensions.annexes,
            articles: installedModules().extensions.articles,
            onFile: async (file) => {
              await writeFile(join(out, file.fileName), file.bytes);
              if (!bar) {
                const what = file.stored ? 'convention enregistrée' : 'projet que la plateforme créerait';
                print(`${join(out, file.fileName)} (${file.territory.name}, ${what})`);
              }
            },
            onProgress: (done, total) => {
              if (!bar) return;
              if (!barStarted) {
                bar.start(total, 0);
                barStarted = true;
              }
              bar.update(done);
            },
          });
          return { ...summary, workMs: performance.now() - dbReady, dbMs: dbReady - started };
        });
        if (bar && barStarted) bar.stop();
        print(
          `${result.files} fichier(s) pour ${result.territories} territoire(s) dans ${out} — génération ${(result.workMs / 1000).toFixed(2)} s (ouverture de la base ${(result.dbMs / 1000).toFixed(2)} s).`,
        );
      } catch (error) {
        if (bar && barStarted) bar.stop();
        if (isAppError(error)) fail(error.message);
        throw error;
      }
    });
}
