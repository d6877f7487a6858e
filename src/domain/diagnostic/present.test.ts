import { describe, expect, it } from 'vitest';
import { computeDiagnostic } from './compute.js';
import { diagnosticToCsv, presentDiagnostic, SECRET_FOOTNOTE, SYNTHETIC_FOOTNOTE } from './present.js';
import { protectDiagnostic } from './protection.js';
import type { Territory, ValueRow } from './types.js';

const CAF = '2022-12-31';
const RP = '2019-01-01';
const dept: Territory = { code: '78', name: 'Yvelines', level: 'departement' };
const commune: Territory = { code: '01004', name: 'Ambérieu-en-Bugey', level: 'commune' };

function v(territory: string, indicator: string, value: number | bigint, date = CAF): ValueRow {
  return { territory, indicator, date, value };
}

const values: ValueRow[] = [
  v('01004', 'population', 15178, RP),
  v('01004', 'population_evolution_6y', -0.9, RP),
  v('01004', 'allocataires', 2298),
  v('01004', 'rsa', 0),
  v('01004', 'rsa_isolation', 0),
  v('01004', 'ajpp', 2),
  v('01004', 'rsa_amount', 11550250n),
  v('01004', 'funding_psu', 135714137n),
  v('78', 'population', 1448207, RP),
  v('78', 'allocataires', 256758),
  v('78', 'rsa', 26446),
];

function protectedDiagnostic(rows = values) {
  return protectDiagnostic(computeDiagnostic({ territory: commune, reference: dept, values: rows }));
}

describe('presentDiagnostic', () => {
  it('gives the spec ids, amounts in euros and null for blanked values', () => {
    const view = presentDiagnostic(protectedDiagnostic());
    expect(view.territory).toEqual({ code: '01004', name: 'Ambérieu-en-Bugey', level: 'commune' });
    expect(view.sections.map((s) => s.id)).toContain('implication_caf');
    const rows = new Map(view.sections.flatMap((s) => s.rows.map((r) => [r.id, r])));
    expect(rows.get('rsa_amount')).toMatchObject({ value: 115502.5, status: 'published' });
    expect(rows.get('rsa')).toMatchObject({ value: 0, share: 0, referenceShare: 10.3, status: 'published' });
    expect(rows.get('ajpp')).toMatchObject({ value: null, share: null, status: 'secret' });
    expect(rows.get('population')).toMatchObject({ value: 15178, share: 1, referenceShare: 100 });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});

describe('diagnosticToCsv', () => {
  it('writes ; separated UTF-8 with BOM, "s" for blanks, 0 for zeros and empty for absent figures', () => {
    const csv = diagnosticToCsv(protectedDiagnostic());
    expect(csv.startsWith('\uFEFFsection;titre_section;indicateur;')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    const line = (id: string) => lines.find((l) => l.split(';')[2] === id)!.split(';');
    // columns: 6 valeur, 7 part, 9 valeur_reference, 10 part_reference
    expect(line('rsa').slice(5, 11)).toEqual(['"01004"', '0', '0', '"78"', '26446', '10,3']);
    expect(line('ajpp').slice(6, 8)).toEqual(['s', 's']);
    expect(line('rsa_amount')[6]).toBe('115502,50');
    expect(line('funding_psu')[6]).toBe('1357141,37');
    expect(line('population_evolution_6y')[6]).toBe('-0,9');
    expect(line('aah')[6]).toBe('');
    expect(lines).toContain(SECRET_FOOTNOTE);
    expect(lines).toContain('Précarité – insertion — Sources : Caf au 31/12/2022');
    expect(csv).not.toMatch(/primary|secondary|primaire|secondaire/i);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('omits the secrecy footnote when nothing is blanked and says when data are synthetic', () => {
    const rows = values.filter((r) => r.indicator !== 'ajpp').map((r) => ({ ...r, synthetic: true }));
    const csv = diagnosticToCsv(protectedDiagnostic(rows));
    expect(csv).not.toContain(SECRET_FOOTNOTE);
    expect(csv).toContain(SYNTHETIC_FOOTNOTE);
    expect(csv.split('\r\n').some((l) => l.split(';').includes('s'))).toBe(false);
  });
});
