import { describe, expect, it } from 'vitest';
import { diffLines, diffTokens, diffWords, hasChanges, sideOf, tokenizeWords } from './diff.js';

describe('diffWords', () => {
  it('marks the words replaced, inserted and deleted', () => {
    expect(diffWords('le comité se réunit une fois par an', 'le comité se réunit deux fois par an')).toEqual([
      { op: 'equal', text: 'le comité se réunit ' },
      { op: 'delete', text: 'une' },
      { op: 'insert', text: 'deux' },
      { op: 'equal', text: ' fois par an' },
    ]);
    expect(diffWords('a b', 'a b c')).toEqual([
      { op: 'equal', text: 'a b' },
      { op: 'insert', text: ' c' },
    ]);
    expect(diffWords('a b c', 'a c')).toEqual([
      { op: 'equal', text: 'a ' },
      { op: 'delete', text: 'b ' },
      { op: 'equal', text: 'c' },
    ]);
  });

  it('finds nothing to show between equal texts', () => {
    expect(hasChanges(diffWords('même texte', 'même texte'))).toBe(false);
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('', 'nouveau')).toEqual([{ op: 'insert', text: 'nouveau' }]);
  });

  it('rebuilds both texts from the diff, whatever they are', () => {
    // A deterministic pseudo-random generator, so a failure can be replayed.
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const vocabulary = ['la', 'Caf', 'commune', 'et', 'avenant', '\n', 'article', '3', 'annexe'];
    const text = () =>
      Array.from(
        { length: Math.floor(next() * 30) },
        () => vocabulary[Math.floor(next() * vocabulary.length)],
      ).join(' ');
    for (let i = 0; i < 200; i++) {
      const before = text();
      const after = text();
      const parts = diffWords(before, after);
      expect(sideOf(parts, 'before')).toBe(before);
      expect(sideOf(parts, 'after')).toBe(after);
      expect(hasChanges(parts)).toBe(before !== after);
    }
  });

  it('keeps the longest common part unchanged', () => {
    const parts = diffTokens(['a', 'b', 'c', 'd', 'e'], ['x', 'b', 'c', 'y', 'e']);
    expect(parts.filter((p) => p.op === 'equal').map((p) => p.text)).toEqual(['bc', 'e']);
  });

  it('tokenises words and spaces separately', () => {
    expect(tokenizeWords('un  deux\ntrois')).toEqual(['un', '  ', 'deux', '\n', 'trois']);
  });
});

describe('diffLines', () => {
  it('compares line by line', () => {
    const parts = diffLines(
      'EAJE | Crèche A\nRPE | Relais\n',
      'EAJE | Crèche A\nEAJE | Crèche B\nRPE | Relais\n',
    );
    expect(parts).toEqual([
      { op: 'equal', text: 'EAJE | Crèche A\n' },
      { op: 'insert', text: 'EAJE | Crèche B\n' },
      { op: 'equal', text: 'RPE | Relais\n' },
    ]);
  });
});
