/** Printed percentages and what they give away about their numerator. */
import { describe, expect, it } from 'vitest';
import { mulberry32, numeratorsPrintingLike } from './audit.test-support.js';
import { numeratorRange, percentage, scaledPercentage, shareRevealsNumerator } from './ratio.js';

describe('percentages', () => {
  it('rounds half up from exact integers, as the seed prints them', () => {
    expect(percentage(1n, 103n, 1)).toBe(1);
    expect(percentage(6n, 103n, 1)).toBe(5.8);
    expect(percentage(39n, 103n, 1)).toBe(37.9);
    expect(percentage(95n, 103n, 1)).toBe(92.2);
    expect(percentage(1n, 8n, 1)).toBe(12.5);
    expect(percentage(1n, 16n, 1)).toBe(6.3); // 6.25 → 6.3, half up
    expect(percentage(1n, 3n, 0)).toBe(33);
    expect(percentage(5n, 0n, 1)).toBeNull();
    expect(scaledPercentage(-1n, 16n, 1)).toBe(-63n);
  });

  it('1.0 % of 103 gives the AEEH 0-2 count away; a share of a large denominator does not', () => {
    expect(numeratorRange(10n, 103n, 1)).toEqual({ min: 1n, max: 1n });
    expect(shareRevealsNumerator(1n, 103n, 1)).toBe(true);
    expect(shareRevealsNumerator(3n, 15178n, 1)).toBe(false);
    // 10^-(d+2) · denominator < 1 is the rough rule; the exact one counts the integers.
    expect(shareRevealsNumerator(500n, 999n, 1)).toBe(true);
    expect(shareRevealsNumerator(1000n, 2500n, 1)).toBe(false);
  });

  it('numeratorRange agrees with brute force on random shares', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 300; i++) {
      const den = BigInt(1 + Math.floor(rand() * 3000));
      const num = BigInt(Math.floor(rand() * (Number(den) + 1)));
      const decimals = Math.floor(rand() * 3);
      const brute = numeratorsPrintingLike(num, den, decimals);
      const range = numeratorRange(scaledPercentage(num, den, decimals)!, den, decimals)!;
      expect([range.min, range.max]).toEqual([brute[0], brute[brute.length - 1]]);
      expect(range.max - range.min + 1n).toBe(BigInt(brute.length));
    }
  });
});
