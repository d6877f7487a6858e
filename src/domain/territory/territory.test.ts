import { describe, expect, it } from 'vitest';
import { departementOfCommune, levelsForCode, normaliseName } from './territory.js';

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

describe('departementOfCommune', () => {
  it('reads the département from the Insee code, overseas and Corsica included', () => {
    expect(departementOfCommune('78124')).toBe('78');
    expect(departementOfCommune('95063')).toBe('95');
    expect(departementOfCommune('2A004')).toBe('2A');
    expect(departementOfCommune('97411')).toBe('974');
    expect(departementOfCommune('98818')).toBe('988');
  });
});
