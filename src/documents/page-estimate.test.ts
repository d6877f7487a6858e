import { describe, expect, it } from 'vitest';
import { cell, type DocumentModel, heading, pageBreak, paragraph, type TableBlock } from './model.js';
import { estimateDocumentPages, estimateLayout } from './page-estimate.js';

const doc = (blocks: DocumentModel['blocks'], cover = false): DocumentModel => ({
  metadata: { title: 'Essai', author: 'Caf', language: 'fr-FR', created: '2026-12-01' },
  ...(cover ? { cover: { title: 'Essai', parties: [{ name: 'la Caf' }] } } : {}),
  blocks,
});

const table = (rows: number): TableBlock => ({
  kind: 'table',
  columns: [{ width: 1 }, { width: 2 }],
  header: [[cell('Action', { bold: true }), cell('Pilote', { bold: true })]],
  rows: Array.from({ length: rows }, (_, i) => [cell(`Action ${i + 1}`), cell('Commune')]),
});

describe('estimateDocumentPages', () => {
  it('counts a page per page break and the cover on its own page', () => {
    expect(estimateDocumentPages(doc([paragraph('Un.')]))).toBe(1);
    expect(estimateDocumentPages(doc([paragraph('Un.'), pageBreak(), paragraph('Deux.')]))).toBe(2);
    expect(estimateDocumentPages(doc([paragraph('Un.')], true))).toBe(2);
    // A break at the top of a page does not leave an empty page.
    expect(estimateDocumentPages(doc([pageBreak(), paragraph('Un.')]))).toBe(1);
  });

  it('grows with the text: about 55 lines of body text a page', () => {
    const line = 'Les partenaires conduisent ensemble une action suivie et évaluée chaque année. ';
    const pages = (n: number) => estimateDocumentPages(doc([paragraph(line.repeat(n))]));
    expect(pages(10)).toBe(1);
    expect(pages(100)).toBeGreaterThanOrEqual(2);
    expect(pages(400)).toBeGreaterThan(pages(100));
  });

  it('lays long tables over pages, rows whole, and places headings on the right page', () => {
    expect(estimateDocumentPages(doc([table(10)]))).toBe(1);
    const long = estimateDocumentPages(doc([table(200)]));
    expect(long).toBeGreaterThanOrEqual(4);
    const layout = estimateLayout(doc([heading(1, 'Un'), table(200), pageBreak(), heading(1, 'Deux')]));
    expect(layout.headings).toEqual([
      { text: 'Un', page: 1 },
      { text: 'Deux', page: layout.pages },
    ]);
  });
});
