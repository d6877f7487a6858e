/**
 * Filling a Caf's own template: placeholders split across runs by the word processor, headers and
 * footers, escaping, and the French errors for unknown fields, missing values and files that are not
 * text documents. Templates are built here, in ODT and DOCX, the way word processors write them.
 */

import { Document, Footer, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/shared/app-error.js';
import { assertWellFormed, unzipText, zipEntries } from './documents.test-support.js';
import { bold, type DocumentModel, paragraph } from './model.js';
import { ODT_MIME_TYPE, renderOdt } from './odt.js';
import {
  checkTemplate,
  fillTemplate,
  inspectTemplate,
  TEMPLATE_PLACEHOLDERS,
  type TemplateValues,
} from './template-fill.js';

const VALUES: TemplateValues = {
  caf: 'Caisse d’Allocations familiales des Yvelines',
  commune: 'Carrières-sur-Seine',
  maire: 'Arnaud de BOURROUSSE',
  date_debut: '1er\u00a0janvier\u00a02024',
  date_fin: '31\u00a0décembre\u00a02027',
  lieu: 'Versailles',
  directeur: 'Didier GROSJEAN',
};

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"';

/** An ODT as LibreOffice writes one after edits: the placeholder {commune} split over two spans. */
function handMadeOdt(options: { mimetype?: string; body?: string; footer?: string } = {}): Uint8Array {
  const body =
    options.body ??
    '<text:p text:style-name="P1">Entre la Caf et la commune de <text:span text:style-name="T1">{com</text:span><text:span text:style-name="T2">mu</text:span>ne}, représentée par {maire}.</text:p>' +
      '<text:p>Du {date_debut} au {date_fin}<text:note text:id="n1"><text:note-citation>1</text:note-citation><text:note-body><text:p>Signé à {lieu}</text:p></text:note-body></text:note>.</text:p>';
  const mimetype = options.mimetype ?? ODT_MIME_TYPE;
  return zipSync({
    mimetype: [strToU8(mimetype), { level: 0 }],
    'META-INF/manifest.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    ),
    'content.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3"><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    ),
    'styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS} office:version="1.3"><office:master-styles><style:master-page style:name="Standard"><style:footer><text:p>${options.footer ?? '{caf} - <text:span>{dir</text:span>ecteur}'}</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>`,
    ),
  });
}

/** A DOCX written by the docx package, with placeholders split over runs of different formatting. */
async function docxTemplate(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        footers: {
          default: new Footer({ children: [new Paragraph({ children: [new TextRun('{caf} – {lieu}')] })] }),
        },
        children: [
          new Paragraph({
            children: [
              new TextRun('Convention avec la commune de '),
              new TextRun({ text: '{commune}', bold: true }),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun('Du {date_'),
              new TextRun({ text: 'debut', italics: true }),
              new TextRun('} au {date_fin}.'),
            ],
          }),
          new Paragraph({ children: [new TextRun('Le maire : {maire}')] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('fillTemplate on ODT', () => {
  const filled = fillTemplate(handMadeOdt(), VALUES);
  const parts = unzipText(filled.bytes);

  it('replaces a placeholder split across spans, in the span where it starts', () => {
    expect(filled.format).toBe('odt');
    expect(parts['content.xml']).toContain(
      'commune de <text:span text:style-name="T1">Carrières-sur-Seine</text:span><text:span text:style-name="T2"></text:span>, représentée par Arnaud de BOURROUSSE.',
    );
  });

  it('fills notes, headers and footers, and keeps no-break spaces', () => {
    expect(parts['content.xml']).toContain('Du 1er\u00a0janvier\u00a02024 au 31\u00a0décembre\u00a02027');
    expect(parts['content.xml']).toContain('<text:p>Signé à Versailles</text:p>');
    expect(parts['styles.xml']).toContain(
      'Caisse d’Allocations familiales des Yvelines - <text:span>Didier GROSJEAN</text:span>',
    );
  });

  it('keeps a valid package: mimetype first and stored, well-formed parts', () => {
    expect(zipEntries(filled.bytes)[0]).toEqual({ name: 'mimetype', method: 0, extraLength: 0 });
    assertWellFormed(parts['content.xml']!, 'content.xml');
    assertWellFormed(parts['styles.xml']!, 'styles.xml');
  });

  it('escapes values and applies French typography to them', () => {
    const out = fillTemplate(handMadeOdt({ body: '<text:p>{commune}</text:p>', footer: '' }), {
      commune: 'A < B & C : "D"\nE',
    });
    const xml = unzipText(out.bytes)['content.xml']!;
    expect(xml).toContain('<text:p>A &lt; B &amp; C\u00a0: &quot;D&quot;<text:line-break/>E</text:p>');
    assertWellFormed(xml);
  });

  it('turns an OpenDocument template (.ott) into a document', () => {
    const out = fillTemplate(
      handMadeOdt({ mimetype: 'application/vnd.oasis.opendocument.text-template' }),
      VALUES,
    );
    const parts2 = unzipText(out.bytes);
    expect(parts2.mimetype).toBe(ODT_MIME_TYPE);
    expect(parts2['META-INF/manifest.xml']).toContain(`manifest:media-type="${ODT_MIME_TYPE}"`);
  });

  it('fills a document written by the platform’s own ODT writer', () => {
    const model: DocumentModel = {
      metadata: { title: 'Modèle', author: 'Caf', language: 'fr-FR', created: '2025-01-01' },
      blocks: [paragraph('Commune de ', '{com', bold('mune}'), ', le {date_fin}')],
    };
    const out = fillTemplate(renderOdt(model), VALUES);
    expect(unzipText(out.bytes)['content.xml']).toContain(
      'Commune de Carrières-sur-Seine<text:span text:style-name="Tb"></text:span>, le 31\u00a0décembre\u00a02027',
    );
  });
});

describe('fillTemplate on DOCX', async () => {
  const template = await docxTemplate();
  const filled = fillTemplate(template, VALUES);
  const parts = unzipText(filled.bytes);
  const body = parts['word/document.xml']!;

  it('lists the placeholders, even split ones', () => {
    expect(inspectTemplate(template)).toEqual({
      format: 'docx',
      placeholders: ['commune', 'date_debut', 'date_fin', 'maire', 'caf', 'lieu'],
      unknown: [],
    });
  });

  it('replaces placeholders across runs, the value in the first run', () => {
    expect(filled.format).toBe('docx');
    expect(body).toContain('<w:t xml:space="preserve">Du 1er\u00a0janvier\u00a02024</w:t>');
    expect(body).toMatch(/<w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve"><\/w:t>/);
    expect(body).toContain('<w:t xml:space="preserve"> au 31\u00a0décembre\u00a02027.</w:t>');
    // The template's own text is the Caf's: only the values are retouched.
    expect(body).toContain('Le maire : Arnaud de BOURROUSSE');
    expect(body).not.toMatch(/\{|\}/);
    assertWellFormed(body);
  });

  it('fills footers', () => {
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? '';
    expect(footer).toContain('Caisse d’Allocations familiales des Yvelines – Versailles');
  });

  it('handles spell-check marks between runs and breaks lines in values', () => {
    const xml =
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>' +
      '<w:r><w:t>{com</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>mune</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>}</w:t></w:r>' +
      '</w:p></w:body></w:document>';
    const docx = zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
      'word/document.xml': strToU8(xml),
    });
    const out = unzipText(fillTemplate(docx, { commune: ' Carrières\nsur-Seine' }).bytes)[
      'word/document.xml'
    ]!;
    expect(out).toContain(
      '<w:r><w:t xml:space="preserve"> Carrières</w:t><w:br/><w:t xml:space="preserve">sur-Seine</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t xml:space="preserve"></w:t></w:r>',
    );
    assertWellFormed(out);
  });
});

describe('template errors', () => {
  it('lists unknown placeholders in French', () => {
    const template = handMadeOdt({
      body: '<text:p>{commune} {Maire} {signataire} {signataire}</text:p>',
      footer: '',
    });
    const error = caught(() => fillTemplate(template, VALUES));
    expect(error.code).toBe('TEMPLATE_UNKNOWN_PLACEHOLDERS');
    expect(error.status).toBe(422);
    expect(error.message).toContain(
      'Le modèle contient des champs inconnus de la plateforme : {Maire}, {signataire}.',
    );
    expect(error.details).toEqual({ unknown: ['Maire', 'signataire'] });
  });

  it('names the placeholders that have no value', () => {
    const error = caught(() => fillTemplate(handMadeOdt(), { commune: 'Carrières-sur-Seine', maire: ' ' }));
    expect(error.code).toBe('TEMPLATE_MISSING_VALUES');
    expect(error.message).toBe(
      'Le modèle utilise des champs dont la valeur n’est pas encore renseignée : {maire}, {date_debut}, {date_fin}, {lieu}, {caf}, {directeur}.',
    );
  });

  it('refuses files that are not ODT or DOCX documents', () => {
    const notZip = caught(() => checkTemplate(strToU8('Bonjour, ceci est un texte.')));
    expect(notZip.code).toBe('TEMPLATE_INVALID_FILE');
    expect(notZip.message).toContain('ce n’est pas une archive ZIP');
    const otherZip = caught(() => checkTemplate(zipSync({ 'photo.jpg': new Uint8Array([1, 2, 3]) })));
    expect(otherZip.message).toContain('ni document OpenDocument Texte ni document Word');
    const spreadsheet = caught(() =>
      checkTemplate(handMadeOdt({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet' })),
    );
    expect(spreadsheet.message).toContain('n’est pas un texte');
  });

  it('documents every placeholder in docs/templates.md', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/templates.md', import.meta.url), 'utf8');
    for (const p of TEMPLATE_PLACEHOLDERS) expect(doc).toContain(`\`{${p.name}}\``);
  });
});
