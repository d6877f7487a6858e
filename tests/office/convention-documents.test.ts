/**
 * The generated convention as people open it: LibreOffice opens the ODT and the DOCX and prints
 * every article and annex title (skipped, saying so, without `soffice`; CI installs it), and the command line
 * `ctg convention generate` writes the files for a territory with no convention yet.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConventionDocument } from '../../src/documents/convention-document.js';
import { renderDocx } from '../../src/documents/docx.js';
import { renderOdt } from '../../src/documents/odt.js';
import { convertFilesToPdf, findOnPath } from '../../src/documents/pdf.js';
import { renderConvention } from '../../src/domain/convention/index.js';
import { signedCarrieres } from '../../src/domain/convention/testing.js';
import { ctgInProcess } from '../support/cli.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'ctg-convention-docs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const flat = (text: string) => text.replace(/[\u00a0\u202f\s]+/g, ' ');

const ready = Boolean(findOnPath('soffice') && findOnPath('pdftotext') && findOnPath('pdfinfo'));

describe.skipIf(!ready)(
  ready ? 'LibreOffice' : 'LibreOffice — skipped: soffice, pdftotext or pdfinfo is not installed',
  () => {
    const convention = signedCarrieres();
    const rendered = renderConvention(convention.content);
    const pdfs: Record<string, string> = {};

    // Both files converted in one LibreOffice run (its start-up is most of a conversion's time).
    beforeAll(async () => {
      const model = buildConventionDocument(convention.content, { today: '2025-01-10' });
      const inputs = [join(work, 'convention-odt.odt'), join(work, 'convention-docx.docx')];
      writeFileSync(inputs[0]!, renderOdt(model));
      writeFileSync(inputs[1]!, await renderDocx(model));
      const [odt, docx] = await convertFilesToPdf(inputs, join(work, 'pdf'));
      pdfs.odt = odt!;
      pdfs.docx = docx!;
    });

    it.each(['odt', 'docx'] as const)(
      'opens the %s and prints every article and annex title',
      async (format) => {
        const file = pdfs[format]!;
        const { stdout } = await run('pdftotext', ['-layout', file, '-']);
        const text = flat(stdout);
        for (const section of [...rendered.articles, ...rendered.annexes]) {
          // A long title may wrap: its first words must be there, right after its number.
          expect(text).toContain(flat(section.heading).slice(0, 40));
        }
        expect(text).toContain('Sophie Barrois');
        expect(text).toContain('Commune de Carrières-sur-Seine');
        const { stdout: info } = await run('pdfinfo', [file]);
        expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(10);
      },
    );
  },
);

describe('ctg convention generate', () => {
  const dataDir = join(work, 'data');
  const env = { ...process.env, CTG_DATA_DIR: dataDir, DATABASE_URL: '' };

  it('writes the ODT and DOCX of the draft a commune would get, naming both parties', async () => {
    // The referential through runCli (what the process runs, see cli.test.ts); the generation as a process.
    const imported = await ctgInProcess(env, 'import', 'territories', '--departement', '78');
    expect(imported.status, imported.stderr).toBe(0);
    const out = join(work, 'out');
    const { stdout } = await run(
      process.execPath,
      ['bin/ctg.js', 'convention', 'generate', '78124', '--format', 'odt,docx', '--out', out],
      { env },
    );
    expect(stdout).toContain('projet que la plateforme créerait');
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      expect.stringMatching(/^convention-78124-carrieres-sur-seine-\d{4}-\d{4}\.docx$/),
      expect.stringMatching(/^convention-78124-carrieres-sur-seine-\d{4}-\d{4}\.odt$/),
    ]);
    const odt = strFromU8(unzipSync(readFileSync(join(out, files[1]!)))['content.xml']!);
    expect(odt).toContain('Caisse d’allocations familiales des Yvelines');
    expect(odt).toContain('Commune de Carrières-sur-Seine');
  }, 120_000);

  it('refuses an unknown format in French', async () => {
    // The same program in this process (a refusal by a process: cli.test.ts).
    const result = await ctgInProcess(
      env,
      'convention',
      'generate',
      '78124',
      '--format',
      'rtf',
      '--out',
      join(work, 'x'),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('format inconnu « rtf »');
  }, 60_000);
});
