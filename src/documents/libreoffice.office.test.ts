/**
 * The files the platform writes, opened by LibreOffice: ODT, DOCX and filled Caf templates converted to
 * PDF/A-2b in one batch, then read back with pdftotext, once per PDF (headings, table of contents page
 * numbers, footers, values). Skipped, saying so, without soffice or pdftotext (CI installs both); the
 * French error telling how to install LibreOffice is tested in `pdf.test.ts`, on every machine.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from './docx.js';
import { bold, type DocumentModel, paragraph } from './model.js';
import { renderOdt } from './odt.js';
import { convertFilesToPdf, findOnPath, renderPdf } from './pdf.js';
import { buildSampleDocument, LONG_SAMPLE } from './sample-document.js';
import { fillTemplate } from './template-fill.js';

const run = promisify(execFile);
const ready = Boolean(findOnPath('soffice') && findOnPath('pdftotext'));

const sample = buildSampleDocument();
const headingTitles = sample.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));

const texts = new Map<string, Promise<string>>();

/**
 * Text of a PDF with French spaces made plain, pages split on form feeds. Read once per PDF: pdftotext
 * takes about a tenth of a second per page of a tagged PDF.
 */
function pdfText(path: string): Promise<string> {
  let text = texts.get(path);
  if (!text) {
    text = run('pdftotext', ['-layout', path, '-'], { maxBuffer: 32 * 1024 * 1024 }).then(({ stdout }) =>
      stdout.replace(/[\u00a0\u202f]/g, ' '),
    );
    texts.set(path, text);
  }
  return text;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function isPdfA2(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('latin1');
  return /<pdfaid:part>2<\/pdfaid:part>|pdfaid:part="2"/.test(text);
}

describe.skipIf(!ready)(
  ready
    ? 'LibreOffice opens what the platform writes'
    : 'LibreOffice opens what the platform writes — skipped: soffice or pdftotext is not installed',
  () => {
    let dir: string;
    let pdfs: Record<string, string>;
    let batchMs = 0;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ctg-lo-test-'));
      const templateModel: DocumentModel = {
        metadata: { title: 'Modèle', author: 'Caf', language: 'fr-FR', created: '2025-01-01' },
        blocks: [
          paragraph(
            'Convention avec la commune de ',
            '{com',
            bold('mune}'),
            ', du {date_debut} au {date_fin}.',
          ),
        ],
      };
      const docxTemplate = new Uint8Array(
        await Packer.toBuffer(
          new Document({
            sections: [
              {
                children: [
                  new Paragraph({
                    children: [
                      new TextRun('Signé à {li'),
                      new TextRun({ text: 'eu}', bold: true }),
                      new TextRun(' par {maire}.'),
                    ],
                  }),
                ],
              },
            ],
          }),
        ),
      );
      const values = {
        commune: 'Carrières-sur-Seine',
        date_debut: '1er janvier 2024',
        date_fin: '31 décembre 2027',
        lieu: 'Versailles',
        maire: 'Arnaud de BOURROUSSE',
      };
      const files: Record<string, Uint8Array> = {
        'sample.odt': renderOdt(sample),
        'sample-word.docx': await renderDocx(sample),
        'long.odt': renderOdt(buildSampleDocument(LONG_SAMPLE)),
        'template-filled.odt': fillTemplate(renderOdt(templateModel), values).bytes,
        'template-filled-word.docx': fillTemplate(docxTemplate, values).bytes,
      };
      for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
      const start = performance.now();
      const outputs = await convertFilesToPdf(
        Object.keys(files).map((name) => join(dir, name)),
        join(dir, 'pdf'),
      );
      batchMs = performance.now() - start;
      pdfs = Object.fromEntries(Object.keys(files).map((name, i) => [name, outputs[i]!]));
    });

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('converts every file to PDF/A-2 in one LibreOffice run', async () => {
      console.info(
        `Conversion de ${Object.keys(pdfs).length} fichiers en un lancement : ${batchMs.toFixed(0)} ms`,
      );
      for (const [name, path] of Object.entries(pdfs)) {
        const bytes = new Uint8Array(await readFile(path));
        expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), name).toBe('%PDF-');
        expect(isPdfA2(bytes), `${name} est PDF/A-2`).toBe(true);
      }
    });

    it('keeps every heading of the ODT and of the DOCX', async () => {
      for (const name of ['sample.odt', 'sample-word.docx']) {
        const text = flat(await pdfText(pdfs[name]!));
        for (const title of headingTitles) expect(text, `${name} : ${title}`).toContain(flat(title));
        expect(text).toContain(
          'Annexe non renseignée : le plan d’actions n’a pas encore été saisi dans la plateforme.',
        );
        expect(text).toContain('1 357 141 €');
      }
    });

    it('fills the table of contents with page numbers and numbers the pages', async () => {
      for (const name of ['sample.odt', 'sample-word.docx']) {
        const pages = (await pdfText(pdfs[name]!)).split('\f').filter((p) => p.trim() !== '');
        const toc = pages[1]!;
        expect(toc, name).toMatch(/Sommaire/);
        expect(toc, name).toMatch(/Préambule\s*\.{5,}\s*3\b/);
        expect(toc, name).toMatch(/Annexe 2 - Plan d’actions et fiches actions\s*\.{5,}\s*\d+/);
        expect(toc, name).not.toContain('Caractères spéciaux');
        // No footer on the cover; « Page n sur N » on the others.
        expect(pages[0], name).not.toMatch(/Page \d+ sur/);
        expect(pages[2], name).toMatch(new RegExp(`Page 3 sur ${pages.length}`));
      }
    });

    it('lays a long document out on about thirty pages, repeating table headers', async () => {
      const pages = (await pdfText(pdfs['long.odt']!)).split('\f').filter((p) => p.trim() !== '');
      expect(pages.length).toBeGreaterThanOrEqual(25);
      expect(pages.length).toBeLessThanOrEqual(40);
      const withFundingHeader = pages.filter((p) => /Montant \(€\)\s+Carrières-sur-Seine\s+Yvelines/.test(p));
      // The 46-line funding table spans two pages: its header row appears on both.
      expect(withFundingHeader.length).toBeGreaterThanOrEqual(2);
    });

    it('opens filled Caf templates, values in place', async () => {
      const odt = flat(await pdfText(pdfs['template-filled.odt']!));
      expect(odt).toContain(
        'Convention avec la commune de Carrières-sur-Seine, du 1er janvier 2024 au 31 décembre 2027.',
      );
      const docx = flat(await pdfText(pdfs['template-filled-word.docx']!));
      expect(docx).toContain('Signé à Versailles par Arnaud de BOURROUSSE.');
    });

    it('renders a model straight to PDF', async () => {
      // A document of its own, small: the sample is converted in the batch already.
      const bytes = await renderPdf({
        metadata: { title: 'Note', author: 'Caf', language: 'fr-FR', created: '2025-01-01' },
        blocks: [paragraph('Une note d’une ligne, convertie seule.')],
      });
      expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(isPdfA2(bytes)).toBe(true);
      await writeFile(join(dir, 'note.pdf'), bytes);
      expect(flat(await pdfText(join(dir, 'note.pdf')))).toContain('Une note d’une ligne, convertie seule.');
    });
  },
);
