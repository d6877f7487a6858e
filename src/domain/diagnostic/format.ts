/** French formatting of diagnostic figures for pages and documents: counts, euros, percentages, blanks and absences. */
import type { PublishedStatus } from './protection.js';

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const euros = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});

export function isBlank(status: PublishedStatus): boolean {
  return status === 'secret';
}

/** The value as printed in a table cell, or null for a blank or an absent figure. */
export function formatFigure(value: number | null, unit: string): string | null {
  if (value === null) return null;
  if (unit === 'euros') return euros.format(value);
  if (unit === 'pourcentage') return `${oneDecimal.format(value)} %`;
  if (unit === 'pour 100 enfants') return oneDecimal.format(value);
  return integer.format(value);
}

export function formatShare(value: number | null): string | null {
  return value === null ? null : `${oneDecimal.format(value)} %`;
}

export function frenchDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
