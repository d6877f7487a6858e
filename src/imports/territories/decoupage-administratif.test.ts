import { describe, expect, it } from 'vitest';
import { countByLevel, readReferential } from './decoupage-administratif.js';

describe('readReferential', () => {
  const { rows, edition } = readReferential();
  const counts = countByLevel(rows);

  it('holds every current commune of France and records its edition', () => {
    expect(counts.commune).toBe(34_969);
    expect(counts.epci).toBeGreaterThan(1_200);
    expect(counts.departement).toBeGreaterThanOrEqual(101);
    expect(counts.region).toBeGreaterThanOrEqual(18);
    expect(edition).toBe('@etalab/decoupage-administratif@6.0.0');
  });

  it('links Carrières-sur-Seine to its EPCI and département', () => {
    const c = rows.find((r) => r.level === 'commune' && r.code === '78124')!;
    expect(c).toMatchObject({ name: 'Carrières-sur-Seine', epciCode: '200058519', departementCode: '78' });
    expect(c.postalCodes).toContain('78420');
    expect(c.searchName).toBe('carrieres sur seine');
  });

  it('keeps the départements of an EPCI spanning two of them', () => {
    const epci = rows.find((r) => r.level === 'epci' && r.code === '200058519')!;
    // Bezons (95) belongs to the CA Saint Germain Boucles de Seine with communes of the Yvelines.
    expect(epci.departementCodes).toEqual(['78', '95']);
    expect(epci.departementCode).toBe('78');
  });

  it('filters by département', () => {
    const only78 = countByLevel(readReferential({ departements: ['78'] }).rows);
    expect(only78.commune).toBe(259);
    expect(only78.departement).toBe(1);
  });
});
