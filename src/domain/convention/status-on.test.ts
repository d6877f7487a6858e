import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate, toIsoDate } from '../shared/dates.js';
import {
  type CalendarFacts,
  calendarFacts,
  calendarTransition,
  statusAt,
  statusOn,
  storedStatusesReading,
} from './lifecycle.js';
import type { ConventionStatus } from './model.js';
import { draftCarrieres, signedCarrieres } from './testing.js';

const period = { start: '2025-01-01', end: '2028-12-31' };
const facts = (
  status: ConventionStatus,
  terminations: CalendarFacts['terminations'] = [],
): CalendarFacts => ({
  status,
  signedPeriod: period,
  terminations,
});
const notice = (effectiveOn: IsoDate, remediedOn: IsoDate | null = null) => ({ effectiveOn, remediedOn });

describe('statusOn: the status a person sees on a day', () => {
  it('keeps a draft, a text in signature, an expired or a terminated convention as stored, whatever the day', () => {
    for (const status of ['draft', 'in_signature', 'expired', 'terminated'] as const) {
      for (const day of ['2024-12-31', '2025-01-01', '2028-12-31', '2029-01-01', '2040-06-15']) {
        expect(statusOn(facts(status), day)).toBe(status);
      }
    }
  });

  it('enters into force on the start date, not the day before', () => {
    expect(statusOn(facts('signed'), '2024-12-31')).toBe('signed');
    expect(statusOn(facts('signed'), '2025-01-01')).toBe('in_force');
  });

  it('is in force on the end date and expired the day after, from either signed status', () => {
    for (const status of ['signed', 'in_force'] as const) {
      expect(statusOn(facts(status), '2028-12-31')).toBe('in_force');
      expect(statusOn(facts(status), '2029-01-01')).toBe('expired');
      expect(statusOn(facts(status), '2035-03-01')).toBe('expired');
    }
  });

  it('never reads an in-force convention as merely signed, even on a day before its start', () => {
    expect(statusOn(facts('in_force'), '2024-06-01')).toBe('in_force');
    expect(calendarTransition(facts('in_force'), '2024-06-01')).toBeNull();
  });

  it('expires the day after a 29 February', () => {
    const leap: CalendarFacts = {
      ...facts('in_force'),
      signedPeriod: { start: '2025-01-01', end: '2028-02-29' },
    };
    expect(statusOn(leap, '2028-02-29')).toBe('in_force');
    expect(statusOn(leap, '2028-03-01')).toBe('expired');
  });

  it('is terminated from the day a notice takes effect, not the day before', () => {
    const running = facts('in_force', [notice('2026-09-10')]);
    expect(statusOn(running, '2026-09-09')).toBe('in_force');
    expect(statusOn(running, '2026-09-10')).toBe('terminated');
    expect(statusOn(running, '2030-01-01')).toBe('terminated');
  });

  it('ignores a remedied formal notice and takes the earliest outstanding one', () => {
    const two = facts('in_force', [
      notice('2026-04-10', '2026-03-20'),
      notice('2026-10-01'),
      notice('2026-07-01'),
    ]);
    expect(statusOn(two, '2026-04-10')).toBe('in_force');
    expect(statusOn(two, '2026-06-30')).toBe('in_force');
    expect(statusOn(two, '2026-07-01')).toBe('terminated');
  });

  it('lets the term win when a notice would take effect after it, and the notice when it falls on the end date', () => {
    expect(statusOn(facts('in_force', [notice('2029-03-01')]), '2029-03-01')).toBe('expired');
    expect(statusOn(facts('in_force', [notice('2028-12-31')]), '2028-12-31')).toBe('terminated');
  });

  it('terminates a signed convention before it ever entered into force', () => {
    expect(statusOn(facts('signed', [notice('2024-12-15')]), '2024-12-20')).toBe('terminated');
  });

  it('is what statusAt says for a whole convention, read from its signed version', () => {
    const c = signedCarrieres();
    expect(calendarFacts(c).signedPeriod).toEqual(c.versions[0]!.content.period);
    expect(statusAt(c, '2024-12-05')).toBe(statusOn(calendarFacts(c), '2024-12-05'));
    expect(statusAt(draftCarrieres(), '2030-01-01')).toBe('draft');
  });
});

describe('calendarTransition: the change the stored status does not show yet', () => {
  it('names the event and the day the new status began', () => {
    expect(calendarTransition(facts('signed'), '2024-12-31')).toBeNull();
    expect(calendarTransition(facts('signed'), '2025-02-01')).toEqual({
      from: 'signed',
      to: 'in_force',
      event: 'enter_into_force',
      effectiveOn: '2025-01-01',
    });
    expect(calendarTransition(facts('in_force'), '2028-12-31')).toBeNull();
    expect(calendarTransition(facts('in_force'), '2029-01-01')).toEqual({
      from: 'in_force',
      to: 'expired',
      event: 'expire',
      effectiveOn: '2029-01-01',
    });
    expect(calendarTransition(facts('signed'), '2029-05-01')).toMatchObject({
      to: 'expired',
      event: 'expire',
    });
    expect(calendarTransition(facts('in_force', [notice('2026-09-10')]), '2026-09-12')).toEqual({
      from: 'in_force',
      to: 'terminated',
      event: 'terminate',
      effectiveOn: '2026-09-10',
    });
    expect(calendarTransition(facts('expired'), '2040-01-01')).toBeNull();
  });
});

describe('storedStatusesReading', () => {
  const statuses = ['draft', 'in_signature', 'signed', 'in_force', 'expired', 'terminated'] as const;
  const day = fc
    .record({
      y: fc.integer({ min: 2023, max: 2031 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => toIsoDate(y, m, d));

  it('holds the stored status of every convention that reads a status on some day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        day,
        fc.integer({ min: 1, max: 2000 }),
        fc.array(fc.tuple(day, fc.option(day)), { maxLength: 3 }),
        day,
        (status, start, length, procedures, today) => {
          const f: CalendarFacts = {
            status,
            signedPeriod: { start, end: addDays(start, length) },
            terminations: procedures.map(([effectiveOn, remediedOn]) => ({ effectiveOn, remediedOn })),
          };
          expect(storedStatusesReading(statusOn(f, today))).toContain(status);
        },
      ),
    );
  });
});
