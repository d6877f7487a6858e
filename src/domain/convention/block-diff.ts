/**
 * What an avenant changes in an article or annex, block by block: text (headings, paragraphs,
 * lists) as a word diff, and each table as a table whose rows and cells are marked added, removed
 * or changed. A table written as text would show its cells between raw « | » to the reader; here the
 * pages and the avenant's document draw it as a table.
 */
import { canonicalJson } from './canonical.js';
import { type AlignStep, alignSequences, type DiffPart, diffWords } from './diff.js';
import type { Block, ListItem } from './model.js';

type TableBlock = Extract<Block, { type: 'table' }>;

export type ChangeStatus = 'unchanged' | 'added' | 'removed' | 'changed';

export interface CellDiff {
  /** The cell's text before the avenant; null when the cell did not exist. */
  before: string | null;
  /** The cell's text after the avenant; null when the cell no longer exists. */
  after: string | null;
  status: ChangeStatus;
  /** Word diff of `before` into `after` (empty texts for missing cells). */
  parts: DiffPart[];
}

export interface RowDiff {
  status: ChangeStatus;
  cells: CellDiff[];
}

export interface TableDiff {
  status: ChangeStatus;
  /** The column headings, compared position by position. */
  header: RowDiff;
  rows: RowDiff[];
}

export type SectionChange = { kind: 'text'; parts: DiffPart[] } | { kind: 'table'; table: TableDiff };

/** A text block as the lines people read: list items indented under « – ». */
export function textBlockLines(block: Exclude<Block, TableBlock>): string[] {
  if (block.type !== 'list') return [block.text];
  const lines: string[] = [];
  const items = (list: ListItem[], depth: number) => {
    for (const item of list) {
      lines.push(`${'  '.repeat(depth)}– ${item.text}`);
      if (item.items) items(item.items, depth + 1);
    }
  };
  items(block.items, 0);
  return lines;
}

const isTable = (block: Block): block is TableBlock => block.type === 'table';

function textOf(blocks: readonly Exclude<Block, TableBlock>[]): string {
  return blocks.flatMap(textBlockLines).join('\n');
}

function cellDiff(before: string | null, after: string | null): CellDiff {
  const status: ChangeStatus =
    before === null ? 'added' : after === null ? 'removed' : before === after ? 'unchanged' : 'changed';
  return { before, after, status, parts: diffWords(before ?? '', after ?? '') };
}

function rowDiff(before: readonly string[] | null, after: readonly string[] | null, width: number): RowDiff {
  const cells = Array.from({ length: width }, (_, i) =>
    cellDiff(before ? (before[i] ?? null) : null, after ? (after[i] ?? null) : null),
  );
  const status: ChangeStatus = !before
    ? 'added'
    : !after
      ? 'removed'
      : cells.every((c) => c.status === 'unchanged')
        ? 'unchanged'
        : 'changed';
  return { status, cells };
}

/**
 * Runs of the alignment between two kept items: what was deleted and what was inserted there.
 * `onEqual` is called for each kept item, `onRun` for each run (either side may be empty).
 */
function walkRuns(
  steps: readonly AlignStep[],
  onEqual: (before: number, after: number) => void,
  onRun: (deleted: number[], inserted: number[]) => void,
): void {
  let deleted: number[] = [];
  let inserted: number[] = [];
  const flush = () => {
    if (deleted.length || inserted.length) onRun(deleted, inserted);
    deleted = [];
    inserted = [];
  };
  for (const step of steps) {
    if (step.op === 'equal') {
      flush();
      onEqual(step.before!, step.after!);
    } else if (step.op === 'delete') deleted.push(step.before!);
    else inserted.push(step.after!);
  }
  flush();
}

/** Compares two tables (either may be absent: a table added or removed whole). */
export function diffTable(before: TableBlock | null, after: TableBlock | null): TableDiff {
  const width = Math.max(before?.columns.length ?? 0, after?.columns.length ?? 0);
  const header = rowDiff(before?.columns ?? null, after?.columns ?? null, width);
  const beforeRows = before?.rows ?? [];
  const afterRows = after?.rows ?? [];
  const key = (row: readonly string[]) => canonicalJson(row);
  const rows: RowDiff[] = [];
  walkRuns(
    alignSequences(beforeRows.map(key), afterRows.map(key)),
    (b, a) => rows.push(rowDiff(beforeRows[b]!, afterRows[a]!, width)),
    (deleted, inserted) => {
      // A row whose first cell (its name) is kept is the same row changed; other rows pair in order
      // when they still share a cell. The rest were removed or added.
      const pairs = new Map<number, number>();
      const free = new Set(deleted);
      const take = (a: number, match: (b: number) => boolean) => {
        const b = [...free].find(match);
        if (b === undefined) return;
        pairs.set(a, b);
        free.delete(b);
      };
      for (const a of inserted) take(a, (b) => beforeRows[b]![0] === afterRows[a]![0]);
      for (const a of inserted) {
        if (pairs.has(a)) continue;
        const shares = (b: number) =>
          afterRows[a]!.some((c, i) => c.trim() !== '' && beforeRows[b]![i] === c);
        take(a, (b) => shares(b) && [...pairs.values()].every((p) => p < b));
      }
      // Removed rows are shown where they stood: before the first changed row that followed them.
      let pending = deleted.filter((b) => free.has(b));
      const flushBefore = (limit: number) => {
        for (const b of pending.filter((x) => x < limit)) rows.push(rowDiff(beforeRows[b]!, null, width));
        pending = pending.filter((x) => x >= limit);
      };
      inserted.forEach((a, k) => {
        const b = pairs.get(a);
        const next =
          b ??
          inserted
            .slice(k + 1)
            .map((x) => pairs.get(x))
            .find((x) => x !== undefined);
        flushBefore(next ?? Number.POSITIVE_INFINITY);
        rows.push(rowDiff(b === undefined ? null : beforeRows[b]!, afterRows[a]!, width));
      });
      flushBefore(Number.POSITIVE_INFINITY);
    },
  );
  const status: ChangeStatus = !before
    ? 'added'
    : !after
      ? 'removed'
      : header.status === 'unchanged' && rows.every((r) => r.status === 'unchanged')
        ? 'unchanged'
        : 'changed';
  return { status, header, rows };
}

/**
 * The changes from one list of blocks to another, in reading order: consecutive text blocks are
 * one word diff (joined by line breaks), each table its own table diff. A table replaced by another
 * in the same place is shown as that table changed.
 */
export function diffBlocks(before: readonly Block[], after: readonly Block[]): SectionChange[] {
  const out: SectionChange[] = [];
  let text: DiffPart[] = [];
  const pushText = (parts: DiffPart[]) => {
    if (!parts.length) return;
    if (text.length) text.push({ op: 'equal', text: '\n' });
    text.push(...parts);
  };
  const flushText = () => {
    if (text.length) out.push({ kind: 'text', parts: mergeParts(text) });
    text = [];
  };
  const pushTable = (table: TableDiff) => {
    flushText();
    out.push({ kind: 'table', table });
  };
  walkRuns(
    alignSequences(before.map(canonicalJson), after.map(canonicalJson)),
    (b) => {
      const block = before[b]!;
      if (isTable(block)) pushTable(diffTable(block, block));
      else pushText([{ op: 'equal', text: textBlockLines(block).join('\n') }]);
    },
    (deleted, inserted) => {
      // Each side of the run is cut at its tables: the k-th stretch of text is compared with the
      // k-th, the k-th table with the k-th, so the changes read in the order of the text.
      const chunks = (blocks: Block[]) => {
        const texts: Exclude<Block, TableBlock>[][] = [[]];
        const tables: TableBlock[] = [];
        for (const block of blocks) {
          if (isTable(block)) {
            tables.push(block);
            texts.push([]);
          } else texts.at(-1)!.push(block);
        }
        return { texts, tables };
      };
      const gone = chunks(deleted.map((i) => before[i]!));
      const come = chunks(inserted.map((i) => after[i]!));
      const count = Math.max(gone.tables.length, come.tables.length);
      for (let k = 0; k <= count; k++) {
        const b = gone.texts[k] ?? [];
        const a = come.texts[k] ?? [];
        if (b.length || a.length) pushText(diffWords(textOf(b), textOf(a)));
        if (k < count) pushTable(diffTable(gone.tables[k] ?? null, come.tables[k] ?? null));
      }
    },
  );
  flushText();
  return out;
}

function mergeParts(parts: readonly DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    if (!part.text) continue;
    const last = merged.at(-1);
    if (last && last.op === part.op) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}

/** Whether anything in the changes differs between the two sides. */
export function sectionChanged(changes: readonly SectionChange[]): boolean {
  return changes.some((c) =>
    c.kind === 'text' ? c.parts.some((p) => p.op !== 'equal') : c.table.status !== 'unchanged',
  );
}
