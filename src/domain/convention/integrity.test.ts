import { describe, expect, it } from 'vitest';
import { canonicalContent, canonicalJson, contentHash } from './canonical.js';
import { verifyIntegrity } from './integrity.js';
import type { Convention } from './model.js';
import { draftCarrieres, signedCarrieres } from './testing.js';

describe('canonical content and hash', () => {
  it('does not depend on the order fields were set in', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"e":2,"f":1}]},"b":1}',
    );
    const content = draftCarrieres().content;
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as typeof content;
    expect(canonicalContent(reordered)).toBe(canonicalContent(content));
    expect(contentHash(reordered)).toBe(contentHash(content));
  });

  it('is stable from one run to the next for the same content', () => {
    expect(contentHash(draftCarrieres().content)).toBe(contentHash(draftCarrieres().content));
    expect(contentHash(draftCarrieres().content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with a single character, a date, an attached file or the order of articles', () => {
    const content = draftCarrieres().content;
    const hash = contentHash(content);
    const article = content.articles[7]!;
    const touched = {
      ...content,
      articles: content.articles.map((a) =>
        a === article
          ? { ...a, blocks: [{ type: 'paragraph' as const, text: 'Dans leurs actions de communication.' }] }
          : a,
      ),
    };
    expect(contentHash(touched)).not.toBe(hash);
    expect(contentHash({ ...content, period: { ...content.period, end: '2027-12-30' } })).not.toBe(hash);
    expect(
      contentHash({
        ...content,
        annexes: content.annexes.map((a) =>
          a.key === 'deliberation'
            ? { ...a, attachments: [{ ...a.attachments[0]!, sha256: '0'.repeat(64) }] }
            : a,
        ),
      }),
    ).not.toBe(hash);
    expect(contentHash({ ...content, articles: [...content.articles].reverse() })).not.toBe(hash);
  });

  it('covers every field of the content', () => {
    const keys = Object.keys(JSON.parse(canonicalContent(draftCarrieres().content)) as object).sort();
    expect(keys).toEqual([...Object.keys(draftCarrieres().content), 'formatVersion'].sort());
  });
});

describe('verifyIntegrity', () => {
  it('has nothing to check before signature', () => {
    expect(verifyIntegrity(draftCarrieres()).state).toBe('not_signed');
  });

  it('finds a signed convention intact', () => {
    const report = verifyIntegrity(signedCarrieres());
    expect(report.state).toBe('intact');
    expect(report.actualHash).toBe(report.expectedHash);
    expect(report.differences).toEqual([]);
  });

  it('detects a change made to the stored text without avenant, and says where', () => {
    const signed = signedCarrieres();
    const tampered: Convention = {
      ...signed,
      content: {
        ...signed.content,
        articles: signed.content.articles.map((a) =>
          a.key === 'local_authority_fields'
            ? { ...a, blocks: [{ type: 'paragraph', text: 'Nouvelle rédaction.' }] }
            : a,
        ),
        period: { ...signed.content.period, end: '2028-12-31' },
      },
    };
    const report = verifyIntegrity(tampered);
    expect(report.state).toBe('modified');
    expect(report.actualHash).not.toBe(report.expectedHash);
    expect(report.snapshotIntact).toBe(true);
    expect(report.differences).toEqual([
      { target: 'field', key: 'period', label: 'Dates de la convention' },
      {
        target: 'article',
        key: 'local_authority_fields',
        label: 'Article 3 – Les champs d’intervention de la commune',
      },
    ]);
  });

  it('detects a sealed snapshot altered together with the text', () => {
    const signed = signedCarrieres();
    const content = { ...signed.content, placeOfSignature: 'Saint-Germain-en-Laye' };
    const tampered: Convention = { ...signed, content, versions: [{ ...signed.versions[0]!, content }] };
    const report = verifyIntegrity(tampered);
    expect(report.state).toBe('modified');
    expect(report.snapshotIntact).toBe(false);
  });
});
