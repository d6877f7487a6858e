/**
 * Benchmark of convention documents: one commune (Carrières-sur-Seine) and all 259 communes of the
 * Yvelines in ODT and DOCX, on an in-memory embedded database with the Yvelines referential.
 * Run: `npx tsx bench/convention-generate.ts`. Database boot and import are timed apart.
 */
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { fixedClock } from '../src/domain/shared/dates.js';
import { installedModules } from '../src/modules/index.js';
import { systemContext } from '../src/use-cases/context.js';
import { generateTerritoryDocuments } from '../src/use-cases/conventions/generate-territory-documents.js';
import { importTerritories } from '../src/use-cases/territories/import-territories.js';

const t0 = performance.now();
const handle = await openDatabase({ dataDir: null });
await migrateToLatest(handle.db);
const ctx = systemContext(handle.db, fixedClock('2026-11-28'));
await importTerritories(ctx, { departements: ['78'] });
const ready = performance.now();
console.log(`base embarquée + référentiel des Yvelines : ${((ready - t0) / 1000).toFixed(2)} s`);

const { annexes, articles } = installedModules().extensions;
let bytes = 0;
const onFile = (f: { bytes: Uint8Array }) => {
  bytes += f.bytes.length;
};
for (const run of [1, 2]) {
  const start = performance.now();
  await generateTerritoryDocuments(ctx, {
    codes: ['78124'],
    formats: ['odt', 'docx'],
    annexes,
    articles,
    onFile,
  });
  console.log(`78124 odt+docx (passage ${run}) : ${((performance.now() - start) / 1000).toFixed(2)} s`);
}
const start = performance.now();
const result = await generateTerritoryDocuments(ctx, {
  departement: '78',
  formats: ['odt', 'docx'],
  annexes,
  articles,
  onFile,
});
const seconds = (performance.now() - start) / 1000;
console.log(
  `${result.territories} communes des Yvelines, ${result.files} fichiers odt+docx : ${seconds.toFixed(1)} s (${((seconds / result.territories) * 1000).toFixed(0)} ms par commune, ${(bytes / 1e6).toFixed(0)} Mo écrits en mémoire)`,
);
await handle.close();
