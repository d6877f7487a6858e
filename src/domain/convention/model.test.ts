import { describe, expect, it } from 'vitest';
import { functionLabel, signatoryName, VARIANT_LABELS, versionLabel } from './labels.js';
import { chooseVariant, defaultPeriod } from './model.js';
import { CAF_YVELINES } from './testing.js';

describe('chooseVariant', () => {
  it('gives Carrières-sur-Seine (commune, 14 791 inhabitants) the template for communes over 5 000', () => {
    expect(chooseVariant({ kind: 'commune', population: 14_791 })).toBe('commune_over_5000');
  });
  it('gives a commune of 800 inhabitants the template for communes under 5 000', () => {
    expect(chooseVariant({ kind: 'commune', population: 800 })).toBe('commune_under_5000');
  });
  it('puts the threshold at 5 000 inhabitants', () => {
    expect(chooseVariant({ kind: 'commune', population: 4_999 })).toBe('commune_under_5000');
    expect(chooseVariant({ kind: 'commune', population: 5_000 })).toBe('commune_over_5000');
  });
  it('gives an EPCI, and several communes together, the intercommunality template', () => {
    expect(chooseVariant({ kind: 'epci', population: 330_000 })).toBe('intercommunality');
    expect(chooseVariant({ kind: 'epci', population: 3_000 })).toBe('intercommunality');
    expect(chooseVariant({ kind: 'communes', population: 2_400 })).toBe('intercommunality');
  });
  it('has French labels for every variant', () => {
    expect(VARIANT_LABELS.commune_over_5000).toBe('Communes de plus de 5 000 habitants');
    expect(VARIANT_LABELS.commune_under_5000).toBe('Communes de moins de 5 000 habitants');
    expect(VARIANT_LABELS.intercommunality).toBe('Intercommunalité');
  });
});

describe('defaultPeriod', () => {
  it('covers four calendar years from 1 January of the next year', () => {
    expect(defaultPeriod('2023-06-15')).toEqual({ start: '2024-01-01', end: '2027-12-31' });
    expect(defaultPeriod('2023-01-01')).toEqual({ start: '2024-01-01', end: '2027-12-31' });
    expect(defaultPeriod('2023-12-31')).toEqual({ start: '2024-01-01', end: '2027-12-31' });
    expect(defaultPeriod('2024-02-29')).toEqual({ start: '2025-01-01', end: '2028-12-31' });
  });
  it('rejects a malformed date', () => {
    expect(() => defaultPeriod('2023-13-01')).toThrow(/Date invalide/);
  });
});

describe('labels', () => {
  it('agrees function titles with the signatory’s civility', () => {
    const [chair, director] = CAF_YVELINES.signatories;
    expect(functionLabel(chair!)).toBe('Présidente du conseil d’administration');
    expect(functionLabel(director!)).toBe('Directeur');
    expect(functionLabel({ ...director!, civility: 'madame' })).toBe('Directrice');
    expect(functionLabel({ ...director!, function: 'other', functionText: 'Vice-président délégué' })).toBe(
      'Vice-président délégué',
    );
    expect(signatoryName(chair!)).toBe('Madame Sophie Barrois');
  });
  it('names versions', () => {
    expect(versionLabel(null)).toBe('Convention initiale');
    expect(versionLabel(2)).toBe('Avenant n°\u00a02');
  });
});
