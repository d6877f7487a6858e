/**
 * Validation of the tables read from a plan file into a PlanFile, all-or-nothing: either every line
 * is valid and the whole plan comes back, or nothing and every error with its sheet, line and column
 * (letter and header as written). The readers (CSV, XLSX, ODS) only turn bytes into tables of text.
 */
import type { BudgetLine, CoFunder, IndicatorValue } from '../../domain/plan/model.js';
import { type IsoDate, isIsoDate, toIsoDate } from '../../domain/shared/dates.js';
import {
  admitted,
  COLUMNS,
  type ColumnKey,
  CSV_LAYOUT,
  columnLetter,
  columnOfHeader,
  KIND_COLUMNS,
  KIND_REQUIRED,
  kindOfWord,
  LINE_KINDS,
  type LineKind,
  NATURE,
  normalise,
  PARTICIPATION,
  PLAN_FILE_LIMITS,
  PRIORITY,
  PUBLIC,
  SHEETS,
  type SheetLayout,
  STAGE,
  STATUS,
  sheetOfName,
  THEME,
  UNIT,
  VALUE_KIND,
  type Vocabulary,
} from './layout.js';
import type {
  CellLocation,
  PilotRef,
  PlanFile,
  PlanFileAxe,
  PlanFileFiche,
  PlanFileFields,
  PlanFileIndicator,
  PlanFileNote,
  PlanFileSubAction,
  PlanImportError,
  PlanReadResult,
  PlanReference,
} from './types.js';

/** A table as a reader found it: the header line, then the lines that are not blank. */
export interface RawTable {
  /** Sheet name (XLSX, ODS) or null (CSV). */
  sheet: string | null;
  headerLine: number;
  header: string[];
  rows: { line: number; cells: string[] }[];
  /** Cells the reader could not turn into text (a formula without its value …), by 0-based column. */
  problems?: { line: number; index: number; reason: string }[];
}

function where(at: Omit<CellLocation, 'letter' | 'column'> & { letter?: string; column?: string }): string {
  const place = at.column ? `ligne ${at.line}, colonne ${at.letter} (${at.column})` : `ligne ${at.line}`;
  return at.sheet ? `Feuille « ${at.sheet} », ${place}` : place.charAt(0).toUpperCase() + place.slice(1);
}

export function planError(at: CellLocation, reason: string): PlanImportError {
  return { ...at, message: `${where(at)} : ${reason}` };
}

/** An error about the file as a whole (not readable, too large …). */
export function fileError(reason: string): PlanImportError {
  return { sheet: null, line: 1, letter: '', column: '', message: `Le fichier est refusé : ${reason}` };
}

const MESSAGE_KIND: Record<LineKind, string> = {
  axe: 'un axe',
  fiche: 'une fiche',
  'sous-action': 'une sous-action',
  budget: 'une ligne de budget',
  indicateur: 'un indicateur',
  valeur: 'une valeur d’indicateur',
  suivi: 'une note de suivi',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const YES = new Set(['oui', 'o', 'vrai', 'true', '1', 'x']);
const NO = new Set(['non', 'n', 'faux', 'false', '0']);

/** Texts the plan stores short (titles, names, identifiers), with their most characters. */
const SHORT_TEXTS: [ColumnKey, number][] = [
  ['title', 500],
  ['electedReferent', 500],
  ['partners', 500],
  ['pilots', 200],
  ['objectives', 100],
  ['objective', 100],
  ['unit', 500],
  ['source', 500],
  ['diagnostic', 100],
];

interface Line {
  kind: LineKind;
  at: (key: ColumnKey) => CellLocation;
  line: number;
}

interface Parsed {
  axes: { axe: PlanFileAxe; line: Line }[];
  fiches: { fiche: PlanFileFiche; line: Line }[];
  subActions: { fiche: string; sub: PlanFileSubAction; line: Line }[];
  budgets: { reference: string; budget: BudgetLine; line: Line }[];
  indicators: { number: number; indicator: PlanFileIndicator; line: Line }[];
  values: { number: number; value: IndicatorValue; line: Line }[];
  notes: { reference: string; note: PlanFileNote; line: Line }[];
}

function parseDate(text: string): IsoDate | null {
  if (isIsoDate(text)) return text;
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (french) {
    const iso = toIsoDate(Number(french[3]), Number(french[2]), Number(french[1]));
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

/** Euros (or FTE) with a comma or a dot and at most two decimals, spaces between thousands → hundredths. */
function parseHundredths(text: string): bigint | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  // At most 13 digits of units: what the plan stores (15 digits of hundredths).
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** A decimal as exact text with a dot (`12`, `0.35`, `-3`). */
function parseDecimal(text: string): string | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  // What the plan stores: 12 digits before the point, 6 after.
  return /^-?\d{1,12}(\.\d{1,6})?$/.test(cleaned) ? cleaned : null;
}

const REF = { axe: /^(\d+)$/, fiche: /^(\d+)\.(\d+)$/, sub: /^(\d+)\.(\d+)\.(\d+)$/ };

function positions(text: string, pattern: RegExp): number[] | null {
  const match = pattern.exec(text);
  if (!match) return null;
  const numbers = match.slice(1).map(Number);
  return numbers.every((n) => Number.isSafeInteger(n) && n >= 1 && n <= 9999) ? numbers : null;
}

export function validatePlanTables(tables: RawTable[], format: 'csv' | 'workbook'): PlanReadResult {
  const errors: PlanImportError[] = [];
  const references: PlanReference[] = [];
  const parsed: Parsed = {
    axes: [],
    fiches: [],
    subActions: [],
    budgets: [],
    indicators: [],
    values: [],
    notes: [],
  };
  let lineCount = 0;
  for (const table of tables) lineCount += table.rows.length + 1;
  if (lineCount > PLAN_FILE_LIMITS.maxLines) {
    return {
      ok: false,
      errors: [fileError(`il compte ${lineCount} lignes (${PLAN_FILE_LIMITS.maxLines} au plus).`)],
    };
  }
  if (format === 'workbook') {
    const seenSheets = new Set<string>();
    for (const table of tables) {
      const layout = sheetOfName(table.sheet ?? '');
      const at = { sheet: table.sheet, line: table.headerLine, letter: '', column: '' };
      if (!layout) {
        if (table.rows.length === 0 && table.header.every((h) => h.trim() === '')) continue;
        errors.push(
          planError(
            at,
            `feuille inconnue ; les feuilles attendues sont ${SHEETS.map((s) => `« ${s.name} »`).join(', ')}.`,
          ),
        );
      } else if (seenSheets.has(layout.name)) {
        errors.push(planError(at, 'cette feuille figure deux fois.'));
      } else {
        seenSheets.add(layout.name);
        readTable(table, layout, parsed, errors, references);
      }
    }
    if (!seenSheets.has('Fiches')) {
      errors.push(fileError('le classeur n’a pas de feuille « Fiches ».'));
    }
  } else {
    const table = tables[0];
    if (!table || (table.rows.length === 0 && table.header.every((h) => h.trim() === ''))) {
      return { ok: false, errors: [fileError('il est vide.')] };
    }
    readTable(table, CSV_LAYOUT, parsed, errors, references);
  }
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  const plan = assemble(parsed, errors);
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  if (plan.axes.length === 0 && plan.fiches.length === 0) {
    return { ok: false, errors: [fileError('il ne contient ni axe ni fiche.')] };
  }
  return { ok: true, plan, references };
}

function sortErrors(errors: PlanImportError[]): PlanImportError[] {
  const sheetOrder = (s: string | null) => (s === null ? 0 : SHEETS.findIndex((l) => l.name === s));
  return [...errors].sort(
    (a, b) =>
      sheetOrder(a.sheet) - sheetOrder(b.sheet) ||
      a.line - b.line ||
      a.letter.length - b.letter.length ||
      (a.letter < b.letter ? -1 : a.letter > b.letter ? 1 : 0),
  );
}

function readTable(
  table: RawTable,
  layout: SheetLayout,
  parsed: Parsed,
  errors: PlanImportError[],
  references: PlanReference[],
): void {
  const headerErrors: PlanImportError[] = [];
  const positionOf = new Map<ColumnKey, number>();
  const headerAt = (index: number, column: string): CellLocation => ({
    sheet: table.sheet,
    line: table.headerLine,
    letter: columnLetter(index + 1),
    column,
  });
  if (table.header.length > PLAN_FILE_LIMITS.maxColumns) {
    errors.push(
      planError(
        { sheet: table.sheet, line: table.headerLine, letter: '', column: '' },
        `l’en-tête compte ${table.header.length} colonnes (${PLAN_FILE_LIMITS.maxColumns} au plus).`,
      ),
    );
    return;
  }
  table.header.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') return;
    const key = columnOfHeader(name);
    if (!key || !layout.columns.includes(key)) {
      const expected = layout.columns.map((c) => `« ${COLUMNS[c]} »`).join(', ');
      headerErrors.push(
        planError(headerAt(index, name), `colonne inconnue ; les colonnes attendues sont ${expected}.`),
      );
    } else if (positionOf.has(key)) {
      headerErrors.push(planError(headerAt(index, name), 'cette colonne figure deux fois.'));
    } else {
      positionOf.set(key, index);
    }
  });
  const multiKind = layout.kinds.length > 1;
  if (multiKind && !positionOf.has('type')) {
    headerErrors.push(
      planError(
        { sheet: table.sheet, line: table.headerLine, letter: '', column: '' },
        `la colonne « type » est absente ; elle dit de quoi parle chaque ligne (${layout.kinds.join(', ')}).`,
      ),
    );
  }
  if (headerErrors.length > 0) {
    errors.push(...headerErrors);
    return;
  }
  if (table.problems && table.problems.length > 0) {
    for (const problem of table.problems) {
      errors.push(
        planError(
          {
            sheet: table.sheet,
            line: problem.line,
            letter: columnLetter(problem.index + 1),
            column: (table.header[problem.index] ?? '').trim(),
          },
          problem.reason,
        ),
      );
    }
    return;
  }
  const headerName = (key: ColumnKey) => table.header[positionOf.get(key)!]!.trim();
  const kindsPresent = new Set<LineKind>();
  const kindOf = (cells: string[]): LineKind | undefined =>
    multiKind ? kindOfWord(cells[positionOf.get('type')!] ?? '') : layout.kinds[0];
  for (const row of table.rows) {
    const kind = kindOf(row.cells);
    if (kind) kindsPresent.add(kind);
  }
  if (!multiKind) kindsPresent.add(layout.kinds[0]!);
  const missing = new Set<ColumnKey>();
  for (const kind of LINE_KINDS) {
    if (!kindsPresent.has(kind)) continue;
    for (const key of KIND_REQUIRED[kind]) if (!positionOf.has(key)) missing.add(key);
  }
  for (const key of missing) {
    errors.push(
      planError(
        { sheet: table.sheet, line: table.headerLine, letter: '', column: '' },
        `la colonne obligatoire « ${COLUMNS[key]} » est absente.`,
      ),
    );
  }
  if (missing.size > 0) return;

  for (const row of table.rows) {
    const lineErrors: PlanImportError[] = [];
    const at = (key: ColumnKey): CellLocation => {
      const position = positionOf.get(key);
      return position === undefined
        ? { sheet: table.sheet, line: row.line, letter: '', column: COLUMNS[key] }
        : { sheet: table.sheet, line: row.line, letter: columnLetter(position + 1), column: headerName(key) };
    };
    const fail = (key: ColumnKey, reason: string) => lineErrors.push(planError(at(key), reason));
    // Cells outside the header, control characters, oversized cells.
    let cellsOk = true;
    row.cells.forEach((value, index) => {
      if (value === '') return;
      const location: CellLocation = {
        sheet: table.sheet,
        line: row.line,
        letter: columnLetter(index + 1),
        column: (table.header[index] ?? '').trim(),
      };
      if (location.column === '') {
        lineErrors.push(
          planError(location, 'cette cellule n’a pas d’en-tête : videz-la ou nommez sa colonne.'),
        );
        cellsOk = false;
      } else if (value.includes('\u0000')) {
        lineErrors.push(planError(location, 'la cellule contient un caractère nul (octet 0).'));
        cellsOk = false;
      } else if (CONTROL.test(value)) {
        lineErrors.push(planError(location, 'la cellule contient un caractère de contrôle.'));
        cellsOk = false;
      } else if (value.length > PLAN_FILE_LIMITS.maxCellChars) {
        lineErrors.push(
          planError(
            location,
            `la cellule compte ${value.length} caractères (${PLAN_FILE_LIMITS.maxCellChars} au plus).`,
          ),
        );
        cellsOk = false;
      }
    });
    if (!cellsOk) {
      errors.push(...lineErrors);
      continue;
    }
    const raw = (key: ColumnKey): string => {
      const position = positionOf.get(key);
      if (position === undefined) return '';
      return (row.cells[position] ?? '').replace(/\r\n?/g, '\n').trim();
    };
    let kind: LineKind;
    if (multiKind) {
      const word = raw('type');
      const found = kindOfWord(word);
      if (!found || !layout.kinds.includes(found)) {
        fail(
          'type',
          word === ''
            ? `le type est vide ; valeurs admises : ${layout.kinds.join(', ')}.`
            : `« ${word} » n’est pas un type de ligne ; valeurs admises : ${layout.kinds.join(', ')}.`,
        );
        errors.push(...lineErrors);
        continue;
      }
      kind = found;
    } else {
      kind = layout.kinds[0]!;
    }
    const allowed = KIND_COLUMNS[kind];
    for (const key of positionOf.keys()) {
      if (key === 'type' || allowed.includes(key)) continue;
      if (raw(key) !== '') fail(key, `cette colonne ne s’applique pas à ${MESSAGE_KIND[kind]} : videz-la.`);
    }
    const line: Line = { kind, at, line: row.line };
    readLine(line, raw, fail, parsed, references);
    errors.push(...lineErrors);
  }
}

function readLine(
  line: Line,
  raw: (key: ColumnKey) => string,
  fail: (key: ColumnKey, reason: string) => void,
  parsed: Parsed,
  references: PlanReference[],
): void {
  const { kind } = line;
  for (const [key, max] of SHORT_TEXTS) {
    const items =
      key === 'partners' || key === 'objectives' || key === 'pilots' ? raw(key).split('\n') : [raw(key)];
    if (items.some((item) => item.trim().length > max)) {
      fail(key, `texte trop long : ${max} caractères au plus${items.length > 1 ? ' par ligne' : ''}.`);
    }
  }
  const required = (key: ColumnKey): string => {
    const text = raw(key);
    if (text === '') fail(key, `la cellule est vide ; elle est obligatoire pour ${MESSAGE_KIND[kind]}.`);
    return text;
  };
  const code = <C extends string>(key: ColumnKey, vocabulary: Vocabulary<C>): C | null => {
    const text = raw(key);
    if (text === '') return null;
    const found = vocabulary.lookup.get(normalise(text));
    if (found === undefined) {
      fail(key, `« ${text} » n’est pas ${vocabulary.noun} ; valeurs admises : ${admitted(vocabulary)}.`);
      return null;
    }
    return found;
  };
  const list = (key: ColumnKey, separators: RegExp): string[] =>
    raw(key)
      .split(separators)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  const codeList = <C extends string>(key: ColumnKey, vocabulary: Vocabulary<C>): C[] => {
    const codes: C[] = [];
    for (const item of list(key, /[\n;,]/)) {
      const found = vocabulary.lookup.get(normalise(item));
      if (found === undefined) {
        fail(key, `« ${item} » n’est pas ${vocabulary.noun} ; valeurs admises : ${admitted(vocabulary)}.`);
      } else if (codes.includes(found)) {
        fail(key, `« ${item} » figure deux fois.`);
      } else codes.push(found);
    }
    return codes;
  };
  const date = (key: ColumnKey): IsoDate | null => {
    const text = raw(key);
    if (text === '') return null;
    const iso = parseDate(text);
    if (!iso)
      fail(key, `« ${text} » n’est pas une date valide (formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA).`);
    return iso;
  };
  const bool = (key: ColumnKey): boolean => {
    const text = normalise(raw(key));
    if (text === '' || NO.has(text)) return false;
    if (YES.has(text)) return true;
    fail(key, `« ${raw(key)} » : répondez « oui » ou « non ».`);
    return false;
  };
  const year = (): number => {
    const text = required('year');
    if (text === '') return 0;
    if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2100) {
      fail('year', `« ${text} » n’est pas une année entre 2000 et 2100 (quatre chiffres, ex. 2026).`);
      return 0;
    }
    return Number(text);
  };
  const reference = (key: ColumnKey, pattern: RegExp, example: string): number[] | null => {
    const text = required(key);
    if (text === '') return null;
    const numbers = positions(text, pattern);
    if (!numbers) {
      fail(key, `« ${text} » n’est pas une référence ${example}.`);
      return null;
    }
    return numbers;
  };
  const ficheRef = (key: ColumnKey): string | null => {
    const text = raw(key);
    const numbers = positions(text, REF.fiche) ?? positions(text, REF.sub);
    if (!numbers) {
      if (text !== '')
        fail(key, `« ${text} » n’est pas une référence de fiche (ex. 1.2) ou de sous-action (ex. 1.2.1).`);
      return null;
    }
    return numbers.join('.');
  };
  const fields = (): PlanFileFields => {
    const title = required('title');
    const startDate = date('startDate');
    const endDate = date('endDate');
    if (startDate && endDate && endDate < startDate) {
      fail('endDate', `la date de fin (${endDate}) précède la date de début (${startDate}).`);
    }
    const recurring = bool('recurring');
    const pilots: PilotRef[] = [];
    for (const item of list('pilots', /\n/)) {
      if (item.includes('@')) {
        if (!EMAIL.test(item)) fail('pilots', `« ${item} » n’est pas une adresse électronique valide.`);
        else {
          pilots.push({ kind: 'account', email: item });
          references.push({ ...line.at('pilots'), kind: 'account', value: item });
        }
      } else pilots.push({ kind: 'person', name: item });
    }
    return {
      title,
      description: raw('description'),
      status: code('status', STATUS) ?? 'planned',
      priority: code('priority', PRIORITY),
      startDate,
      endDate,
      recurring,
      pilots,
      budget: [],
    };
  };

  switch (kind) {
    case 'axe': {
      const numbers = reference('reference', REF.axe, 'd’axe (un nombre : 1, 2 …)');
      const title = required('title');
      if (numbers) {
        parsed.axes.push({ axe: { position: numbers[0]!, title, description: raw('description') }, line });
      }
      return;
    }
    case 'fiche': {
      const numbers = reference('reference', REF.fiche, 'de fiche (axe.fiche, ex. 1.2)');
      const base = fields();
      const objectives = list('objectives', /[\n;,]/);
      for (const objective of objectives) {
        references.push({ ...line.at('objectives'), kind: 'objective', value: objective });
      }
      const linkedFiches: string[] = [];
      for (const item of list('linkedFiches', /[\n;,]/)) {
        const numbers2 = positions(item, REF.fiche);
        if (!numbers2) fail('linkedFiches', `« ${item} » n’est pas une référence de fiche (ex. 1.2).`);
        else linkedFiches.push(numbers2.join('.'));
      }
      const fiche: PlanFileFiche = {
        ...base,
        axe: numbers?.[0] ?? 0,
        position: numbers?.[1] ?? 0,
        theme: code('theme', THEME),
        publics: codeList('publics', PUBLIC),
        objectives,
        electedReferent: raw('electedReferent'),
        partners: list('partners', /\n/),
        humanMeans: raw('humanMeans'),
        technicalMeans: raw('technicalMeans'),
        participation: code('participation', PARTICIPATION) ?? 'none',
        evaluationCriteria: list('criteria', /\n/),
        notes: [],
        linkedFiches,
        confidential: bool('confidential'),
        subActions: [],
      };
      if (numbers) parsed.fiches.push({ fiche, line });
      return;
    }
    case 'sous-action': {
      const numbers = reference('reference', REF.sub, 'de sous-action (axe.fiche.sous-action, ex. 1.2.1)');
      const base = fields();
      if (numbers) {
        parsed.subActions.push({
          fiche: `${numbers[0]}.${numbers[1]}`,
          sub: { ...base, position: numbers[2]! },
          line,
        });
      }
      return;
    }
    case 'budget': {
      const text = required('reference');
      const target = text === '' ? null : ficheRef('reference');
      const y = year();
      const unit = code('unit', UNIT) ?? 'eur';
      const amountText = required('amount');
      const noun = unit === 'eur' ? 'un montant en euros' : 'un nombre d’équivalents temps plein';
      const amount = amountText === '' ? null : parseHundredths(amountText);
      if (amountText !== '' && amount === null) {
        fail(
          'amount',
          `« ${amountText} » n’est pas ${noun} (nombre positif, au plus deux décimales, ex. 1 234,50).`,
        );
      }
      const coFunders: CoFunder[] = [];
      for (const item of list('coFunders', /\n/)) {
        const colon = item.lastIndexOf(':');
        const name = colon < 0 ? '' : item.slice(0, colon).trim();
        const value = colon < 0 ? null : parseHundredths(item.slice(colon + 1).trim());
        if (name.length > 500) {
          fail(
            'coFunders',
            `le nom du cofinanceur « ${name.slice(0, 40)}… » est trop long (500 caractères au plus).`,
          );
        } else if (name === '' || value === null) {
          fail(
            'coFunders',
            `« ${item} » : écrivez un cofinanceur par ligne, sous la forme « Nom : montant » (ex. « Caf : 1 200,00 »).`,
          );
        } else if (coFunders.some((c) => c.name === name)) {
          fail('coFunders', `le cofinanceur « ${name} » figure deux fois.`);
        } else coFunders.push({ name, amount: value });
      }
      const budget: BudgetLine = {
        year: y,
        nature: code('nature', NATURE) ?? 'operating',
        unit,
        stage: code('stage', STAGE) ?? 'planned',
        amount: amount ?? 0n,
        coFunders,
      };
      if (target && y && amount !== null) parsed.budgets.push({ reference: target, budget, line });
      return;
    }
    case 'indicateur': {
      const numberText = required('indicator');
      const number = /^\d{1,6}$/.test(numberText) && Number(numberText) >= 1 ? Number(numberText) : null;
      if (numberText !== '' && number === null) {
        fail('indicator', `« ${numberText} » n’est pas un numéro d’indicateur (un nombre : 1, 2 …).`);
      }
      const ficheText = raw('fiche');
      const fiche = ficheText === '' ? null : (positions(ficheText, REF.fiche)?.join('.') ?? null);
      if (ficheText !== '' && fiche === null)
        fail('fiche', `« ${ficheText} » n’est pas une référence de fiche (ex. 1.2).`);
      const objective = raw('objective') || null;
      if (ficheText === '' && objective === null) {
        fail(
          'fiche',
          'un indicateur mesure une fiche ou un objectif : remplissez « fiche » ou « objectif ».',
        );
      } else if (ficheText !== '' && objective !== null) {
        fail(
          'objective',
          'un indicateur mesure une fiche ou un objectif, pas les deux : videz l’une des deux cellules.',
        );
      }
      if (objective !== null)
        references.push({ ...line.at('objective'), kind: 'objective', value: objective });
      const baselineText = raw('baselineValue');
      const baselineValue = baselineText === '' ? null : parseDecimal(baselineText);
      if (baselineText !== '' && baselineValue === null) {
        fail(
          'baselineValue',
          `« ${baselineText} » n’est pas un nombre (ex. 12 ou 0,35 ; 12 chiffres avant la virgule et 6 après au plus).`,
        );
      }
      const indicator: PlanFileIndicator = {
        fiche,
        objective,
        title: required('title'),
        unit: raw('unit'),
        baselineValue,
        baselineDate: date('baselineDate'),
        source: raw('source'),
        comment: raw('comment'),
        diagnosticIndicatorId: raw('diagnostic') || null,
        values: [],
      };
      if (number !== null) parsed.indicators.push({ number, indicator, line });
      return;
    }
    case 'valeur': {
      const numberText = required('indicator');
      const number = /^\d{1,6}$/.test(numberText) && Number(numberText) >= 1 ? Number(numberText) : null;
      if (numberText !== '' && number === null) {
        fail('indicator', `« ${numberText} » n’est pas un numéro d’indicateur (un nombre : 1, 2 …).`);
      }
      const y = year();
      const kindText = required('valueKind');
      const valueKind = kindText === '' ? null : code('valueKind', VALUE_KIND);
      const valueText = required('value');
      const value = valueText === '' ? null : parseDecimal(valueText);
      if (valueText !== '' && value === null)
        fail(
          'value',
          `« ${valueText} » n’est pas un nombre (ex. 12 ou 0,35 ; 12 chiffres avant la virgule et 6 après au plus).`,
        );
      if (number !== null && y && valueKind && value !== null) {
        parsed.values.push({
          number,
          value: { year: y, kind: valueKind, value, comment: raw('comment') },
          line,
        });
      }
      return;
    }
    case 'suivi': {
      const text = required('reference');
      const numbers = text === '' ? null : positions(text, REF.fiche);
      if (text !== '' && !numbers)
        fail('reference', `« ${text} » n’est pas une référence de fiche (ex. 1.2).`);
      const dateText = required('date');
      const noteDate = dateText === '' ? null : date('date');
      const noteText = required('text');
      if (numbers && noteDate && noteText) {
        parsed.notes.push({ reference: numbers.join('.'), note: { date: noteDate, text: noteText }, line });
      }
      return;
    }
  }
}

/** Places every line under its axe and fiche, checking that each reference names something. */
function assemble(parsed: Parsed, errors: PlanImportError[]): PlanFile {
  const fail = (line: Line, key: ColumnKey, reason: string) => errors.push(planError(line.at(key), reason));
  const axes = new Map<number, { axe: PlanFileAxe; line: Line }>();
  for (const entry of parsed.axes) {
    const first = axes.get(entry.axe.position);
    if (first)
      fail(entry.line, 'reference', `l’axe ${entry.axe.position} figure déjà ligne ${first.line.line}.`);
    else axes.set(entry.axe.position, entry);
  }
  const fiches = new Map<string, { fiche: PlanFileFiche; line: Line }>();
  for (const entry of parsed.fiches) {
    const reference = `${entry.fiche.axe}.${entry.fiche.position}`;
    const first = fiches.get(reference);
    if (first) fail(entry.line, 'reference', `la fiche ${reference} figure déjà ligne ${first.line.line}.`);
    else if (!axes.has(entry.fiche.axe)) {
      fail(entry.line, 'reference', `l’axe ${entry.fiche.axe} n’est décrit par aucune ligne « axe ».`);
    } else fiches.set(reference, entry);
  }
  const subs = new Map<string, { sub: PlanFileSubAction; line: Line }>();
  for (const entry of parsed.subActions) {
    const reference = `${entry.fiche}.${entry.sub.position}`;
    const parent = fiches.get(entry.fiche);
    const first = subs.get(reference);
    if (first)
      fail(entry.line, 'reference', `la sous-action ${reference} figure déjà ligne ${first.line.line}.`);
    else if (!parent)
      fail(entry.line, 'reference', `la fiche ${entry.fiche} n’est décrite par aucune ligne « fiche ».`);
    else {
      subs.set(reference, entry);
      parent.fiche.subActions.push(entry.sub);
    }
  }
  for (const { fiche, line } of fiches.values()) {
    const reference = `${fiche.axe}.${fiche.position}`;
    const seen = new Set<string>();
    for (const linked of fiche.linkedFiches) {
      if (linked === reference) fail(line, 'linkedFiches', 'une fiche ne peut pas être liée à elle-même.');
      else if (!fiches.has(linked))
        fail(line, 'linkedFiches', `la fiche liée ${linked} n’existe pas dans le fichier.`);
      else if (seen.has(linked)) fail(line, 'linkedFiches', `la fiche ${linked} figure deux fois.`);
      seen.add(linked);
    }
    fiche.subActions.sort((a, b) => a.position - b.position);
  }
  const budgetKeys = new Map<string, number>();
  for (const entry of parsed.budgets) {
    const holder =
      entry.reference.split('.').length === 2
        ? fiches.get(entry.reference)?.fiche
        : subs.get(entry.reference)?.sub;
    if (!holder) {
      fail(
        entry.line,
        'reference',
        `${entry.reference.split('.').length === 2 ? 'la fiche' : 'la sous-action'} ${entry.reference} n’existe pas dans le fichier.`,
      );
      continue;
    }
    const b = entry.budget;
    const key = `${entry.reference}|${b.year}|${b.nature}|${b.unit}|${b.stage}`;
    const first = budgetKeys.get(key);
    if (first !== undefined) {
      fail(
        entry.line,
        'year',
        `la même ligne de budget (${entry.reference}, ${b.year}, même nature, unité et étape) figure déjà ligne ${first}.`,
      );
      continue;
    }
    budgetKeys.set(key, entry.line.line);
    holder.budget.push(b);
  }
  for (const entry of parsed.notes) {
    const fiche = fiches.get(entry.reference);
    if (!fiche) fail(entry.line, 'reference', `la fiche ${entry.reference} n’existe pas dans le fichier.`);
    else fiche.fiche.notes.push(entry.note);
  }
  const indicators = new Map<number, { indicator: PlanFileIndicator; line: Line }>();
  for (const entry of parsed.indicators) {
    const first = indicators.get(entry.number);
    if (first)
      fail(entry.line, 'indicator', `l’indicateur ${entry.number} figure déjà ligne ${first.line.line}.`);
    else if (entry.indicator.fiche !== null && !fiches.has(entry.indicator.fiche)) {
      fail(entry.line, 'fiche', `la fiche ${entry.indicator.fiche} n’existe pas dans le fichier.`);
    } else indicators.set(entry.number, entry);
  }
  const valueKeys = new Map<string, number>();
  for (const entry of parsed.values) {
    const indicator = indicators.get(entry.number);
    if (!indicator) {
      fail(
        entry.line,
        'indicator',
        `l’indicateur ${entry.number} n’est décrit par aucune ligne « indicateur ».`,
      );
      continue;
    }
    const key = `${entry.number}|${entry.value.year}|${entry.value.kind}`;
    const first = valueKeys.get(key);
    if (first !== undefined) {
      fail(
        entry.line,
        'year',
        `la même valeur (indicateur ${entry.number}, ${entry.value.year}, ${VALUE_KIND.labels[entry.value.kind].toLowerCase()}) figure déjà ligne ${first}.`,
      );
      continue;
    }
    valueKeys.set(key, entry.line.line);
    indicator.indicator.values.push(entry.value);
  }
  return {
    axes: [...axes.values()].map((e) => e.axe).sort((a, b) => a.position - b.position),
    fiches: [...fiches.values()].map((e) => e.fiche).sort((a, b) => a.axe - b.axe || a.position - b.position),
    indicators: [...indicators.entries()].sort(([a], [b]) => a - b).map(([, e]) => e.indicator),
  };
}
