import { describe, expect, it } from 'vitest';
import { blocksAsText, changedParts, changeSentence } from './changes.js';
import { editDraft, replaceArticle } from './lifecycle.js';
import { draftCarrieres } from './testing.js';

describe('changedParts', () => {
  it('names the article changed, with the text now saved', () => {
    const before = draftCarrieres();
    const key = before.content.articles.find((a) => a.number === 3)!.key;
    const after = editDraft(before, {
      articles: replaceArticle(before.content.articles, key, {
        blocks: [{ type: 'paragraph', text: 'Nouveau texte.' }],
      }),
    });
    const parts = changedParts(before, after);
    expect(parts.map((p) => `${p.label} ${p.participle}`)).toEqual(['Article 3 modifié']);
    expect(parts[0]!.text).toContain('Nouveau texte.');
  });

  it('agrees the participle with each part and lists them in the order of the text', () => {
    const before = draftCarrieres();
    const after = editDraft(before, {
      period: { start: '2025-01-01', end: '2028-12-31' },
      placeOfSignature: 'Carrières-sur-Seine',
      visas: [],
    });
    expect(changedParts(before, after).map((p) => `${p.label} ${p.participle}`)).toEqual([
      'Période modifiée',
      'Lieu de signature modifié',
      'Visas modifiés',
    ]);
  });

  it('finds nothing between two equal states', () => {
    expect(changedParts(draftCarrieres(), draftCarrieres())).toEqual([]);
  });
});

describe('changeSentence', () => {
  it('says who and when, in Paris time (10 h 42 in winter for 09:42 UTC)', () => {
    const sentence = changeSentence(
      { label: 'Article 3', participle: 'modifié' },
      'Marie Dupont',
      new Date('2026-12-01T09:42:00Z'),
    );
    expect(sentence.replaceAll('\u00a0', ' ')).toBe(
      'Article 3 modifié par Marie Dupont le 1er décembre 2026 à 10 h 42',
    );
  });
  it('reads summer time too (08:05 UTC is 10 h 05 on 15 July)', () => {
    expect(
      changeSentence(
        { label: 'Période', participle: 'modifiée' },
        'Paul Martin',
        new Date('2026-07-15T08:05:00Z'),
      ).replaceAll('\u00a0', ' '),
    ).toBe('Période modifiée par Paul Martin le 15 juillet 2026 à 10 h 05');
  });
});

describe('blocksAsText', () => {
  it('writes headings, paragraphs, nested lists and tables as the edit form does', () => {
    expect(
      blocksAsText([
        { type: 'heading', text: 'Titre' },
        { type: 'paragraph', text: 'Un paragraphe.' },
        { type: 'list', items: [{ text: 'un', items: [{ text: 'deux' }] }] },
        { type: 'table', columns: ['A', 'B'], rows: [['1', '2']] },
      ]),
    ).toBe('## Titre\n\nUn paragraphe.\n\n- un\n  - deux\n\nA | B\n1 | 2');
  });
});
