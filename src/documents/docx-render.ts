/**
 * Word (DOCX) renderer over the `docx` package, for partners whose tools expect Word files. It mirrors the
 * ODT writer: the same prepared model, a table of contents field refreshed when the document opens, page
 * numbers in the footer, heading styles, repeated table header rows, footnotes, bullets, and signatures
 * laid out in a borderless table. Loaded by docx.ts on the first Word document.
 */

import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  FootnoteReferenceRun,
  HeadingLevel,
  HeightRule,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import {
  type Alignment,
  type Cover,
  DEFAULT_TOC_DEPTH,
  type DocumentModel,
  type Inline,
  LIST_BULLETS,
  type ListItem,
  type TableCell as ModelCell,
  type TextRun as ModelRun,
  type PreparedDocument,
  type PreparedHeading,
  prepareDocument,
  type Signatory,
  type TableBlock,
  type TocBlock,
  unreachable,
} from './model.js';
import { escapeXml, stripForbiddenXmlChars } from './xml.js';

/** Twentieths of a point: A4 is 11906 × 16838, 2 cm margins are 1134. */
const PAGE = { width: 11906, height: 16838, margin: 1134, marginBottom: 850 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = 'Arial';
const HEADING_COLOR = '1F3A5F';
const GRID = { style: BorderStyle.SINGLE, size: 4, color: '6B7280' } as const;
const HEADER_SHADING = { fill: 'E8ECF1', type: ShadingType.CLEAR, color: 'auto' } as const;

const HEADING_LEVELS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

interface State {
  readonly bookmarks: ReadonlyMap<string, string>;
  noteCount: number;
  readonly footnotes: Record<string, { children: Paragraph[] }>;
  /** The next block starts on a new page. */
  breakBefore: boolean;
}

/** Runs of one text: line breaks and tabs become Word's own elements. */
function textRuns(value: string, style: { bold?: boolean; italics?: boolean }): TextRun[] {
  const clean = stripForbiddenXmlChars(value);
  // The common case, kept cheap: long documents have thousands of runs.
  if (!/[\n\t]/.test(clean)) return [new TextRun({ text: clean, ...style })];
  return clean.split('\n').map((line, i) => {
    const children: (string | Tab)[] = [];
    line.split('\t').forEach((part, j) => {
      if (j > 0) children.push(new Tab());
      if (part) children.push(part);
    });
    return new TextRun({ children, ...style, ...(i > 0 ? { break: 1 } : {}) });
  });
}

function runStyle(run: ModelRun, extra?: { bold?: boolean; italic?: boolean }) {
  const bold = run.bold || extra?.bold;
  const italics = run.italic || extra?.italic;
  return { ...(bold ? { bold: true } : {}), ...(italics ? { italics: true } : {}) };
}

function inlines(
  runs: readonly Inline[],
  state: State,
  extra?: { bold?: boolean; italic?: boolean },
): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const run of runs) {
    if (run.kind === 'text') out.push(...textRuns(run.text, runStyle(run, extra)));
    else {
      state.noteCount++;
      state.footnotes[String(state.noteCount)] = {
        children: [new Paragraph({ children: run.content.flatMap((r) => textRuns(r.text, runStyle(r))) })],
      };
      out.push(new FootnoteReferenceRun(state.noteCount));
    }
  }
  return out;
}

function takeBreak(state: State): boolean {
  const value = state.breakBefore;
  state.breakBefore = false;
  return value;
}

/** An almost invisible paragraph that carries a page break for a block that cannot carry one. */
function breakParagraph(): Paragraph {
  return new Paragraph({
    pageBreakBefore: true,
    spacing: { before: 0, after: 0, line: 240 },
    children: [new TextRun({ text: '', size: 2 })],
  });
}

/**
 * Word bookmark names take letters, digits and underscores, 40 at most, so anchors are numbered rather
 * than derived from titles (two long titles could share their first 40 characters). A leading underscore
 * hides them from the bookmark list, as Word does with its own table of contents bookmarks.
 */
function bookmarkNames(doc: PreparedDocument): Map<string, string> {
  const names = new Map<string, string>();
  for (const block of doc.blocks)
    if (block.kind === 'heading') names.set(block.id, `_Toc_h${names.size + 1}`);
  return names;
}

function heading(h: PreparedHeading, state: State): Paragraph {
  const children = [new Bookmark({ id: state.bookmarks.get(h.id)!, children: textRuns(h.text, {}) })];
  const pageBreakBefore = takeBreak(state);
  return h.toc
    ? new Paragraph({ heading: HEADING_LEVELS[h.level], pageBreakBefore, children })
    : new Paragraph({ style: `Heading${h.level}Unlisted`, pageBreakBefore, children });
}

function list(items: readonly ListItem[], level: number, state: State): Paragraph[] {
  return items.flatMap((item) => [
    new Paragraph({
      // A list saved before depth was checked is drawn at the deepest level rather than failing.
      numbering: { reference: 'bullets', level: Math.min(level, LIST_BULLETS.length - 1) },
      pageBreakBefore: takeBreak(state),
      spacing: { after: 60 },
      children: inlines(item.runs, state),
    }),
    ...list(item.children ?? [], level + 1, state),
  ]);
}

function cellParagraph(
  c: ModelCell,
  role: 'column-header' | 'row-header' | 'data',
  columnAlign: Alignment | undefined,
  state: State,
): Paragraph {
  const align = c.align ?? (role === 'row-header' ? undefined : columnAlign);
  // Spacing, size and the header's bold and centring come from the styles: fewer objects per cell.
  return new Paragraph({
    style: role === 'column-header' ? 'TableHeading' : 'TableText',
    ...(align ? { alignment: ALIGN[align] } : {}),
    children: inlines(c.runs, state, { bold: c.bold, italic: c.italic }),
  });
}

function table(t: TableBlock, state: State): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const pageBreakBefore = takeBreak(state);
  if (t.caption) {
    out.push(
      new Paragraph({ style: 'Caption', pageBreakBefore, keepNext: true, children: textRuns(t.caption, {}) }),
    );
  } else if (pageBreakBefore) out.push(breakParagraph());
  const total = t.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = t.columns.map((c) => Math.round((TEXT_WIDTH * c.width) / total));
  const row = (cells: readonly ModelCell[], header: boolean) => {
    let position = 0;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c, i) => {
        const span = c.colSpan ?? 1;
        const width = widths.slice(position, position + span).reduce((a, b) => a + b, 0);
        const role = header ? 'column-header' : t.rowHeaders === true && i === 0 ? 'row-header' : 'data';
        const columnAlign = t.columns[position]?.align;
        position += span;
        return new TableCell({
          children: [cellParagraph(c, role, columnAlign, state)],
          width: { size: width, type: WidthType.DXA },
          ...(span > 1 ? { columnSpan: span } : {}),
          ...(header ? { shading: HEADER_SHADING, verticalAlign: VerticalAlignTable.CENTER } : {}),
        });
      }),
    });
  };
  out.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      margins: { top: 40, bottom: 40, left: 70, right: 70 },
      borders: {
        top: GRID,
        bottom: GRID,
        left: GRID,
        right: GRID,
        insideHorizontal: GRID,
        insideVertical: GRID,
      },
      rows: [...t.header.map((r) => row(r, true)), ...t.rows.map((r) => row(r, false))],
    }),
    // Word joins two tables that touch; a paragraph keeps them apart and gives room after the table.
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  );
  return out;
}

function signatures(signatories: readonly Signatory[], state: State): (Paragraph | Table)[] {
  if (signatories.length === 0) return [];
  const width = Math.floor(TEXT_WIDTH / signatories.length);
  const row = (pick: (s: Signatory) => string, bold: boolean, height?: number) =>
    new TableRow({
      cantSplit: true,
      ...(height ? { height: { value: height, rule: HeightRule.ATLEAST } } : {}),
      children: signatories.map(
        (s) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                keepNext: true,
                spacing: { before: 0, after: 60 },
                children: textRuns(pick(s), bold ? { bold: true } : {}),
              }),
            ],
          }),
      ),
    });
  return [
    ...(takeBreak(state) ? [breakParagraph()] : []),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: signatories.map(() => width),
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
      rows: [
        row((s) => s.organisation, true),
        row((s) => s.function, false),
        row((s) => s.name, true),
        // Room to sign.
        row(() => '', false, 1600),
      ],
    }),
  ];
}

function tocBlock(
  block: TocBlock,
  headings: readonly PreparedHeading[],
  state: State,
): (Paragraph | TableOfContents)[] {
  const depth = block.depth ?? DEFAULT_TOC_DEPTH;
  return [
    new Paragraph({
      style: 'TOCHeading',
      pageBreakBefore: takeBreak(state),
      children: textRuns(block.title ?? '', {}),
    }),
    // Entries given from the prepared headings: letting the package find them walks the whole body again,
    // which doubled the time of a long document.
    new TableOfContents(block.title ?? 'Sommaire', {
      hyperlink: true,
      headingStyleRange: `1-${depth}`,
      cachedEntries: headings
        .filter((h) => h.level <= depth)
        .map((h) => ({ title: h.text, level: h.level, href: state.bookmarks.get(h.id)! })),
    }),
  ];
}

function cover(c: Cover): Paragraph[] {
  const out: Paragraph[] = [new Paragraph({ style: 'Title', children: textRuns(c.title, {}) })];
  if (c.subtitle) out.push(new Paragraph({ style: 'Subtitle', children: textRuns(c.subtitle, {}) }));
  c.parties.forEach((party, i) => {
    out.push(
      new Paragraph({
        spacing: { before: 240, after: 160 },
        children: textRuns(i === 0 ? 'Entre\u00a0:' : 'et', {}),
      }),
      new Paragraph({
        indent: { left: 340 },
        spacing: { after: 80 },
        children: textRuns(party.name, { bold: true }),
      }),
      ...(party.details ?? []).map(
        (d) =>
          new Paragraph({
            indent: { left: 340 },
            alignment: AlignmentType.JUSTIFIED,
            children: textRuns(d, {}),
          }),
      ),
    );
  });
  if (c.closing) out.push(new Paragraph({ spacing: { before: 560 }, children: textRuns(c.closing, {}) }));
  return out;
}

function body(doc: PreparedDocument, state: State): (Paragraph | Table | TableOfContents)[] {
  const out: (Paragraph | Table | TableOfContents)[] = [];
  if (doc.cover) {
    out.push(...cover(doc.cover));
    state.breakBefore = true;
  }
  doc.blocks.forEach((block, index) => {
    switch (block.kind) {
      case 'heading':
        out.push(heading(block, state));
        return;
      case 'paragraph':
        out.push(
          new Paragraph({
            ...(block.size === 'small' ? { style: 'Small' } : {}),
            ...(block.align ? { alignment: ALIGN[block.align] } : {}),
            pageBreakBefore: takeBreak(state),
            // « Fait à …, le … » stays on the page of the signatures it introduces.
            ...(doc.blocks[index + 1]?.kind === 'signatures' ? { keepNext: true } : {}),
            children: inlines(block.runs, state),
          }),
        );
        return;
      case 'list':
        out.push(...list(block.items, 0, state));
        return;
      case 'table':
        out.push(...table(block, state));
        return;
      case 'pageBreak':
        state.breakBefore = true;
        return;
      case 'toc':
        out.push(...tocBlock(block, doc.headings, state));
        return;
      case 'signatures':
        out.push(...signatures(block.signatories, state));
        return;
      case 'missing':
        out.push(
          new Paragraph({
            style: 'MissingContent',
            pageBreakBefore: takeBreak(state),
            children: [...textRuns(block.label, { bold: true }), ...textRuns(`\u00a0: ${block.reason}`, {})],
          }),
        );
        return;
    }
    unreachable(block);
  });
  return out;
}

function bulletLevels() {
  return LIST_BULLETS.map((text, level) => ({
    level,
    format: LevelFormat.BULLET,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 360 + level * 340, hanging: 230 } } },
  }));
}

function styles() {
  // The outline level is written out: LibreOffice builds its index (and PDF bookmarks) from it.
  const heading = (level: number, size: number, before: number, after: number, color = HEADING_COLOR) => ({
    run: { font: FONT, size, bold: true, color },
    paragraph: { spacing: { before, after }, keepNext: true, keepLines: true, outlineLevel: level - 1 },
  });
  const unlisted = (level: 1 | 2 | 3, look: ReturnType<typeof heading>) => ({
    id: `Heading${level}Unlisted`,
    name: `Heading ${level} unlisted`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: look.run,
    // Same outline level as the listed heading (navigation pane, PDF bookmarks); not a TOC source style.
    paragraph: look.paragraph,
  });
  const h1 = heading(1, 28, 360, 160);
  const h2 = heading(2, 24, 280, 120);
  const h3 = heading(3, 22, 200, 100, '333333');
  return {
    default: {
      document: {
        run: { font: FONT, size: 21, language: { value: 'fr-FR' } },
        paragraph: { spacing: { after: 120, line: 276 }, alignment: AlignmentType.JUSTIFIED },
      },
      heading1: h1,
      heading2: h2,
      heading3: h3,
      title: {
        run: { font: FONT, size: 44, bold: true, color: HEADING_COLOR },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 2800, after: 240 } },
      },
    },
    paragraphStyles: [
      unlisted(1, h1),
      unlisted(2, h2),
      unlisted(3, h3),
      {
        id: 'Subtitle',
        name: 'Subtitle',
        basedOn: 'Normal',
        run: { size: 28, color: HEADING_COLOR },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 1100 } },
      },
      {
        id: 'TOCHeading',
        name: 'TOC Heading',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: 32, bold: true, color: HEADING_COLOR },
        paragraph: { spacing: { after: 240 } },
      },
      {
        id: 'TableText',
        name: 'Table Contents',
        basedOn: 'Normal',
        run: { size: 18 },
        paragraph: { spacing: { before: 0, after: 0, line: 240 }, alignment: AlignmentType.LEFT },
      },
      {
        id: 'TableHeading',
        name: 'Table Heading',
        basedOn: 'TableText',
        run: { bold: true },
        paragraph: { alignment: AlignmentType.CENTER },
      },
      {
        id: 'Caption',
        name: 'caption',
        basedOn: 'Normal',
        run: { size: 20, bold: true },
        paragraph: { spacing: { before: 160, after: 60 }, keepNext: true },
      },
      {
        id: 'Small',
        name: 'Petit texte',
        basedOn: 'Normal',
        run: { size: 17, color: '444444' },
        paragraph: { alignment: AlignmentType.LEFT },
      },
      {
        id: 'FootnoteText',
        name: 'footnote text',
        basedOn: 'Normal',
        run: { size: 17 },
        paragraph: { spacing: { after: 0 }, alignment: AlignmentType.LEFT },
      },
      {
        id: 'MissingContent',
        name: 'Contenu manquant',
        basedOn: 'Normal',
        run: { color: '7C2D12' },
        paragraph: {
          spacing: { before: 160, after: 160 },
          alignment: AlignmentType.LEFT,
          border: {
            top: { style: BorderStyle.SINGLE, size: 8, color: '9A3412', space: 6 },
            bottom: { style: BorderStyle.SINGLE, size: 8, color: '9A3412', space: 6 },
            left: { style: BorderStyle.SINGLE, size: 8, color: '9A3412', space: 6 },
            right: { style: BorderStyle.SINGLE, size: 8, color: '9A3412', space: 6 },
          },
          shading: { fill: 'FFF7ED', type: ShadingType.CLEAR, color: 'auto' },
        },
      },
    ],
  };
}

/**
 * The package's core properties, written here rather than by the package, whose creation date would be
 * the time of rendering: the same model gives the same document, dated as the caller says.
 */
function coreXml(doc: PreparedDocument): string {
  const m = doc.metadata;
  const stamp =
    m.created.length === 10
      ? `${m.created}T00:00:00Z`
      : new Date(m.created).toISOString().replace(/\.\d+Z$/, 'Z');
  const element = (name: string, value: string | undefined) =>
    value === undefined || value === '' ? '' : `<${name}>${escapeXml(value)}</${name}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', m.title) +
    element('dc:subject', m.subject) +
    element('dc:creator', m.author) +
    element('cp:keywords', m.keywords?.join(', ')) +
    element('cp:lastModifiedBy', m.author) +
    '<cp:revision>1</cp:revision>' +
    element('dc:language', m.language) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** Renders the document as a Word (DOCX) file. */
export async function renderDocx(model: DocumentModel): Promise<Uint8Array> {
  const doc = prepareDocument(model);
  const state: State = { bookmarks: bookmarkNames(doc), noteCount: 0, footnotes: {}, breakBefore: false };
  const children = body(doc, state);
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            size: 17,
            color: '444444',
            children: ['Page ', PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
  const document = new Document({
    title: doc.metadata.title,
    subject: doc.metadata.subject,
    creator: doc.metadata.author,
    lastModifiedBy: doc.metadata.author,
    keywords: doc.metadata.keywords?.join(', '),
    features: { updateFields: true },
    styles: styles(),
    numbering: { config: [{ reference: 'bullets', levels: bulletLevels() }] },
    footnotes: state.footnotes,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.margin,
              bottom: PAGE.marginBottom,
              left: PAGE.margin,
              right: PAGE.margin,
              footer: 425,
            },
          },
          // The cover page has no footer; numbering still counts it, as in the ODT.
          titlePage: doc.cover !== undefined,
        },
        footers: doc.cover ? { default: footer, first: new Footer({ children: [] }) } : { default: footer },
        children,
      },
    ],
  });
  return new Uint8Array(
    await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: coreXml(doc) }]),
  );
}
