/**
 * Percentages printed beside counts, computed exactly from integers, and what a printed percentage
 * tells about its numerator: a share printed with d decimals of a known denominator pins the
 * numerator down to the integers whose percentage rounds to the same figure.
 */

const pow10 = (decimals: number): bigint => 10n ** BigInt(decimals);

/** round-half-up(n / d) for d > 0, halves going away from zero (so −0.5 → −1, as for +0.5 → 1). */
function roundHalfUp(n: bigint, d: bigint): bigint {
  const sign = n < 0n ? -1n : 1n;
  const magnitude = n < 0n ? -n : n;
  return sign * ((2n * magnitude + d) / (2n * d));
}

/**
 * The percentage numerator·100/denominator rounded half-up to `decimals`, as an integer scaled by
 * 10^decimals (37.9 % with one decimal → 379n). Null when the denominator is 0.
 */
export function scaledPercentage(numerator: bigint, denominator: bigint, decimals: number): bigint | null {
  if (denominator === 0n) return null;
  const sign = denominator < 0n ? -1n : 1n;
  return roundHalfUp(sign * numerator * 100n * pow10(decimals), sign * denominator);
}

/** The same percentage as a number (exact decimal representation of the rounded value). */
export function percentage(numerator: bigint, denominator: bigint, decimals: number): number | null {
  const scaled = scaledPercentage(numerator, denominator, decimals);
  if (scaled === null) return null;
  return Number(scaled) / 10 ** decimals;
}

/**
 * Every nonnegative integer numerator whose percentage of `denominator` (> 0) prints as `scaled`
 * (a percentage scaled by 10^decimals): n with scaled − ½ ≤ n·100·10^d / denominator < scaled + ½.
 * A reader who sees the printed share and the denominator learns that the numerator lies in
 * [min, max]; when min = max the share gives the numerator away.
 */
export function numeratorRange(
  scaled: bigint,
  denominator: bigint,
  decimals: number,
): { min: bigint; max: bigint } | null {
  if (denominator <= 0n) return null;
  const unit = 200n * pow10(decimals); // 2·100·10^d, so that the half-integers become integers
  const ceilDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? (a + b - 1n) / b : -(-a / b));
  let min = ceilDiv((2n * scaled - 1n) * denominator, unit);
  const max = ceilDiv((2n * scaled + 1n) * denominator, unit) - 1n;
  if (min < 0n) min = 0n;
  if (max < min) return null;
  return { min, max };
}

/** True when the printed share of this denominator leaves exactly one possible numerator. */
export function shareRevealsNumerator(numerator: bigint, denominator: bigint, decimals: number): boolean {
  const scaled = scaledPercentage(numerator, denominator, decimals);
  if (scaled === null || denominator <= 0n || numerator < 0n) return false;
  const range = numeratorRange(scaled, denominator, decimals);
  return range !== null && range.min === range.max;
}
