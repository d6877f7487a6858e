/**
 * The convention's document carries its plan: a plan stored on the Carrières-sur-Seine convention,
 * the convention generated as ODT and DOCX through its use case with the installed modules, and the
 * fiche sheet through its own, all opened by LibreOffice in one run and read back with pdftotext:
 * the project in articles 2 to 4, the plan in annexe 2, totals to the cent, the confidential fiche
 * nowhere in the convention. Who may print which fiche, and the refusals, on every machine; the
 * LibreOffice part is skipped, saying so, without soffice or pdftotext (CI installs both).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import {
  ensurePlan,
  insertAxes,
  insertFiches,
  insertIndicators,
} from '../../src/db/repositories/plan.repository.js';
import { unzipText } from '../../src/documents/documents.test-support.js';
import { convertFilesToPdf, findOnPath } from '../../src/documents/pdf.js';
import { samplePlan } from '../../src/documents/plan-sample.js';
import type { Actor } from '../../src/domain/access/access.js';
import type { Plan } from '../../src/domain/plan/model.js';
import { installedModules } from '../../src/modules/index.js';
import { generateConventionDocument } from '../../src/use-cases/conventions/generate-convention-document.js';
import { generateFicheSheet } from '../../src/use-cases/plan/generate-fiche-sheet.js';
import { as, makeUser, seedWorld, system } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

const run = promisify(execFile);
const ready = Boolean(findOnPath('soffice') && findOnPath('pdftotext'));

let handle: DatabaseHandle;
let carrieresId: string;
let chatouId: string;
let caf: Actor;
let partner: Actor;
const modules = () => {
  const { annexes, articles } = installedModules().extensions;
  return { annexes, articles };
};
const code = (e: unknown) => (e as { code?: string }).code;
const unzipXml = (bytes: Uint8Array) => unzipText(bytes);
const plainText = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** The sample plan as stored: its account pilot named instead (no such account here). */
function storedPlan(conventionId: string): Plan {
  const plan = samplePlan(conventionId);
  return {
    ...plan,
    validation: null,
    fiches: plan.fiches.map((f) => ({
      ...f,
      pilots: f.pilots.map((p) => ({ kind: 'person' as const, name: p.name })),
    })),
  };
}

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  const all = await listConventions(handle.db, { kind: 'all' });
  carrieresId = all.find((c) => c.territoryCode === '78124')!.id;
  chatouId = all.find((c) => c.territoryCode === '78146')!.id;
  caf = await makeUser(handle.db, 'plan.document@caf78.test', world.caf78.id, ['caf_agent']);
  partner = await makeUser(handle.db, 'plan.document@carrieres.test', world.carrieres.id, ['partner']);
  const plan = storedPlan(carrieresId);
  const now = new Date('2025-03-01T09:00:00Z');
  // The demo's plan of Carrières-sur-Seine gives way to the sample, whose every figure is known here.
  await handle.db.deleteFrom('plans').where('convention_id', '=', carrieresId).execute();
  await ensurePlan(handle.db, carrieresId, plan.project, now);
  await insertAxes(handle.db, carrieresId, plan.axes);
  await insertFiches(handle.db, carrieresId, plan.fiches, now, null);
  await insertIndicators(handle.db, carrieresId, plan.indicators, 1);
});
afterAll(() => handle.close());

describe('the convention document with its plan', () => {
  it('prints the plan’s articles and annex for the convention that has one, the stored text for the others', async () => {
    const doc = await generateConventionDocument(as(handle.db, caf), carrieresId, 'odt', modules());
    const xml = plainText(unzipXml(doc.bytes)['content.xml']!);
    expect(xml).toContain('le maintien d’une offre d’accueil du jeune enfant diversifiée');
    expect(xml).toContain('Fiche action 1.1 – Ouvrir un multi-accueil de 20 places');
    expect(xml).toContain('74 500,50 €');
    expect(xml).not.toContain('confidentiel Zéphyr');
    const other = await generateConventionDocument(as(handle.db, caf), chatouId, 'odt', modules());
    const otherXml = plainText(unzipXml(other.bytes)['content.xml']!);
    expect(otherXml).not.toContain('Fiche action 1.1');
    expect(otherXml).toContain('une offre d’accueil du jeune enfant variée et de qualité');
    expect(otherXml).toContain('le plan d’actions et ses fiches actions n’ont pas encore été saisis');
  });
});

describe('the fiche sheet', () => {
  it('prints the fiches asked, in that order, named after the fiche when there is one', async () => {
    const one = await generateFicheSheet(as(handle.db, partner), carrieresId, {
      format: 'odt',
      ficheIds: ['f11'],
    });
    expect(one.fileName).toBe('fiche-action-1-1-ouvrir-un-multi-accueil-de-20-places.odt');
    expect(one.contentType).toBe('application/vnd.oasis.opendocument.text');
    const all = await generateFicheSheet(as(handle.db, caf), carrieresId, { format: 'docx' });
    expect(all.fileName).toBe('fiches-actions-78124-carrieres-sur-seine.docx');
    const xml = plainText(unzipXml(all.bytes)['word/document.xml']!);
    // The Caf's agent may read the confidential fiche: it is printed, marked as such.
    expect(xml.indexOf('Fiche action 1.1')).toBeLessThan(xml.indexOf('Fiche action 1.2'));
    expect(xml.indexOf('Fiche action 1.2')).toBeLessThan(xml.indexOf('Fiche action 2.1'));
    expect(xml).toContain('Fiche confidentielle : à ne pas diffuser.');
  });

  it('refuses a fiche the actor may not see, an unknown one, and a plan without fiches, in French', async () => {
    const refused = (p: Promise<unknown>) => p.then(() => 'accepted', code);
    const partnerCtx = as(handle.db, partner);
    await expect(
      refused(generateFicheSheet(partnerCtx, carrieresId, { format: 'odt', ficheIds: ['f21'] })),
    ).resolves.toBe('PLAN_FICHE_NOT_FOUND');
    await expect(
      refused(generateFicheSheet(partnerCtx, carrieresId, { format: 'odt', ficheIds: ['f11', 'inconnue'] })),
    ).resolves.toBe('PLAN_FICHE_NOT_FOUND');
    const empty = await generateFicheSheet(as(handle.db, caf), chatouId, { format: 'odt' }).catch(
      (e: Error) => e,
    );
    expect(code(empty)).toBe('PLAN_FICHE_NOT_FOUND');
    expect((empty as Error).message).toBe(
      'Le plan d’actions de cette convention ne contient encore aucune fiche action à imprimer.',
    );
    // Without a confidential fiche asked, the partner's sheet of every fiche leaves it out.
    const mine = await generateFicheSheet(partnerCtx, carrieresId, { format: 'odt' });
    expect(plainText(unzipXml(mine.bytes)['content.xml']!)).not.toContain('confidentiel Zéphyr');
  });
});

/** The PDF's text in reading order, spaces and dashes made plain, whitespace collapsed, by page. */
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
    ? 'the convention with its plan, opened by LibreOffice'
    : 'the convention with its plan, opened by LibreOffice — skipped: soffice or pdftotext is not installed',
  () => {
    let dir: string;
    const texts: Record<string, string[]> = {};

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ctg-plan-lo-'));
      const ctx = as(handle.db, caf);
      const files: Record<string, Uint8Array> = {
        'convention.odt': (await generateConventionDocument(ctx, carrieresId, 'odt', modules())).bytes,
        'convention-word.docx': (await generateConventionDocument(ctx, carrieresId, 'docx', modules())).bytes,
        'fiche.odt': (await generateFicheSheet(ctx, carrieresId, { format: 'odt', ficheIds: ['f11'] })).bytes,
        'fiche-word.docx': (await generateFicheSheet(ctx, carrieresId, { format: 'docx', ficheIds: ['f11'] }))
          .bytes,
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
      for (const name of ['convention.odt', 'convention-word.docx']) {
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
      for (const name of ['convention.odt', 'convention-word.docx']) {
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

it('generates documents for the system too (the command line), the plan included', async () => {
  const doc = await generateConventionDocument(system(handle.db), carrieresId, 'odt', modules());
  expect(plainText(unzipXml(doc.bytes)['content.xml']!)).toContain('Fiche action 1.2');
});
