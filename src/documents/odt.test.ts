/**
 * The ODT writer's package, read back: the ODF packaging rules, the styles a word processor relies on
 * (outline levels, footer page number, list and table styles), and the body's structure and escaping.
 */

import { describe, expect, it } from 'vitest';
import { assertWellFormed, unzipText, zipEntries } from './documents.test-support.js';
import { type DocumentModel, heading, paragraph, toc } from './model.js';
import { ODT_MIME_TYPE, renderOdt } from './odt.js';
import { buildSampleDocument } from './sample-document.js';

const odt = renderOdt(buildSampleDocument());
const parts = unzipText(odt);
const content = parts['content.xml']!;
const styles = parts['styles.xml']!;

describe('ODT package', () => {
  it('starts with an uncompressed mimetype entry without extra field', () => {
    const entries = zipEntries(odt);
    expect(entries[0]).toEqual({ name: 'mimetype', method: 0, extraLength: 0 });
    expect(parts.mimetype).toBe(ODT_MIME_TYPE);
    expect(entries.map((e) => e.name)).toEqual([
      'mimetype',
      'META-INF/manifest.xml',
      'content.xml',
      'styles.xml',
      'meta.xml',
    ]);
  });

  it('declares every part in the manifest', () => {
    const manifest = parts['META-INF/manifest.xml']!;
    expect(manifest).toContain(
      `manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODT_MIME_TYPE}"`,
    );
    for (const part of ['content.xml', 'styles.xml', 'meta.xml'])
      expect(manifest).toContain(`manifest:full-path="${part}"`);
  });

  it('writes well-formed XML parts', () => {
    for (const name of ['META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml'])
      assertWellFormed(parts[name]!, name);
  });

  it('is byte-for-byte reproducible from the same model', () => {
    expect(Buffer.compare(renderOdt(buildSampleDocument()), odt)).toBe(0);
  });

  it('fills the metadata from the model', () => {
    const meta = parts['meta.xml']!;
    expect(meta).toContain('<dc:title>Convention territoriale globale - Carrières-sur-Seine</dc:title>');
    expect(meta).toContain(
      '<meta:initial-creator>Caisse d’Allocations familiales des Yvelines</meta:initial-creator>',
    );
    expect(meta).toContain('<meta:creation-date>2025-03-10T00:00:00</meta:creation-date>');
    expect(meta).toContain('<dc:language>fr-FR</dc:language>');
  });
});

describe('ODT styles', () => {
  it('lays out A4 pages with a page number in the footer', () => {
    expect(styles).toContain('fo:page-width="21cm" fo:page-height="29.7cm"');
    expect(styles).toMatch(
      /<style:master-page style:name="Standard"[^>]*><style:footer>.*<text:page-number text:select-page="current">/,
    );
    // The cover page has no footer.
    expect(styles).toMatch(/<style:master-page style:name="Cover"[^>]*\/>/);
  });

  it('gives headings their outline level', () => {
    for (const level of [1, 2, 3]) {
      expect(styles).toContain(
        `style:name="Heading_20_${level}" style:display-name="Heading ${level}" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="${level}"`,
      );
    }
  });

  it('declares bullet list, table and footnote styles', () => {
    expect(styles).toContain('<text:list-style style:name="Bullets"');
    expect(styles).toContain('style:name="Table_20_Heading"');
    expect(styles).toContain('<text:notes-configuration text:note-class="footnote"');
  });
});

describe('ODT body', () => {
  it('writes the cover with both parties on its own master page', () => {
    expect(content).toMatch(/style:master-page-name="Cover"/);
    expect(content).toContain('Entre\u00a0:');
    expect(content).toContain('la Caisse d’Allocations familiales des Yvelines');
    expect(content).toContain('la commune de Carrières-sur-Seine');
  });

  it('writes headings with outline levels and bookmarks', () => {
    expect(content).toMatch(
      /<text:h text:style-name="[^"]+" text:outline-level="1"><text:bookmark-start text:name="h-article-1-objet-de-la-convention-territoriale-globale"\/>Article 1 - Objet de la convention territoriale globale/,
    );
    expect(content).toMatch(/<text:h text:style-name="Heading_20_2" text:outline-level="2">/);
  });

  it('writes a table of contents collecting heading styles, pre-filled with linked entries', () => {
    const tocXml = /<text:table-of-content [\s\S]*?<\/text:table-of-content>/.exec(content)?.[0] ?? '';
    expect(tocXml).toContain('text:use-index-source-styles="true"');
    expect(tocXml).toContain('<text:index-source-style text:style-name="Heading_20_1"/>');
    expect(tocXml).toContain('<text:index-entry-page-number/>');
    expect(tocXml).toContain('<text:a xlink:type="simple" xlink:href="#h-preambule"');
    expect(tocXml).toContain('>Article 3 - Durée de la convention</text:a>');
    expect(tocXml).toContain('>Résiliation par consentement mutuel</text:a>');
    // A heading marked out of the table stays out, while still being a heading in the body.
    expect(tocXml).not.toContain('Caractères spéciaux');
    expect(content).toMatch(/<text:h text:style-name="Heading_20_3_20_unlisted" text:outline-level="3">/);
  });

  it('repeats table header rows and spans merged cells', () => {
    expect(content).toMatch(
      /<table:table-header-rows><table:table-row[^>]*><table:table-cell table:style-name="CellHead"/,
    );
    expect(content).toContain('table:number-columns-spanned="3"');
    expect(content).toContain('<table:covered-table-cell/><table:covered-table-cell/>');
    expect(content).toContain('Poids financier de la Caf en action sociale (2022)');
  });

  it('writes footnotes where they are anchored, numbered in order', () => {
    expect(content).toMatch(
      /bonifiés de N-1<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1<\/text:note-citation><text:note-body><text:p text:style-name="Footnote">Le montant de référence/,
    );
  });

  it('nests bullet lists', () => {
    expect(content).toMatch(/<text:list text:style-name="Bullets"><text:list-item>/);
    expect(content).toMatch(
      /existante\u00a0:<\/text:p><text:list><text:list-item><text:p [^>]*>petite enfance\u202f;/,
    );
  });

  it('escapes markup characters and keeps no-break spaces', () => {
    expect(content).toContain('Une valeur &lt; 5 &amp; une autre &gt; 100 restent lisibles\u202f;');
    expect(content).toContain('https://exemple.fr/?a=1&amp;b=2');
    expect(content).toContain('1\u202f357\u202f141\u00a0€');
    expect(content).toContain('5\u202f000 habitants');
  });

  it('renders missing content as an explicit notice', () => {
    expect(content).toContain(
      '<text:span text:style-name="Tb">Annexe non renseignée</text:span>\u00a0: le plan d’actions n’a pas encore été saisi dans la plateforme.',
    );
  });

  it('lays out the signatories side by side, kept together', () => {
    const table = /<table:table table:name="Signatures\d+"[\s\S]*?<\/table:table>/.exec(content)?.[0] ?? '';
    expect(table.match(/<table:table-column /g)).toHaveLength(3);
    for (const name of ['Didier GROSJEAN', 'Sophie BARROIS', 'Arnaud de BOURROUSSE', 'Le Maire'])
      expect(table).toContain(name);
    expect(content).toMatch(/style:may-break-between-rows="false"/);
  });

  it('writes white space that ODF would otherwise collapse', () => {
    const doc: DocumentModel = {
      metadata: { title: 't', author: 'a', language: 'fr-FR', created: '2025-01-01' },
      blocks: [toc(), heading(1, 'Titre'), paragraph('  deux  espaces\tune tabulation\nune ligne')],
    };
    const xml = unzipText(renderOdt(doc))['content.xml']!;
    expect(xml).toContain(
      '<text:s text:c="2"/>deux<text:s text:c="2"/>espaces<text:tab/>une tabulation<text:line-break/>une ligne',
    );
  });

  it('drops characters XML cannot carry', () => {
    const doc: DocumentModel = {
      metadata: { title: 't', author: 'a', language: 'fr-FR', created: '2025-01-01' },
      blocks: [paragraph('avant\u0001\u000bapres')],
    };
    const xml = unzipText(renderOdt(doc))['content.xml']!;
    assertWellFormed(xml);
    expect(xml).toContain('avantapres');
  });
});
