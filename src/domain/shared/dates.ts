/**
 * Calendar dates as "YYYY-MM-DD" strings, with no time zone involved. Time comes in from a clock
 * passed by the caller; nothing here reads the system time.
 */

export type IsoDate = string;

export interface Clock {
  /** Today's date in the platform's reference calendar (Europe/Paris). */
  today(): IsoDate;
  now(): Date;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function parseIsoDate(text: IsoDate): { year: number; month: number; day: number } {
  if (!isIsoDate(text)) throw new RangeError(`Date invalide : « ${text} » (format attendu AAAA-MM-JJ)`);
  const m = ISO.exec(text)!;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function toIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar months; the day is clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return toIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return toIsoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** "1er janvier 2024", "31 décembre 2027" (no-break spaces inside). */
export function formatFrenchDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  const nbsp = '\u00a0';
  return `${day === 1 ? '1er' : day}${nbsp}${MONTHS[month - 1]}${nbsp}${year}`;
}

/** "10/03/2025". */
export function formatShortFrenchDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

// Formatters made once: each `new Intl.DateTimeFormat` builds ICU objects outside the JavaScript
// heap (about 150 µs and tens of KB each), which a call per request piles up faster than the garbage
// collector, unaware of their size, frees them.
/** fr-CA writes dates as YYYY-MM-DD. */
const parisDay = new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris' });
const parisMinute = new Intl.DateTimeFormat('fr-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Today's date in Paris, formatted again once per second at most (every request asks for it). */
let today = { date: '', until: 0 };

/** A clock on the real time, giving today's date in Paris. */
export const systemClock: Clock = {
  now: () => new Date(),
  today: () => {
    const now = Date.now();
    if (now >= today.until) today = { date: parisDay.format(now), until: now - (now % 1000) + 1000 };
    return today.date;
  },
};

/** A clock fixed at a date, for tests and reproducible runs. */
export function fixedClock(date: IsoDate): Clock {
  parseIsoDate(date);
  return { today: () => date, now: () => new Date(`${date}T12:00:00Z`) };
}

/** "1er décembre 2026 à 10 h 42", the moment read in Paris (no-break spaces inside). */
export function formatFrenchDateTime(at: Date): string {
  const parts = Object.fromEntries(parisMinute.formatToParts(at).map((p) => [p.type, p.value]));
  const nbsp = '\u00a0';
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return `${formatFrenchDate(day)} à ${Number(parts.hour)}${nbsp}h${nbsp}${parts.minute}`;
}
