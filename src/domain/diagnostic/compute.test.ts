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

function v(territory: string, indicator: string, value: number | bigint | null, date = CAF): ValueRow {
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
    // Lines printed rounded to the euro: the printed total, made from exact amounts, is kept.
    expect(findRow(d, 'implication_caf', 'funding_total').referenceValue).toBe(300n);
    expect(findRow(d, 'jeunesse', 'youth_6_24').value).toBe(49);
    expect(d.notes.map((n) => n.message)).toEqual([
      'Le total publié (49) diffère de la somme de ses parties (50) : les estimations Insee sont arrondies séparément.',
      'Le total publié (3\u00a0€) diffère de la somme de ses parties (4\u00a0€) : les lignes sont imprimées arrondies à l’euro ; le total publié, calculé sur les montants exacts, est conservé.',
    ]);
    // Without a printed total, the lines are summed in cents.
    const summed = computeDiagnostic({
      territory: commune,
      reference: dept,
      values: values.filter((value) => value.indicator !== 'funding_total'),
    });
    expect(findRow(summed, 'implication_caf', 'funding_total').referenceValue).toBe(400n);
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

  it('counts the EPCI’s members with figures, and makes a sum with a withheld figure unknown', () => {
    const three: Territory = { ...epci, members: ['78124', '78146', '78160'] };
    const d = computeDiagnostic({
      territory: three,
      reference: dept,
      values: [
        v('78124', 'rsa', 200),
        v('78146', 'rsa', null), // "<5" in the source
        v('78124', 'aah', 10),
        v('78146', 'aah', 20),
      ],
    });
    expect(d.coverage).toEqual({ total: 3, withFigures: 2 });
    expect(findRow(d, 'precarite', 'rsa').value).toBeNull();
    expect(findRow(d, 'handicap', 'aah').value).toBeNull(); // 78160 has none: not summed
    const two = computeDiagnostic({
      territory: epci,
      reference: dept,
      values: [
        v('78124', 'rsa', 200),
        v('78146', 'rsa', null),
        v('78124', 'allocataires', 2000),
        v('78146', 'allocataires', 900),
      ],
    });
    const rsa = findRow(two, 'precarite', 'rsa');
    expect([rsa.value, rsa.unknown, rsa.share]).toEqual([null, true, null]);
    expect(rsa.shareDenominator).toEqual({ territory: '200058519', indicator: 'allocataires', date: CAF });
    expect(findRow(two, 'demographie', 'allocataires').value).toBe(2900);
  });

  it('sums the département’s column from its communes where it publishes nothing, and says so', () => {
    const small: Territory = { ...dept, members: ['78124', '78146'] };
    const commune: Territory = { code: '78124', name: 'Carrières-sur-Seine', level: 'commune' };
    const d = computeDiagnostic({
      territory: commune,
      reference: small,
      values: [
        v('78124', 'rsa', 200),
        v('78146', 'rsa', 50),
        v('78', 'aah', 7),
        v('78124', 'aah', 3),
        v('78146', 'aah', 5),
      ],
    });
    const rsa = findRow(d, 'precarite', 'rsa');
    expect([rsa.referenceValue, rsa.referenceDerivation]).toEqual([250, 'sum_of_members']);
    // The département's own figure comes first, even when its communes add up to something else.
    expect(findRow(d, 'handicap', 'aah').referenceValue).toBe(7);
    expect(d.sections.find((s) => s.id === 'precarite')!.notes).toContain(
      'Colonne « Yvelines » : les chiffres que le département ne publie pas sont la somme de ceux de ses communes.',
    );
    expect(d.sections.find((s) => s.id === 'handicap')!.notes).toEqual([]);
  });

  it('shows a percentage printed without its count only where there is no count', () => {
    const commune: Territory = { code: '78124', name: 'Carrières-sur-Seine', level: 'commune' };
    const d = computeDiagnostic({
      territory: commune,
      reference: dept,
      values: [
        v('78124', 'rsa', 216),
        v('78124', 'allocataires', 2298),
        v('78', 'allocataires', 256758),
        v('78', 'aah', 15000),
      ],
      givenShares: [
        { territory: '78', indicator: 'rsa', date: CAF, base: 'allocataires', share: 10.3 },
        { territory: '78', indicator: 'aah', date: CAF, base: 'allocataires', share: 9.9 },
        { territory: '78124', indicator: 'rsa', date: CAF, base: 'allocataires', share: 50 },
      ],
    });
    const rsa = findRow(d, 'precarite', 'rsa');
    expect([rsa.share, rsa.shareGiven, rsa.referenceShare, rsa.referenceShareGiven]).toEqual([
      9.4,
      false,
      10.3,
      true,
    ]);
    // The Yvelines' AAH count is on file: its share is computed (5.8), the printed 9.9 is not used.
    const aah = findRow(d, 'handicap', 'aah');
    expect([aah.referenceShare, aah.referenceShareGiven]).toEqual([5.8, false]);
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
