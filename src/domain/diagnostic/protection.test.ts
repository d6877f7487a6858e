import { describe, expect, it } from 'vitest';
import { protect } from '../secrecy/index.js';
import type { ProtectionResult } from '../secrecy/types.js';
import { computeDiagnostic, findRow } from './compute.js';
import {
  applyProtection,
  buildProtectionProblem,
  cellId,
  givenShareMayHideSmallCount,
  protectDiagnostic,
  zoneId,
} from './protection.js';
import type { Territory, ValueRow } from './types.js';

const CAF = '2022-12-31';
const RP = '2019-01-01';
const dept: Territory = { code: '78', name: 'Yvelines', level: 'departement' };
const commune: Territory = { code: '78124', name: 'Carrières-sur-Seine', level: 'commune' };

function v(territory: string, indicator: string, value: number | bigint, date = CAF): ValueRow {
  return { territory, indicator, date, value };
}

/** The seed's AEEH table, with the value it blanks (1) and the figures that let a reader recompute it. */
const aeehValues: ValueRow[] = [
  v('78124', 'allocataires', 2298),
  v('78124', 'aeeh', 97),
  v('78124', 'aeeh_children_0_2', 1),
  v('78124', 'aeeh_children_3_5', 6),
  v('78124', 'aeeh_children_6_11', 39),
  v('78124', 'aeeh_children_12_15', 35),
  v('78124', 'aeeh_children_16_17', 14),
  v('78124', 'aeeh_children_0_17', 95),
  v('78124', 'aeeh_children', 103),
  v('78124', 'population', 15178, RP),
  v('78124', 'children_0_2', 587, RP),
  v('78124', 'cmg_home', 3),
  v('78', 'allocataires', 256758),
  v('78', 'population', 1448207, RP),
];

describe('buildProtectionProblem', () => {
  it('puts secret values in their zone, relations from the catalogue and every share of a secret figure', () => {
    const d = computeDiagnostic({ territory: commune, reference: dept, values: aeehValues });
    const problem = buildProtectionProblem(d);
    const ids = problem.cells.map((c) => c.id);
    expect(ids).toContain(cellId('78124', 'aeeh_children_0_2', CAF));
    expect(ids).toContain(cellId('78', 'allocataires', CAF));
    // Public figures enter only as denominators, in a zone the zone rule ignores.
    expect(ids).not.toContain(cellId('78124', 'population', RP));
    const publicChildren = problem.cells.find((c) => c.id === `78124#public|children_0_2|${RP}`);
    expect(publicChildren?.value).toBe(587n);
    expect(problem.zones.find((z) => z.id === publicChildren!.zone)).toMatchObject({
      subjectToZoneRule: false,
    });
    expect(problem.zones.find((z) => z.id === zoneId('78124', CAF))).toEqual({
      id: zoneId('78124', CAF),
      allocataires: 2298,
      subjectToZoneRule: true,
      // The figure the zone rule reads: the pattern tells a reader which side of 100 it lies on.
      allocatairesCell: cellId('78124', 'allocataires', CAF),
    });
    expect(problem.zones.find((z) => z.id === zoneId('78', CAF))?.subjectToZoneRule).toBe(false);
    // What the platform publishes marks every blank with one sign.
    expect(problem.reader).toBe('one_sign');
    expect(problem.relations).toContainEqual({
      total: cellId('78124', 'aeeh_children_0_17', CAF),
      parts: ['0_2', '3_5', '6_11', '12_15', '16_17'].map((b) => cellId('78124', `aeeh_children_${b}`, CAF)),
    });
    const ratio = problem.ratios.find((r) => r.numerator === cellId('78124', 'aeeh_children_0_2', CAF));
    expect(ratio).toMatchObject({ denominator: cellId('78124', 'aeeh_children', CAF), decimals: 1 });
    expect(problem.ratios.find((r) => r.numerator === cellId('78124', 'cmg_home', CAF))?.denominator).toBe(
      `78124#public|children_0_2|${RP}`,
    );
    // A share of two public figures (children over population) is not a secrecy question.
    expect(problem.ratios.some((r) => r.numerator.includes('#public'))).toBe(false);
  });

  it('links an EPCI to its communes unless told not to', () => {
    const epci: Territory = { code: '200058519', name: 'CA', level: 'epci', members: ['78124', '78146'] };
    const values = [
      v('78124', 'allocataires', 2298),
      v('78146', 'allocataires', 3000),
      v('78124', 'rsa', 3),
      v('78146', 'rsa', 200),
      v('78', 'allocataires', 256758),
    ];
    const d = computeDiagnostic({ territory: epci, reference: dept, values });
    const problem = buildProtectionProblem(d);
    expect(problem.relations).toContainEqual({
      total: cellId('200058519', 'rsa', CAF),
      parts: [cellId('78124', 'rsa', CAF), cellId('78146', 'rsa', CAF)],
    });
    expect(problem.zones.find((z) => z.id === zoneId('200058519', CAF))?.subjectToZoneRule).toBe(false);
    expect(problem.zones.find((z) => z.id === zoneId('78146', CAF))).toMatchObject({
      allocataires: 3000,
      subjectToZoneRule: true,
    });
    const flat = buildProtectionProblem(d, { includeMembers: false });
    expect(flat.cells.some((c) => c.id.startsWith('78146|'))).toBe(false);
    expect(flat.relations).toEqual([]);
  });
});

describe('applyProtection', () => {
  it('fails closed when the engine says nothing about a secret value', () => {
    const d = computeDiagnostic({ territory: commune, reference: dept, values: aeehValues });
    const empty: ProtectionResult = {
      cells: [],
      ratios: [],
      counts: { primary: 0, secondary: 0, published: 0 },
      ratioCounts: { primary: 0, secondary: 0, published: 0 },
      inconsistentRelations: [],
      unprotectable: [],
    };
    const protectedDiagnostic = applyProtection(d, empty);
    const row = protectedDiagnostic.sections
      .find((s) => s.id === 'handicap')!
      .rows.find((r) => r.id === 'aeeh')!;
    expect([row.value, row.share, row.status]).toEqual([null, null, 'secret']);
    const population = protectedDiagnostic.sections[0]!.rows.find((r) => r.id === 'population')!;
    expect(population.value).toBe(15178);
  });
});

describe('protectDiagnostic with the secrecy engine', () => {
  it('blanks a figure withheld by its source, and enough around it that no sum gives it back', () => {
    // The source printed "<5" for the 6-11 band; every other band is large enough to publish.
    const values = aeehValues.map((row) =>
      row.indicator === 'aeeh_children_6_11'
        ? { ...row, value: null }
        : row.indicator === 'aeeh_children_0_2'
          ? { ...row, value: 10 }
          : row,
    );
    const d = computeDiagnostic({ territory: commune, reference: dept, values });
    const problem = buildProtectionProblem(d);
    expect(problem.cells.find((c) => c.id === cellId('78124', 'aeeh_children_6_11', CAF))!.unknown).toBe(
      true,
    );
    const result = protectDiagnostic(d);
    const rows = new Map(result.sections.find((s) => s.id === 'handicap')!.rows.map((r) => [r.id, r]));
    const band = rows.get('aeeh_children_6_11')!;
    expect([band.value, band.share, band.statuses.value, band.statuses.share]).toEqual([
      null,
      null,
      'secret',
      'secret',
    ]);
    // 0-17 = 0-2 + 3-5 + 6-11 + 12-15 + 16-17: the total minus the published bands would give the
    // withheld band back, so one more of them is blank.
    const others = [
      'aeeh_children_0_17',
      'aeeh_children_0_2',
      'aeeh_children_3_5',
      'aeeh_children_12_15',
      'aeeh_children_16_17',
    ];
    expect(others.filter((id) => rows.get(id)!.value === null).length).toBeGreaterThanOrEqual(1);
  });

  it('closes the seed’s AEEH leak: the blanked 1 cannot be recomputed from what is published', () => {
    const d = computeDiagnostic({ territory: commune, reference: dept, values: aeehValues });
    const result = protectDiagnostic(d);
    const rows = new Map(result.sections.find((s) => s.id === 'handicap')!.rows.map((r) => [r.id, r]));
    const band = rows.get('aeeh_children_0_2')!;
    expect([band.value, band.share, band.status]).toEqual([null, null, 'secret']);
    // total = Σ bands: with one unknown the total or another band must be blank too.
    const relation = [
      'aeeh_children_0_17',
      'aeeh_children_3_5',
      'aeeh_children_6_11',
      'aeeh_children_12_15',
      'aeeh_children_16_17',
    ];
    expect(relation.filter((id) => rows.get(id)!.value === null).length).toBeGreaterThanOrEqual(1);
    // No share of a blank value shows.
    for (const row of rows.values()) if (row.value === null) expect(row.share).toBeNull();
    // cmg_home = 3 < 5 is blanked; its public denominator stays printed.
    const cmg = result.sections
      .find((s) => s.id === 'petite_enfance')!
      .rows.find((r) => r.id === 'cmg_home')!;
    expect([cmg.value, cmg.share, cmg.statuses.value]).toEqual([null, null, 'secret']);
  });

  it('blanks every Caf figure of a commune under 100 allocataires but keeps Insee figures', () => {
    const values = [
      v('78999', 'allocataires', 80),
      v('78999', 'rsa', 12),
      v('78999', 'caf_coverage', 31.5),
      v('78999', 'family_quotient_mean', 120000n),
      v('78999', 'population', 700, RP),
      v('78', 'allocataires', 256758),
      v('78', 'rsa', 26446),
      v('78', 'caf_coverage', 50.1),
    ];
    const d = computeDiagnostic({
      territory: { code: '78999', name: 'Petite', level: 'commune' },
      reference: dept,
      values,
    });
    const result = protectDiagnostic(d);
    const all = new Map(result.sections.flatMap((s) => s.rows.map((r) => [`${s.id}/${r.id}`, r])));
    expect(all.get('demographie/allocataires')!.value).toBeNull();
    expect(all.get('precarite/rsa')!.value).toBeNull();
    expect(all.get('demographie/caf_coverage')!.status).toBe('secret');
    expect(all.get('demographie/family_quotient_mean')!.value).toBeNull();
    expect(all.get('demographie/population')!.value).toBe(700);
    // The département's own figures stay published, but the gap is not printed when one side is blank.
    expect(all.get('demographie/caf_coverage')!.referenceValue).toBe(50.1);
    expect(all.get('demographie/caf_coverage')!.notable).toBeNull();
  });

  it('does not let an EPCI total minus the other communes give a blanked commune away', () => {
    const epci: Territory = { code: '200058519', name: 'CA', level: 'epci', members: ['78124', '78146'] };
    const values = [
      v('78124', 'allocataires', 2298),
      v('78146', 'allocataires', 3000),
      v('78124', 'rsa', 3),
      v('78146', 'rsa', 200),
      v('78', 'allocataires', 256758),
    ];
    const d = computeDiagnostic({ territory: epci, reference: dept, values });
    const problem = buildProtectionProblem(d);
    const outcome = protect(problem);
    const status = new Map(outcome.cells.map((c) => [c.id, c.status]));
    expect(status.get(cellId('78124', 'rsa', CAF))).toBe('primary');
    const total = status.get(cellId('200058519', 'rsa', CAF));
    const other = status.get(cellId('78146', 'rsa', CAF));
    expect(total === 'published' && other === 'published').toBe(false);
    const row = findRow(d, 'precarite', 'rsa');
    expect(row.value).toBe(203);
  });

  it('says "secret" for every blank, whatever its kind, and keeps no count of kinds', () => {
    const d = computeDiagnostic({ territory: commune, reference: dept, values: aeehValues });
    const result = protectDiagnostic(d);
    const statuses = result.sections.flatMap((s) =>
      s.rows.flatMap((r) => [r.status, ...Object.values(r.statuses), ...r.series.map((p) => p.status)]),
    );
    expect(new Set(statuses)).toEqual(new Set(['published', 'secret', 'absent']));
    expect(Object.keys(result)).not.toContain('counts');
    expect(
      JSON.stringify(result, (_k, value) => (typeof value === 'bigint' ? String(value) : value)),
    ).not.toMatch(/primary|secondary/);
  });

  it('lists under each section the sources of its figures, the territory’s and the département’s', () => {
    const d = computeDiagnostic({ territory: commune, reference: dept, values: aeehValues });
    const handicap = protectDiagnostic(d).sections.find((s) => s.id === 'handicap')!;
    expect(handicap.sources).toEqual(['Caf au 31/12/2022']);
    const demographie = protectDiagnostic(d).sections.find((s) => s.id === 'demographie')!;
    expect(demographie.sources).toEqual(['Insee RP2019', 'Caf au 31/12/2022']);
    expect(handicap.notes).toEqual([]);
    const population = protectDiagnostic(d).sections[0]!.rows.find((r) => r.id === 'population')!;
    expect(population.shareOfReference).toBe(true);
  });

  it('drops a note that would print a blanked figure', () => {
    const values = [
      v('78124', 'allocataires', 2298),
      v('78124', 'aeeh_children_6_11', 39),
      v('78124', 'aeeh_children_12_15', 35),
      v('78124', 'aeeh_children_16_17', 3),
      v('78124', 'aeeh_children_6_17', 78),
    ];
    const d = computeDiagnostic({ territory: commune, reference: dept, values });
    expect(d.notes.map((n) => n.indicator)).toEqual(['aeeh_children_6_17']);
    expect(protectDiagnostic(d).notes).toEqual([]);
  });
});

describe('givenShareMayHideSmallCount', () => {
  it('says whether a printed percentage may stand for a nonzero count below 5', () => {
    expect(givenShareMayHideSmallCount(1.0, 103n, 5)).toBe(true); // 1.0 % of 103: the seed's AEEH 0-2
    expect(givenShareMayHideSmallCount(10.3, 256_758n, 5)).toBe(false);
    expect(givenShareMayHideSmallCount(0, 1_000n, 5)).toBe(false); // 0.0 % of 1 000: under 0.5, so 0
    expect(givenShareMayHideSmallCount(0, 10_000n, 5)).toBe(true); // could be 1 to 4
    expect(givenShareMayHideSmallCount(5.8, 103n, 5)).toBe(false); // 6
    expect(givenShareMayHideSmallCount(3.9, 103n, 5)).toBe(true); // 4
  });
});
