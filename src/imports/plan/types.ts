/**
 * The action plan as a file holds it: the axes, fiches and sous-actions placed by their reference
 * (`1`, `1.2`, `1.2.1`) instead of database ids, pilots as named persons or account e-mails that the
 * importer resolves, and indicators numbered in the file. Everything else is typed by the domain
 * model (codes, cents, `YYYY-MM-DD` dates).
 */
import type {
  BudgetLine,
  FicheStatus,
  IndicatorValue,
  ParticipationLevel,
  Priority,
  Public,
  Theme,
} from '../../domain/plan/model.js';
import type { IsoDate } from '../../domain/shared/dates.js';

export type PlanFileFormat = 'xlsx' | 'ods' | 'csv';
export const PLAN_FILE_FORMATS: readonly PlanFileFormat[] = ['xlsx', 'ods', 'csv'];

/** A pilot as written in a file: an e-mail names an account of the platform, anything else a person. */
export type PilotRef = { kind: 'account'; email: string } | { kind: 'person'; name: string };

export interface PlanFileAxe {
  /** From 1: the axe's reference. */
  position: number;
  title: string;
  description: string;
}

export interface PlanFileFields {
  title: string;
  description: string;
  status: FicheStatus;
  priority: Priority | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  recurring: boolean;
  pilots: PilotRef[];
  budget: BudgetLine[];
}

export interface PlanFileSubAction extends PlanFileFields {
  /** Third number of the reference (`1.2.3` → 3). */
  position: number;
}

export interface PlanFileNote {
  date: IsoDate;
  text: string;
}

export interface PlanFileFiche extends PlanFileFields {
  /** Position of its axe (first number of the reference). */
  axe: number;
  /** Second number of the reference (`1.2` → 2). */
  position: number;
  theme: Theme | null;
  publics: Public[];
  /** Identifiers of the project's objectives, resolved by the importer. */
  objectives: string[];
  electedReferent: string;
  partners: string[];
  humanMeans: string;
  technicalMeans: string;
  participation: ParticipationLevel;
  evaluationCriteria: string[];
  notes: PlanFileNote[];
  /** References (`1.2`) of the fiches it is linked to. */
  linkedFiches: string[];
  confidential: boolean;
  subActions: PlanFileSubAction[];
}

export interface PlanFileIndicator {
  /** Reference of its fiche (`1.2`), or null when it measures an objective. */
  fiche: string | null;
  /** Identifier of the objective it measures, or null when it belongs to a fiche. */
  objective: string | null;
  title: string;
  unit: string;
  baselineValue: string | null;
  baselineDate: IsoDate | null;
  source: string;
  comment: string;
  diagnosticIndicatorId: string | null;
  values: IndicatorValue[];
}

/** The whole plan, sorted: axes by position, fiches by reference, indicators in file order. */
export interface PlanFile {
  axes: PlanFileAxe[];
  fiches: PlanFileFiche[];
  indicators: PlanFileIndicator[];
}

/** Where a value stands in the file, for the errors only the importer can find (an unknown e-mail). */
export interface CellLocation {
  /** Sheet name (XLSX, ODS), null for CSV. */
  sheet: string | null;
  line: number;
  /** Column letter (`F`) and header name (`statut`). */
  letter: string;
  column: string;
}

export interface PlanImportError extends CellLocation {
  /** Full French sentence naming the sheet, line and column. */
  message: string;
}

/** A value the importer must resolve against the database (an account, an objective). */
export interface PlanReference extends CellLocation {
  kind: 'account' | 'objective';
  value: string;
}

export type PlanReadResult =
  | { ok: true; plan: PlanFile; references: PlanReference[] }
  | { ok: false; errors: PlanImportError[] };

export function ficheReference(fiche: { axe: number; position: number }): string {
  return `${fiche.axe}.${fiche.position}`;
}
