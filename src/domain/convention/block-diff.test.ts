import { describe, expect, it } from 'vitest';
import { diffBlocks, diffTable, sectionChanged } from './block-diff.js';
import { sideOf } from './diff.js';
import type { Block } from './model.js';

const table = (columns: string[], ...rows: string[][]): Extract<Block, { type: 'table' }> => ({
  type: 'table',
  columns,
  rows,
});

describe('diffTable', () => {
  const before = table(
    ['Type de structure', 'Nom et adresse'],
    ['Crèche', 'Crèche des Lilas, 1 rue Haute'],
    ['Centre social', 'Maison des Fleurs'],
    ['Ludothèque', 'La Toupie'],
  );

  it('marks a row added, a row removed and a cell changed, keeping the others', () => {
    const after = table(
      ['Type de structure', 'Nom et adresse'],
      ['Crèche', 'Crèche des Lilas, 3 rue Haute'],
      ['Centre social', 'Maison des Fleurs'],
      ['Relais petite enfance', 'Le Nid'],
    );
    const diff = diffTable(before, after);
    expect(diff.status).toBe('changed');
    expect(diff.header.status).toBe('unchanged');
    expect(diff.rows.map((r) => r.status)).toEqual(['changed', 'unchanged', 'removed', 'added']);
    const [creche] = diff.rows;
    expect(creche!.cells.map((c) => c.status)).toEqual(['unchanged', 'changed']);
    expect(creche!.cells[1]!.parts).toContainEqual({ op: 'delete', text: '1' });
    expect(creche!.cells[1]!.parts).toContainEqual({ op: 'insert', text: '3' });
    expect(diff.rows[2]!.cells.map((c) => c.before)).toEqual(['Ludothèque', 'La Toupie']);
    expect(diff.rows[2]!.cells.map((c) => c.after)).toEqual([null, null]);
    expect(diff.rows[3]!.cells.map((c) => c.after)).toEqual(['Relais petite enfance', 'Le Nid']);
  });

  it('pairs a changed row by its name even when rows around it move', () => {
    const after = table(
      ['Type de structure', 'Nom et adresse'],
      ['Accueil de loisirs', 'Les Castors'],
      ['Crèche', 'Crèche des Lilas, 1 rue Basse'],
      ['Centre social', 'Maison des Fleurs'],
      ['Ludothèque', 'La Toupie'],
    );
    const diff = diffTable(before, after);
    expect(diff.rows.map((r) => [r.status, r.cells[0]!.after ?? r.cells[0]!.before])).toEqual([
      ['added', 'Accueil de loisirs'],
      ['changed', 'Crèche'],
      ['unchanged', 'Centre social'],
      ['unchanged', 'Ludothèque'],
    ]);
  });

  it('compares headings position by position, a new column marked added', () => {
    const after = table(
      ['Type de structure', 'Nom et adresse', 'Gestionnaire'],
      ['Crèche', 'Crèche des Lilas, 1 rue Haute', 'Commune'],
    );
    const diff = diffTable(before, after);
    expect(diff.header.status).toBe('changed');
    expect(diff.header.cells.map((c) => c.status)).toEqual(['unchanged', 'unchanged', 'added']);
    expect(diff.rows[0]!.cells[2]).toMatchObject({ before: null, after: 'Commune', status: 'added' });
  });

  it('finds nothing changed between equal tables, and a whole table added', () => {
    expect(diffTable(before, before).status).toBe('unchanged');
    const added = diffTable(null, before);
    expect(added.status).toBe('added');
    expect(added.rows.every((r) => r.status === 'added')).toBe(true);
    expect(diffTable(before, null).rows.every((r) => r.status === 'removed')).toBe(true);
  });
});

describe('diffBlocks', () => {
  it('keeps text as a word diff and a changed table as a table, in reading order', () => {
    const before: Block[] = [
      { type: 'paragraph', text: 'Les structures soutenues sont :' },
      table(['Type', 'Nom'], ['Crèche', 'Les Lilas']),
      { type: 'paragraph', text: 'Liste révisée chaque année.' },
    ];
    const after: Block[] = [
      { type: 'paragraph', text: 'Les structures soutenues sont :' },
      table(['Type', 'Nom'], ['Crèche', 'Les Lilas'], ['Ludothèque', 'La Toupie']),
      { type: 'paragraph', text: 'Liste révisée chaque semestre.' },
    ];
    const changes = diffBlocks(before, after);
    expect(changes.map((c) => c.kind)).toEqual(['text', 'table', 'text']);
    const table1 = changes[1]!;
    expect(table1.kind === 'table' && table1.table.rows.map((r) => r.status)).toEqual(['unchanged', 'added']);
    const last = changes[2]!;
    expect(last.kind === 'text' && sideOf(last.parts, 'before')).toBe('Liste révisée chaque année.');
    expect(last.kind === 'text' && sideOf(last.parts, 'after')).toBe('Liste révisée chaque semestre.');
    // No raw « | » of the editable form reaches the reader.
    expect(JSON.stringify(changes)).not.toContain('|');
    expect(sectionChanged(changes)).toBe(true);
  });

  it('rebuilds both sides of the text around unchanged lists', () => {
    const before: Block[] = [
      { type: 'heading', text: 'Objectifs' },
      { type: 'list', items: [{ text: 'un', items: [{ text: 'un bis' }] }, { text: 'deux' }] },
    ];
    const after: Block[] = [
      { type: 'heading', text: 'Objectifs partagés' },
      { type: 'list', items: [{ text: 'un', items: [{ text: 'un bis' }] }, { text: 'deux' }] },
    ];
    const changes = diffBlocks(before, after);
    expect(changes).toHaveLength(1);
    const only = changes[0]!;
    expect(only.kind === 'text' && sideOf(only.parts, 'before')).toBe('Objectifs\n– un\n  – un bis\n– deux');
    expect(only.kind === 'text' && sideOf(only.parts, 'after')).toBe(
      'Objectifs partagés\n– un\n  – un bis\n– deux',
    );
    expect(sectionChanged(diffBlocks(before, before))).toBe(false);
  });
});
