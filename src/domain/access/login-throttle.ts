/**
 * How many failed logins are allowed, and until when a key (an account or a client address) is
 * locked once it has used them. Pure: the failures and the time come from the caller.
 */

export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * The moment the key may try again, or null when it may try now. With n ≥ max failures in the
 * window (sorted or not), the count falls below the limit when the (n − max + 1)-th oldest of them
 * leaves the window.
 */
export function lockedUntil(
  failures: readonly Date[],
  now: Date,
  max = LOGIN_MAX_FAILURES,
  windowMs = LOGIN_WINDOW_MS,
): Date | null {
  const start = now.getTime() - windowMs;
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > start && t <= now.getTime())
    .sort((a, b) => a - b);
  if (recent.length < max) return null;
  return new Date(recent[recent.length - max]! + windowMs);
}

// Made once: a formatter per call costs ICU objects outside the JavaScript heap (see shared/dates.ts).
const parisHourMinute = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** « 09 h 42 » in Paris time, as the retry message prints it. */
export function parisTime(date: Date): string {
  const parts = parisHourMinute.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('hour')} h ${get('minute')}`;
}

/** Rounded up to the minute, so that a retry at the time printed is never refused. */
export function tooManyAttemptsMessage(retryAt: Date): string {
  const minute = new Date(Math.ceil(retryAt.getTime() / 60_000) * 60_000);
  return `Trop de tentatives : réessayez après ${parisTime(minute)}.`;
}
