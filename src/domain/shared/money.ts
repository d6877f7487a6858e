/**
 * Money is held in integer cents (bigint) everywhere; floats never enter a total.
 * Formatting follows French typography: narrow no-break space between thousands, "€" after.
 */

export type Cents = bigint;

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** Parses "1 357 141", "1357141,50" or "1357141.5" euros into cents. Throws on anything else. */
export function parseEuros(text: string): Cents {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) throw new RangeError(`Montant invalide : « ${text} »`);
  const [, sign, whole, frac = ''] = match;
  const cents = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
  return sign ? -cents : cents;
}

export function euros(whole: number | bigint): Cents {
  return BigInt(whole) * 100n;
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** Groups digits by three with a narrow no-break space, as French typography wants. */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
}

/** "1 357 141 €" (no cents when the amount is whole), "12,50 €" otherwise. */
export function formatEuros(cents: Cents, options: { alwaysCents?: boolean } = {}): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = groupDigits((abs / 100n).toString());
  const rest = abs % 100n;
  const body = rest === 0n && !options.alwaysCents ? whole : `${whole},${rest.toString().padStart(2, '0')}`;
  return `${negative ? '-' : ''}${body}${NBSP}€`;
}

/** Formats an integer count the French way: "1 448 207". */
export function formatCount(value: number | bigint): string {
  const negative = value < 0;
  const digits = (negative ? -BigInt(value) : BigInt(value)).toString();
  return `${negative ? '-' : ''}${groupDigits(digits)}`;
}
