import { describe, expect, it } from 'vitest';
import { addMonths, formatFrenchDate, formatFrenchDateTime, isIsoDate, systemClock } from './dates.js';
import { formatEuros, parseEuros, sumCents } from './money.js';
import { frenchTypography } from './typography.js';

describe('money', () => {
  it('sums the seed’s funding lines in cents without losing a euro', () => {
    const lines = ['1357141', '1594', '518738', '21127', '0', '33668', '23682', '0', '0', '0'];
    expect(sumCents(lines.map(parseEuros))).toBe(195_595_000n);
  });
  it('formats French amounts', () => {
    expect(formatEuros(135_714_100n)).toBe('1\u202f357\u202f141\u00a0€');
    expect(formatEuros(1250n)).toBe('12,50\u00a0€');
  });
  it('rejects malformed amounts', () => {
    expect(() => parseEuros('12,3,4')).toThrow(/Montant invalide/);
  });
});

describe('dates', () => {
  it('adds months and clamps the day', () => {
    expect(addMonths('2025-03-10', 1)).toBe('2025-04-10');
    expect(addMonths('2025-03-10', 6)).toBe('2025-09-10');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
  });
  it('formats French dates', () => {
    expect(formatFrenchDate('2024-01-01')).toBe('1er\u00a0janvier\u00a02024');
    expect(formatFrenchDate('2027-12-31')).toBe('31\u00a0décembre\u00a02027');
  });
  it('reads moments in Paris time, winter and summer', () => {
    const nbsp = '\u00a0';
    expect(formatFrenchDateTime(new Date('2026-12-01T09:42:00Z'))).toBe(
      `1er${nbsp}décembre${nbsp}2026 à 10${nbsp}h${nbsp}42`,
    );
    // 22:30 UTC on 30 June is already 1 July in Paris (UTC+2).
    expect(formatFrenchDateTime(new Date('2026-06-30T22:30:00Z'))).toBe(
      `1er${nbsp}juillet${nbsp}2026 à 0${nbsp}h${nbsp}30`,
    );
  });
  it('gives today in Paris as YYYY-MM-DD', () => {
    const before = Date.now();
    const today = systemClock.today();
    const paris = (at: number) => new Date(at).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    expect(isIsoDate(today)).toBe(true);
    // Around midnight the day may turn between the two readings.
    expect([paris(before), paris(Date.now())]).toContain(today);
  });
  it('validates dates', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});

describe('typography', () => {
  it('puts no-break spaces before high punctuation', () => {
    expect(frenchTypography('Vu le code ; et : quoi ?')).toBe('Vu le code\u202f; et\u00a0: quoi\u202f?');
  });
});
