import { describe, expect, it } from 'vitest';
import { matchLabels, resultCountLabel } from './territory.presenter.js';

describe('why a territory matches', () => {
  it('names the Insee code, the postal code, the SIREN or the name', () => {
    expect(matchLabels({ level: 'commune', matchedBy: [{ kind: 'code' }] })).toBe('code Insee');
    expect(matchLabels({ level: 'commune', matchedBy: [{ kind: 'postal_code', postalCode: '78124' }] })).toBe(
      'code postal 78124',
    );
    expect(matchLabels({ level: 'epci', matchedBy: [{ kind: 'code' }] })).toBe('SIREN');
    expect(matchLabels({ level: 'departement', matchedBy: [{ kind: 'code' }, { kind: 'name' }] })).toBe(
      'code du département, nom',
    );
  });
});

describe('the count of results', () => {
  it('gives the real total when the list is cut, never the length of the page', () => {
    expect(resultCountLabel({ offset: 0, shown: 3, total: 3 })).toBe('3 résultats');
    expect(resultCountLabel({ offset: 0, shown: 1, total: 1 })).toBe('1 résultat');
    expect(resultCountLabel({ offset: 0, shown: 50, total: 312 })).toBe('50 premiers résultats sur 312');
    expect(resultCountLabel({ offset: 50, shown: 50, total: 312 })).toBe('résultats 51 à 100 sur 312');
    expect(resultCountLabel({ offset: 300, shown: 12, total: 312 })).toBe('résultats 301 à 312 sur 312');
    expect(resultCountLabel({ offset: 0, shown: 50, total: 1200 })).toBe(
      `50 premiers résultats sur 1${'\u202f'}200`,
    );
  });
});
