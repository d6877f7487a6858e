/**
 * The plan's files through HTTP, as a browser sends them (multipart with the CSRF token): the upload
 * page says what it replaces and needs its box ticked; a good file replaces the plan, once for a form
 * sent twice; a file with one bad line changes nothing and names its line and column; hostile files
 * are French 4xx; a partner may not upload. The downloads have their type and French name, carry what
 * the person may see, and import back: export → import elsewhere → export gives the same bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findPlan } from '../../src/db/repositories/plan.repository.js';
import { findOnPath } from '../../src/documents/pdf.js';
import { type PlanFile, readPlanFile, writePlanFile } from '../../src/imports/plan/index.js';
import { samplePlan } from '../../src/imports/plan/plan-file.test-support.js';
import { createOrganisation } from '../../src/use-cases/organisations/create-organisation.js';
import { grantConventionAccess } from '../../src/use-cases/organisations/grant-convention-access.js';
import { type App, buildApp } from '../../src/web/app.js';
import { clock, makeUser, seedWorld, system } from '../support/fixtures.js';
import { zipBomb } from '../support/hostile-files.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let app: App;
let chatouId: string;
let carrieresId: string;
const agent = 'agent.fichiers@chatou.test';
const carrieresAgent = 'agent.fichiers@carrieres.test';
const partner = 'partenaire.fichiers@passerelles.test';

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

const get = async (email: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: (await session(email)).cookie } });

/** The upload form as a browser sends it: its fields, then the file. */
async function upload(
  email: string,
  conventionId: string,
  file: { name: string; content: Uint8Array | string },
  fields: Record<string, string> = { confirmation: 'oui' },
) {
  const { cookie, csrf } = await session(email);
  const boundary = '----ctgplanfile';
  const parts = Object.entries({ _csrf: csrf, ...fields }).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/conventions/${conventionId}/plan/import`,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

/** A sample plan whose pilots are named persons and the agent, and whose fiches serve no objective. */
function sample(count: number, pilotEmail?: string): PlanFile {
  const plan = samplePlan(count);
  for (const fiche of plan.fiches) {
    fiche.objectives = [];
    fiche.pilots = fiche.pilots.map((p) =>
      p.kind === 'account'
        ? pilotEmail
          ? { kind: 'account', email: pilotEmail }
          : { kind: 'person', name: 'Jeanne Martin' }
        : p,
    );
  }
  plan.indicators = plan.indicators.filter((i) => i.fiche !== null);
  return plan;
}

const titles = async (conventionId: string) =>
  ((await findPlan(handle.db, conventionId))?.fiches ?? []).map((f) => f.title).sort();
const ficheIds = async (conventionId: string) =>
  ((await findPlan(handle.db, conventionId))?.fiches ?? []).map((f) => f.id).sort();

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  const conventions = await listConventions(handle.db, { kind: 'all' });
  chatouId = conventions.find((c) => c.territoryCode === '78146')!.id;
  carrieresId = conventions.find((c) => c.territoryCode === '78124')!.id;
  await makeUser(handle.db, agent, world.chatou.id, ['territory_agent']);
  await makeUser(handle.db, carrieresAgent, world.carrieres.id, ['territory_agent']);
  const association = await createOrganisation(system(handle.db), {
    kind: 'partner',
    name: 'Association Passerelles',
  });
  await grantConventionAccess(system(handle.db), { organisationId: association.id, conventionId: chatouId });
  await makeUser(handle.db, partner, association.id, ['partner']);
  app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('the upload page of a plan file', () => {
  it('is linked from the plan for the territory’s agent only, and says what it replaces', async () => {
    const plan = await get(agent, `/conventions/${chatouId}/plan/fiches`);
    expect(plan.body).toContain(`href="/conventions/${chatouId}/plan/import"`);
    const asPartner = await get(partner, `/conventions/${chatouId}/plan/fiches`);
    expect(asPartner.statusCode).toBe(200);
    expect(asPartner.body).not.toContain('/plan/import"');
    const page = await get(agent, `/conventions/${chatouId}/plan/import`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('L’import remplace tout le plan d’actions');
    expect(page.body).toContain('name="confirmation"');
    expect(page.body).toMatch(/name="submissionToken" value="[0-9a-f-]{36}"/);
  });

  it('refuses a partner: 403 on the page and on the upload, nothing changed', async () => {
    expect((await get(partner, `/conventions/${chatouId}/plan/import`)).statusCode).toBe(403);
    const before = await ficheIds(chatouId);
    const res = await upload(partner, chatouId, {
      name: 'plan.csv',
      content: await writePlanFile(sample(3), 'csv'),
    });
    expect(res.statusCode).toBe(403);
    expect(await ficheIds(chatouId)).toEqual(before);
  });

  it('reads the file but imports nothing while the box is not ticked', async () => {
    const res = await upload(
      agent,
      chatouId,
      { name: 'plan.xlsx', content: await writePlanFile(sample(10), 'xlsx') },
      {},
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Cochez la case de confirmation');
    expect(res.body).toContain('Le fichier contient 5 axes, 10 fiches actions');
    expect(await ficheIds(chatouId)).toEqual([]);
  });

  let imported: string[];
  it('replaces the plan with a good file, and imports once a form sent twice', async () => {
    const file = sample(12, agent);
    const content = await writePlanFile(file, 'xlsx');
    const token = crypto.randomUUID();
    const first = await upload(
      agent,
      chatouId,
      { name: 'Plan 2026.xlsx', content },
      {
        confirmation: 'oui',
        submissionToken: token,
      },
    );
    expect(first.statusCode, first.body.slice(0, 500)).toBe(303);
    expect(first.headers.location).toBe(`/conventions/${chatouId}/plan/fiches?fait=import`);
    expect(await titles(chatouId)).toEqual(file.fiches.map((f) => f.title).sort());
    imported = await ficheIds(chatouId);
    const again = await upload(
      agent,
      chatouId,
      { name: 'Plan 2026.xlsx', content },
      {
        confirmation: 'oui',
        submissionToken: token,
      },
    );
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/conventions/${chatouId}/plan/fiches?fait=deja-importe`);
    // The same fiches, not a second import of the same file.
    expect(await ficheIds(chatouId)).toEqual(imported);
    const notice = await get(agent, again.headers.location as string);
    expect(notice.body).toContain('importé une seule fois');
    // The page now counts what an import would replace.
    const page = await get(agent, `/conventions/${chatouId}/plan/import`);
    expect(page.body).toContain('Le plan contient aujourd’hui 5 axes, 12 fiches actions');
  });

  it('changes nothing for a file with one bad line, and names its line and column', async () => {
    const file = sample(12, agent);
    file.fiches[3]!.status = 'presque-finie' as never;
    const content = await writePlanFile(file, 'csv');
    // The physical line where the fiche's record starts (a quoted cell may hold line breaks).
    const text = new TextDecoder().decode(content);
    const recordStart = text.lastIndexOf('\nfiche;', text.indexOf(';presque-finie;'));
    const line = text.slice(0, recordStart + 1).split('\n').length;
    expect(line).toBeGreaterThan(1);
    const res = await upload(agent, chatouId, { name: 'plan.csv', content });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Le fichier contient une erreur ; rien n’a été importé ni modifié.');
    expect(res.body).toContain('id="erreurs-fichier"');
    // The table's row: no sheet (a CSV), the line, the column's letter and name.
    expect(res.body).toMatch(
      new RegExp(`<td>—</td><td class="num">${line}</td><td>E \\(statut\\)</td><td>[^<]*presque-finie`),
    );
    expect(await ficheIds(chatouId)).toEqual(imported);
  });

  it('lists every error of a file with several', async () => {
    const file = sample(12, agent);
    file.fiches[1]!.status = 'mauvais-1' as never;
    file.fiches[7]!.status = 'mauvais-2' as never;
    const res = await upload(agent, chatouId, {
      name: 'plan.ods',
      content: await writePlanFile(file, 'ods'),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Le fichier contient 2 erreurs');
    expect(res.body).toContain('mauvais-1');
    expect(res.body).toContain('mauvais-2');
    expect(res.body).toContain('<td>Fiches</td>');
    expect(await ficheIds(chatouId)).toEqual(imported);
  });

  it('answers hostile files in French with a 4xx, changing nothing', async () => {
    const cases: { name: string; content: Uint8Array | string; status: number; says: RegExp }[] = [
      { name: 'bombe.xlsx', content: zipBomb(), status: 422, says: /décompressé/ },
      {
        name: 'nul.csv',
        content: 'type;référence;titre\n\u0000fiche;1.1;x\n',
        status: 422,
        says: /octets nuls/,
      },
      {
        name: 'enorme.csv',
        content: new Uint8Array(11 * 1024 * 1024).fill(0x61),
        status: 413,
        says: /dépasse 10 Mo/,
      },
      { name: 'plan.pdf', content: '%PDF-1.4', status: 422, says: /\.xlsx, \.ods ou \.csv/ },
      { name: 'vide.csv', content: '', status: 422, says: /Choisissez un fichier|vide/ },
    ];
    for (const c of cases) {
      const res = await upload(agent, chatouId, { name: c.name, content: c.content });
      expect(res.statusCode, c.name).toBe(c.status);
      expect(res.body, c.name).toMatch(c.says);
      expect(await ficheIds(chatouId), c.name).toEqual(imported);
    }
    // A form cut short (no closing boundary) is refused before anything reads it.
    const cut = await app.inject({
      method: 'POST',
      url: `/conventions/${chatouId}/plan/import`,
      headers: {
        cookie: (await session(agent)).cookie,
        'content-type': 'multipart/form-data; boundary=XyZ',
      },
      payload: '--XyZ\r\nContent-Disposition: form-data; name="fichier"; filename="plan.csv"\r\n\r\nabc',
    });
    expect(cut.statusCode).toBe(400);
    expect(cut.body).toContain('Le formulaire envoyé est incomplet ou mal formé');
    expect(await ficheIds(chatouId)).toEqual(imported);
  });
});

describe('the downloads of the plan', () => {
  const TYPES = {
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ods: 'application/vnd.oasis.opendocument.spreadsheet',
    csv: 'text/csv; charset=utf-8',
  } as const;

  it('exports the plan in three formats under a French name, each importing back elsewhere to the same bytes', async () => {
    const plan = await get(agent, `/conventions/${chatouId}/plan/fiches`);
    for (const format of ['xlsx', 'ods', 'csv'] as const) {
      expect(plan.body).toContain(`href="/conventions/${chatouId}/plan/export?format=${format}"`);
    }
    // Pilots that are accounts of Chatou would not be accounts of Carrières: named persons here.
    const file = sample(15);
    const put = await upload(agent, chatouId, {
      name: 'plan.csv',
      content: await writePlanFile(file, 'csv'),
    });
    expect(put.statusCode, put.body.slice(0, 300)).toBe(303);
    for (const format of ['xlsx', 'ods', 'csv'] as const) {
      const exported = await get(agent, `/conventions/${chatouId}/plan/export?format=${format}`);
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe(TYPES[format]);
      expect(exported.headers['content-disposition']).toBe(
        `attachment; filename="plan-actions-chatou.${format}"`,
      );
      const imported = await upload(carrieresAgent, carrieresId, {
        name: `plan-actions-chatou.${format}`,
        content: exported.rawPayload,
      });
      expect(imported.statusCode, imported.body.slice(0, 300)).toBe(303);
      const back = await get(carrieresAgent, `/conventions/${carrieresId}/plan/export?format=${format}`);
      expect(back.headers['content-disposition']).toBe(
        `attachment; filename="plan-actions-carrieres-sur-seine.${format}"`,
      );
      expect(Buffer.from(back.rawPayload).equals(Buffer.from(exported.rawPayload)), format).toBe(true);
    }
    expect(await titles(carrieresId)).toEqual(file.fiches.map((f) => f.title).sort());
  });

  it('gives a partner the fiches they may see, without the confidential ones', async () => {
    const all = (await findPlan(handle.db, chatouId))!.fiches;
    const confidential = all.filter((f) => f.confidential);
    expect(confidential.length).toBeGreaterThan(0);
    const res = await get(partner, `/conventions/${chatouId}/plan/export?format=csv`);
    expect(res.statusCode).toBe(200);
    const read = await readPlanFile(res.rawPayload, 'csv');
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.plan.fiches).toHaveLength(all.length - confidential.length);
    const sheet = await get(partner, `/conventions/${chatouId}/plan/fiches/${confidential[0]!.id}/document`);
    expect(sheet.statusCode).toBe(404);
  });

  it('refuses an unknown format in French', async () => {
    const res = await get(agent, `/conventions/${chatouId}/plan/export?format=pdf`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Format inconnu « pdf »');
  });

  it('downloads the sheet of one fiche from its page, and of the ticked fiches from the plan’s table', async () => {
    const fiches = (await findPlan(handle.db, chatouId))!.fiches;
    const fiche = fiches.find((f) => f.title.startsWith('Fiche 1.1 '))!;
    const page = await get(agent, `/conventions/${chatouId}/plan/fiches/${fiche.id}`);
    const href = `/conventions/${chatouId}/plan/fiches/${fiche.id}/document?format=docx`;
    expect(page.body).toContain(`href="${href}"`);
    // PDF is offered where LibreOffice is installed, and only there.
    expect(page.body.includes(`/document?format=pdf"`)).toBe(findOnPath('soffice') !== null);
    const docx = await get(agent, href);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers['content-disposition']).toMatch(
      /^attachment; filename="fiche-action-1-1-fiche-1-1-ouvrir-un-lieu-d-accueil-enfants-parents\.docx"$/,
    );
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const table = await get(agent, `/conventions/${chatouId}/plan/fiches`);
    expect(table.body).toContain(`formaction="/conventions/${chatouId}/plan/fiches/document"`);
    const { cookie, csrf } = await session(agent);
    const body = new URLSearchParams({ _csrf: csrf, format: 'odt', status: '' });
    body.append('fiches', fiches[0]!.id);
    body.append('fiches', fiches[1]!.id);
    const odt = await app.inject({
      method: 'POST',
      url: `/conventions/${chatouId}/plan/fiches/document`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    expect(odt.statusCode).toBe(200);
    expect(odt.headers['content-type']).toBe('application/vnd.oasis.opendocument.text');
    expect(odt.headers['content-disposition']).toBe('attachment; filename="fiches-actions-78146-chatou.odt"');
    const none = await app.inject({
      method: 'POST',
      url: `/conventions/${chatouId}/plan/fiches/document`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, format: 'odt' }).toString(),
    });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Cochez au moins une fiche');
  });
});
