/**
 * Writes the sample document in every format, to look at the layout by eye:
 * /tmp/sample.odt, /tmp/sample.docx, /tmp/sample.html and, when LibreOffice is installed, /tmp/sample.pdf.
 * Run with `npx tsx scripts/sample-document.ts [dossier]`; prints the time each format took.
 */

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderDocx } from '../src/documents/docx.js';
import { renderHtml } from '../src/documents/html.js';
import { renderOdt } from '../src/documents/odt.js';
import { convertToPdf } from '../src/documents/pdf.js';
import { buildSampleDocument, LONG_SAMPLE } from '../src/documents/sample-document.js';
import { isAppError } from '../src/domain/shared/app-error.js';

const dir = process.argv[2] ?? '/tmp';
const model = buildSampleDocument();

async function timed<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label.padEnd(34)} ${(performance.now() - start).toFixed(0).padStart(6)} ms`);
  return result;
}

const odt = await timed('ODT', () => renderOdt(model));
const docx = await timed('DOCX', () => renderDocx(model));
const html = await timed('HTML', () => renderHtml(model));
await writeFile(join(dir, 'sample.odt'), odt);
await writeFile(join(dir, 'sample.docx'), docx);
await writeFile(join(dir, 'sample.html'), html);

// The budget that matters: a convention-sized document (about 30 pages), code paths already compiled.
const long = buildSampleDocument(LONG_SAMPLE);
renderOdt(long);
await renderDocx(long);
const longOdt = await timed('ODT, document de 30 pages', () => renderOdt(long));
const longDocx = await timed('DOCX, document de 30 pages', () => renderDocx(long));
await writeFile(join(dir, 'sample-long.odt'), longOdt);
await writeFile(join(dir, 'sample-long.docx'), longDocx);

try {
  const pdf = await timed('PDF (LibreOffice)', () => convertToPdf(odt, 'odt'));
  await writeFile(join(dir, 'sample.pdf'), pdf);
} catch (error) {
  if (!isAppError(error)) throw error;
  console.log(`PDF non produit : ${error.message}`);
}
console.log(
  `Fichiers écrits dans ${dir} : sample.odt, sample.docx, sample.html, sample.pdf, sample-long.odt, sample-long.docx`,
);
