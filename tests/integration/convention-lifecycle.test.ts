/**
 * The convention's life on a real database: the demo convention of Carrières-sur-Seine from draft
 * to signature and entry into force, a refused direct edit, an avenant with its diff and
 * consolidated text, termination dates, renewal, what is due, and the generated documents.
 */
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { findConvention, listConventions } from '../../src/db/repositories/convention.repository.js';
import { paragraph } from '../../src/documents/model.js';
import type { Actor } from '../../src/domain/access/access.js';
import { advance, statusAt } from '../../src/domain/convention/lifecycle.js';
import { type Clock, fixedClock } from '../../src/domain/shared/dates.js';
import { installedModules } from '../../src/modules/index.js';
import { systemContext } from '../../src/use-cases/context.js';
import { applyCalendarTransitions } from '../../src/use-cases/conventions/apply-calendar-transitions.js';
import { attachDeliberation } from '../../src/use-cases/conventions/attach-deliberation.js';
import { checkIntegrity } from '../../src/use-cases/conventions/check-integrity.js';
import { createAvenant } from '../../src/use-cases/conventions/create-avenant.js';
import { editAvenant } from '../../src/use-cases/conventions/edit-avenant.js';
import { generateConventionDocument } from '../../src/use-cases/conventions/generate-convention-document.js';
import { getConvention } from '../../src/use-cases/conventions/get-convention.js';
import { giveNotice } from '../../src/use-cases/conventions/give-notice.js';
import { listDueItems } from '../../src/use-cases/conventions/list-due-items.js';
import { recordSignature } from '../../src/use-cases/conventions/record-signature.js';
import { renewConvention } from '../../src/use-cases/conventions/renew-convention.js';
import { sendFormalNotice } from '../../src/use-cases/conventions/send-formal-notice.js';
import { signAvenant } from '../../src/use-cases/conventions/sign-avenant.js';
import { submitAvenant } from '../../src/use-cases/conventions/submit-avenant.js';
import { submitConvention } from '../../src/use-cases/conventions/submit-convention.js';
import { terminateForUnapprovedChange } from '../../src/use-cases/conventions/terminate-for-unapproved-change.js';
import { updateDraft } from '../../src/use-cases/conventions/update-draft.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { buildApp } from '../../src/web/app.js';
import { avenantView } from '../../src/web/presenters/convention.presenter.js';
import { makeUser, seedWorld, system } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof seedWorld>>;
let cafAgent: Actor;
let carrieresAgent: Actor;
let chatouAgent: Actor;
let carrieresId: string;
let chatouId: string;

const at = (date: string, actor: Actor = cafAgent) => ({
  db: handle.db,
  clock: fixedClock(date) as Clock,
  actor,
});
const PDF = new TextEncoder().encode(
  '%PDF-1.4\n% délibération du conseil municipal du 25 novembre 2024\n%%EOF\n',
);

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  world = await seedWorld(handle.db);
  cafAgent = await makeUser(handle.db, 'agent.caf@test.fr', world.caf78.id, ['caf_agent']);
  carrieresAgent = await makeUser(handle.db, 'agent.carrieres@test.fr', world.carrieres.id, [
    'territory_agent',
  ]);
  chatouAgent = await makeUser(handle.db, 'agent.chatou@test.fr', world.chatou.id, ['territory_agent']);
  const all = await listConventions(handle.db, { kind: 'all' });
  carrieresId = all.find((c) => c.territoryCode === '78124')!.id;
  chatouId = all.find((c) => c.territoryCode === '78146')!.id;
});
afterAll(() => handle.close());

describe('the demo convention of Carrières-sur-Seine', () => {
  it('is a draft with the seed’s parties, the default text, 14 articles and 7 annexes', async () => {
    const { convention } = await getConvention(at('2024-11-20'), carrieresId);
    expect(convention.status).toBe('draft');
    expect(convention.content.parties.map((p) => p.name)).toEqual([
      'Caisse d’allocations familiales des Yvelines',
      'Commune de Carrières-sur-Seine',
    ]);
    expect(convention.content.articles).toHaveLength(14);
    expect(convention.content.annexes).toHaveLength(7);
    expect(convention.content.period).toEqual({ start: '2024-01-01', end: '2027-12-31' });
  });

  it('refuses submission while the deliberation is missing, saying so in French, and changes nothing', async () => {
    const before = await findConvention(handle.db, carrieresId);
    await expect(submitConvention(at('2024-11-26'), carrieresId)).rejects.toMatchObject({
      code: 'CONVENTION_INCOMPLETE',
      details: { missing: [expect.objectContaining({ code: 'deliberation_attachment' })] },
    });
    expect((await findConvention(handle.db, carrieresId))!.convention).toEqual(before!.convention);
  });

  it('refuses a signatory with no last name, naming the field', async () => {
    await expect(
      updateDraft(at('2024-11-26'), carrieresId, {
        parties: [
          {
            organisationId: world.caf78.id,
            role: 'caf',
            signatories: [
              {
                civility: 'madame',
                firstName: 'Sophie',
                lastName: ' ',
                function: 'board_chair',
                authority: { kind: 'office' },
              },
            ],
          },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'parties.0.signatories.0.lastName', message: 'Le nom du signataire est obligatoire.' },
      ],
    });
  });

  it('goes draft → in signature → signed by each signatory → in force, with the audit of each step', async () => {
    await attachDeliberation(at('2024-11-26', carrieresAgent), carrieresId, {
      fileName: 'deliberation-2024-11-25.pdf',
      mediaType: 'application/pdf',
      content: PDF,
    });
    const submitted = await submitConvention(at('2024-11-26'), carrieresId);
    expect(submitted.status).toBe('in_signature');
    let c = await recordSignature(at('2024-12-02', carrieresAgent), carrieresId, {
      signatoryId: 'commune-78124-mayor',
      signedOn: '2024-12-02',
    });
    expect(c.status).toBe('in_signature');
    c = await recordSignature(at('2024-12-03'), carrieresId, {
      signatoryId: 'caf-78-director',
      signedOn: '2024-12-03',
    });
    expect(c.status).toBe('in_signature');
    // Signed after its start date (1 January 2024), as the seed was: in force at once.
    c = await recordSignature(at('2024-12-05'), carrieresId, {
      signatoryId: 'caf-78-president',
      signedOn: '2024-12-05',
    });
    expect(c.status).toBe('in_force');
    expect(c.versions).toHaveLength(1);
    const inForce = await getConvention(at('2025-01-02'), carrieresId);
    expect(inForce.convention.status).toBe('in_force');
    const stored = await handle.db
      .selectFrom('conventions')
      .select('status')
      .where('id', '=', carrieresId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('in_force');
    const { rows } = await listAudit(handle.db, { entityId: carrieresId, limit: 50, offset: 0 });
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['convention.attach_deliberation', 'convention.submit', 'convention.sign']),
    );
  });

  it('refuses a direct edit of the signed convention with the French message, and over HTTP with 409', async () => {
    await expect(
      updateDraft(at('2025-02-01'), carrieresId, { placeOfSignature: 'Carrières-sur-Seine' }),
    ).rejects.toMatchObject({
      code: 'CONVENTION_NOT_DRAFT',
      message: 'Une convention signée ne peut être modifiée que par avenant.',
      status: 409,
    });
    const { token } = await createApiToken(system(handle.db), { email: 'agent.caf@test.fr' });
    const app = await buildApp({ db: handle.db, clock: fixedClock('2025-02-01'), driver: handle.driver });
    try {
      const before = (await findConvention(handle.db, carrieresId))!.convention;
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/v1/conventions/${carrieresId}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { placeOfSignature: 'Carrières-sur-Seine' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'CONVENTION_NOT_DRAFT',
        message: 'Une convention signée ne peut être modifiée que par avenant.',
      });
      expect((await findConvention(handle.db, carrieresId))!.convention).toEqual(before);
    } finally {
      await app.close();
    }
  });

  it('amends article 3 and annex 3 by avenant: diff first, consolidated text once signed by all', async () => {
    const ctx = at('2025-02-01');
    const { avenantId } = await createAvenant(ctx, carrieresId, {
      purpose: 'Ajout de la parentalité et d’une crèche',
    });
    await editAvenant(ctx, carrieresId, avenantId, {
      articles: [
        {
          key: 'local_authority_fields',
          blocks: [
            { type: 'paragraph', text: 'La commune intervient aussi pour le soutien à la parentalité.' },
          ],
        },
      ],
      annexes: [
        {
          key: 'facilities',
          blocks: [
            {
              type: 'table',
              columns: ['Type de structure', 'Nom et adresse de la structure'],
              rows: [
                ['Établissement d’accueil du jeune enfant (EAJE)', 'Crèche des Alouettes, 2 rue de la Gare'],
              ],
            },
          ],
        },
      ],
    });
    let c = (await getConvention(ctx, carrieresId)).convention;
    const view = avenantView(c, c.avenants[0]!);
    expect(view.modifications.map((m) => m.label)).toEqual([
      expect.stringMatching(/^Article 3 – /),
      expect.stringMatching(/^Annexe 3 – /),
    ]);
    expect(view.modifications[0]!.diff.some((d) => d.op === 'insert' && d.text.includes('parentalité'))).toBe(
      true,
    );
    expect(view.modifications[1]!.diff.some((d) => d.op === 'insert' && d.text.includes('Alouettes'))).toBe(
      true,
    );
    expect(view.modifications[0]!.diff.some((d) => d.op === 'delete')).toBe(true);

    await submitAvenant(ctx, carrieresId, avenantId);
    await signAvenant({ ...ctx, actor: carrieresAgent }, carrieresId, avenantId, {
      signatoryId: 'commune-78124-mayor',
      signedOn: '2025-02-03',
    });
    await signAvenant(ctx, carrieresId, avenantId, {
      signatoryId: 'caf-78-director',
      signedOn: '2025-02-04',
    });
    c = await signAvenant(ctx, carrieresId, avenantId, {
      signatoryId: 'caf-78-president',
      signedOn: '2025-02-05',
    });
    expect(c.avenants[0]!.status).toBe('signed');
    expect(c.versions.map((v) => v.avenantNumber)).toEqual([null, 1]);
    const article3 = c.content.articles.find((a) => a.key === 'local_authority_fields')!;
    expect(article3.blocks).toEqual([
      { type: 'paragraph', text: 'La commune intervient aussi pour le soutien à la parentalité.' },
    ]);
    expect(
      c.versions[0]!.content.articles.find((a) => a.key === 'local_authority_fields')!.blocks,
    ).not.toEqual(article3.blocks);
    expect((await checkIntegrity(ctx, carrieresId)).state).toBe('intact');
  });

  it('ends one month after a formal notice dated 2025-03-10, on 2025-04-10', async () => {
    const c = await sendFormalNotice(at('2025-03-12'), carrieresId, {
      byPartyId: world.caf78.id,
      sentOn: '2025-03-10',
      ground: 'contract_breach',
      reason: 'Comité de pilotage non réuni.',
    });
    expect(c.terminations[0]).toMatchObject({
      kind: 'formal_notice',
      startedOn: '2025-03-10',
      effectiveOn: '2025-04-10',
    });
    const due = await listDueItems(at('2025-03-12'), installedModules().extensions.dueItems);
    expect(due.items.find((i) => i.kind === 'formal_notice_running')).toMatchObject({
      conventionId: carrieresId,
      dueOn: '2025-04-10',
    });
    const after = await getConvention(at('2025-04-10'), carrieresId);
    expect(advance(after.convention, '2025-04-10')).toMatchObject({
      status: 'terminated',
      closedOn: '2025-04-10',
    });
    // Reading stored nothing; the calendar job stores the termination.
    expect(after.convention.status).toBe('in_force');
    await applyCalendarTransitions(systemContext(handle.db, fixedClock('2025-04-10'), 'schedule'));
    expect((await findConvention(handle.db, carrieresId))!.convention).toMatchObject({
      status: 'terminated',
      closedOn: '2025-04-10',
    });
  });
});

describe('another convention', () => {
  /** Chatou's two parties: the Caf's director and the mayor, authorised by the council on `deliberation`. */
  const chatouParties = (deliberation: string): NonNullable<Parameters<typeof updateDraft>[2]['parties']> => [
    {
      organisationId: world.caf78.id,
      role: 'caf',
      signatories: [
        {
          id: 'dir',
          civility: 'monsieur',
          firstName: 'Didier',
          lastName: 'GROSJEAN',
          function: 'director',
          authority: { kind: 'board_deliberation', date: '2022-01-31' },
        },
      ],
    },
    {
      organisationId: world.chatou.id,
      role: 'local_authority',
      signatories: [
        {
          id: 'maire',
          civility: 'madame',
          firstName: 'Ghislaine',
          lastName: 'MARTIN',
          function: 'mayor',
          authority: { kind: 'municipal_council_deliberation', date: deliberation },
        },
      ],
    },
  ];

  async function signChatou(clock: string) {
    const ctx = at(clock);
    await updateDraft(ctx, chatouId, {
      period: { start: '2025-01-01', end: '2028-12-31' },
      parties: chatouParties('2024-10-01'),
    });
    await attachDeliberation(ctx, chatouId, {
      fileName: 'deliberation.pdf',
      mediaType: 'application/pdf',
      content: PDF,
    });
    await submitConvention(ctx, chatouId);
    await recordSignature(ctx, chatouId, { signatoryId: 'dir', signedOn: clock });
    return recordSignature({ ...ctx, actor: chatouAgent }, chatouId, {
      signatoryId: 'maire',
      signedOn: clock,
    });
  }

  it('ends six months after a notice dated 2025-03-10, on 2025-09-10; renewal makes a new draft for 2029-2032', async () => {
    const signed = await signChatou('2024-12-10');
    expect(signed.status).toBe('signed');
    // The dates move it on: read on 2 January 2025, it reads in force; the read stores nothing, the
    // calendar job does, with its audit row.
    const read = await getConvention(at('2025-01-02'), chatouId);
    expect(statusAt(read.convention, '2025-01-02')).toBe('in_force');
    expect((await findConvention(handle.db, chatouId))!.convention.status).toBe('signed');
    await applyCalendarTransitions(systemContext(handle.db, fixedClock('2025-01-02'), 'schedule'));
    expect((await findConvention(handle.db, chatouId))!.convention.status).toBe('in_force');
    const { rows } = await listAudit(handle.db, {
      entityId: chatouId,
      action: 'convention.enter_into_force',
      limit: 5,
      offset: 0,
    });
    expect(rows[0]).toMatchObject({ actorLabel: 'Échéancier de la plateforme' });
    const c = await giveNotice(at('2025-03-10', chatouAgent), chatouId, {
      byPartyId: world.chatou.id,
      sentOn: '2025-03-10',
      reason: 'Fusion de communes.',
    });
    expect(c.status).toBe('in_force');
    expect(c.terminations[0]).toMatchObject({ kind: 'notice', effectiveOn: '2025-09-10' });
    expect(statusAt((await getConvention(at('2025-09-09'), chatouId)).convention, '2025-09-09')).toBe(
      'in_force',
    );
    const { id } = await renewConvention(at('2025-06-01'), chatouId);
    const renewal = (await getConvention(at('2025-06-01'), id)).convention;
    expect(renewal).toMatchObject({
      status: 'draft',
      renewalOf: chatouId,
      content: { period: { start: '2029-01-01', end: '2032-12-31' } },
    });
    expect(statusAt((await getConvention(at('2025-09-10'), chatouId)).convention, '2025-09-10')).toBe(
      'terminated',
    );
  });

  it('detects a change made without avenant and lets the Caf terminate at once', async () => {
    const created = await handle.db
      .selectFrom('conventions')
      .select('id')
      .where('renewal_of', '=', chatouId)
      .executeTakeFirstOrThrow();
    // Work on the renewal: sign it, then change its text behind the platform's back.
    const id = created.id;
    const ctx = at('2028-12-01');
    await attachDeliberation(ctx, id, {
      fileName: 'deliberation-2028.pdf',
      mediaType: 'application/pdf',
      content: PDF,
    });
    await updateDraft(ctx, id, {
      parties: chatouParties('2028-11-20'),
    });
    await submitConvention(ctx, id);
    await recordSignature(ctx, id, { signatoryId: 'dir', signedOn: '2028-12-01' });
    await recordSignature({ ...ctx, actor: chatouAgent }, id, {
      signatoryId: 'maire',
      signedOn: '2028-12-01',
    });
    await sql`update conventions set state = jsonb_set(state, '{content,placeOfSignature}', '"Ailleurs"') where id = ${id}`.execute(
      handle.db,
    );
    const report = await checkIntegrity(at('2029-02-01'), id);
    expect(report.state).toBe('modified');
    expect(report.differences.map((d) => d.label)).toEqual(['Lieu de signature']);
    const terminated = await terminateForUnapprovedChange(at('2029-02-01'), id, {
      byPartyId: world.caf78.id,
      detectedOn: '2029-02-01',
    });
    expect(terminated).toMatchObject({ status: 'terminated', closedOn: '2029-02-01' });
  });
});

describe('documents', () => {
  function xmlText(xml: string): string {
    return xml
      .replace(/<[^>]+>/g, ' ')
      .replace(/&apos;/g, '’')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
  }

  it.each(['odt', 'docx'] as const)(
    'generates a %s with both parties, 14 articles and 7 annexes',
    async (format) => {
      const doc = await generateConventionDocument(at('2025-02-10'), carrieresId, format, {
        annexes: installedModules().extensions.annexes,
      });
      const files = unzipSync(doc.bytes);
      const part = format === 'odt' ? 'content.xml' : 'word/document.xml';
      const body = xmlText(strFromU8(files[part]!));
      expect(body).toContain('Caisse d’allocations familiales des Yvelines');
      expect(body).toContain('Commune de Carrières-sur-Seine');
      const articles = new Set([...body.matchAll(/Article (\d+)\s–/g)].map((m) => Number(m[1])));
      const annexes = new Set([...body.matchAll(/Annexe (\d+)\s–/g)].map((m) => Number(m[1])));
      expect([...articles].sort((a, b) => a - b)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
      expect([...annexes].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      for (const who of ['Sophie BARROIS', 'Didier GROSJEAN', 'Arnaud de BOURROUSSE'])
        expect(body).toContain(who);
      // The consolidated text: article 3 as amended, annex 3 with the crèche.
      expect(body).toContain('soutien à la parentalité');
      expect(body).toContain('Crèche des Alouettes');
      expect(body).toContain('1er janvier 2024');
      // What the platform does not hold yet is said plainly.
      expect(body).toContain('Annexe non renseignée');
      // Annexe 2 carries the demo's action plan, written by the plan module.
      expect(body).toContain('Recenser et analyser les besoins d’accueil du jeune enfant');
      expect(body).not.toContain(
        'le plan d’actions et ses fiches actions n’ont pas encore été saisis dans la plateforme',
      );
    },
  );

  it('prints a module’s article body in the current text, and a signed version’s articles as signed', async () => {
    const articles = [
      {
        article: 'communication' as const,
        blocks: async () => [paragraph('Communication écrite par un module.')],
      },
    ];
    const text = async (version?: number) => {
      const doc = await generateConventionDocument(at('2025-02-10'), carrieresId, 'odt', {
        annexes: [],
        articles,
        ...(version === undefined ? {} : { version }),
      });
      return xmlText(strFromU8(unzipSync(doc.bytes)['content.xml']!));
    };
    expect(await text()).toContain('Communication écrite par un module.');
    const signed = await text(0);
    expect(signed).not.toContain('Communication écrite par un module.');
    expect(signed).toContain('font état de leur coopération');
  });
});
