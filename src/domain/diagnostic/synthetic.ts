/**
 * Synthetic diagnostic values for a commune with no imported data (demonstrations, tests, a fresh
 * installation): deterministic from the commune's code, scaled on its real population, and
 * consistent with the catalogue (parts never exceed totals, additive relations hold exactly).
 * Every row is flagged `synthetic: true` so that the interface can say "données synthétiques".
 */

import { CATALOGUE, type Catalogue } from './catalogue.js';
import type { IndicatorValue, ValueRow } from './types.js';

/** FNV-1a, 32 bits: a stable seed from a code such as "78124" or "2A004". */
function hashCode(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, good enough for plausible figures, identical on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Draw {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = mulberry32(hashCode(seed));
  }
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  /** round(base × U(min, max)), never above `base` when max ≤ 1. */
  part(base: number, min: number, max: number): number {
    return Math.min(Math.round(base * this.between(min, max)), max <= 1 ? base : Number.MAX_SAFE_INTEGER);
  }
  integer(min: number, max: number): number {
    return Math.floor(this.between(min, max + 1));
  }
  /** A rate with one decimal. */
  rate(min: number, max: number): number {
    return Math.round(this.between(min, max) * 10) / 10;
  }
  /** An amount in cents: `count` beneficiaries × U(min, max) euros each, with cents. */
  amount(count: number, min: number, max: number): bigint {
    return BigInt(Math.round(count * this.between(min, max) * 100));
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/** Splits `total` by weights with the largest-remainder method, so that the parts add up exactly. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left--;
  }
  return parts;
}

export interface SyntheticOptions {
  catalogue?: Catalogue;
}

/** Plausible values of every printed indicator for one commune, at each indicator's seed date. */
export function syntheticCommuneValues(
  code: string,
  population: number,
  options: SyntheticOptions = {},
): ValueRow[] {
  if (!Number.isSafeInteger(population) || population < 0) {
    throw new RangeError(`Population invalide : ${population}`);
  }
  const catalogue = options.catalogue ?? CATALOGUE;
  const draw = new Draw(`ctg-synthetic:${code}`);
  const v = new Map<string, IndicatorValue>();
  const P = population;

  // Demography (Insee)
  v.set('population', P);
  const evolution = draw.rate(-3, 6);
  v.set('population_evolution_6y', evolution);
  v.set('population_evolution_annual', Math.round((evolution / 6) * 10) / 10);
  const natural = draw.rate(-0.5, 1);
  v.set('population_evolution_natural', natural);
  v.set('population_evolution_migratory', Math.round((evolution / 6 - natural) * 10) / 10);
  const bands = {
    children_0_2: draw.part(P, 0.028, 0.042),
    children_3_5: draw.part(P, 0.03, 0.042),
    children_6_11: draw.part(P, 0.065, 0.09),
    children_12_15: draw.part(P, 0.045, 0.065),
    children_16_19: draw.part(P, 0.045, 0.065),
    children_20_24: draw.part(P, 0.04, 0.07),
  };
  for (const [id, value] of Object.entries(bands)) v.set(id, value);
  v.set(
    'children_0_24',
    Object.values(bands).reduce((a, b) => a + b, 0),
  );
  const youth1617 = Math.round(bands.children_16_19 * draw.between(0.48, 0.53));
  const youth = {
    youth_6_11: bands.children_6_11,
    youth_12_15: bands.children_12_15,
    youth_16_17: youth1617,
    youth_18_19: bands.children_16_19 - youth1617,
    youth_20_24: bands.children_20_24,
  };
  for (const [id, value] of Object.entries(youth)) v.set(id, value);
  v.set(
    'youth_6_24',
    Object.values(youth).reduce((a, b) => a + b, 0),
  );

  // Allocataires
  const A = draw.part(P, 0.13, 0.2);
  v.set('allocataires', A);
  v.set(
    'caf_coverage',
    Math.min(100, Math.round((A / Math.max(P, 1)) * 100 * draw.between(2.6, 3) * 10) / 10),
  );
  const F = draw.part(A, 0.55, 0.68);
  v.set('families', F);
  v.set('isolated', Math.min(A - F, draw.part(A, 0.25, 0.33)));
  const singleParents = draw.part(F, 0.18, 0.3);
  v.set('single_parents', singleParents);
  v.set('single_parents_working', draw.part(singleParents, 0.6, 0.8));
  v.set('large_families', draw.part(F, 0.18, 0.3));
  v.set('family_quotient_mean', BigInt(Math.round(draw.between(900, 1600) * 100)));

  // Precarity
  v.set('dependent_100', draw.part(A, 0.06, 0.14));
  v.set('low_income_persons', draw.part(P, 0.06, 0.16));
  const rsa = draw.part(A, 0.05, 0.13);
  v.set('rsa', rsa);
  v.set('rsa_isolation', draw.part(rsa, 0.05, 0.15));
  const ppa = draw.part(A, 0.18, 0.3);
  v.set('ppa', ppa);
  v.set('rsa_amount', draw.amount(rsa, 480, 560));
  v.set('ppa_amount', draw.amount(ppa, 170, 210));
  const scale = A / 2000;
  v.set('social_work_insertion', Math.round(draw.integer(0, 8) * scale));
  v.set('social_work_housing', Math.round(draw.integer(2, 12) * scale));
  v.set('social_work_parenting', Math.round(draw.integer(15, 45) * scale));

  // Disability
  const aah = draw.part(A, 0.04, 0.07);
  v.set('aah', aah);
  v.set('aah_amount', draw.amount(aah, 780, 850));
  const aeeh = draw.part(A, 0.03, 0.05);
  v.set('aeeh', aeeh);
  const aeehChildren = Math.round(aeeh * draw.between(1.03, 1.12));
  const aeehOver17 = Math.round(aeehChildren * draw.between(0.03, 0.1));
  const aeehBands = split(
    aeehChildren - aeehOver17,
    [0.03, 0.08, 0.4, 0.32, 0.17].map((w) => w * draw.between(0.8, 1.2)),
  );
  const aeehIds = [
    'aeeh_children_0_2',
    'aeeh_children_3_5',
    'aeeh_children_6_11',
    'aeeh_children_12_15',
    'aeeh_children_16_17',
  ];
  aeehIds.forEach((id, i) => {
    v.set(id, aeehBands[i]!);
  });
  v.set('aeeh_children_0_17', aeehChildren - aeehOver17);
  v.set('aeeh_children', aeehChildren);
  v.set('aeeh_children_6_17', aeehBands[2]! + aeehBands[3]! + aeehBands[4]!);

  // Housing
  const H = draw.part(A, 0.2, 0.35);
  v.set('housing_aid', H);
  v.set('apl', draw.part(H, 0.5, 0.7));
  const privateRent = draw.part(H, 0.3, 0.5);
  v.set('housing_aid_private', privateRent);
  v.set('housing_aid_social', Math.min(H - privateRent, draw.part(H, 0.4, 0.55)));
  v.set('housing_aid_amount', draw.amount(H, 210, 250));
  v.set('rent_arrears', draw.part(H, 0.03, 0.06));
  v.set('indecent_housing', draw.part(H, 0, 0.01));

  // Early childhood
  const c02 = bands.children_0_2;
  const families02 = draw.part(F, 0.18, 0.24);
  v.set('families_0_2', families02);
  v.set('families_0_2_all_working', draw.part(families02, 0.55, 0.7));
  v.set('families_0_2_single', draw.part(families02, 0.1, 0.18));
  v.set('children_0_2_caf_coverage', draw.rate(55, 92));
  v.set('children_3_5_caf_coverage', draw.rate(60, 88));
  v.set('children_0_2_low_income', draw.part(c02, 0.1, 0.2));
  v.set('cmg_assmat', draw.part(c02, 0.1, 0.2));
  v.set('cmg_home', draw.part(c02, 0.01, 0.03));
  v.set('cmg_structure', draw.part(c02, 0.02, 0.06));
  v.set('prepare', draw.part(c02, 0.02, 0.06));
  const eajeTypes = ['collective', 'multi', 'family', 'micro_psu', 'parental'] as const;
  const placesPer = { collective: 50, multi: 40, family: 60, micro_psu: 10, parental: 15 };
  const typeShare = { collective: 0.18, multi: 0.08, family: 0.03, micro_psu: 0.03, parental: 0.01 };
  let structures = 0;
  let places = 0;
  for (const type of eajeTypes) {
    const n = Math.round((c02 * typeShare[type] * draw.between(0.5, 1.5)) / placesPer[type]);
    const p = n === 0 ? 0 : Math.round(n * placesPer[type] * draw.between(0.7, 1.3));
    v.set(`eaje_${type}_structures`, n);
    v.set(`eaje_${type}_places`, p);
    structures += n;
    places += p;
  }
  v.set('eaje_structures', structures);
  v.set('eaje_places', places);
  v.set('coverage_rate_global', draw.rate(40, 80));
  v.set('coverage_rate_assmat', draw.rate(15, 50));

  // Youth
  for (const [band, min, max] of [
    ['6_24', 55, 72],
    ['6_11', 75, 95],
    ['12_15', 75, 92],
    ['16_17', 60, 80],
    ['18_19', 50, 67],
    ['20_24', 5, 10],
  ] as const) {
    v.set(`youth_caf_coverage_${band}`, draw.rate(min, max));
  }
  v.set('neet_16_19', draw.part(bands.children_16_19, 0.01, 0.04));
  v.set('ave_2021', Math.round(draw.integer(0, 6) * scale));
  v.set('ave_2022', Math.round(draw.integer(0, 6) * scale));

  // Parenting
  for (const [age, min, max] of [
    ['3_5', 0.2, 0.26],
    ['6_11', 0.45, 0.55],
    ['12_15', 0.38, 0.45],
  ] as const) {
    const families = draw.part(F, min, max);
    v.set(`families_${age}`, families);
    v.set(`families_${age}_all_working`, draw.part(families, 0.65, 0.8));
    v.set(`families_${age}_single`, draw.part(families, 0.12, 0.24));
  }
  v.set('ajpp', draw.part(A, 0, 0.002));

  // Caf funding (cents); some lines are zero in small communes, as in the seed
  const lines: [string, bigint][] = [
    ['funding_psu', draw.amount(places, 5000, 7000)],
    ['funding_bonus_inclusion', draw.chance(0.6) ? draw.amount(places, 5, 40) : 0n],
    ['funding_bonus_ctg', draw.amount(places, 1800, 2600)],
    ['funding_rpe', P > 3000 ? draw.amount(1, 15000, 30000) : 0n],
    ['funding_fjt', draw.chance(0.15) ? draw.amount(1, 20000, 90000) : 0n],
    ['funding_youth', draw.amount(bands.children_6_11 + bands.children_12_15, 8, 20)],
    ['funding_social_centres', draw.chance(0.5) ? draw.amount(1, 15000, 80000) : 0n],
    ['funding_laep', draw.chance(0.3) ? draw.amount(1, 5000, 20000) : 0n],
    ['funding_family_mediation', draw.chance(0.2) ? draw.amount(1, 5000, 30000) : 0n],
    ['funding_home_help', draw.chance(0.2) ? draw.amount(1, 5000, 40000) : 0n],
  ];
  for (const [id, amount] of lines) v.set(id, amount);
  v.set(
    'funding_total',
    lines.reduce((sum, [, amount]) => sum + amount, 0n),
  );
  v.set('family_benefits_december', draw.amount(F, 450, 650));

  const rows: ValueRow[] = [];
  for (const indicator of catalogue.indicators.values()) {
    const value = v.get(indicator.id);
    if (value === undefined) continue;
    rows.push({
      territory: code,
      indicator: indicator.id,
      date: indicator.seedDate,
      value,
      source: 'Données synthétiques',
      synthetic: true,
    });
  }
  return rows;
}
