import { describe, expect, it } from 'vitest';
import { lockedUntil, tooManyAttemptsMessage } from './login-throttle.js';

const at = (min: number) => new Date(Date.UTC(2026, 10, 28, 8, 0) + min * 60_000);

describe('lockedUntil', () => {
  it('lets nine failures in the window through', () => {
    const failures = Array.from({ length: 9 }, (_, i) => at(i));
    expect(lockedUntil(failures, at(10))).toBeNull();
  });
  it('locks after ten failures until the oldest leaves the 15-minute window', () => {
    const failures = Array.from({ length: 10 }, (_, i) => at(i));
    expect(lockedUntil(failures, at(10))).toEqual(at(15));
    expect(lockedUntil(failures, at(15))).toBeNull();
  });
  it('with more than ten, waits until only nine are left', () => {
    const failures = Array.from({ length: 12 }, (_, i) => at(i)).reverse();
    expect(lockedUntil(failures, at(12))).toEqual(at(17));
  });
  it('ignores failures older than 15 minutes', () => {
    const failures = Array.from({ length: 10 }, () => at(0));
    expect(lockedUntil(failures, at(16))).toBeNull();
  });
});

describe('tooManyAttemptsMessage', () => {
  it('prints Paris time, rounded up to the minute', () => {
    // 08:41:30 UTC is 09:41:30 in Paris in November.
    expect(tooManyAttemptsMessage(new Date(Date.UTC(2026, 10, 28, 8, 41, 30)))).toBe(
      'Trop de tentatives : réessayez après 09 h 42.',
    );
  });
});
