/**
 * The shared preparation every renderer goes through: French typography, anchors, table checks.
 */

import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/shared/app-error.js';
import {
  cell,
  type DocumentModel,
  heading,
  note,
  paragraph,
  prepareDocument,
  slugify,
  text,
} from './model.js';

const base = { metadata: { title: 't', author: 'a', language: 'fr-FR', created: '2025-01-01' } } as const;

describe('prepareDocument', () => {
  it('applies French typography to text and notes, but not to verbatim runs', () => {
    const doc = prepareDocument({
      ...base,
      blocks: [
        paragraph('Objet : la « Ctg » ; vraiment ?', note('Voir : annexe'), {
          kind: 'text',
          text: 'a:b?c',
          verbatim: true,
        }),
      ],
    });
    const block = doc.blocks[0]!;
    expect(block.kind === 'paragraph' && block.runs).toEqual([
      text('Objet\u00a0: la «\u00a0Ctg\u00a0»\u202f; vraiment\u202f?'),
      { kind: 'note', content: [text('Voir\u00a0: annexe')] },
      { kind: 'text', text: 'a:b?c', verbatim: true },
    ]);
  });

  it('gives headings unique anchors and lists only those meant for the table of contents', () => {
    const doc = prepareDocument({
      ...base,
      blocks: [
        heading(1, 'Annexe'),
        heading(1, 'Annexe'),
        heading(2, 'Détail', { toc: false }),
        heading(1, 'Élément', { id: 'x' }),
      ],
    });
    expect(doc.headings.map((h) => h.id)).toEqual(['h-annexe', 'h-annexe-2', 'x']);
  });

  it('refuses a table whose rows do not fill its columns', () => {
    const doc: DocumentModel = {
      ...base,
      blocks: [
        {
          kind: 'table',
          caption: 'Effectifs',
          columns: [{ width: 1 }, { width: 1 }],
          header: [],
          rows: [[cell('seul')]],
        },
      ],
    };
    expect(() => prepareDocument(doc)).toThrowError(AppError);
    try {
      prepareDocument(doc);
    } catch (error) {
      expect((error as AppError).code).toBe('DOCUMENT_INVALID');
      expect((error as AppError).message).toBe(
        'Le tableau « Effectifs » (bloc n° 1) est incohérent : la ligne 1 couvre 1 colonne(s) sur 2.',
      );
    }
  });

  it('makes anchors from accented titles', () => {
    expect(slugify('Article 1 – Objet de la « CTG »')).toBe('article-1-objet-de-la-ctg');
  });
});
