/**
 * The standalone HTML page: language, heading hierarchy, accessible tables, table of contents links that
 * land on real anchors, notes linked both ways, escaping and French spaces.
 */

import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import { type DocumentModel, heading, paragraph, toc } from './model.js';
import { buildSampleDocument } from './sample-document.js';

const page = renderHtml(buildSampleDocument());

describe('HTML rendering', () => {
  it('is a French HTML5 document with its metadata', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<title>Convention territoriale globale - Carrières-sur-Seine</title>');
    expect(page).toContain('<meta name="author" content="Caisse d’Allocations familiales des Yvelines">');
  });

  it('has one h1 and heading levels that never skip', () => {
    const levels = [...page.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
  });

  it('links every table of contents entry to an anchor on the page', () => {
    const nav = /<nav class="toc"[\s\S]*?<\/nav>/.exec(page)?.[0] ?? '';
    const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.length).toBe(7);
    for (const id of targets) expect(page).toContain(`id="${id}"`);
    expect(nav).not.toContain('Caractères spéciaux');
    // The level-2 entry is nested in its article's item.
    expect(nav).toMatch(
      /Durée de la convention<\/a><ol><li><a href="#h-resiliation-par-consentement-mutuel">/,
    );
  });

  it('writes tables with caption, column and row headers', () => {
    expect(page).toContain('<caption>Poids financier de la Caf en action sociale (2022)</caption>');
    expect(page).toContain('<th scope="col">Montant (€)</th>');
    expect(page).toContain('<th scope="row">Bonus CTG</th>');
    expect(page).toMatch(/<td class="align-right">1\u202f357\u202f141\u00a0€<\/td>/);
    expect(page).toContain('<thead><tr><td></td><th scope="col" class="align-right">Commune</th>');
  });

  it('links notes both ways', () => {
    expect(page).toContain('<a href="#note-1" id="appel-1" class="note-ref" aria-label="Note 1">1</a>');
    expect(page).toMatch(/<li id="note-1">Le montant de référence[^<]*<a href="#appel-1"/);
  });

  it('escapes text and keeps no-break spaces', () => {
    expect(page).toContain('Une valeur &lt; 5 &amp; une autre &gt; 100 restent lisibles\u202f;');
    expect(page).not.toContain('< 5 &');
    expect(page).toContain('Communes de plus de 5\u202f000 habitants');
  });

  it('prints with the document’s page breaks', () => {
    expect(page).toContain('@media print');
    expect(page).toContain('.page-break { break-after: page; }');
    expect(page.match(/<div class="page-break"/g)).toHaveLength(2);
  });

  it('shows missing content as a notice and signatures side by side', () => {
    expect(page).toContain(
      '<div class="missing" role="note"><strong>Annexe non renseignée</strong>\u00a0: le plan d’actions n’a pas encore été saisi dans la plateforme.</div>',
    );
    expect(page.match(/<div class="signatory">/g)).toHaveLength(3);
  });

  it('escapes script-like content from the model', () => {
    const doc: DocumentModel = {
      metadata: {
        title: '<script>alert(1)</script>',
        author: '"a"',
        language: 'fr-FR',
        created: '2025-01-01',
      },
      blocks: [toc(), heading(1, '<b>x</b>'), paragraph('<img src=x onerror=alert(1)>')],
    };
    const out = renderHtml(doc);
    expect(out).not.toMatch(/<script>|<img|<b>x/);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('content="&quot;a&quot;"');
  });
});
