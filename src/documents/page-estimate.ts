/**
 * How many pages a document model fills once LibreOffice lays out the ODT this project writes (A4,
 * 2 cm margins, Liberation Sans 10.5 pt): a small layout simulation, line by line, on the page
 * geometry and styles of `odt.ts` (headings, paragraphs, lists, table rows that do not break, page
 * breaks, the cover page, the table of contents, the signature table).
 *
 * The widths of characters are not known here: the average width of a character is calibrated on
 * the real layout (the demo convention and a long one converted by LibreOffice and counted by
 * `pdfinfo`, see tests/office/page-count.test.ts, which holds the estimate to ±1 page).
 */
import {
  type Block,
  type Cover,
  type DocumentModel,
  type Inline,
  type ListItem,
  type PreparedHeading,
  plainText,
  prepareDocument,
  type Signatory,
} from './model.js';

const CM_PER_PT = 2.54 / 72;

/** A4 less the margins (2 cm top, 1.5 cm bottom) and the footer (0.6 cm and 0.4 cm above it). */
export const PAGE_TEXT_HEIGHT_CM = 29.7 - 2 - 1.5 - 1.0;
export const PAGE_TEXT_WIDTH_CM = 17;

/** Average advance of a character, in ems, for French text in Liberation Sans (calibrated). */
const EM_PER_CHARACTER = 0.45;
/** Height of a line in ems of the font size (the font's own line gap). */
const LINE_EM = 1.15;

interface Flow {
  pages: number;
  /** Height used on the current page, in cm. */
  used: number;
}

function lineHeight(sizePt: number, spacing = 1): number {
  return sizePt * LINE_EM * spacing * CM_PER_PT;
}

/** Lines a text takes in a width, at a font size (a word never breaks: lines fill to ~95 %). */
function linesOf(text: string, widthCm: number, sizePt: number, bold = false): number {
  if (!text.trim()) return 1;
  const perLine = Math.max(
    4,
    Math.floor((widthCm * 0.95) / (sizePt * CM_PER_PT * EM_PER_CHARACTER * (bold ? 1.07 : 1))),
  );
  // Each explicit line is laid out on its own.
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

const inlineText = (runs: readonly Inline[]) => plainText(runs);

function newPage(flow: Flow): void {
  if (flow.used > 0) {
    flow.pages++;
    flow.used = 0;
  }
}

/** Places text lines that may break across pages; `before`/`after` are the paragraph's margins. */
function placeLines(flow: Flow, lines: number, lineCm: number, before: number, after: number): void {
  flow.used += flow.used > 0 ? before : 0;
  for (let i = 0; i < lines; i++) {
    if (flow.used + lineCm > PAGE_TEXT_HEIGHT_CM) {
      flow.pages++;
      flow.used = 0;
    }
    flow.used += lineCm;
  }
  flow.used += after;
}

/** Places a box that does not break (a table row, the signatures): on the next page when it does not fit. */
function placeBox(flow: Flow, height: number): void {
  if (flow.used > 0 && flow.used + height > PAGE_TEXT_HEIGHT_CM) {
    flow.pages++;
    flow.used = 0;
  }
  flow.used += height;
  while (flow.used > PAGE_TEXT_HEIGHT_CM) {
    flow.pages++;
    flow.used -= PAGE_TEXT_HEIGHT_CM;
  }
}

const HEADINGS: Record<1 | 2 | 3, { size: number; top: number; bottom: number }> = {
  1: { size: 14, top: 0.6, bottom: 0.3 },
  2: { size: 12, top: 0.45, bottom: 0.2 },
  3: { size: 11, top: 0.35, bottom: 0.15 },
};
const BODY = { size: 10.5, spacing: 1.15, bottom: 0.2 };

function placeItems(flow: Flow, items: readonly ListItem[], depth: number): void {
  for (const item of items) {
    const indent = 0.6 * (depth + 1);
    placeLines(
      flow,
      linesOf(inlineText(item.runs), PAGE_TEXT_WIDTH_CM - indent, BODY.size),
      lineHeight(BODY.size, BODY.spacing),
      0,
      0.1,
    );
    if (item.children) placeItems(flow, item.children, depth + 1);
  }
}

function placeTable(flow: Flow, block: Extract<Block, { kind: 'table' }>): void {
  const total = block.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = block.columns.map((c) => (PAGE_TEXT_WIDTH_CM * c.width) / total);
  const rowHeight = (row: (typeof block.rows)[number], bold: boolean) => {
    let column = 0;
    let lines = 1;
    for (const c of row) {
      const span = c.colSpan ?? 1;
      const width = widths.slice(column, column + span).reduce((s, w) => s + w, 0) - 0.16;
      lines = Math.max(lines, linesOf(inlineText(c.runs), width, 9, bold || c.bold === true));
      column += span;
    }
    return lines * lineHeight(9) + 0.16 + 0.02;
  };
  if (block.caption)
    placeLines(flow, linesOf(block.caption, PAGE_TEXT_WIDTH_CM, 10, true), lineHeight(10), 0.3, 0.1);
  flow.used += 0.1;
  const header = block.header.reduce((sum, row) => sum + rowHeight(row, true), 0);
  placeBox(flow, header);
  for (const row of block.rows) {
    const height = rowHeight(row, false);
    const page = flow.pages;
    placeBox(flow, height);
    // Header rows are repeated at the top of every page the table continues on.
    if (flow.pages !== page) flow.used += header;
  }
  flow.used += 0.25;
}

function placeCover(flow: Flow, cover: Cover): void {
  placeLines(flow, linesOf(cover.title, PAGE_TEXT_WIDTH_CM, 22, true), lineHeight(22), 0, 0.5);
  flow.used += 5; // the title's top margin
  if (cover.subtitle) placeLines(flow, linesOf(cover.subtitle, PAGE_TEXT_WIDTH_CM, 14), lineHeight(14), 0, 2);
  for (const party of cover.parties) {
    placeLines(flow, 1, lineHeight(BODY.size, BODY.spacing), 0.4, 0.3);
    placeLines(flow, linesOf(party.name, PAGE_TEXT_WIDTH_CM - 0.6, 12, true), lineHeight(12), 0, 0.15);
    for (const detail of party.details ?? []) {
      placeLines(
        flow,
        linesOf(detail, PAGE_TEXT_WIDTH_CM - 0.6, BODY.size),
        lineHeight(BODY.size, BODY.spacing),
        0,
        BODY.bottom,
      );
    }
  }
  if (cover.closing) {
    placeLines(
      flow,
      linesOf(cover.closing, PAGE_TEXT_WIDTH_CM, BODY.size),
      lineHeight(BODY.size, BODY.spacing),
      1,
      0,
    );
  }
}

/** The number of pages the document prints on. */
export function estimateDocumentPages(model: DocumentModel): number {
  return estimateLayout(model).pages;
}

/** The pages, and the page each heading is estimated to start on (to compare with a real layout). */
export function estimateLayout(model: DocumentModel): {
  pages: number;
  headings: { text: string; page: number }[];
} {
  const doc = prepareDocument(model);
  const headings: { text: string; page: number }[] = [];
  const flow: Flow = { pages: 1, used: 0 };
  if (doc.cover) {
    placeCover(flow, doc.cover);
    // The body starts on a page of its own after the cover.
    newPage(flow);
  }
  doc.blocks.forEach((block) => {
    switch (block.kind) {
      case 'heading': {
        const look = HEADINGS[block.level];
        const height = linesOf(block.text, PAGE_TEXT_WIDTH_CM, look.size, true) * lineHeight(look.size);
        // A heading keeps with the next paragraph: it moves on when two lines of text would not follow.
        if (
          flow.used > 0 &&
          flow.used + look.top + height + 2 * lineHeight(BODY.size, BODY.spacing) > PAGE_TEXT_HEIGHT_CM
        )
          newPage(flow);
        placeLines(flow, 1, height, look.top, look.bottom);
        headings.push({ text: block.text, page: flow.pages });
        return;
      }
      case 'paragraph': {
        const size = block.size === 'small' ? 8.5 : BODY.size;
        placeLines(
          flow,
          linesOf(inlineText(block.runs), PAGE_TEXT_WIDTH_CM, size),
          lineHeight(size, BODY.spacing),
          0,
          BODY.bottom,
        );
        return;
      }
      case 'list':
        placeItems(flow, block.items, 0);
        flow.used += BODY.bottom;
        return;
      case 'table':
        placeTable(flow, block);
        return;
      case 'pageBreak':
        newPage(flow);
        return;
      case 'toc': {
        const depth = block.depth ?? 2;
        const entries = doc.headings.filter((h: PreparedHeading) => h.level <= depth);
        placeLines(flow, 1, lineHeight(16), 0, 0.4);
        for (const entry of entries) {
          placeLines(
            flow,
            linesOf(entry.text, PAGE_TEXT_WIDTH_CM - 1.5, BODY.size),
            lineHeight(BODY.size),
            0,
            0,
          );
        }
        return;
      }
      case 'signatures': {
        if (!block.signatories.length) return;
        const width = PAGE_TEXT_WIDTH_CM / block.signatories.length - 0.2;
        const signatories = block.signatories;
        const lines = (pick: (s: Signatory) => string, bold: boolean) =>
          Math.max(...signatories.map((s) => linesOf(pick(s), width, BODY.size, bold)));
        const text =
          (lines((s) => s.organisation, true) +
            lines((s) => s.function, false) +
            lines((s) => s.name, true)) *
          lineHeight(BODY.size);
        placeBox(flow, 0.1 + text + 0.15 + 6 * 0.1 + 2.8 + 0.25);
        return;
      }
      case 'missing':
        placeLines(
          flow,
          linesOf(`${block.label} : ${block.reason}`, PAGE_TEXT_WIDTH_CM - 0.5, BODY.size),
          lineHeight(BODY.size),
          0.3,
          0.3 + 0.5,
        );
        return;
    }
  });
  return { pages: flow.pages, headings };
}
