/**
 * The generic document model every renderer (ODT, DOCX, HTML, PDF) reads. It knows nothing of conventions:
 * a builder elsewhere turns a convention into this shape, and each renderer turns this shape into a file.
 * Text is stored as the user should read it; renderers apply French typography and escaping themselves.
 */

import { AppError } from '../domain/shared/app-error.js';
import { frenchTypography } from '../domain/shared/typography.js';

/** A stretch of text with one set of character attributes. */
export interface TextRun {
  readonly kind: 'text';
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Left untouched by French typography (an address, an identifier, a code with « ? » or « : »). */
  readonly verbatim?: boolean;
}

/** A footnote anchored where it appears in the text; renderers number notes in document order. */
export interface NoteRun {
  readonly kind: 'note';
  readonly content: readonly TextRun[];
}

export type Inline = TextRun | NoteRun;

export type HeadingLevel = 1 | 2 | 3;

export interface HeadingBlock {
  readonly kind: 'heading';
  readonly level: HeadingLevel;
  readonly text: string;
  /** Listed in the table of contents unless false (an annex's sub-heading may stay out of it). */
  readonly toc?: boolean;
  /** Stable anchor for links; derived from the position when absent. */
  readonly id?: string;
}

export type Alignment = 'left' | 'center' | 'right' | 'justify';

export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly runs: readonly Inline[];
  readonly align?: Alignment;
  /** `small` for sources and remarks under a table. */
  readonly size?: 'normal' | 'small';
}

/**
 * Deepest list every renderer draws: DOCX numbering and the ODT list style define this many bullet
 * levels, and a convention's text is checked against it when saved.
 */
export const MAX_LIST_DEPTH = 9;

/** The bullet of each list level, from the outermost: the renderers' list styles are built from it. */
export const LIST_BULLETS: readonly string[] = Array.from({ length: MAX_LIST_DEPTH }, (_, level) =>
  level === 0 ? '•' : level % 2 === 1 ? '–' : '◦',
);

export interface ListItem {
  readonly runs: readonly Inline[];
  readonly children?: readonly ListItem[];
}

export interface ListBlock {
  readonly kind: 'list';
  readonly items: readonly ListItem[];
}

export interface TableCell {
  readonly runs: readonly Inline[];
  readonly colSpan?: number;
  readonly align?: Exclude<Alignment, 'justify'>;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

export interface TableColumn {
  /** Relative width: the renderers share the text width in proportion to these weights. */
  readonly width: number;
  readonly align?: Exclude<Alignment, 'justify'>;
}

export interface TableBlock {
  readonly kind: 'table';
  readonly caption?: string;
  readonly columns: readonly TableColumn[];
  /** Header rows, repeated at the top of every page the table spans. */
  readonly header: readonly (readonly TableCell[])[];
  readonly rows: readonly (readonly TableCell[])[];
  /** The first cell of each body row names the row (`<th scope="row">` in HTML). */
  readonly rowHeaders?: boolean;
}

export interface PageBreakBlock {
  readonly kind: 'pageBreak';
}

/** Where the table of contents goes; renderers fill it from the headings. */
export interface TocBlock {
  readonly kind: 'toc';
  /** Defaults to « Sommaire ». */
  readonly title?: string;
  /** Deepest heading level listed; defaults to 2. */
  readonly depth?: HeadingLevel;
}

export interface Signatory {
  readonly organisation: string;
  /** « Le Directeur », « La Présidente », « Le Maire ». */
  readonly function: string;
  readonly name: string;
}

/** Signatories side by side, each with room to sign under their name. */
export interface SignatureBlock {
  readonly kind: 'signatures';
  readonly signatories: readonly Signatory[];
}

/**
 * Content the platform does not hold yet. It is rendered as an explicit notice, so that a generated
 * document never passes an empty annex off as a filled one.
 */
export interface MissingContentBlock {
  readonly kind: 'missing';
  /** « Annexe non renseignée ». */
  readonly label: string;
  /** « le plan d'actions n'a pas encore été saisi dans la plateforme. » */
  readonly reason: string;
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | TableBlock
  | PageBreakBlock
  | TocBlock
  | SignatureBlock
  | MissingContentBlock;

export interface CoverParty {
  /** « la Caisse d'Allocations familiales des Yvelines ». */
  readonly name: string;
  /** Who represents the party, how it is called afterwards, one paragraph each. */
  readonly details?: readonly string[];
}

export interface Cover {
  readonly title: string;
  /** « Communes de plus de 5 000 habitants ». */
  readonly subtitle?: string;
  /** Introduced by « Entre » and joined by « et ». */
  readonly parties: readonly CoverParty[];
  /** A closing line, such as « Il est convenu et arrêté ce qui suit : ». */
  readonly closing?: string;
}

export interface DocumentMetadata {
  readonly title: string;
  readonly subject?: string;
  /** The organisation that produces the document (a Caf). */
  readonly author: string;
  readonly language: 'fr-FR';
  /** Creation date, passed in by the caller (`YYYY-MM-DD` or a full ISO timestamp). */
  readonly created: string;
  readonly keywords?: readonly string[];
}

export interface DocumentModel {
  readonly metadata: DocumentMetadata;
  readonly cover?: Cover;
  readonly blocks: readonly Block[];
}

// ---------------------------------------------------------------------------------------------
// Builders: short helpers so that model-building code reads like the document it builds.

export function text(value: string, style: { bold?: boolean; italic?: boolean } = {}): TextRun {
  return { kind: 'text', text: value, ...style };
}

export function bold(value: string): TextRun {
  return { kind: 'text', text: value, bold: true };
}

export function italic(value: string): TextRun {
  return { kind: 'text', text: value, italic: true };
}

export function note(...content: (TextRun | string)[]): NoteRun {
  return { kind: 'note', content: content.map(toRun) };
}

function toRun(value: TextRun | string): TextRun {
  return typeof value === 'string' ? text(value) : value;
}

function toInlines(content: readonly (Inline | string)[]): Inline[] {
  return content.map((item) => (typeof item === 'string' ? text(item) : item));
}

export function heading(
  level: HeadingLevel,
  value: string,
  options: { toc?: boolean; id?: string } = {},
): HeadingBlock {
  return { kind: 'heading', level, text: value, ...options };
}

export function paragraph(...content: (Inline | string)[]): ParagraphBlock {
  return { kind: 'paragraph', runs: toInlines(content) };
}

export type ListItemInput = string | Inline[] | { runs: (Inline | string)[]; children?: ListItemInput[] };

function toListItem(input: ListItemInput): ListItem {
  if (typeof input === 'string') return { runs: [text(input)] };
  if (Array.isArray(input)) return { runs: input };
  const children = input.children?.map(toListItem);
  return children ? { runs: toInlines(input.runs), children } : { runs: toInlines(input.runs) };
}

export function bulletList(...items: ListItemInput[]): ListBlock {
  return { kind: 'list', items: items.map(toListItem) };
}

export function cell(
  content: string | (Inline | string)[],
  options: Omit<TableCell, 'runs'> = {},
): TableCell {
  return { runs: typeof content === 'string' ? [text(content)] : toInlines(content), ...options };
}

export function pageBreak(): PageBreakBlock {
  return { kind: 'pageBreak' };
}

export function toc(options: { title?: string; depth?: HeadingLevel } = {}): TocBlock {
  return { kind: 'toc', ...options };
}

export function missing(label: string, reason: string): MissingContentBlock {
  return { kind: 'missing', label, reason };
}

// ---------------------------------------------------------------------------------------------
// Shared preparation: every renderer goes through `prepareDocument`, so typography, heading anchors,
// note numbering and table-of-contents entries are identical in every format.

export const DEFAULT_TOC_TITLE = 'Sommaire';
export const DEFAULT_TOC_DEPTH: HeadingLevel = 2;

export interface PreparedHeading extends HeadingBlock {
  readonly id: string;
  readonly toc: boolean;
}

export type PreparedBlock = Exclude<Block, HeadingBlock> | PreparedHeading;

export interface PreparedDocument {
  readonly metadata: DocumentMetadata;
  readonly cover?: Cover;
  readonly blocks: readonly PreparedBlock[];
  /** Headings that appear in a table of contents, in order (whatever its depth, each TOC filters). */
  readonly headings: readonly PreparedHeading[];
}

/** French typography on every string a reader sees, except runs marked verbatim. */
export function typeset(value: string): string {
  return frenchTypography(value);
}

function typesetRun(run: TextRun): TextRun {
  return run.verbatim ? run : { ...run, text: typeset(run.text) };
}

function typesetInline(inline: Inline): Inline {
  return inline.kind === 'text'
    ? typesetRun(inline)
    : { kind: 'note', content: inline.content.map(typesetRun) };
}

function typesetInlines(runs: readonly Inline[]): Inline[] {
  return runs.map(typesetInline);
}

function typesetItem(item: ListItem): ListItem {
  const runs = typesetInlines(item.runs);
  return item.children ? { runs, children: item.children.map(typesetItem) } : { runs };
}

function typesetCell(c: TableCell): TableCell {
  return { ...c, runs: typesetInlines(c.runs) };
}

/** Turns « Article 1 – Objet » into « article-1-objet », for anchors and bookmarks. */
export function slugify(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export function prepareDocument(doc: DocumentModel): PreparedDocument {
  const used = new Set<string>();
  const headings: PreparedHeading[] = [];
  const blocks = doc.blocks.map((block, index): PreparedBlock => {
    switch (block.kind) {
      case 'heading': {
        // Anchors must be unique and valid as XML names / bookmark names, so they start with a letter.
        let id = block.id ?? `h-${slugify(block.text) || String(index)}`;
        if (used.has(id)) {
          let n = 2;
          while (used.has(`${id}-${n}`)) n++;
          id = `${id}-${n}`;
        }
        used.add(id);
        const prepared: PreparedHeading = { ...block, text: typeset(block.text), id, toc: block.toc ?? true };
        if (prepared.toc) headings.push(prepared);
        return prepared;
      }
      case 'paragraph':
        return { ...block, runs: typesetInlines(block.runs) };
      case 'list':
        return { ...block, items: block.items.map(typesetItem) };
      case 'table':
        checkTable(block, index);
        return {
          ...block,
          caption: block.caption === undefined ? undefined : typeset(block.caption),
          header: block.header.map((row) => row.map(typesetCell)),
          rows: block.rows.map((row) => row.map(typesetCell)),
        };
      case 'toc':
        return { ...block, title: typeset(block.title ?? DEFAULT_TOC_TITLE) };
      case 'signatures':
        return {
          ...block,
          signatories: block.signatories.map((s) => ({
            organisation: typeset(s.organisation),
            function: typeset(s.function),
            name: typeset(s.name),
          })),
        };
      case 'missing':
        return { ...block, label: typeset(block.label), reason: typeset(block.reason) };
      case 'pageBreak':
        return block;
    }
    return unreachable(block);
  });
  const cover = doc.cover && {
    title: typeset(doc.cover.title),
    subtitle: doc.cover.subtitle === undefined ? undefined : typeset(doc.cover.subtitle),
    parties: doc.cover.parties.map((p) => ({
      name: typeset(p.name),
      details: p.details?.map(typeset),
    })),
    closing: doc.cover.closing === undefined ? undefined : typeset(doc.cover.closing),
  };
  return { metadata: doc.metadata, cover, blocks, headings };
}

/** Makes the compiler prove a switch over block kinds is exhaustive. */
export function unreachable(value: never): never {
  throw new Error(`Bloc de document inconnu : ${JSON.stringify(value)}`);
}

/** A table whose rows do not match its columns would render differently in each format: refuse it. */
function checkTable(table: TableBlock, index: number): void {
  const problems: string[] = [];
  if (table.columns.length === 0) problems.push('aucune colonne');
  if (table.columns.some((c) => !(c.width > 0))) problems.push('largeur de colonne non positive');
  const expected = table.columns.length;
  [...table.header, ...table.rows].forEach((row, r) => {
    const span = rowSpan(row);
    if (span !== expected) problems.push(`la ligne ${r + 1} couvre ${span} colonne(s) sur ${expected}`);
  });
  if (problems.length > 0) {
    throw new AppError('DOCUMENT_INVALID', {
      message: `Le tableau${table.caption ? ` « ${table.caption} »` : ''} (bloc n° ${index + 1}) est incohérent : ${problems.join(' ; ')}.`,
      details: { block: index, caption: table.caption ?? null, problems },
    });
  }
}

/** The notice a missing-content block reads as, in every format. */
export function missingNotice(block: MissingContentBlock): string {
  return `${block.label}\u00a0: ${block.reason}`;
}

/** Number of columns a row really spans, counting merged cells. */
export function rowSpan(row: readonly TableCell[]): number {
  return row.reduce((total, c) => total + (c.colSpan ?? 1), 0);
}

/** Plain text of inline content, notes left out (for titles, bookmarks, alt text). */
export function plainText(runs: readonly Inline[]): string {
  return runs.map((r) => (r.kind === 'text' ? r.text : '')).join('');
}
