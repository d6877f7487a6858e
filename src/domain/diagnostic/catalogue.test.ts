import { describe, expect, it } from 'vitest';
import {
  buildCatalogue,
  CATALOGUE,
  INDICATORS,
  isAdditive,
  RELATIONS,
  SECTIONS,
  shareUsesReference,
  sourceLine,
} from './catalogue.js';

describe('catalogue', () => {
  it('has the eight sections of annexe 1 with their printed titles', () => {
    expect(SECTIONS.map((s) => [s.id, s.title])).toEqual([
      ['demographie', 'Démographie'],
      ['precarite', 'Précarité – insertion'],
      ['handicap', 'Handicap'],
      ['logement', 'Logement'],
      ['petite_enfance', 'Petite enfance'],
      ['jeunesse', 'Jeunesse'],
      ['parentalite', 'Parentalité'],
      ['implication_caf', 'Implication Caf sur le territoire'],
    ]);
  });

  it('prints every indicator in a section except the derived denominators', () => {
    const printed = new Set(SECTIONS.flatMap((s) => s.rows.map((r) => r.indicator)));
    const unprinted = INDICATORS.filter((i) => !printed.has(i.id)).map((i) => i.id);
    expect(unprinted).toEqual(INDICATORS.filter((i) => i.derived).map((i) => i.id));
  });

  it('keeps Insee figures, facilities and structure funding public and Caf household figures secret', () => {
    const secret = (id: string) => CATALOGUE.indicators.get(id)!.secret;
    expect(secret('population')).toBe(false);
    expect(secret('children_0_2')).toBe(false);
    expect(secret('eaje_places')).toBe(false);
    expect(secret('funding_total')).toBe(false);
    expect(secret('coverage_rate_global')).toBe(false);
    expect(secret('allocataires')).toBe(true);
    expect(secret('aeeh_children_0_2')).toBe(true);
    expect(secret('rsa_amount')).toBe(true);
    expect(secret('caf_coverage')).toBe(true);
    for (const indicator of INDICATORS) expect(indicator.secrecyReason.length).toBeGreaterThan(10);
  });

  it('relates only additive figures of one kind, and says how they hold in the seed', () => {
    for (const relation of RELATIONS) {
      const kinds = new Set(
        [relation.total, ...relation.parts].map((id) => CATALOGUE.indicators.get(id)!.kind),
      );
      expect(kinds.size).toBe(1);
      expect(isAdditive([...kinds][0]!)).toBe(true);
    }
    const byId = new Map(RELATIONS.map((r) => [r.id, r]));
    expect(byId.get('youth_age_bands')!.seed.commune).toBe('inexact');
    expect(byId.get('funding_lines')!.seed).toEqual({ commune: 'exact', departement: 'inexact' });
    expect(byId.get('funding_lines')!.totalRule).toBe('published');
    expect(byId.get('children_age_bands')!.seed.commune).toBe('exact');
  });

  it('rejects a catalogue that names an unknown denominator or mixes kinds in a relation', () => {
    expect(() =>
      buildCatalogue(INDICATORS, [
        { id: 'demographie', title: 'Démographie', rows: [{ indicator: 'population', shareOf: 'nope' }] },
      ]),
    ).toThrow(/Unknown indicator nope/);
    expect(() =>
      buildCatalogue(INDICATORS, SECTIONS, [
        { ...RELATIONS[0]!, id: 'bad', total: 'funding_total', parts: ['population'] },
      ]),
    ).toThrow(/one additive kind/);
  });

  it('prints source lines the way annexe 1 does', () => {
    expect(sourceLine('insee_rp', '2019-01-01')).toBe('Insee RP2019');
    expect(sourceLine('caf_stock', '2022-12-31')).toBe('Caf au 31/12/2022');
    expect(sourceLine('caf_year', '2022-12-31')).toBe('Caf 2022');
    expect(sourceLine('cnaf_rate', '2020-12-31')).toBe('Cnaf, taux 2020');
    expect(shareUsesReference('population@departement')).toBe(true);
    expect(shareUsesReference('population')).toBe(false);
  });
});
