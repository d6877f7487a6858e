/**
 * The documented layout of an action-plan file (docs/plan-import.md): the sheets, their columns and
 * French headers, the kinds of line, and the vocabularies of codes with the French labels also
 * accepted. The readers and the writers share these tables, so what is written is what is read.
 */
import {
  BUDGET_NATURE_LABELS,
  BUDGET_STAGE_LABELS,
  BUDGET_UNIT_LABELS,
  FICHE_STATUS_LABELS,
  INDICATOR_VALUE_KIND_LABELS,
  PARTICIPATION_LABELS,
  PRIORITY_LABELS,
  PUBLIC_LABELS,
  THEME_LABELS,
} from '../../domain/plan/labels.js';

/** A column: its key in the code, the header written (and read, case- and accent-insensitively). */
export const COLUMNS = {
  type: 'type',
  reference: 'référence',
  title: 'titre',
  description: 'description',
  status: 'statut',
  priority: 'priorité',
  startDate: 'date de début',
  endDate: 'date de fin',
  recurring: 'reconduite chaque année',
  pilots: 'pilotes',
  theme: 'thème',
  publics: 'publics',
  objectives: 'objectifs',
  electedReferent: 'élu référent',
  partners: 'partenaires',
  humanMeans: 'moyens humains',
  technicalMeans: 'moyens techniques',
  participation: 'participation des habitants',
  criteria: 'critères d’évaluation',
  linkedFiches: 'fiches liées',
  confidential: 'confidentielle',
  year: 'année',
  nature: 'nature',
  unit: 'unité',
  stage: 'étape',
  amount: 'montant',
  coFunders: 'cofinanceurs',
  indicator: 'indicateur',
  fiche: 'fiche',
  objective: 'objectif',
  baselineValue: 'valeur de départ',
  baselineDate: 'date de la valeur de départ',
  source: 'source',
  comment: 'commentaire',
  diagnostic: 'indicateur du diagnostic',
  valueKind: 'cible ou résultat',
  value: 'valeur',
  date: 'date',
  text: 'texte',
} as const;
export type ColumnKey = keyof typeof COLUMNS;

/** The kinds of line, by the word written in the `type` column. */
export const LINE_KINDS = ['axe', 'fiche', 'sous-action', 'budget', 'indicateur', 'valeur', 'suivi'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

const FIELDS: ColumnKey[] = [
  'title',
  'description',
  'status',
  'priority',
  'startDate',
  'endDate',
  'recurring',
  'pilots',
];
const FICHE_ONLY: ColumnKey[] = [
  'theme',
  'publics',
  'objectives',
  'electedReferent',
  'partners',
  'humanMeans',
  'technicalMeans',
  'participation',
  'criteria',
  'linkedFiches',
  'confidential',
];

/** The columns a line of each kind may fill (beyond `type`), in the order they are written. */
export const KIND_COLUMNS: Record<LineKind, readonly ColumnKey[]> = {
  axe: ['reference', 'title', 'description'],
  fiche: ['reference', ...FIELDS, ...FICHE_ONLY],
  'sous-action': ['reference', ...FIELDS],
  budget: ['reference', 'year', 'nature', 'unit', 'stage', 'amount', 'coFunders'],
  indicateur: [
    'indicator',
    'fiche',
    'objective',
    'title',
    'unit',
    'baselineValue',
    'baselineDate',
    'source',
    'comment',
    'diagnostic',
  ],
  valeur: ['indicator', 'year', 'valueKind', 'value', 'comment'],
  suivi: ['reference', 'date', 'text'],
};

/** Columns that must be in the header of a sheet holding lines of that kind. */
export const KIND_REQUIRED: Record<LineKind, readonly ColumnKey[]> = {
  axe: ['reference', 'title'],
  fiche: ['reference', 'title'],
  'sous-action': ['reference', 'title'],
  budget: ['reference', 'year', 'amount'],
  indicateur: ['indicator', 'title'],
  valeur: ['indicator', 'year', 'valueKind', 'value'],
  suivi: ['reference', 'date', 'text'],
};

export interface SheetLayout {
  name: string;
  /** Kinds of line the sheet holds; a sheet with one kind has no `type` column. */
  kinds: readonly LineKind[];
  columns: readonly ColumnKey[];
}

function union(kinds: readonly LineKind[]): ColumnKey[] {
  const seen = new Set<ColumnKey>();
  for (const kind of kinds) for (const key of KIND_COLUMNS[kind]) seen.add(key);
  return [...seen];
}

/** The workbook (XLSX, ODS): one sheet per table, in this order. Only « Fiches » is required. */
export const SHEETS: readonly SheetLayout[] = [
  { name: 'Fiches', kinds: ['axe', 'fiche', 'sous-action'], columns: ['type', ...union(['fiche', 'axe'])] },
  { name: 'Budget', kinds: ['budget'], columns: KIND_COLUMNS.budget },
  { name: 'Indicateurs', kinds: ['indicateur'], columns: KIND_COLUMNS.indicateur },
  { name: 'Valeurs', kinds: ['valeur'], columns: KIND_COLUMNS.valeur },
  { name: 'Suivi', kinds: ['suivi'], columns: KIND_COLUMNS.suivi },
];

/** CSV has one table: every kind of line, told apart by `type`, under the union of the columns. */
export const CSV_LAYOUT: SheetLayout = {
  name: '',
  kinds: LINE_KINDS,
  columns: ['type', ...union(LINE_KINDS)],
};

/** Lowercase, no accents, one space for any run of spaces, hyphens, underscores; ’ read as '. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[\s\u00a0\u202f_-]+/g, ' ')
    .trim();
}

const HEADER_KEYS = new Map<string, ColumnKey>(
  (Object.entries(COLUMNS) as [ColumnKey, string][]).map(([key, header]) => [normalise(header), key]),
);
export function columnOfHeader(header: string): ColumnKey | undefined {
  return HEADER_KEYS.get(normalise(header));
}

const KIND_WORDS = new Map<string, LineKind>(LINE_KINDS.map((k) => [normalise(k), k]));
KIND_WORDS.set('sousaction', 'sous-action');
export function kindOfWord(word: string): LineKind | undefined {
  return KIND_WORDS.get(normalise(word));
}

export function sheetOfName(name: string): SheetLayout | undefined {
  const key = normalise(name);
  return SHEETS.find((s) => normalise(s.name) === key);
}

/** A vocabulary of codes: its name in a sentence (« un statut ») and the French labels accepted. */
export interface Vocabulary<C extends string> {
  /** « n’est pas {noun} » */
  noun: string;
  labels: Record<C, string>;
  lookup: Map<string, C>;
}

function vocabulary<C extends string>(
  noun: string,
  labels: Record<C, string>,
  aliases: Partial<Record<C, string[]>> = {},
): Vocabulary<C> {
  const lookup = new Map<string, C>();
  for (const [code, label] of Object.entries(labels) as [C, string][]) {
    for (const word of [code, label, ...(aliases[code] ?? [])]) {
      const key = normalise(word);
      const existing = lookup.get(key);
      if (existing !== undefined && existing !== code) throw new Error(`ambiguous ${noun}: ${word}`);
      lookup.set(key, code);
    }
  }
  return { noun, labels, lookup };
}

export const STATUS = vocabulary('un statut', FICHE_STATUS_LABELS);
export const PRIORITY = vocabulary('une priorité', PRIORITY_LABELS);
export const THEME = vocabulary('un thème', THEME_LABELS);
export const PUBLIC = vocabulary('un public', PUBLIC_LABELS);
export const PARTICIPATION = vocabulary('un niveau de participation', PARTICIPATION_LABELS);
export const NATURE = vocabulary('une nature de budget', BUDGET_NATURE_LABELS);
export const UNIT = vocabulary('une unité de budget', BUDGET_UNIT_LABELS, {
  eur: ['€', 'euro', 'EUR'],
  fte: ['ETP', 'équivalent temps plein'],
});
export const STAGE = vocabulary('une étape de budget', BUDGET_STAGE_LABELS);
export const VALUE_KIND = vocabulary('une nature de valeur', INDICATOR_VALUE_KIND_LABELS);

/** « à venir (planned), en cours (in_progress), … » */
export function admitted<C extends string>(vocabulary: Vocabulary<C>): string {
  return (Object.entries(vocabulary.labels) as [C, string][])
    .map(([code, label]) => `${label.charAt(0).toLocaleLowerCase('fr') + label.slice(1)} (${code})`)
    .join(', ');
}

/** Spreadsheet column letter of a 1-based position: 1 → A, 27 → AA. */
export function columnLetter(position: number): string {
  let n = position;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** What a file may hold: beyond, it is refused before its lines are read. */
export const PLAN_FILE_LIMITS = {
  /** Size of the file as uploaded. */
  maxBytes: 10 * 1024 * 1024,
  /** Entries and decompressed size of an XLSX or ODS package. */
  zip: { maxEntries: 200, maxUncompressedBytes: 60 * 1024 * 1024 },
  /** Lines of all sheets together, header lines included. */
  maxLines: 50_000,
  /** Columns of a header. */
  maxColumns: 100,
  /** Characters of one cell. */
  maxCellChars: 20_000,
} as const;
