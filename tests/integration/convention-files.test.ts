/**
 * The files of a convention over HTTP, on a real database: the attached délibération downloads as a
 * PDF with a safe French name, and the avenant's document to sign in ODT, DOCX and PDF (PDF when
 * LibreOffice is installed; CI installs it). Whoever may not read the convention gets the same 404
 * as for a convention that does not exist.
 */

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findOnPath } from '../../src/documents/pdf.js';
import type { Actor } from '../../src/domain/access/access.js';
import { type Clock, fixedClock } from '../../src/domain/shared/dates.js';
import { attachDeliberation } from '../../src/use-cases/conventions/attach-deliberation.js';
import { createAvenant } from '../../src/use-cases/conventions/create-avenant.js';
import { editAvenant } from '../../src/use-cases/conventions/edit-avenant.js';
import { recordSignature } from '../../src/use-cases/conventions/record-signature.js';
import { submitConvention } from '../../src/use-cases/conventions/submit-convention.js';
import { type App, buildApp } from '../../src/web/app.js';
import { makeUser, seedWorld } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

const run = promisify(execFile);
const soffice = findOnPath('soffice');
const work = mkdtempSync(join(tmpdir(), 'ctg-convention-files-'));

let handle: DatabaseHandle;
let app: App;
let carrieresId: string;
let avenantId: string;
let cafCookie: string;
let chatouCookie: string;
const PDF = new TextEncoder().encode('%PDF-1.4\n% délibération du conseil municipal\n%%EOF\n');
const sha256 = createHash('sha256').update(PDF).digest('hex');

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  const caf: Actor = await makeUser(handle.db, 'agent.caf@test.fr', world.caf78.id, ['caf_agent']);
  const mayor: Actor = await makeUser(handle.db, 'agent.carrieres@test.fr', world.carrieres.id, [
    'territory_agent',
  ]);
  await makeUser(handle.db, 'agent.chatou@test.fr', world.chatou.id, ['territory_agent']);
  const at = (date: string, actor: Actor) => ({ db: handle.db, clock: fixedClock(date) as Clock, actor });
  carrieresId = (await listConventions(handle.db, { kind: 'all' })).find(
    (c) => c.territoryCode === '78124',
  )!.id;
  await attachDeliberation(at('2024-11-26', mayor), carrieresId, {
    fileName: 'Délibération n° 2024/112 du 25 novembre 2024.pdf',
    mediaType: 'application/pdf',
    content: PDF,
  });
  await submitConvention(at('2024-11-26', caf), carrieresId);
  await recordSignature(at('2024-12-02', caf), carrieresId, {
    signatoryId: 'caf-78-president',
    signedOn: '2024-12-02',
  });
  await recordSignature(at('2024-12-02', caf), carrieresId, {
    signatoryId: 'caf-78-director',
    signedOn: '2024-12-02',
  });
  await recordSignature(at('2024-12-03', mayor), carrieresId, {
    signatoryId: 'commune-78124-mayor',
    signedOn: '2024-12-03',
  });
  ({ avenantId } = await createAvenant(at('2025-02-01', caf), carrieresId, {
    purpose: 'Structures soutenues',
  }));
  await editAvenant(at('2025-02-01', caf), carrieresId, avenantId, {
    annexes: [
      {
        key: 'facilities',
        blocks: [
          {
            type: 'table',
            columns: ['Type de structure', 'Nom et adresse de la structure'],
            rows: [
              ['Relais petite enfance (RPE)', 'RPE des Bords de Seine, 4 quai Charles de Gaulle'],
              ['Ludothèque', 'La Toupie, 5 place du Marché'],
            ],
          },
        ],
      },
    ],
  });
  app = await buildApp({ db: handle.db, clock: fixedClock('2025-02-02'), driver: handle.driver });
  cafCookie = await loginCookies(app, 'agent.caf@test.fr');
  chatouCookie = await loginCookies(app, 'agent.chatou@test.fr');
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
  rmSync(work, { recursive: true, force: true });
});

const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

describe('the attached délibération', () => {
  it('downloads as the PDF that was attached, under its French name, never sniffed', async () => {
    const res = await get(`/conventions/${carrieresId}/fichiers/${sha256}`, cafCookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Deliberation-n-2024-112-du-25-novembre-2024.pdf"; filename*=UTF-8''D%C3%A9lib%C3%A9ration%20n%C2%B0%202024-112%20du%2025%20novembre%202024.pdf`,
    );
    expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(sha256);
  });

  it('is linked from the convention’s documents page and its annex, its SHA-256 named as the integrity check', async () => {
    const page = await get(`/conventions/${carrieresId}/documents`, cafCookie);
    expect(page.body).toContain(`href="/conventions/${carrieresId}/fichiers/${sha256}"`);
    expect(page.body).toContain('Contrôle d’intégrité — empreinte SHA-256 du fichier');
    const text = await get(`/conventions/${carrieresId}/texte`, cafCookie);
    expect(text.body).toContain(`href="/conventions/${carrieresId}/fichiers/${sha256}"`);
  });

  it('answers 404 to a person who may not read the convention, and for an unknown file', async () => {
    for (const url of [
      `/conventions/${carrieresId}/fichiers/${sha256}`,
      `/conventions/${carrieresId}/avenants/${avenantId}/document?format=odt`,
    ]) {
      const res = await get(url, chatouCookie);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('délibération du conseil municipal');
    }
    expect((await get(`/conventions/${carrieresId}/fichiers/${'0'.repeat(64)}`, cafCookie)).statusCode).toBe(
      404,
    );
    expect((await get(`/conventions/${carrieresId}/fichiers/..%2F..%2Fetc`, cafCookie)).statusCode).toBe(404);
    expect((await get(`/conventions/${carrieresId}/avenants/inconnu/document`, cafCookie)).statusCode).toBe(
      404,
    );
  });
});

describe('the avenant’s document', () => {
  it.each([
    ['odt', 'application/vnd.oasis.opendocument.text', 'content.xml'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'word/document.xml'],
  ] as const)('downloads in %s with the changed table and the parties', async (format, type, part) => {
    const res = await get(
      `/conventions/${carrieresId}/avenants/${avenantId}/document?format=${format}`,
      cafCookie,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="avenant-1-convention-78124-carrieres-sur-seine-2024-2027.${format}"`,
    );
    const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))[part]!);
    expect(xml).toContain('RPE des Bords de Seine, 4 quai Charles de Gaulle');
    expect(xml).toContain('La Toupie, 5 place du Marché');
    expect(xml).toContain('Commune de Carrières-sur-Seine');
    expect(xml).toContain('Caisse d’allocations familiales des Yvelines');
    expect(xml).toContain('Projet d’avenant');
  });

  it('is offered on the avenant’s page, whose diff draws the table as a table', async () => {
    const page = await get(`/conventions/${carrieresId}/avenants/${avenantId}`, cafCookie);
    expect(page.body).toContain(
      `href="/conventions/${carrieresId}/avenants/${avenantId}/document?format=odt"`,
    );
    expect(page.body).toContain('<table class="table-diff">');
    expect(page.body).toContain('Ligne ajoutée');
    expect(page.body).toContain('Ligne modifiée');
    expect(page.body).not.toMatch(/\| (Type de structure|Ludothèque)/);
  });

  it('refuses a format it does not make (400, naming the field)', async () => {
    const res = await get(`/conventions/${carrieresId}/avenants/${avenantId}/document?format=exe`, cafCookie);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('format');
  });
});

describe.skipIf(!soffice)(
  soffice
    ? 'the avenant’s PDF (LibreOffice)'
    : 'the avenant’s PDF — skipped: soffice (LibreOffice) is not installed',
  () => {
    it('is converted by LibreOffice and prints the changed table and the signatories', async () => {
      const res = await get(
        `/conventions/${carrieresId}/avenants/${avenantId}/document?format=pdf`,
        cafCookie,
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const file = join(work, 'avenant.pdf');
      writeFileSync(file, res.rawPayload);
      const { stdout } = await run('pdftotext', [file, '-']);
      const text = stdout.replace(/[\u00a0\u202f\s]+/g, ' ');
      expect(text).toContain('Avenant n° 1');
      expect(text).toContain('La Toupie, 5 place du Marché');
      expect(text).toContain('ajoutée');
      expect(text).toContain('Arnaud de BOURROUSSE');
    }, 180_000);
  },
);
