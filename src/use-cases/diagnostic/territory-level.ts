/** The level of a diagnostic territory code: commune (5 characters), EPCI (SIREN) or département. */
import type { DiagnosticLevel } from '../../db/repositories/diagnostic.repository.js';

export function levelOfCode(code: string): DiagnosticLevel {
  if (/^\d{9}$/.test(code)) return 'epci';
  if (/^(\d{5}|2[AB]\d{3})$/.test(code)) return 'commune';
  return 'departement';
}
