/**
 * Value types of the diagnostic: what an import produces and what the computation consumes.
 * Counts are integers, rates plain numbers, amounts and means in euros held as integer cents.
 */

import type { IsoDate } from '../shared/dates.js';
import type { IndicatorKind } from './catalogue.js';

/** number for counts and rates; bigint cents for amounts and means in euros. */
export type IndicatorValue = number | bigint;

export type TerritoryLevel = 'commune' | 'epci' | 'departement';

export interface Territory {
  code: string;
  name: string;
  level: TerritoryLevel;
  /** Member commune codes of an EPCI or a département (needed to sum them). */
  members?: readonly string[];
}

/** One figure for one territory at one reference date, with where it came from. */
export interface ValueRow {
  territory: string;
  indicator: string;
  date: IsoDate;
  /**
   * null when the source withheld the figure ("s", "<5"): the figure exists but nobody here knows
   * it. It is blanked everywhere, and every sum that includes it is unknown too.
   */
  value: IndicatorValue | null;
  /** Free text naming the source as given by the file ("Insee RP2019", "CAFDATA s_ben_com_f"). */
  source?: string;
  /** Line of the imported file the value comes from. */
  line?: number;
  /** Column of the imported file, when a line carries several values. */
  column?: string;
  /** Made up by the synthetic generator: the interface must say "données synthétiques". */
  synthetic?: boolean;
  /** A note the source prints with the figure ("dont 78 % en moyenne sont accompagnées"). */
  note?: string;
  /** Not imported: the platform's sum of the territory's communes, computed beforehand. */
  summedFromMembers?: boolean;
}

/**
 * A percentage a source prints without the count it is computed from (the seed prints 61,9 % of
 * the Yvelines' allocataires are families, not the number of families). Kept apart from computed
 * shares, shown only where no count exists, and never used to recompute a count.
 */
export interface GivenShareRow {
  territory: string;
  indicator: string;
  date: IsoDate;
  /** The denominator's indicator id (`allocataires`, `families_0_2`). */
  base: string;
  /** Percentage as printed, e.g. 61.9. */
  share: number;
  source?: string;
  line?: number;
  synthetic?: boolean;
  note?: string;
}

/** True when the value has the JavaScript type its indicator kind requires. */
export function valueMatchesKind(kind: IndicatorKind, value: IndicatorValue | null): boolean {
  if (value === null) return true;
  switch (kind) {
    case 'count':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'rate':
      return typeof value === 'number' && Number.isFinite(value);
    case 'amount':
    case 'mean':
      return typeof value === 'bigint';
  }
}
