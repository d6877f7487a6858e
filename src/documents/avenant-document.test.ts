/**
 * The avenant's document, built from the seed's convention with an avenant that rewrites article 3
 * and fills the table of annex 3: the parties, the new text, the table's changes as a table with each
 * row's change in words, the date of effect, a signature block per signatory; the same bytes of text
 * each time; the ODT and the DOCX carry it.
 */
import { describe, expect, it } from 'vitest';
import {
  amendAnnex,
  amendArticle,
  avenantText,
  createAvenant,
  signAvenant,
  submitAvenant,
} from '../domain/convention/avenant.js';
import type { Convention } from '../domain/convention/model.js';
import { signedCarrieres } from '../domain/convention/testing.js';
import { buildAvenantDocument } from './avenant-document.js';
import { unzipText } from './documents.test-support.js';
import { renderDocx } from './docx.js';
import { type Block, plainText, type TableBlock } from './model.js';
import { renderOdt } from './odt.js';

function withAvenant(): Convention {
  let c = createAvenant(signedCarrieres(), {
    id: 'av-1',
    today: '2025-03-01',
    purpose: 'Crèche des Alouettes',
  });
  c = amendArticle(c, 'av-1', 'local_authority_fields', {
    blocks: [{ type: 'paragraph', text: 'La commune ouvre une micro-crèche de 12 places en 2026.' }],
  });
  const facilities = c.content.annexes.find((a) => a.key === 'facilities')!;
  const table = facilities.blocks.find((b) => b.type === 'table')!;
  if (table.type !== 'table') throw new Error('annex 3 has a table');
  c = amendAnnex(c, 'av-1', 'facilities', {
    blocks: facilities.blocks.map((b) =>
      b.type === 'table'
        ? {
            ...b,
            rows: [
              ...b.rows
                .slice(1)
                .map((row, i) =>
                  i === 0 ? [row[0]!, 'RPE des Bords de Seine, 4 quai Charles de Gaulle'] : row,
                ),
              ['Ludothèque', 'La Toupie, 5 place du Marché'],
            ],
          }
        : b,
    ),
  });
  return c;
}

/** Paragraphs and headings as plain text, French non-breaking spaces made plain. */
const paragraphsOf = (blocks: readonly Block[]) =>
  blocks
    .flatMap((b) => (b.kind === 'paragraph' ? [plainText(b.runs)] : b.kind === 'heading' ? [b.text] : []))
    .map((line) => line.replace(/[\u00a0\u202f]/g, ' '));

describe('the document of an avenant', () => {
  const convention = withAvenant();
  const model = buildAvenantDocument(avenantText(convention, 'av-1'), {
    today: '2025-03-02',
    stamp: 'Projet d’avenant',
  });
  const lines = paragraphsOf(model.blocks);

  it('is titled after the convention it amends and names both parties', () => {
    expect(model.metadata.title).toBe(
      'Avenant n° 1 à la convention territoriale globale 2024-2027 – Carrières-sur-Seine',
    );
    expect(model.cover!.title).toBe('Avenant n° 1');
    expect(model.cover!.subtitle).toContain('à la convention territoriale globale 2024-2027');
    expect(model.cover!.subtitle).toContain('Projet d’avenant');
    expect(model.cover!.parties.map((p) => p.name)).toEqual([
      'Caisse d’allocations familiales des Yvelines',
      'Commune de Carrières-sur-Seine',
    ]);
    expect(model.cover!.parties[1]!.details![0]).toContain('à signer le présent avenant');
  });

  it('gives each changed article its new text and its changes, the table as a table', () => {
    expect(lines).toContain('Article 2 – Modification de l’article 3');
    expect(lines).toContain('La commune ouvre une micro-crèche de 12 places en 2026.');
    expect(lines).toContain('Article 3 – Modification de l’annexe 3');
    const tables = model.blocks.filter((b): b is TableBlock => b.kind === 'table');
    const changed = tables.find((t) => t.caption === 'Tableau modifié')!;
    const rows = changed.rows.map((row) => row.map((c) => plainText(c.runs)));
    // Rows say their change in words; no raw « | » of the editable form.
    expect(rows[0]).toEqual(['supprimée', '[− Établissement d’accueil du jeune enfant (EAJE) −]', '—']);
    expect(rows).toContainEqual([
      'modifiée',
      'Relais petite enfance (RPE)',
      '[+ RPE des Bords de Seine, 4 quai Charles de Gaulle +]',
    ]);
    expect(rows.at(-1)).toEqual(['ajoutée', '[+ Ludothèque +]', '[+ La Toupie, 5 place du Marché +]']);
    expect(JSON.stringify(model)).not.toMatch(/\| \w/);
  });

  it('says when it takes effect, seals what it says and has every signatory sign', () => {
    expect(lines).toContain(
      'Le présent avenant prend effet à la date de sa signature par la dernière des parties.',
    );
    const text = avenantText(convention, 'av-1');
    expect(lines.some((l) => l.includes(text.hash))).toBe(true);
    expect(lines.some((l) => l.includes(text.consolidatedHash))).toBe(true);
    const signatures = model.blocks.find((b) => b.kind === 'signatures');
    const expected = convention.content.parties.flatMap((p) =>
      p.signatories.map((s) => `${s.firstName} ${s.lastName}`),
    );
    expect(expected).toHaveLength(3);
    expect(signatures?.kind === 'signatures' && signatures.signatories.map((s) => s.name)).toEqual(expected);
  });

  it('is the same for the same avenant, and its seal is the version’s once signed', () => {
    const again = buildAvenantDocument(avenantText(withAvenant(), 'av-1'), {
      today: '2025-03-02',
      stamp: 'Projet d’avenant',
    });
    expect(again).toEqual(model);
    let signed = submitAvenant(convention, 'av-1', '2025-03-05');
    for (const id of ['caf-78-president', 'caf-78-director', 'commune-78124-mayor'])
      signed = signAvenant(signed, 'av-1', id, '2025-03-10');
    const after = avenantText(signed, 'av-1');
    expect(after.consolidatedHash).toBe(signed.versions.at(-1)!.hash);
    expect(after.hash).toBe(avenantText(convention, 'av-1').hash);
    const signedLines = paragraphsOf(buildAvenantDocument(after, { today: '2025-03-11' }).blocks);
    expect(signedLines.filter((l) => l.includes('pris effet'))).toEqual([
      'Le présent avenant a pris effet le 10 mars 2025, date de sa signature par la dernière des parties.',
    ]);
  });

  it('is written in ODT and DOCX with the new text and the parties', async () => {
    const odt = unzipText(renderOdt(model))['content.xml']!;
    const docx = unzipText(await renderDocx(model))['word/document.xml']!;
    for (const xml of [odt, docx]) {
      expect(xml).toContain('La commune ouvre une micro-crèche de 12');
      expect(xml).toContain('Commune de Carrières-sur-Seine');
      expect(xml).toContain('Caisse d’allocations familiales des Yvelines');
      expect(xml).toContain('La Toupie, 5 place du Marché');
      expect(xml).toContain('Modification de l’annexe 3');
    }
  });
});
