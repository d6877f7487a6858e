import { describe, expect, it } from 'vitest';
import { formatDecimalText, isDecimalText } from './format.js';

describe('formatDecimalText', () => {
  it('writes an exact decimal the French way', () => {
    expect(formatDecimalText('12')).toBe('12');
    expect(formatDecimalText('0.35')).toBe('0,35');
    expect(formatDecimalText('1234567.125')).toBe('1\u202f234\u202f567,125');
    expect(formatDecimalText('-1200')).toBe('-1\u202f200');
    expect(formatDecimalText(' 7 ')).toBe('7');
  });
  it('leaves any other text as it is', () => {
    expect(formatDecimalText('n.c.')).toBe('n.c.');
    expect(formatDecimalText('1,5')).toBe('1,5');
    expect(isDecimalText('1,5')).toBe(false);
    expect(isDecimalText('1e3')).toBe(false);
    expect(isDecimalText('')).toBe(false);
    expect(isDecimalText('-0.5')).toBe(true);
  });
});
