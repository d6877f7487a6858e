/**
 * Documents attached to a fiche, through the use cases and through HTTP as a browser sends them
 * (multipart with the CSRF token and the form's one-time token): the pilot of a fiche attaches a
 * file, everyone who sees the fiche lists and downloads the same bytes; the pilot of another fiche
 * gets 403, a partner a 404 on a confidential fiche's file, another territory's agent a 404; hostile
 * files are French 4xx that store nothing; a form sent twice stores one file; removal asks for a
 * confirmation and is audited; an anonymised uploader's file stays, its author anonymised.
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { listFicheFiles } from '../../src/db/repositories/plan-file.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { MAX_FICHE_FILE_BYTES } from '../../src/domain/plan/fiche-file.js';
import { PLAN_AUDIT_LABELS } from '../../src/domain/plan/labels.js';
import { writePlanFile } from '../../src/imports/plan/index.js';
import { samplePlan } from '../../src/imports/plan/plan-file.test-support.js';
import { createOrganisation } from '../../src/use-cases/organisations/create-organisation.js';
import { grantConventionAccess } from '../../src/use-cases/organisations/grant-convention-access.js';
import { attachFicheFile } from '../../src/use-cases/plan/attach-fiche-file.js';
import { createFiche } from '../../src/use-cases/plan/create-fiche.js';
import { deleteFiche } from '../../src/use-cases/plan/delete-fiche.js';
import { deleteFicheFile } from '../../src/use-cases/plan/delete-fiche-file.js';
import { exportPlan } from '../../src/use-cases/plan/export-plan.js';
import { getFiche } from '../../src/use-cases/plan/get-fiche.js';
import { getFicheFile } from '../../src/use-cases/plan/get-fiche-file.js';
import { importPlan } from '../../src/use-cases/plan/import-plan.js';
import { saveAxe } from '../../src/use-cases/plan/save-axe.js';
import { anonymiseUser } from '../../src/use-cases/users/anonymise-user.js';
import { type App, buildApp } from '../../src/web/app.js';
import { as, clock, makeUser, seedWorld, system } from '../support/fixtures.js';
import { zipBomb } from '../support/hostile-files.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let chatouId: string;
let agent: Actor;
let pilotA: Actor;
let pilotB: Actor;
let reader: Actor;
let outsider: Actor;
let ficheA: string;
let ficheB: string;
let secret: string;
let secretFileId: string;

const emails = {
  agent: 'agent.documents@chatou.test',
  pilotA: 'pilote.a@passerelles.test',
  pilotB: 'pilote.b@passerelles.test',
  reader: 'lecteur@passerelles.test',
  outsider: 'agent.documents@carrieres.test',
};

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n% ${text}\n%%EOF\n`);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const uuid = () => crypto.randomUUID();
const userIdOf = (a: Actor) => (a as { userId: string }).userId;
const filesOf = (ficheId: string) => listFicheFiles(handle.db, ficheId);

const sessions = new Map<string, { cookie: string; csrf: string }>();
async function session(email: string) {
  let s = sessions.get(email);
  if (!s) {
    const cookie = await loginCookies(app, email);
    const page = await app.inject({ method: 'GET', url: '/conventions', headers: { cookie } });
    s = { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
    sessions.set(email, s);
  }
  return s;
}
const ficheUrl = (ficheId: string) => `/conventions/${chatouId}/plan/fiches/${ficheId}`;
const get = async (email: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: (await session(email)).cookie } });

async function post(email: string, url: string) {
  const { cookie, csrf } = await session(email);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf }).toString(),
  });
}

/** The upload form as a browser sends it: the CSRF token, the one-time token, then the file. */
async function upload(
  email: string,
  ficheId: string,
  file: { name: string; content: Uint8Array },
  token: string = uuid(),
) {
  const { cookie, csrf } = await session(email);
  const boundary = '----ctgdocument';
  const fields = Object.entries({ _csrf: csrf, submissionToken: token }).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(fields.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `${ficheUrl(ficheId)}/documents-joints`,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  const conventions = await listConventions(handle.db, { kind: 'all' });
  chatouId = conventions.find((c) => c.territoryCode === '78146')!.id;
  agent = await makeUser(handle.db, emails.agent, world.chatou.id, ['territory_agent']);
  outsider = await makeUser(handle.db, emails.outsider, world.carrieres.id, ['territory_agent']);
  const association = await createOrganisation(system(handle.db), {
    kind: 'partner',
    name: 'Association Passerelles',
  });
  await grantConventionAccess(system(handle.db), { organisationId: association.id, conventionId: chatouId });
  pilotA = await makeUser(handle.db, emails.pilotA, association.id, ['partner']);
  pilotB = await makeUser(handle.db, emails.pilotB, association.id, ['partner']);
  reader = await makeUser(handle.db, emails.reader, association.id, ['partner']);
  const ctx = as(handle.db, agent);
  const axe = await saveAxe(ctx, chatouId, { title: 'Parentalité' });
  const pilotOf = (a: Actor) => [{ kind: 'account' as const, userId: userIdOf(a) }];
  ficheA = (
    await createFiche(ctx, chatouId, { axeId: axe.id, title: 'Passerelles', pilots: pilotOf(pilotA) })
  ).id;
  ficheB = (
    await createFiche(ctx, chatouId, { axeId: axe.id, title: 'Café des parents', pilots: pilotOf(pilotB) })
  ).id;
  secret = (
    await createFiche(ctx, chatouId, {
      axeId: axe.id,
      title: 'Recenser les situations',
      pilots: [{ kind: 'person', name: 'Direction des solidarités' }],
      confidential: true,
    })
  ).id;
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('documents attached to a fiche, through the use cases', () => {
  it('lets the fiche’s pilot attach a file, lists it for readers and gives back the same bytes, audited', async () => {
    const bytes = pdf('compte rendu du comité');
    const { file, existing } = await attachFicheFile(
      as(handle.db, pilotA),
      ficheA,
      { fileName: 'Compte rendu.pdf', content: bytes },
      uuid(),
    );
    expect(existing).toBe(false);
    expect(file).toMatchObject({
      ficheId: ficheA,
      fileName: 'Compte rendu.pdf',
      mediaType: 'application/pdf',
      byteLength: bytes.length,
      sha256: sha(bytes),
      uploadedByLabel: 'pilote.a',
    });
    const view = await getFiche(as(handle.db, reader), ficheA);
    expect(view.files.map((f) => f.fileName)).toEqual(['Compte rendu.pdf']);
    const back = await getFicheFile(as(handle.db, reader), ficheA, file.id);
    expect(Buffer.from(back.content).equals(Buffer.from(bytes))).toBe(true);
    const { rows } = await listAudit(handle.db, {
      entityType: 'plan_fiche',
      entityId: ficheA,
      limit: 5,
      offset: 0,
    });
    expect(rows[0]).toMatchObject({ action: 'plan.fiche.file_attach' });
    expect(JSON.stringify(rows[0]!.after)).toContain(sha(bytes));
    expect(JSON.stringify(rows[0]!.after)).not.toContain('comité');
    expect(PLAN_AUDIT_LABELS['plan.fiche.file_attach']).toBeTruthy();
  });

  it('refuses the pilot of another fiche (403) and hides a confidential fiche’s file (404)', async () => {
    await expect(
      attachFicheFile(as(handle.db, pilotB), ficheA, { fileName: 'b.pdf', content: pdf('b') }, uuid()),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await filesOf(ficheA)).toHaveLength(1);
    secretFileId = (
      await attachFicheFile(
        as(handle.db, agent),
        secret,
        { fileName: 'situations.pdf', content: pdf('s') },
        uuid(),
      )
    ).file.id;
    await expect(getFicheFile(as(handle.db, reader), secret, secretFileId)).rejects.toMatchObject({
      code: 'PLAN_FICHE_NOT_FOUND',
      status: 404,
    });
    // A file is read through its own fiche only.
    await expect(getFicheFile(as(handle.db, agent), ficheA, secretFileId)).rejects.toMatchObject({
      status: 404,
    });
    await expect(getFicheFile(as(handle.db, outsider), ficheA, secretFileId)).rejects.toMatchObject({
      code: 'CONVENTION_NOT_FOUND',
    });
  });

  it('stores one file for a form sent twice, and refuses the same form for another file', async () => {
    const token = uuid();
    const bytes = pdf('deux envois');
    const [first, second] = await Promise.all([
      attachFicheFile(as(handle.db, pilotB), ficheB, { fileName: 'Bilan.pdf', content: bytes }, token),
      attachFicheFile(as(handle.db, pilotB), ficheB, { fileName: 'Bilan.pdf', content: bytes }, token),
    ]);
    expect([first.existing, second.existing].sort()).toEqual([false, true]);
    expect(first.file.id).toBe(second.file.id);
    expect(await filesOf(ficheB)).toHaveLength(1);
    await expect(
      attachFicheFile(as(handle.db, pilotB), ficheB, { fileName: 'Autre.pdf', content: pdf('autre') }, token),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      attachFicheFile(as(handle.db, agent), ficheA, { fileName: 'Bilan.pdf', content: bytes }, token),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await filesOf(ficheB)).toHaveLength(1);
  });

  it('deletes for editors only, audited; the fiche’s deletion takes its files', async () => {
    const [file] = await filesOf(ficheB);
    await expect(deleteFicheFile(as(handle.db, pilotA), ficheB, file!.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(deleteFicheFile(as(handle.db, reader), ficheB, file!.id)).rejects.toMatchObject({
      status: 403,
    });
    await deleteFicheFile(as(handle.db, pilotB), ficheB, file!.id);
    expect(await filesOf(ficheB)).toEqual([]);
    const { rows } = await listAudit(handle.db, {
      entityType: 'plan_fiche',
      entityId: ficheB,
      limit: 1,
      offset: 0,
    });
    expect(rows[0]).toMatchObject({ action: 'plan.fiche.file_delete' });
    await expect(deleteFicheFile(as(handle.db, pilotB), ficheB, file!.id)).rejects.toMatchObject({
      status: 404,
    });

    const axeId = (await getFiche(as(handle.db, agent), ficheB)).fiche.axeId;
    const doomed = (await createFiche(as(handle.db, agent), chatouId, { axeId, title: 'Éphémère' })).id;
    await attachFicheFile(as(handle.db, agent), doomed, { fileName: 'x.pdf', content: pdf('x') }, uuid());
    await deleteFiche(as(handle.db, agent), doomed);
    expect(await filesOf(doomed)).toEqual([]);
  });
});

describe('documents attached to a fiche, through HTTP', () => {
  it('shows « Documents joints » with the upload form to editors, and the list to readers', async () => {
    const asPilot = await get(emails.pilotA, ficheUrl(ficheA));
    expect(asPilot.statusCode).toBe(200);
    expect(asPilot.body).toContain('Documents joints');
    expect(asPilot.body).toContain('enctype="multipart/form-data"');
    expect(asPilot.body).toMatch(/name="submissionToken" value="[0-9a-f-]{36}"/);
    expect(asPilot.body).toContain('Compte rendu.pdf');
    expect(asPilot.body).toMatch(/\d+\u00a0octets/);
    const asReader = await get(emails.reader, ficheUrl(ficheA));
    expect(asReader.body).toContain('Compte rendu.pdf');
    expect(asReader.body).not.toContain('enctype="multipart/form-data"');
    expect(asReader.body).not.toContain('/suppression"');
  });

  it('uploads, lists and downloads the same bytes, with its name, type and no sniffing', async () => {
    const content = zipSync({
      mimetype: new TextEncoder().encode('application/vnd.oasis.opendocument.text'),
      'content.xml': new TextEncoder().encode('<office:document-content/>'),
    });
    const page = await get(emails.pilotA, ficheUrl(ficheA));
    const token = /name="submissionToken" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await upload(emails.pilotA, ficheA, { name: 'Réunion du 3 mars.odt', content }, token);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('fait=document');
    const stored = (await filesOf(ficheA)).find((f) => f.fileName === 'Réunion du 3 mars.odt')!;
    expect(stored.sha256).toBe(sha(content));
    const listed = await get(emails.reader, ficheUrl(ficheA));
    expect(listed.body).toContain('Réunion du 3 mars.odt');
    const download = await get(emails.reader, `${ficheUrl(ficheA)}/documents-joints/${stored.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/vnd.oasis.opendocument.text');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toContain('attachment;');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''R%C3%A9union");
    expect(Buffer.from(download.rawPayload).equals(Buffer.from(content))).toBe(true);

    // The same form sent again stores nothing more.
    const again = await upload(emails.pilotA, ficheA, { name: 'Réunion du 3 mars.odt', content }, token);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toContain('fait=deja-joint');
    expect((await filesOf(ficheA)).filter((f) => f.sha256 === sha(content))).toHaveLength(1);
  });

  it('answers the pilot of another fiche 403, a reader of a confidential fiche 404, another territory 404', async () => {
    const before = await filesOf(ficheA);
    const res = await upload(emails.pilotB, ficheA, { name: 'intrus.pdf', content: pdf('intrus') });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('seuls ses pilotes et les agents de la collectivité');
    expect(await filesOf(ficheA)).toEqual(before);
    const hidden = await get(emails.reader, `${ficheUrl(secret)}/documents-joints/${secretFileId}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('%PDF');
    const other = await get(emails.outsider, `${ficheUrl(ficheA)}/documents-joints/${before[0]!.id}`);
    expect(other.statusCode).toBe(404);
    expect((await upload(emails.outsider, ficheA, { name: 'x.pdf', content: pdf('x') })).statusCode).toBe(
      404,
    );
    expect((await upload(emails.reader, ficheA, { name: 'x.pdf', content: pdf('x') })).statusCode).toBe(403);
    expect(await filesOf(ficheA)).toEqual(before);
  });

  it('refuses hostile files in French, storing nothing', async () => {
    const before = await filesOf(ficheA);
    const cases: { name: string; content: Uint8Array; status: number; says: string }[] = [
      { name: 'vide.pdf', content: new Uint8Array(), status: 400, says: 'est vide' },
      {
        name: 'programme.exe',
        content: new Uint8Array([0x4d, 0x5a, 0x90, 0]),
        status: 400,
        says: 'n’est pas accepté',
      },
      {
        name: 'page.html',
        content: new TextEncoder().encode('<script>alert(1)</script>'),
        status: 400,
        says: 'n’est pas accepté',
      },
      {
        name: 'deguise.pdf',
        content: new TextEncoder().encode('<html></html>'),
        status: 400,
        says: 'n’est pas celui d’un fichier PDF',
      },
      { name: 'bombe.odt', content: zipBomb(), status: 422, says: 'une fois décompressé' },
      { name: 'nul\u0000.pdf', content: pdf('nul'), status: 400, says: 'caractère' },
    ];
    for (const c of cases) {
      const res = await upload(emails.agent, ficheA, c);
      expect(res.statusCode, c.name).toBe(c.status);
      expect(res.body, c.name).toContain(c.says);
      if (c.status === 422) expect(res.body, c.name).toContain('href="#fichier"');
    }
    const tooLarge = new Uint8Array(MAX_FICHE_FILE_BYTES + 10);
    tooLarge.set(pdf('gros'));
    const big = await upload(emails.agent, ficheA, { name: 'gros.pdf', content: tooLarge });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('dépasse 15 Mo');
    expect(await filesOf(ficheA)).toEqual(before);
  });

  it('removes a file after a confirmation page, for editors only', async () => {
    const target = (await filesOf(ficheA)).find((f) => f.fileName === 'Réunion du 3 mars.odt')!;
    const href = `${ficheUrl(ficheA)}/documents-joints/${target.id}/suppression`;
    expect((await get(emails.reader, href)).statusCode).toBe(403);
    expect((await post(emails.reader, href)).statusCode).toBe(403);
    expect((await post(emails.pilotB, href)).statusCode).toBe(403);
    const confirm = await get(emails.pilotA, href);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Supprimer définitivement « Réunion du 3 mars.odt »');
    const done = await post(emails.pilotA, href);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toContain('fait=document-supprime');
    expect((await filesOf(ficheA)).map((f) => f.id)).not.toContain(target.id);
    const page = await get(emails.pilotA, ficheUrl(ficheA));
    expect(page.body).toContain('Document joint retiré');
  });

  it('keeps an anonymised uploader’s file, its author read as anonymised', async () => {
    await anonymiseUser(system(handle.db), { userId: userIdOf(pilotA) });
    const files = await filesOf(ficheA);
    expect(files.map((f) => f.fileName)).toContain('Compte rendu.pdf');
    expect(files.find((f) => f.fileName === 'Compte rendu.pdf')!.uploadedByLabel).toBe('Personne anonymisée');
    const page = await get(emails.agent, ficheUrl(ficheA));
    expect(page.body).toContain('Personne anonymisée');
    expect(page.body).not.toContain('pilote.a');
  });
});

describe('the plan file and attached documents', () => {
  it('carries no document: an import, which replaces the fiches, removes their documents with them', async () => {
    expect((await filesOf(ficheA)).length).toBeGreaterThan(0);
    const plan = samplePlan(2);
    for (const f of plan.fiches) {
      f.objectives = [];
      f.pilots = [{ kind: 'person', name: 'Jeanne Martin' }];
    }
    plan.indicators = [];
    const bytes = await writePlanFile(plan, 'csv');
    const exported = await exportPlan(as(handle.db, agent), chatouId, 'csv');
    expect(Buffer.from(exported.bytes).toString('utf8')).toContain('Passerelles');
    expect(Buffer.from(exported.bytes).toString('utf8')).not.toContain('Compte rendu');
    await importPlan(as(handle.db, agent), {
      conventionId: chatouId,
      fileName: 'plan.csv',
      bytes,
      format: 'csv',
    });
    expect(await filesOf(ficheA)).toEqual([]);
    expect(await filesOf(secret)).toEqual([]);
  });
});
