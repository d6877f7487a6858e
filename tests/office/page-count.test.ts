/**
 * The page count the convention prints (« La présente convention comporte environ N pages … »)
 * against the real layout: the demo convention of Carrières-sur-Seine with its diagnostic, and a
 * long one (a filled action plan of 90 rows, long articles), written in ODT, converted by LibreOffice
 * and counted by pdfinfo. The estimate is held to ±1 page. Skipped, saying so, without LibreOffice
 * (CI installs it).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { findConvention, listConventions } from '../../src/db/repositories/convention.repository.js';
import { buildConventionDocument } from '../../src/documents/convention-document.js';
import type { DocumentModel } from '../../src/documents/model.js';
import { renderOdt } from '../../src/documents/odt.js';
import { estimateLayout } from '../../src/documents/page-estimate.js';
import { convertFilesToPdf, findOnPath } from '../../src/documents/pdf.js';
import type { ConventionContent } from '../../src/domain/convention/model.js';
import { signedCarrieres } from '../../src/domain/convention/testing.js';
import { installedModules } from '../../src/modules/index.js';
import { annexContentFor } from '../../src/use-cases/conventions/annex-content.js';
import { seedWorld, system } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

const run = promisify(execFile);
const ready = Boolean(findOnPath('soffice') && findOnPath('pdfinfo') && findOnPath('pdftotext'));
const work = mkdtempSync(join(tmpdir(), 'ctg-page-count-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The pages of the PDF LibreOffice printed, the page each heading starts on, and the printed count. */
async function measure(file: string) {
  const { stdout: info } = await run('pdfinfo', [file]);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const { stdout } = await run('pdftotext', [file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const text = stdout.replace(/[\u00a0\u202f]/g, ' ');
  const printed = /comporte (environ )?(\d+) pages/.exec(text.replace(/\s+/g, ' '));
  const starts = text.split('\f').map((page) => page.split('\n').map((l) => l.trim()));
  const headingPage = (heading: string) => starts.findIndex((lines) => lines.includes(heading)) + 1;
  return { pages, printed: printed ? Number(printed[2]) : null, headingPage };
}

function report(model: DocumentModel, measured: Awaited<ReturnType<typeof measure>>): string {
  return estimateLayout(model)
    .headings.map((h) => `${h.text}: estimée p. ${h.page}, réelle p. ${measured.headingPage(h.text)}`)
    .join('\n');
}

/** The seed's convention made long: 90 actions in the plan, four long articles, a long list. */
function longContent(base: ConventionContent): ConventionContent {
  const sentence =
    'Les partenaires conduisent ensemble, sur le territoire de la commune, une action suivie par le comité de pilotage, évaluée chaque année au regard des besoins des familles. ';
  const articles = base.articles.map((a, i) =>
    i < 4
      ? {
          ...a,
          blocks: [
            ...a.blocks,
            ...Array.from({ length: 6 }, () => ({
              type: 'paragraph' as const,
              text: sentence.repeat(4).trim(),
            })),
            {
              type: 'list' as const,
              items: Array.from({ length: 12 }, (_, k) => ({ text: `Objectif ${k + 1} : ${sentence}` })),
            },
          ],
        }
      : a,
  );
  const annexes = base.annexes.map((a) =>
    a.key === 'action_plan'
      ? {
          ...a,
          blocks: [
            {
              type: 'table' as const,
              columns: ['Action', 'Pilote', 'Échéance et indicateur'],
              rows: Array.from({ length: 90 }, (_, k) => [
                `Action ${k + 1} : ${k % 3 === 0 ? 'accueil des jeunes enfants et soutien aux familles monoparentales' : 'accès aux droits'}`,
                k % 2 ? 'Caf des Yvelines' : 'Commune',
                k % 4 === 0
                  ? `${2025 + (k % 3)}, nombre de familles accompagnées et taux de satisfaction mesuré par enquête`
                  : `${2025 + (k % 3)}`,
              ]),
            },
          ],
        }
      : a,
  );
  return { ...base, articles, annexes };
}

describe.skipIf(!ready)(
  ready
    ? 'the page count of the convention'
    : 'the page count — skipped: soffice, pdfinfo or pdftotext is not installed',
  () => {
    let annexContent: Awaited<ReturnType<typeof annexContentFor>>;
    let demo: DocumentModel;
    let long: DocumentModel;
    const pdfs: Record<string, string> = {};

    // Both conventions converted in one LibreOffice run (its start-up is most of a conversion's time).
    beforeAll(async () => {
      const handle: DatabaseHandle = await createTestDatabase({ world: true });
      try {
        await seedWorld(handle.db);
        const id = (await listConventions(handle.db, { kind: 'all' })).find(
          (c) => c.territoryCode === '78124',
        )!.id;
        const content = (await findConvention(handle.db, id))!.convention.content;
        annexContent = await annexContentFor(
          system(handle.db),
          content,
          { conventionId: id },
          installedModules().extensions.annexes,
        );
        demo = buildConventionDocument(content, {
          today: '2026-12-01',
          ...(annexContent ? { annexContent } : {}),
        });
      } finally {
        await handle.close();
      }
      long = buildConventionDocument(longContent(signedCarrieres().content), { today: '2026-12-01' });
      const inputs = [join(work, 'demo.odt'), join(work, 'long.odt')];
      writeFileSync(inputs[0]!, renderOdt(demo));
      writeFileSync(inputs[1]!, renderOdt(long));
      const [demoPdf, longPdf] = await convertFilesToPdf(inputs, join(work, 'pdf'));
      pdfs.demo = demoPdf!;
      pdfs.long = longPdf!;
    });

    it('prints the demo convention’s real page count within one page', async () => {
      expect(annexContent?.diagnostic?.length).toBeGreaterThan(0);
      const measured = await measure(pdfs.demo!);
      expect(measured.printed).not.toBeNull();
      expect(Math.abs(measured.printed! - measured.pages), report(demo, measured)).toBeLessThanOrEqual(1);
    });

    it('prints a long convention’s real page count within one page', async () => {
      const measured = await measure(pdfs.long!);
      expect(measured.pages).toBeGreaterThan(20);
      expect(Math.abs(measured.printed! - measured.pages), report(long, measured)).toBeLessThanOrEqual(1);
    });
  },
);
