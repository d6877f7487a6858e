/**
 * The contract of statistical secrecy (article 7 of the seed): what goes in, what comes out.
 * Every diagnostic value that leaves the server passes through `protect()` of this area.
 */

export type CellKind = 'count' | 'amount';

export interface SecrecyThresholds {
  /** A zone with fewer allocataires than this is blanked whole (seed: 100). */
  minZoneAllocataires: number;
  /** A nonzero count below this is blanked (seed: 5). */
  minCount: number;
}

export const DEFAULT_THRESHOLDS: SecrecyThresholds = { minZoneAllocataires: 100, minCount: 5 };

export interface Zone {
  id: string;
  /** Number of allocataires of the zone; null when unknown (then the zone rule does not apply). */
  allocataires: number | null;
  /** Zones below a département (communes, infra-communal) are subject to the zone rule. */
  subjectToZoneRule?: boolean;
  /**
   * The cell holding the zone's allocataires figure, the one the zone rule reads. The pattern tells
   * every reader which side of the threshold it lies on: a zone blanked whole has fewer than
   * `minZoneAllocataires` allocataires (that cell is then ≤ minZoneAllocataires − 1), a zone subject
   * to the rule and not blanked whole has at least that many. Without it the engine grants no such bound.
   */
  allocatairesCell?: string;
}

export interface Cell {
  id: string;
  /** Integer value; amounts in cents. */
  value: bigint;
  kind: CellKind;
  /** Zone the cell describes; defaults to the problem's single zone. */
  zone?: string;
  /** Hierarchy level: 0 for the smallest zones (communes), higher for aggregates. Cheaper cells go first. */
  level?: number;
  /**
   * Blank this cell whatever its value: it is blanked in another table that shares it (a commune's
   * count blanked on the commune's page is blanked in its EPCI's sum too). Reported as secondary unless
   * the rules make it primary; a reader knows no more about it than about any secondary cell.
   */
  forceSuppress?: boolean;
  /**
   * The reader is assumed to know this value whatever is published here: a figure this table does not
   * print, such as the communes of a neighbouring département that belong to an EPCI shared with this
   * one (whose sum a reader may get from that département's total). Never blanked, and never a
   * figure to blank in order to protect another.
   */
  known?: boolean;
  /**
   * The value was withheld by the source ("s" in an Insee file, "<5" printed in a convention): the
   * cell is always blanked (as with `forceSuppress`) and `value` is a placeholder the engine never
   * reasons on. A reader knows it only as ≥ 0; the engine assumes it sits on that bound (a zero, able
   * only to rise), the least favourable case for it and its neighbours. Reported as secondary unless
   * its zone is blanked whole. Cannot be `known`.
   */
  unknown?: boolean;
}

/** total = sum(parts). A published total that differs from the sum is still a relation between published figures. */
export interface Relation {
  total: string;
  parts: string[];
}

export interface Ratio {
  id: string;
  numerator: string;
  denominator: string;
  /** Number of decimals the percentage is printed with. */
  decimals: number;
}

/**
 * Who the protection defends against, besides the equations and the published figures (see
 * docs/secrecy-readers.md):
 * - `kinds`: a reader who sees which blanks are primary and which secondary (the output of
 *   `ctg protect`): a primary nonzero count lies in 1..minCount−1, a secondary count outside a zone
 *   blanked whole is ≥ minCount, any other blank ≥ 0;
 * - `one_sign`: a reader of outputs that mark every blank with one sign (the platform's published
 *   diagnostic): every blank of a nonnegative figure is only known to be ≥ 0.
 * Both also read the zone rule from the pattern (`Zone.allocatairesCell`).
 */
export type Reader = 'kinds' | 'one_sign';

export interface ProtectionProblem {
  zones: Zone[];
  cells: Cell[];
  relations: Relation[];
  ratios: Ratio[];
  thresholds: SecrecyThresholds;
  /** The reader to defend against; `kinds` by default. */
  reader?: Reader;
}

export type Status = 'published' | 'primary' | 'secondary';

export interface ProtectedCell {
  id: string;
  status: Status;
  /** null whenever not published. */
  value: bigint | null;
}

export interface ProtectedRatio {
  id: string;
  status: Status;
  /**
   * Percentage rounded to `decimals`, as a number; null when not published, and also when published
   * with a zero denominator (the share does not exist; `status` tells the two apart).
   */
  value: number | null;
}

export interface StatusCounts {
  primary: number;
  secondary: number;
  published: number;
}

export interface ProtectionResult {
  cells: ProtectedCell[];
  ratios: ProtectedRatio[];
  /** Counts over cells. */
  counts: StatusCounts;
  /** Counts over ratios. */
  ratioCounts: StatusCounts;
  /**
   * Indexes (0-based) of relations whose cells are all published and whose total is not the sum of
   * its parts (e.g. 4 154 printed for bands adding up to 4 155). Relations with a blanked cell are
   * never listed: the gap would say something about the blanked value.
   */
  inconsistentRelations: number[];
  /**
   * Blanked cells that stay recomputable whatever else is blanked (contradictory relations, or a
   * threshold so low that the status alone gives the value). Empty for consistent tables.
   */
  unprotectable: string[];
}
