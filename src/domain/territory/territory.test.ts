import { describe, expect, it } from 'vitest';
import { levelsForCode, normaliseName } from './territory.js';

describe('normaliseName', () => {
  it('drops accents, case and punctuation', () => {
    expect(normaliseName('Carrières-sur-Seine')).toBe('carrieres sur seine');
    expect(normaliseName('L’Haÿ-les-Roses')).toBe('l hay les roses');
    expect(normaliseName('  SAINT-ÉTIENNE ')).toBe('saint etienne');
    expect(normaliseName('Œuilly')).toBe('oeuilly');
  });
});

describe('levelsForCode', () => {
  it('tells communes, EPCI and départements apart', () => {
    expect(levelsForCode('78124')).toEqual(['commune']);
    expect(levelsForCode('2A004')).toEqual(['commune']);
    expect(levelsForCode('200058519')).toEqual(['epci']);
    expect(levelsForCode('78')).toEqual(['departement', 'region']);
    expect(levelsForCode('971')).toEqual(['departement', 'region']);
    expect(levelsForCode('Carrières')).toEqual([]);
  });
});
