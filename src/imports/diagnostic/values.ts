/**
 * Turns the text of one cell into a typed diagnostic value, with the French reason when it
 * cannot: counts are non-negative integers, amounts and means are euros read into cents, rates
 * are plain numbers. Shared by every diagnostic reader so that all of them say the same thing.
 */

import type { IndicatorKind } from '../../domain/diagnostic/catalogue.js';
import type { IndicatorValue } from '../../domain/diagnostic/types.js';
import { type IsoDate, isIsoDate, toIsoDate } from '../../domain/shared/dates.js';
import { parseEuros } from '../../domain/shared/money.js';

export interface ImportError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** Column name as written in the file's header, or "" for the file as a whole. */
  column: string;
  /** Full French sentence naming the line and the column. */
  message: string;
}

/** `value` is null when the source withheld the figure (secret at source: "s", "<5"). */
export type ParsedCell = { ok: true; value: IndicatorValue | null } | { ok: false; reason: string };

/** Builds « Ligne 12, colonne « valeur » : … » messages. */
export function importError(line: number, column: string, reason: string): ImportError {
  const where = column ? `Ligne ${line}, colonne « ${column} »` : `Ligne ${line}`;
  return { line, column, message: `${where} : ${reason}` };
}

const SPACES = /[\s\u00a0\u202f]/g;
/**
 * Marks a source prints for a figure it withheld under statistical secrecy: "s" (Insee, and the
 * Cnaf's CAFDATA files), "secret", and "<5" as printed in a convention. The figure exists but is
 * unknown: it is stored as secret, with no value.
 */
const SECRET_MARKERS = /^(<\s*\d+|s|secret)$/i;
/** "Non disponible": the figure does not exist in the source; the line is simply left out. */
const NOT_AVAILABLE = /^(nd|n\.d\.|n\/d)$/i;

export function isSecretMarker(text: string): boolean {
  return SECRET_MARKERS.test(text.trim());
}

export function isNotAvailableMarker(text: string): boolean {
  return NOT_AVAILABLE.test(text.trim());
}

export function parseCellValue(kind: IndicatorKind, raw: string): ParsedCell {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'la valeur est vide.' };
  if (isSecretMarker(text)) return { ok: true, value: null };
  if (isNotAvailableMarker(text)) {
    return {
      ok: false,
      reason: `« ${text} » signifie « non disponible » : retirez la ligne, une donnée absente n’a pas à être importée.`,
    };
  }
  const compact = text.replace(SPACES, '');
  switch (kind) {
    case 'count': {
      if (/^-?\d+$/.test(compact)) {
        const value = Number(compact);
        if (value < 0) return { ok: false, reason: `« ${text} » : un effectif ne peut pas être négatif.` };
        if (!Number.isSafeInteger(value))
          return { ok: false, reason: `« ${text} » est un nombre trop grand.` };
        return { ok: true, value };
      }
      if (/^-?\d+[.,]\d+$/.test(compact)) {
        return {
          ok: false,
          reason: `« ${text} » n’est pas un nombre entier : un effectif se compte en unités.`,
        };
      }
      return { ok: false, reason: `« ${text} » n’est pas un nombre.` };
    }
    case 'amount':
    case 'mean': {
      let cents: bigint;
      try {
        cents = parseEuros(text);
      } catch {
        return { ok: false, reason: `« ${text} » n’est pas un montant en euros (au plus deux décimales).` };
      }
      if (cents < 0n) return { ok: false, reason: `« ${text} » : un montant ne peut pas être négatif.` };
      return { ok: true, value: cents };
    }
    case 'rate': {
      const number = compact.replace(/%$/, '').replace(',', '.');
      if (!/^-?\d+(\.\d+)?$/.test(number)) return { ok: false, reason: `« ${text} » n’est pas un nombre.` };
      return { ok: true, value: Number(number) };
    }
  }
}

/**
 * A percentage as printed ("61,9", "61.9 %"): one decimal at most is expected, any is accepted;
 * between 0 and 100 inclusive.
 */
export function parsePercentage(raw: string): { ok: true; value: number } | { ok: false; reason: string } {
  const text = raw.trim();
  const number = text.replace(SPACES, '').replace(/%$/, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(number)) {
    return { ok: false, reason: `« ${text} » n’est pas un pourcentage (nombre entre 0 et 100, ex. 61,9).` };
  }
  const value = Number(number);
  if (value > 100) return { ok: false, reason: `« ${text} » : un pourcentage ne dépasse pas 100.` };
  return { ok: true, value };
}

/** Accepts 2022-12-31 and 31/12/2022; returns the ISO date or null. */
export function parseReferenceDate(raw: string): IsoDate | null {
  const text = raw.trim();
  if (isIsoDate(text)) return text;
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (french) {
    const iso = toIsoDate(Number(french[3]), Number(french[2]), Number(french[1]));
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

export const BAD_DATE = (text: string) =>
  `« ${text} » n’est pas une date valide (formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA).`;

const COMMUNE = /^(\d{5}|2[AB]\d{3})$/;
const DEPARTEMENT = /^(\d{2}|2[AB]|97[1-6])$/;
const EPCI = /^\d{9}$/;

export function isCommuneCode(code: string): boolean {
  return COMMUNE.test(code);
}

/** Commune (5 characters), département (2 or 3) or EPCI (SIREN, 9 digits). */
export function isTerritoryCode(code: string): boolean {
  return COMMUNE.test(code) || DEPARTEMENT.test(code) || EPCI.test(code);
}
