import { describe, expect, it } from 'vitest';
import { CATALOGUE, INCLUSIONS, INDICATORS } from './catalogue.js';
import { computeDiagnostic, findRow } from './compute.js';
import { syntheticCommuneValues } from './synthetic.js';
import { valueMatchesKind } from './types.js';

describe('syntheticCommuneValues', () => {
  it('is deterministic per commune code and differs between communes', () => {
    expect(syntheticCommuneValues('78124', 15178)).toEqual(syntheticCommuneValues('78124', 15178));
    const a = new Map(syntheticCommuneValues('78124', 15178).map((r) => [r.indicator, r.value]));
    const b = new Map(syntheticCommuneValues('78146', 15178).map((r) => [r.indicator, r.value]));
    expect(a.get('rsa')).not.toBe(b.get('rsa'));
    expect(a.get('population')).toBe(15178);
  });

  it('gives a value of the right type for every printed indicator, flagged synthetic', () => {
    const rows = syntheticCommuneValues('2A004', 4200);
    const ids = rows.map((r) => r.indicator);
    expect(ids.sort()).toEqual(
      INDICATORS.filter((i) => !i.derived)
        .map((i) => i.id)
        .sort(),
    );
    for (const row of rows) {
      expect(row.synthetic).toBe(true);
      expect(valueMatchesKind(CATALOGUE.indicators.get(row.indicator)!.kind, row.value)).toBe(true);
    }
  });

  it('keeps parts within their totals and every additive relation exact', () => {
    for (const [code, population] of [
      ['78124', 15178],
      ['01001', 780],
      ['75056', 2133111],
      ['97411', 1],
    ] as const) {
      const rows = syntheticCommuneValues(code, population);
      const value = new Map(rows.map((r) => [r.indicator, r.value]));
      for (const inclusion of INCLUSIONS) {
        const whole = value.get(inclusion.whole);
        if (whole === undefined) continue; // youth_6_17 is derived by the computation
        const parts = inclusion.parts.reduce((sum, id) => sum + Number(value.get(id)), 0);
        expect(parts, `${code}: ${inclusion.parts.join('+')} ≤ ${inclusion.whole}`).toBeLessThanOrEqual(
          Number(whole),
        );
      }
      for (const relation of CATALOGUE.relations) {
        if (value.get(relation.total) === undefined) continue;
        const sum = relation.parts.reduce((s, id) => s + BigInt(value.get(id)!), 0n);
        expect(sum, `${code}: ${relation.id}`).toBe(BigInt(value.get(relation.total)!));
      }
      const d = computeDiagnostic({
        territory: { code, name: code, level: 'commune' },
        reference: { code: '00', name: 'Département fictif', level: 'departement' },
        values: rows,
      });
      expect(d.notes).toEqual([]);
      expect(d.synthetic).toBe(true);
      const youth617 = d.tables.get(code)!.get('youth_6_17')!.values().next().value!.value;
      // The derived denominator exists, so the AEEH share is computed whenever it is not zero.
      expect(findRow(d, 'jeunesse', 'aeeh_children_6_17').share === null).toBe(youth617 === 0);
    }
  });
});
