/**
 * What the plan's charts share: their colours (all at least 3:1 against white for shapes, 4.5:1 for
 * text, WCAG 1.4.11 and 1.4.3), the hatching that tells a late band or a target bar apart without
 * relying on colour, and the day arithmetic of the timeline. No style attribute anywhere (the CSP):
 * SVG presentation attributes only, and classes styled in /assets/plan.css.
 */

import { parseIsoDate } from '../../../domain/shared/dates.js';

export const INK = '#1b1b1f';
export const MUTED = '#4a4a55';
export const BRAND = '#00546b';
export const OK = '#1d6b34';
export const DANGER = '#a4161a';
export const WARN = '#8a4b00';
export const SOFT = '#f3f5f7';
export const LINE = '#c9ced6';

/** The stylesheet of the plan's views. */
export const PlanStyles = () => <link rel="stylesheet" href="/assets/plan.css" />;

/** Diagonal hatching of one colour on white, referred to as `url(#id)`. */
export function Hatch(props: { id: string; color: string }) {
  return (
    <pattern id={props.id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#ffffff" />
      <line x1="0" y1="0" x2="0" y2="6" stroke={props.color} stroke-width="3" />
    </pattern>
  );
}

/** Days since 1970-01-01 of a calendar date (no time zone involved). */
export function dayNumber(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** A number rounded to a tenth, for coordinates (keeps the markup short and stable). */
export function px(value: number): number {
  return Math.round(value * 10) / 10;
}

/** An id usable in markup from any text (`graphique-1.2` → `graphique-1-2`). */
export function markupId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-');
}

export function plural(count: number, one: string, many: string): string {
  return count === 1 || count === 0 ? one : many;
}
