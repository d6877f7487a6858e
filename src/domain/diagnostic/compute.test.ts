import { describe, expect, it } from 'vitest';
import { computeDiagnostic, computeShare, DEFAULT_NOTABLE_RULE, findRow, notableGap } from './compute.js';
import type { Territory, ValueRow } from './types.js';

const CAF = '2022-12-31';
const RP = '2019-01-01';
const dept: Territory = { code: '78', name: 'Yvelines', level: 'departement' };
const epci: Territory = {
  code: '200058519',
  name: 'CA Saint Germain Boucles de Seine',
  level: 'epci',
  members: ['78124', '78146'],
};

function v(territory: string, indicator: string, value: number | bigint, date = CAF): ValueRow {
  return { territory, indicator, date, value };
}

describe('computeShare', () => {
  it('rounds half up on integers', () => {
    expect(computeShare(595, 15178)).toBe(3.9);
    expect(computeShare(1, 8)).toBe(12.5);
    expect(computeShare(1, 16)).toBe(6.3); // 6.25 → 6.3, where float rounding could give 6.2
    expect(computeShare(1, 2000)).toBe(0.1); // 0.05 → 0.1
    expect(computeShare(0, 10)).toBe(0);
    expect(computeShare(3, 0)).toBeNull();
  });
});

describe('notableGap', () => {
  it('needs both the points and the relative gap', () => {
    expect(notableGap(46.0, 34.9, DEFAULT_NOTABLE_RULE, true)).toBe('higher');
    expect(notableGap(11.1, 18.6, DEFAULT_NOTABLE_RULE, true)).toBe('lower');
    expect(notableGap(1.0, 1.1, DEFAULT_NOTABLE_RULE, true)).toBeNull(); // relative 9 %, 0.1 point
    expect(notableGap(66.2, 61.9, DEFAULT_NOTABLE_RULE, true)).toBeNull(); // 4.3 points but 7 %
    expect(notableGap(2.2, 5.9, DEFAULT_NOTABLE_RULE, true)).toBe('lower');
    expect(notableGap(2.2, 5.9, { minPoints: 4, minRelativeGap: 0.2 }, true)).toBeNull();
    // Means are compared by relative gap only.
    expect(notableGap(1526, 1192, DEFAULT_NOTABLE_RULE, false)).toBe('higher');
    expect(notableGap(1226, 1192, DEFAULT_NOTABLE_RULE, false)).toBeNull();
  });
});

describe('computeDiagnostic', () => {
  it('sums counts and amounts over the EPCI’s communes but never averages rates', () => {
    const values = [
      v('78124', 'allocataires', 2298),
      v('78146', 'allocataires', 3000),
      v('78124', 'rsa', 216),
      v('78146', 'rsa', 300),
      v('78124', 'rsa_amount', 11550250n),
      v('78146', 'rsa_amount', 100n),
      v('78124', 'caf_coverage', 44.5),
      v('78146', 'caf_coverage', 50.1),
      v('78', 'allocataires', 256758),
      v('78', 'rsa', 26446),
    ];
    const d = computeDiagnostic({ territory: epci, reference: dept, values });
    const rsa = findRow(d, 'precarite', 'rsa');
    expect(rsa.value).toBe(516);
    expect(rsa.derivation).toBe('sum_of_members');
    expect(rsa.share).toBe(9.7); // 516 / 5298
    expect(rsa.referenceShare).toBe(10.3);
    expect(findRow(d, 'precarite', 'rsa_amount').value).toBe(11550350n);
    expect(findRow(d, 'demographie', 'caf_coverage').value).toBeNull();
  });

  it('uses a rate given for the EPCI itself, and leaves a sum absent when a member is missing', () => {
    const values = [
      v('200058519', 'caf_coverage', 47.2),
      v('78124', 'allocataires', 2298),
      v('78124', 'rsa', 216),
    ];
    const d = computeDiagnostic({ territory: epci, reference: dept, values });
    expect(findRow(d, 'demographie', 'caf_coverage').value).toBe(47.2);
    expect(findRow(d, 'precarite', 'rsa').value).toBeNull();
    const note = d.notes.find((n) => n.indicator === 'rsa');
    expect(note?.message).toContain('78146');
  });

  it('recomputes shares from counts and never mixes two censuses', () => {
    const values = [
      v('78124', 'population', 15178, RP),
      v('78124', 'population', 14791, '2021-01-01'),
      v('78124', 'children_3_5', 595, RP),
      v('78124', 'allocataires', 2298),
      v('78124', 'low_income_persons', 1297),
      v('78', 'population', 1448207, RP),
    ];
    const d = computeDiagnostic({
      territory: { code: '78124', name: 'Carrières-sur-Seine', level: 'commune' },
      reference: dept,
      values,
    });
    // Same source: the 2019 band goes with the 2019 population, not the latest one.
    expect(findRow(d, 'petite_enfance', 'children_3_5').share).toBe(3.9);
    // Caf 2022 over Insee: the latest census not after the Caf date.
    const low = findRow(d, 'precarite', 'low_income_persons');
    expect(low.shareDenominator).toEqual({ territory: '78124', indicator: 'population', date: '2021-01-01' });
    expect(low.share).toBe(8.8);
    // The population shown is the latest; its share of the département needs the same census.
    const population = findRow(d, 'demographie', 'population');
    expect(population.value).toBe(14791);
    expect(population.share).toBeNull();
    expect(population.series).toEqual([
      { date: RP, value: 15178 },
      { date: '2021-01-01', value: 14791 },
    ]);
  });

  it('rebuilds a diagnostic as it was at a date', () => {
    const values = [v('78124', 'rsa', 200, '2021-12-31'), v('78124', 'rsa', 216)];
    const d = computeDiagnostic({
      territory: { code: '78124', name: 'C', level: 'commune' },
      reference: dept,
      values,
      asOf: '2022-06-30',
    });
    expect(findRow(d, 'precarite', 'rsa').value).toBe(200);
  });

  it('notes a published total that differs from its parts, and totals money in cents', () => {
    const commune: Territory = { code: '78124', name: 'Carrières-sur-Seine', level: 'commune' };
    const lines = ['funding_psu', 'funding_bonus_ctg'];
    const values = [
      v('78', lines[0]!, 150n),
      v('78', lines[1]!, 250n),
      v('78', 'funding_total', 300n),
      ...[
        'funding_bonus_inclusion',
        'funding_rpe',
        'funding_fjt',
        'funding_youth',
        'funding_social_centres',
        'funding_laep',
        'funding_family_mediation',
        'funding_home_help',
      ].map((id) => v('78', id, 0n)),
      v('78124', 'youth_6_11', 10, RP),
      v('78124', 'youth_12_15', 10, RP),
      v('78124', 'youth_16_17', 10, RP),
      v('78124', 'youth_18_19', 10, RP),
      v('78124', 'youth_20_24', 10, RP),
      v('78124', 'youth_6_24', 49, RP),
    ];
    const d = computeDiagnostic({ territory: commune, reference: dept, values });
    expect(findRow(d, 'implication_caf', 'funding_total').referenceValue).toBe(400n);
    expect(findRow(d, 'jeunesse', 'youth_6_24').value).toBe(49);
    expect(d.notes.map((n) => n.message)).toEqual([
      'Le total publié (49) diffère de la somme de ses parties (50) : les estimations Insee sont arrondies séparément.',
      'Le total publié (3\u00a0€) diffère de la somme de ses parties (4\u00a0€) : le total affiché est la somme exacte des lignes, calculée au centime.',
    ]);
    // youth_6_17, never printed, is derived from its bands for the AEEH share.
    expect(d.tables.get('78124')!.get('youth_6_17')!.get(RP)!.value).toBe(30);
  });

  it('flags notable gaps on shares and rates but not on the population’s share of the département', () => {
    const values = [
      v('78124', 'allocataires', 2000),
      v('78124', 'housing_aid', 500),
      v('78124', 'housing_aid_private', 250),
      v('78', 'allocataires', 200000),
      v('78', 'housing_aid', 60000),
      v('78', 'housing_aid_private', 21000),
      v('78124', 'coverage_rate_assmat', 23.3, '2020-12-31'),
      v('78', 'coverage_rate_assmat', 45.8, '2020-12-31'),
      v('78124', 'population', 15178, RP),
      v('78', 'population', 1448207, RP),
    ];
    const d = computeDiagnostic({
      territory: { code: '78124', name: 'C', level: 'commune' },
      reference: dept,
      values,
    });
    const privateRent = findRow(d, 'logement', 'housing_aid_private');
    expect([privateRent.share, privateRent.referenceShare, privateRent.notable]).toEqual([50, 35, 'higher']);
    expect(privateRent.notableLabel).toBe('nettement supérieur');
    expect(findRow(d, 'logement', 'housing_aid').notable).toBeNull(); // 25 % vs 30 %: 5 points but 17 %
    expect(findRow(d, 'petite_enfance', 'coverage_rate_assmat').notableLabel).toBe('nettement inférieur');
    expect(findRow(d, 'demographie', 'population').notable).toBeNull();
  });

  it('rejects a value whose type does not match its indicator', () => {
    expect(() =>
      computeDiagnostic({
        territory: { code: '78124', name: 'C', level: 'commune' },
        reference: dept,
        values: [v('78124', 'rsa_amount', 12)],
      }),
    ).toThrow(/does not match kind amount/);
  });
});
