/**
 * The seed's annexe 1, imported from the fixture in the long layout and recomputed: every share the
 * seed prints that is consistent with its own counts comes back to 0.1, and the seed's known slips
 * (children 3-5, the youth total, the Yvelines funding total) are corrected or noted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SectionId } from '../../domain/diagnostic/catalogue.js';
import { computeDiagnostic, findRow } from '../../domain/diagnostic/compute.js';
import { protectDiagnostic } from '../../domain/diagnostic/protection.js';
import { parseLongLayoutCsv } from './long-layout.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function seedDiagnostic() {
  const imported = parseLongLayoutCsv(fixture('carrieres-sur-seine-78.csv'));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  return computeDiagnostic({
    territory: { code: '78124', name: 'Carrières-sur-Seine', level: 'commune' },
    reference: { code: '78', name: 'Yvelines', level: 'departement' },
    values: imported.rows,
    givenShares: imported.shares,
  });
}

const spec = fixture('annexe1-carrieres-sur-seine.tsv')
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [section, id, , , commune, departement, shareCommune, shareDepartement, shareOf] = line.split('\t');
    return {
      section: section as SectionId,
      id: id!,
      commune: commune!,
      departement: departement!,
      shareCommune: shareCommune!,
      shareDepartement: shareDepartement!,
      shareOf: shareOf!,
    };
  });

/** The one printed share that does not agree with the seed's own counts (595 / 15 178 = 3.9 %). */
const SEED_SLIPS = new Map([['petite_enfance/children_3_5', 3.9]]);

describe('seed diagnostic of Carrières-sur-Seine against the Yvelines', () => {
  const d = seedDiagnostic();

  it('imports the fixture without error', () => {
    expect(d.tables.get('78124')!.size).toBeGreaterThan(100);
  });

  it('recomputes every printed share of the commune to 0.1, and 3.9 for children 3-5', () => {
    const withShare = spec.filter((row) => row.shareCommune !== '' && row.shareOf !== '');
    expect(withShare.length).toBeGreaterThan(55);
    for (const row of withShare) {
      const computed = findRow(d, row.section, row.id).share;
      const expected = SEED_SLIPS.get(`${row.section}/${row.id}`) ?? Number(row.shareCommune);
      expect(computed, `${row.section}/${row.id}`).not.toBeNull();
      expect(Math.abs(computed! - expected), `${row.section}/${row.id}`).toBeLessThan(0.05);
    }
    expect(findRow(d, 'petite_enfance', 'children_3_5').share).toBe(3.9);
    expect(findRow(d, 'demographie', 'children_3_5').share).toBe(3.9);
  });

  it('shows every Yvelines figure of the seed in referenceValue, and every percentage in referenceShare', () => {
    const figures = spec.filter((row) => row.departement !== '' && !row.departement.startsWith('<'));
    expect(figures.length).toBeGreaterThanOrEqual(50);
    for (const row of figures) {
      const shown = findRow(d, row.section, row.id).referenceValue;
      const printed = Number(row.departement.replace(',', '.'));
      const value = typeof shown === 'bigint' ? Number(shown) / 100 : shown;
      expect(value, `${row.section}/${row.id}`).toBe(printed);
    }
    const percentages = spec.filter((row) => row.shareDepartement !== '');
    expect(percentages).toHaveLength(33);
    for (const row of percentages) {
      expect(findRow(d, row.section, row.id).referenceShare, `${row.section}/${row.id}`).toBe(
        Number(row.shareDepartement),
      );
    }
  });

  it('keeps a percentage printed without its count apart from computed ones', () => {
    expect(findRow(d, 'demographie', 'population').referenceShare).toBe(100);
    expect(findRow(d, 'demographie', 'population').referenceShareGiven).toBe(false);
    const families = findRow(d, 'demographie', 'families');
    expect([families.referenceShare, families.referenceShareGiven, families.referenceValue]).toEqual([
      61.9,
      true,
      null,
    ]);
    // The commune's share is computed from its counts, never taken from a percentage.
    expect([families.share, families.shareGiven]).toEqual([66.2, false]);
    expect(findRow(d, 'demographie', 'families').notableLabel).toBeNull(); // 66.2 vs 61.9
    expect(findRow(d, 'logement', 'housing_aid_private').notableLabel).toBe('nettement supérieur');
  });

  it('holds the seed’s three other "<5" cells as figures withheld by the source', () => {
    for (const [section, id] of [
      ['precarite', 'social_work_insertion'],
      ['logement', 'indecent_housing'],
      ['jeunesse', 'ave_2022'],
    ] as const) {
      const row = findRow(d, section, id);
      expect([row.value, row.unknown], id).toEqual([null, true]);
    }
    expect(findRow(d, 'handicap', 'aeeh_children_0_2').value).toBe(1);
  });

  it('prints the notes of each table under it', () => {
    const precarite = d.sections.find((s) => s.id === 'precarite')!;
    expect(precarite.notes).toContain('Dernier seuil de bas revenus : 1 167 € par personne et par mois.');
    expect(precarite.notes.filter((n) => n.includes('dont 78 %'))).toHaveLength(1);
    expect(precarite.notes.some((n) => n.includes('sans leur effectif'))).toBe(true);
  });

  it('notes the youth total and totals the Yvelines funding in cents', () => {
    const messages = d.notes.map((note) => `${note.subject} : ${note.message}`);
    expect(messages).toContain(
      'Carrières-sur-Seine – Total enfants et jeunes de 6-24 ans : Le total publié (4\u202f154) diffère de la somme de ses parties (4\u202f155) : les estimations Insee sont arrondies séparément.',
    );
    expect(findRow(d, 'jeunesse', 'youth_6_24').value).toBe(4154);
    const funding = findRow(d, 'implication_caf', 'funding_total');
    expect(funding.referenceValue).toBe(13_016_141_300n);
    expect(funding.value).toBe(195_595_000n);
    expect(messages).toContain(
      'Yvelines – Total des financements d’action sociale de la Caf : Le total publié (130\u202f161\u202f413\u00a0€) diffère de la somme de ses parties (130\u202f161\u202f414\u00a0€) : les lignes sont imprimées arrondies à l’euro ; le total publié, calculé sur les montants exacts, est conservé.',
    );
    expect(d.notes).toHaveLength(2);
  });

  it('compares rates and means with the département', () => {
    expect(findRow(d, 'demographie', 'family_quotient_mean').notableLabel).toBe('nettement supérieur');
    expect(findRow(d, 'petite_enfance', 'coverage_rate_assmat').notableLabel).toBe('nettement inférieur');
    expect(findRow(d, 'demographie', 'caf_coverage').notable).toBeNull(); // 44.5 vs 50.1: 11 %
  });

  it('blanks the seed’s "<5" AEEH band and enough around it once protected', () => {
    const protectedDiagnostic = protectDiagnostic(d);
    const handicap = protectedDiagnostic.sections.find((s) => s.id === 'handicap')!.rows;
    const band = handicap.find((r) => r.id === 'aeeh_children_0_2')!;
    expect([band.value, band.share]).toEqual([null, null]);
    const published = handicap
      .filter((r) => r.id.startsWith('aeeh_children') && r.value !== null)
      .map((r) => r.id);
    expect(published.length).toBeLessThanOrEqual(5); // of the 7 AEEH children rows, at least 2 are blank
    expect(protectedDiagnostic.notes).toHaveLength(2); // both notes are about public figures
    // The Yvelines' printed percentages of AEEH children stand as the Caf printed them.
    expect(band.referenceShare).toBe(3.8);
  });

  it('blanks a figure withheld by its source, and its share, once protected', () => {
    const protectedDiagnostic = protectDiagnostic(d);
    const rows = protectedDiagnostic.sections.flatMap((s) => s.rows);
    for (const id of ['social_work_insertion', 'indecent_housing', 'ave_2022']) {
      const row = rows.find((r) => r.id === id)!;
      expect(row.value, id).toBeNull();
      expect(row.statuses.value, id).not.toBe('published');
      expect(row.statuses.value, id).not.toBe('absent');
    }
    // The Yvelines' count of non-decent housing is printed: it stays.
    expect(rows.find((r) => r.id === 'indecent_housing')!.referenceValue).toBe(262);
  });
});
