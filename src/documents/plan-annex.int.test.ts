/**
 * The convention with its action plan, and a fiche sheet, written as ODT and DOCX and opened by
 * LibreOffice (all four converted to PDF in one run, then read back with pdftotext): the plan's text
 * is in articles 2 to 4 and in annexe 2, totals to the cent, confidential fiche absent. Skipped,
 * saying so, without soffice or pdftotext (CI installs both).
 */

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftCarrieres } from '../domain/convention/testing.js';
import { buildConventionDocument } from './convention-document.js';
import { renderDocx } from './docx.js';
import { renderOdt } from './odt.js';
import { convertFilesToPdf, findOnPath } from './pdf.js';
import {
  buildFicheSheet,
  cafFieldsBlocks,
  localAuthorityFieldsBlocks,
  planAnnexBlocks,
  sharedObjectivesBlocks,
} from './plan-annex.js';
import { samplePlan } from './plan-sample.js';

const run = promisify(execFile);
const ready = Boolean(findOnPath('soffice') && findOnPath('pdftotext'));

/** The PDF's text in reading order, spaces and dashes made plain, whitespace collapsed; pages kept apart. */
async function pdfPages(path: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', [path, '-'], { maxBuffer: 32 * 1024 * 1024 });
  return stdout
    .split('\f')
    .map((p) =>
      p
        .replace(/[\u00a0\u202f]/g, ' ')
        .replace(/[–—]/g, '-')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
}

describe.skipIf(!ready)(
  ready
    ? 'the action plan in the convention, opened by LibreOffice'
    : 'the action plan in the convention, opened by LibreOffice — skipped: soffice or pdftotext is not installed',
  () => {
    let dir: string;
    const texts: Record<string, string[]> = {};

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ctg-plan-lo-'));
      const content = draftCarrieres().content;
      const plan = samplePlan();
      const model = buildConventionDocument(content, {
        today: '2025-03-01',
        annexContent: { action_plan: planAnnexBlocks(plan)! },
        articleContent: {
          caf_fields: cafFieldsBlocks(plan.project, content)!,
          local_authority_fields: localAuthorityFieldsBlocks(plan.project, content)!,
          shared_objectives: sharedObjectivesBlocks(plan.project)!,
        },
      });
      const sheet = buildFicheSheet(plan, {
        ficheIds: ['f11'],
        conventionTitle: 'Convention territoriale globale 2024-2027 – Carrières-sur-Seine',
        author: 'Caf des Yvelines',
        today: '2025-03-01',
      });
      const files: Record<string, Uint8Array> = {
        'convention-plan.odt': renderOdt(model),
        'convention-plan-word.docx': await renderDocx(model),
        'fiche.odt': renderOdt(sheet),
        'fiche-word.docx': await renderDocx(sheet),
      };
      for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
      const pdfs = await convertFilesToPdf(
        Object.keys(files).map((name) => join(dir, name)),
        join(dir, 'pdf'),
      );
      for (const [i, name] of Object.keys(files).entries()) texts[name] = await pdfPages(pdfs[i]!);
    });

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    /** The body of the convention (after its cover and table of contents), from one heading to the next. */
    function section(name: string, from: string, to: string): string {
      const body = texts[name]!.slice(2).join(' ');
      const start = body.indexOf(from);
      expect(start, `${name} : « ${from} »`).toBeGreaterThanOrEqual(0);
      const end = body.indexOf(to, start + from.length);
      expect(end, `${name} : « ${to} »`).toBeGreaterThan(start);
      return body.slice(start, end);
    }

    it('prints the project in articles 2, 3 and 4, in both formats', () => {
      for (const name of ['convention-plan.odt', 'convention-plan-word.docx']) {
        const article2 = section(name, 'Article 2 - ', 'Article 3 - ');
        expect(article2, name).toContain('Concilier vie familiale, vie professionnelle et vie sociale');
        expect(article2, name).toContain('le maintien d’une offre d’accueil du jeune enfant diversifiée');
        expect(article2, name).not.toContain('variée et de qualité');
        const article3 = section(name, 'Article 3 - ', 'Article 4 - ');
        expect(article3, name).toContain('Poursuivre le projet Passerelles');
        expect(article3, name).toContain('Structures : 4 multi-accueils, Relais petite enfance');
        expect(article3, name).not.toContain('actions à préciser');
        const article4 = section(name, 'Article 4 - ', 'Article 5 - ');
        expect(article4, name).toContain('Besoin : Manque de places d’accueil pour les moins de 3 ans');
        expect(article4, name).toContain('Épauler les parents d’adolescents');
        // An article the plan does not write keeps its text.
        expect(section(name, 'Article 5 - ', 'Article 6 - '), name).toContain(
          'mobilisent les moyens nécessaires',
        );
      }
    });

    it('prints the plan in annexe 2: axes, fiches, budget totals to the cent, indicators, no confidential fiche', () => {
      for (const name of ['convention-plan.odt', 'convention-plan-word.docx']) {
        const annex = section(name, 'Annexe 2 - Plan d’actions', 'Annexe 3 - ');
        expect(annex, name).toContain('Axe 1 - Accueillir les jeunes enfants');
        expect(annex, name).toContain('Fiche action 1.1 - Ouvrir un multi-accueil de 20 places');
        expect(annex, name).toContain('Fiche action 1.2 - Forum des métiers de la petite enfance');
        expect(annex, name).toContain('Reconduite chaque année');
        expect(annex, name).toContain('74 500,50 €');
        expect(annex, name).toContain('12 000,50 €');
        expect(annex, name).toContain('Cible : 140 familles');
        expect(annex, name).toContain('Une fiche action confidentielle ne figure pas dans ce document');
        expect(annex, name).not.toContain('confidentiel Zéphyr');
        expect(annex, name).not.toContain('Annexe non renseignée');
      }
    });

    it('opens the fiche sheet in both formats', () => {
      for (const name of ['fiche.odt', 'fiche-word.docx']) {
        const text = texts[name]!.join(' ');
        expect(text, name).toContain('Fiche action 1.1 - Ouvrir un multi-accueil de 20 places');
        expect(text, name).toContain('Mme Durand, adjointe à la petite enfance');
        expect(text, name).toContain('Total de la période - prévisionnel');
        expect(text, name).toContain('1.1.1 Aménager les locaux');
      }
    });
  },
);
