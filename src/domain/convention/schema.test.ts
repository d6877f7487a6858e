import { describe, expect, it } from 'vitest';
import { createAvenant } from './avenant.js';
import { renew, renewOnce } from './lifecycle.js';
import { parseStoredConvention } from './schema.js';
import { draftCarrieres, signedCarrieres } from './testing.js';

/** What the database gives back: the aggregate through JSON. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('parseStoredConvention', () => {
  it('accepts every state the domain makes: draft, signed, with an avenant, renewed', () => {
    const signed = signedCarrieres();
    const amended = createAvenant(signed, { id: 'av-1', today: '2025-02-01', purpose: 'Crèche' });
    for (const convention of [
      draftCarrieres(),
      signed,
      amended,
      renew(signed, { id: 'next', today: '2027-06-01' }),
    ]) {
      const parsed = parseStoredConvention(stored(convention));
      expect(parsed).toEqual({ ok: true, convention });
    }
  });

  it('names the first invalid field by its path', () => {
    const row = stored(draftCarrieres());
    (row.content as { period: { start: string } }).period.start = '1er janvier 2024';
    expect(parseStoredConvention(row)).toMatchObject({
      ok: false,
      problem: { path: 'content.period.start' },
    });
    const article = stored(draftCarrieres());
    (article.content as { articles: { key: string }[] }).articles[2]!.key = 'unknown_key';
    expect(parseStoredConvention(article)).toMatchObject({
      ok: false,
      problem: { path: 'content.articles.2.key' },
    });
  });

  it('refuses a field the model does not know (it would be lost on the next save) and a missing one', () => {
    expect(parseStoredConvention({ ...stored(draftCarrieres()), extra: 1 })).toMatchObject({ ok: false });
    const { renewalOf: _dropped, ...missing } = stored(draftCarrieres());
    expect(parseStoredConvention(missing)).toMatchObject({ ok: false, problem: { path: 'renewalOf' } });
    expect(parseStoredConvention(null)).toMatchObject({ ok: false, problem: { path: '(racine)' } });
  });
});

describe('renewOnce', () => {
  it('makes the successor draft when there is none, and answers with it when there is', () => {
    const signed = signedCarrieres();
    const first = renewOnce(signed, undefined, { id: 'next', today: '2027-06-01' });
    expect(first).toMatchObject({
      existing: false,
      id: 'next',
      renewal: { renewalOf: signed.id, status: 'draft' },
    });
    expect(renewOnce(signed, 'next', { id: 'other', today: '2027-06-02' })).toEqual({
      existing: true,
      id: 'next',
    });
  });
});
