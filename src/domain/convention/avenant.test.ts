import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../shared/app-error.js';
import {
  amendAnnex,
  amendArticle,
  avenantModifications,
  cancelAvenant,
  contentAtVersion,
  createAvenant,
  editAvenant,
  signAvenant,
  submitAvenant,
  versionHistory,
} from './avenant.js';
import { sideOf } from './diff.js';
import { verifyIntegrity } from './integrity.js';
import { advance, renew, statusAt } from './lifecycle.js';
import type { Block, Convention } from './model.js';
import { draftCarrieres, signedCarrieres } from './testing.js';

function codeOf(run: () => unknown): ErrorCode | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const SIGNATORIES = ['commune-78124-mayor', 'caf-78-director', 'caf-78-president'];

const ARTICLE_3: Block[] = [
  {
    type: 'paragraph',
    text: '{Collectivite} conduit des actions de proximité répondant aux besoins repérés.',
  },
  {
    type: 'list',
    items: [
      { text: 'Petite enfance :', items: [{ text: 'ouverture d’une micro-crèche de 12 places en 2026.' }] },
      { text: 'Enfance et jeunesse :', items: [{ text: 'actions à préciser.' }] },
    ],
  },
];

/** The seed's convention with avenant 1 prepared: article 3 rewritten, a crèche added to annex 3. */
function withAvenantDraft(): Convention {
  let c = createAvenant(signedCarrieres(), {
    id: 'av-1',
    today: '2025-06-02',
    purpose: 'Mise à jour des actions de la commune et des structures soutenues',
  });
  c = amendArticle(c, 'av-1', 'local_authority_fields', { blocks: ARTICLE_3 });
  const annex = c.content.annexes.find((a) => a.key === 'facilities')!;
  const table = annex.blocks[1]!;
  if (table.type !== 'table') throw new Error('annex 3 holds a table');
  const rows = table.rows.map((row) =>
    row[0]!.startsWith('Établissement')
      ? [row[0]!, 'Crèche Les Lutins – 22, boulevard Maurice-Berteaux']
      : row,
  );
  return amendAnnex(c, 'av-1', 'facilities', { blocks: [annex.blocks[0]!, { ...table, rows }] });
}

function signAll(c: Convention, avenantId: string, on: string): Convention {
  let signed = c;
  for (const id of SIGNATORIES) signed = signAvenant(signed, avenantId, id, on);
  return signed;
}

describe('avenant on article 3 and annex 3', () => {
  it('lists the modified article and annex with a before/after diff', () => {
    const modifications = avenantModifications(withAvenantDraft(), 'av-1');
    expect(modifications.map((m) => [m.target, m.key, m.label])).toEqual([
      ['article', 'local_authority_fields', 'Article 3 – Les champs d’intervention de la commune'],
      ['annex', 'facilities', 'Annexe 3 – Liste des équipements et services soutenus par la collectivité'],
    ]);
    const [article, annex] = modifications;
    expect(sideOf(article!.diff, 'before')).toBe(article!.before);
    expect(sideOf(article!.diff, 'after')).toBe(article!.after);
    expect(article!.before).toContain('Handicap et inclusion');
    expect(article!.after).not.toContain('Handicap et inclusion');
    const inserted = article!.diff
      .filter((p) => p.op === 'insert')
      .map((p) => p.text)
      .join('');
    expect(inserted).toContain('micro-crèche');
    const deleted = article!.diff
      .filter((p) => p.op === 'delete')
      .map((p) => p.text)
      .join('');
    expect(deleted).toContain('Handicap');
    // Unchanged words stay unmarked: the title is common to both sides.
    expect(article!.diff[0]).toEqual({
      op: 'equal',
      text: expect.stringContaining('Les champs d’intervention de la commune'),
    });
    expect(
      annex!.diff
        .filter((p) => p.op === 'insert')
        .map((p) => p.text)
        .join(''),
    ).toContain('Crèche Les Lutins');
    // Only the empty cell's spacing goes: no word of the signed annex is removed.
    expect(annex!.diff.filter((p) => p.op === 'delete').every((p) => p.text.trim() === '')).toBe(true);
  });

  it('is signed by every party and yields a consolidated version; the original stays readable', () => {
    const original = signedCarrieres();
    let c = submitAvenant(withAvenantDraft(), 'av-1', '2025-06-10');
    expect(codeOf(() => amendArticle(c, 'av-1', 'object', { title: 'Autre' }))).toBe('AVENANT_NOT_DRAFT');
    c = signAvenant(c, 'av-1', 'commune-78124-mayor', '2025-06-20');
    expect(c.avenants[0]!.status).toBe('in_signature');
    expect(c.content).toEqual(original.content);
    expect(codeOf(() => signAvenant(c, 'av-1', 'commune-78124-mayor', '2025-06-21'))).toBe(
      'SIGNATURE_ALREADY_RECORDED',
    );
    expect(codeOf(() => signAvenant(c, 'av-1', 'caf-78-director', '2025-06-01'))).toBe(
      'SIGNATURE_DATE_INVALID',
    );
    c = signAvenant(c, 'av-1', 'caf-78-director', '2025-06-23');
    c = signAvenant(c, 'av-1', 'caf-78-president', '2025-06-25');

    expect(c.avenants[0]).toMatchObject({ status: 'signed', signedOn: '2025-06-25', number: 1 });
    expect(c.content.articles.find((a) => a.key === 'local_authority_fields')!.blocks).toEqual(ARTICLE_3);
    expect(JSON.stringify(c.content.annexes.find((a) => a.key === 'facilities'))).toContain(
      'Crèche Les Lutins',
    );
    // Everything else is the signed original.
    expect(c.content.articles.filter((a) => a.key !== 'local_authority_fields')).toEqual(
      original.content.articles.filter((a) => a.key !== 'local_authority_fields'),
    );

    const history = versionHistory(c);
    expect(history.map((v) => [v.number, v.label, v.signedOn])).toEqual([
      [0, 'Convention initiale', '2024-12-05'],
      [1, 'Avenant n°\u00a01', '2025-06-25'],
    ]);
    expect(history[1]!.purpose).toBe('Mise à jour des actions de la commune et des structures soutenues');
    expect(history[0]!.hash).not.toBe(history[1]!.hash);
    expect(contentAtVersion(c, 0)).toEqual(original.content);
    expect(contentAtVersion(c, 1)).toEqual(c.content);
    expect(verifyIntegrity(c).state).toBe('intact');
    expect(statusAt(c, '2025-06-25')).toBe('in_force');
    // The diff of a signed avenant is still shown against the version it amended.
    expect(avenantModifications(c, 'av-1').map((m) => m.key)).toEqual([
      'local_authority_fields',
      'facilities',
    ]);
  });

  it('numbers avenants in order and lets the next one start from the consolidated text', () => {
    let c = signAll(submitAvenant(withAvenantDraft(), 'av-1', '2025-06-10'), 'av-1', '2025-06-25');
    c = createAvenant(c, { id: 'av-2', today: '2026-01-15', purpose: 'Prolongation d’un an' });
    c = editAvenant(c, 'av-2', { changes: { period: { start: '2024-01-01', end: '2028-12-31' } } });
    const modifications = avenantModifications(c, 'av-2');
    expect(modifications.map((m) => m.key)).toEqual(['duration', 'period']);
    expect(
      modifications[0]!.diff
        .filter((p) => p.op === 'insert')
        .map((p) => p.text)
        .join(''),
    ).toContain('2028');
    c = signAll(submitAvenant(c, 'av-2', '2026-01-20'), 'av-2', '2026-02-01');
    expect(c.avenants.map((a) => a.number)).toEqual([1, 2]);
    expect(versionHistory(c).map((v) => v.label)).toEqual([
      'Convention initiale',
      'Avenant n°\u00a01',
      'Avenant n°\u00a02',
    ]);
    expect(contentAtVersion(c, 2).articles.find((a) => a.key === 'local_authority_fields')!.blocks).toEqual(
      ARTICLE_3,
    );
    expect(statusAt(c, '2028-06-30')).toBe('in_force');
    expect(statusAt(c, '2029-01-01')).toBe('expired');
    // Renewal starts from the last consolidated version and the amended end date.
    const next = renew(advance(c, '2028-09-01'), { id: 'ctg-2029', today: '2028-09-01' });
    expect(next.content.period).toEqual({ start: '2029-01-01', end: '2032-12-31' });
    expect(next.content.articles.find((a) => a.key === 'local_authority_fields')!.blocks).toEqual(ARTICLE_3);
  });
});

describe('avenant rules', () => {
  it('needs a signed convention that is still running', () => {
    expect(
      codeOf(() => createAvenant(draftCarrieres(), { id: 'a', today: '2023-07-01', purpose: 'x' })),
    ).toBe('CONVENTION_NOT_SIGNED');
    expect(
      codeOf(() => createAvenant(signedCarrieres(), { id: 'a', today: '2028-01-01', purpose: 'x' })),
    ).toBe('CONVENTION_CLOSED');
  });

  it('allows one open avenant at a time', () => {
    expect(
      codeOf(() => createAvenant(withAvenantDraft(), { id: 'av-x', today: '2025-06-03', purpose: 'x' })),
    ).toBe('AVENANT_ALREADY_OPEN');
    const cancelled = cancelAvenant(withAvenantDraft(), 'av-1', '2025-06-04');
    expect(cancelled.avenants[0]).toMatchObject({ status: 'cancelled', cancelledOn: '2025-06-04' });
    const next = createAvenant(cancelled, { id: 'av-2', today: '2025-06-05', purpose: 'Nouvelle rédaction' });
    // A withdrawn avenant does not take a number: the next signed one is still avenant n° 1.
    expect(next.avenants[1]!.number).toBe(1);
    expect(codeOf(() => cancelAvenant(cancelled, 'av-1', '2025-06-05'))).toBe('AVENANT_NOT_DRAFT');
  });

  it('refuses an avenant that changes nothing', () => {
    const signed = signedCarrieres();
    let c = createAvenant(signed, { id: 'av-1', today: '2025-06-02', purpose: 'Rien' });
    expect(codeOf(() => submitAvenant(c, 'av-1', '2025-06-03'))).toBe('AVENANT_EMPTY');
    // Rewriting an article with its signed text is no change either.
    const same = signed.content.articles.find((a) => a.key === 'object')!;
    c = amendArticle(c, 'av-1', 'object', { blocks: same.blocks });
    expect(c.avenants[0]!.changes.articles).toEqual([]);
    expect(codeOf(() => submitAvenant(c, 'av-1', '2025-06-03'))).toBe('AVENANT_EMPTY');
  });

  it('refuses unknown avenants, articles, placeholders and signatories', () => {
    const c = withAvenantDraft();
    expect(codeOf(() => submitAvenant(c, 'nope', '2025-06-03'))).toBe('AVENANT_NOT_FOUND');
    expect(codeOf(() => signAvenant(c, 'av-1', 'caf-78-director', '2025-06-03'))).toBe(
      'AVENANT_NOT_IN_SIGNATURE',
    );
    expect(
      codeOf(() =>
        editAvenant(c, 'av-1', {
          changes: { articles: [{ number: 15, key: 'other' as never, title: 'x', blocks: [] }] },
        }),
      ),
    ).toBe('CONVENTION_ARTICLE_UNKNOWN');
    expect(
      codeOf(() => amendArticle(c, 'av-1', 'object', { blocks: [{ type: 'paragraph', text: '{inconnu}' }] })),
    ).toBe('CONVENTION_PLACEHOLDER_UNKNOWN');
    expect(
      codeOf(() =>
        editAvenant(c, 'av-1', { changes: { period: { start: '2024-01-01', end: '2023-01-01' } } }),
      ),
    ).toBe('CONVENTION_PERIOD_INVALID');
    const submitted = submitAvenant(c, 'av-1', '2025-06-03');
    expect(codeOf(() => signAvenant(submitted, 'av-1', 'intrus', '2025-06-04'))).toBe('SIGNATORY_UNKNOWN');
  });
});
