/**
 * The DOCX renderer's package, read back: table of contents field refreshed on opening, footer page
 * numbers, heading styles, repeated table header rows, footnotes, bullets, borderless signatures, escaping.
 */

import { describe, expect, it } from 'vitest';
import { assertWellFormed, unzipText } from './documents.test-support.js';
import { renderDocx } from './docx.js';
import { buildSampleDocument } from './sample-document.js';

const parts = unzipText(await renderDocx(buildSampleDocument()));
const body = parts['word/document.xml']!;

describe('DOCX package', () => {
  it('holds well-formed main parts', () => {
    for (const name of [
      'word/document.xml',
      'word/styles.xml',
      'word/footnotes.xml',
      'word/numbering.xml',
      'word/settings.xml',
    ]) {
      expect(parts[name], name).toBeDefined();
      assertWellFormed(parts[name]!, name);
    }
  });

  it('asks Word to refresh fields on opening, for the table of contents', () => {
    expect(parts['word/settings.xml']).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
    expect(body).toContain('TOC \\h \\o &quot;1-2&quot;');
    // Entries are pre-filled from the headings, linked to their bookmarks; the unlisted heading is not one of them.
    const anchors = [...body.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)">.*?<w:t[^>]*>([^<]*)<\/w:t>/g)];
    expect(anchors.map((m) => m[2])).toContain('Article 2 - Engagements des partenaires');
    expect(anchors).toHaveLength(7);
    for (const [, name] of anchors) expect(body).toContain(`<w:bookmarkStart w:name="${name}"`);
    const tocEnd = body.indexOf('</w:sdt>');
    expect(body.slice(0, tocEnd)).not.toContain('Caractères spéciaux');
    expect(body).toMatch(/<w:pStyle w:val="Heading3Unlisted"\/>/);
  });

  it('puts the page number in the footer, not on the cover', () => {
    const footers = Object.entries(parts).filter(([name]) => /^word\/footer\d+\.xml$/.test(name));
    expect(footers.some(([, xml]) => xml.includes('PAGE') && xml.includes('NUMPAGES'))).toBe(true);
    expect(body).toContain('<w:titlePg/>');
  });

  it('uses heading styles with outline levels', () => {
    expect(body).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(body).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(parts['word/styles.xml']).toMatch(/w:styleId="Heading1">.*?<w:outlineLvl w:val="0"\/>/);
  });

  it('repeats table header rows', () => {
    expect(body).toMatch(/<w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
    expect(body).toContain('<w:gridSpan w:val="3"/>');
  });

  it('writes footnotes and their references', () => {
    expect(parts['word/footnotes.xml']).toContain('Le montant de référence est celui comptabilisé');
    expect(body).toMatch(/<w:footnoteReference w:id="1"\/>/);
  });

  it('declares bullets for nested lists', () => {
    expect(parts['word/numbering.xml']).toContain('<w:numFmt w:val="bullet"/>');
    expect(body).toMatch(/<w:numPr><w:ilvl w:val="1"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
  });

  it('lays out the signatories in a borderless table', () => {
    // The last mention: the cover names the director too.
    const start = body.lastIndexOf('Didier GROSJEAN');
    const table = body.slice(body.lastIndexOf('<w:tbl>', start), body.indexOf('</w:tbl>', start));
    expect(table).toMatch(/<w:tblBorders><w:top w:val="none"/);
    for (const name of ['Sophie BARROIS', 'Arnaud de BOURROUSSE']) expect(table).toContain(name);
  });

  it('escapes markup characters and keeps no-break spaces', () => {
    expect(body).toContain('Une valeur &lt; 5 &amp; une autre &gt; 100 restent lisibles\u202f;');
    expect(body).toContain('1\u202f357\u202f141\u00a0€');
    expect(body).toContain('Annexe non renseignée');
    expect(body).toContain('\u00a0: le plan d’actions n’a pas encore été saisi dans la plateforme.');
  });

  it('carries the metadata and the creation date given', () => {
    const core = parts['docProps/core.xml']!;
    expect(core).toContain('<dc:title>Convention territoriale globale - Carrières-sur-Seine</dc:title>');
    expect(core).toContain('<dc:creator>Caisse d’Allocations familiales des Yvelines</dc:creator>');
    expect(core).toMatch(/<dcterms:created[^>]*>2025-03-10T00:00:00Z<\/dcterms:created>/);
    expect(parts['word/styles.xml']).toContain('w:lang w:val="fr-FR"');
  });
});
