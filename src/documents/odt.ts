/**
 * OpenDocument Text writer: turns the document model into an .odt file (the format the French RGI
 * recommends) with no system dependency. The package is written by hand with fflate so that every part is
 * under our control: mimetype first and stored, styles with outline levels, a table of contents that reads
 * before LibreOffice refreshes it, footnotes, tables with repeated header rows, a page number in the footer.
 */

import { type Zippable, zipSync } from 'fflate';
import {
  type Alignment,
  type Cover,
  DEFAULT_TOC_DEPTH,
  type DocumentModel,
  type Inline,
  LIST_BULLETS,
  type ListItem,
  missingNotice,
  type PreparedDocument,
  type PreparedHeading,
  prepareDocument,
  type Signatory,
  type TableBlock,
  type TableCell,
  type TextRun,
  type TocBlock,
} from './model.js';
import { escapeXml, utf8 } from './xml.js';

export const ODT_MIME_TYPE = 'application/vnd.oasis.opendocument.text';

/** A4 with 2 cm side margins: 17 cm of text width, which table columns share. */
const PAGE = { width: 21, height: 29.7, marginX: 2, marginTop: 2, marginBottom: 1.5, textWidth: 17 };

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
].join(' ');

/** Style names are ODF "encoded" names: a space is written _20_. */
const HEADING_STYLE = (level: number) => `Heading_20_${level}`;
/** Same look and outline level as a heading, but not one of the styles the table of contents collects. */
const UNLISTED_HEADING_STYLE = (level: number) => `Heading_20_${level}_20_unlisted`;

/**
 * Text of a run as ODF wants it: runs of spaces, tabs and line breaks are elements, because ODF collapses
 * white space in text the way HTML does.
 */
function odfText(value: string): string {
  let out = '';
  const parts = value.split(/(\n|\t| {2,}|^ +)/);
  for (const part of parts) {
    if (part === '') continue;
    if (part === '\n') out += '<text:line-break/>';
    else if (part === '\t') out += '<text:tab/>';
    else if (/^ +$/.test(part)) {
      // A single space in the middle stays a space; leading or repeated spaces need text:s.
      out += part.length === 1 && out !== '' ? ' ' : `<text:s text:c="${part.length}"/>`;
    } else out += escapeXml(part);
  }
  return out;
}

/** Collects the automatic styles a body needs while it is written, so each is declared once. */
class AutomaticStyles {
  private readonly declared = new Map<string, string>();
  private tableCount = 0;

  /** A paragraph style derived from `parent`, with extra paragraph properties. */
  paragraph(
    parent: string,
    props: { breakBefore?: boolean; align?: Alignment; masterPage?: string; keepWithNext?: boolean },
  ): string {
    if (!props.breakBefore && !props.align && !props.masterPage && !props.keepWithNext) return parent;
    const key = `${parent}|${props.breakBefore ? 'b' : ''}|${props.align ?? ''}|${props.masterPage ?? ''}|${props.keepWithNext ? 'k' : ''}`;
    const existing = this.declared.get(key);
    if (existing) return existing;
    const name = `P${this.declared.size + 1}`;
    const attrs = [
      props.breakBefore && !props.masterPage ? 'fo:break-before="page"' : '',
      props.keepWithNext ? 'fo:keep-with-next="always"' : '',
      props.align
        ? `fo:text-align="${props.align === 'left' ? 'start' : props.align === 'right' ? 'end' : props.align}"`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    const master = props.masterPage ? ` style:master-page-name="${props.masterPage}"` : '';
    this.declared.set(key, name);
    this.xml.push(
      `<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="${parent}"${master}>` +
        (attrs ? `<style:paragraph-properties ${attrs}/>` : '') +
        '</style:style>',
    );
    return name;
  }

  /** Styles of one table: the table itself and each column's width, shared out from the text width. */
  table(
    columns: readonly { width: number }[],
    options: { breakBefore?: boolean; keepTogether?: boolean },
  ): {
    table: string;
    columns: string[];
  } {
    this.tableCount++;
    const name = `Tbl${this.tableCount}`;
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const props = [
      `style:width="${PAGE.textWidth}cm"`,
      'table:align="margins"',
      'fo:margin-top="0.1cm"',
      'fo:margin-bottom="0.25cm"',
      options.breakBefore ? 'fo:break-before="page"' : '',
      options.keepTogether ? 'style:may-break-between-rows="false"' : '',
    ]
      .filter(Boolean)
      .join(' ');
    this.xml.push(
      `<style:style style:name="${name}" style:family="table"><style:table-properties ${props}/></style:style>`,
    );
    const columnNames = columns.map((c, i) => {
      const columnName = `${name}.C${i + 1}`;
      const width = ((PAGE.textWidth * c.width) / total).toFixed(3);
      const relative = Math.max(1, Math.round((65535 * c.width) / total));
      this.xml.push(
        `<style:style style:name="${columnName}" style:family="table-column">` +
          `<style:table-column-properties style:column-width="${width}cm" style:rel-column-width="${relative}*"/></style:style>`,
      );
      return columnName;
    });
    return { table: name, columns: columnNames };
  }

  readonly xml: string[] = [
    // Character styles for runs; fixed names keep content.xml readable.
    '<style:style style:name="Tb" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/></style:style>',
    '<style:style style:name="Ti" style:family="text"><style:text-properties fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"/></style:style>',
    '<style:style style:name="Tbi" style:family="text"><style:text-properties fo:font-weight="bold" fo:font-style="italic" style:font-weight-asian="bold" style:font-style-asian="italic" style:font-weight-complex="bold" style:font-style-complex="italic"/></style:style>',
    // Table cells: a thin grey grid, header cells shaded.
    '<style:style style:name="CellHead" style:family="table-cell"><style:table-cell-properties fo:background-color="#e8ecf1" fo:padding="0.08cm" fo:border="0.5pt solid #6b7280" style:vertical-align="middle"/></style:style>',
    '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #6b7280"/></style:style>',
    '<style:style style:name="CellSign" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="none"/></style:style>',
    '<style:style style:name="RowHead" style:family="table-row"><style:table-row-properties fo:keep-together="always"/></style:style>',
    '<style:style style:name="RowSignSpace" style:family="table-row"><style:table-row-properties style:min-row-height="2.8cm"/></style:style>',
    // An empty paragraph carrying a page break, for blocks that cannot carry it themselves.
    '<style:style style:name="PageBreak" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page" fo:margin-top="0cm" fo:margin-bottom="0cm" fo:line-height="100%"/><style:text-properties fo:font-size="2pt"/></style:style>',
    '<style:style style:name="Sect1" style:family="section"><style:section-properties style:editable="false"/></style:style>',
  ];
}

interface BodyState {
  readonly styles: AutomaticStyles;
  /** The next block starts a new page (explicit page break, or the end of the cover). */
  breakBefore: boolean;
  /** Master page the next paragraph switches to (the body after a cover without footer). */
  masterPage?: string;
  noteCount: number;
}

function spanStyle(run: TextRun, extra?: { bold?: boolean; italic?: boolean }): string | null {
  const b = run.bold || extra?.bold;
  const i = run.italic || extra?.italic;
  return b && i ? 'Tbi' : b ? 'Tb' : i ? 'Ti' : null;
}

function inlines(
  runs: readonly Inline[],
  state: BodyState,
  extra?: { bold?: boolean; italic?: boolean },
): string {
  let out = '';
  for (const run of runs) {
    if (run.kind === 'text') {
      const style = spanStyle(run, extra);
      const body = odfText(run.text);
      out += style ? `<text:span text:style-name="${style}">${body}</text:span>` : body;
    } else {
      state.noteCount++;
      const n = state.noteCount;
      out +=
        `<text:note text:id="ftn${n}" text:note-class="footnote"><text:note-citation>${n}</text:note-citation>` +
        `<text:note-body><text:p text:style-name="Footnote">${inlines(run.content, state)}</text:p></text:note-body></text:note>`;
    }
  }
  return out;
}

/** Paragraph style for the next paragraph, consuming a pending page break or master page switch. */
function takeParagraphStyle(
  state: BodyState,
  parent: string,
  align?: Alignment,
  keepWithNext = false,
): string {
  const style = state.styles.paragraph(parent, {
    breakBefore: state.breakBefore,
    align,
    masterPage: state.masterPage,
    keepWithNext,
  });
  state.breakBefore = false;
  state.masterPage = undefined;
  return style;
}

/** For blocks that cannot carry a break themselves: an empty paragraph does it for them. */
function flushBreak(state: BodyState): string {
  if (!state.breakBefore && !state.masterPage) return '';
  const style = state.masterPage
    ? state.styles.paragraph('PageBreak', { masterPage: state.masterPage })
    : 'PageBreak';
  state.breakBefore = false;
  state.masterPage = undefined;
  return `<text:p text:style-name="${style}"/>`;
}

function headingXml(h: PreparedHeading, state: BodyState): string {
  const base = h.toc ? HEADING_STYLE(h.level) : UNLISTED_HEADING_STYLE(h.level);
  const style = takeParagraphStyle(state, base);
  const name = escapeXml(h.id);
  return (
    `<text:h text:style-name="${style}" text:outline-level="${h.level}">` +
    `<text:bookmark-start text:name="${name}"/>${odfText(h.text)}<text:bookmark-end text:name="${name}"/></text:h>`
  );
}

function listXml(items: readonly ListItem[], state: BodyState, depth: number): string {
  const styleAttr = depth === 1 ? ' text:style-name="Bullets"' : '';
  let out = `<text:list${styleAttr}>`;
  for (const item of items) {
    const pStyle = takeParagraphStyle(state, 'List_20_Bullet');
    out += `<text:list-item><text:p text:style-name="${pStyle}">${inlines(item.runs, state)}</text:p>`;
    if (item.children && item.children.length > 0) out += listXml(item.children, state, depth + 1);
    out += '</text:list-item>';
  }
  return `${out}</text:list>`;
}

/** Column headers are shaded and bold; a row header reads as plain text at the start of its row. */
function cellXml(
  c: TableCell,
  role: 'column-header' | 'row-header' | 'data',
  columnAlign: Alignment | undefined,
  state: BodyState,
): string {
  const header = role === 'column-header';
  const span = c.colSpan && c.colSpan > 1 ? ` table:number-columns-spanned="${c.colSpan}"` : '';
  const align = c.align ?? (role === 'row-header' ? undefined : columnAlign);
  const pStyle = state.styles.paragraph(header ? 'Table_20_Heading' : 'Table_20_Contents', { align });
  const content = inlines(c.runs, state, { bold: c.bold, italic: c.italic });
  let out = `<table:table-cell table:style-name="${header ? 'CellHead' : 'Cell'}" office:value-type="string"${span}><text:p text:style-name="${pStyle}">${content}</text:p></table:table-cell>`;
  for (let i = 1; i < (c.colSpan ?? 1); i++) out += '<table:covered-table-cell/>';
  return out;
}

function tableXml(t: TableBlock, index: number, state: BodyState): string {
  let out = '';
  const styles = state.styles.table(t.columns, { breakBefore: state.breakBefore && !t.caption });
  if (t.caption) {
    out += `<text:p text:style-name="${takeParagraphStyle(state, 'Table')}">${odfText(t.caption)}</text:p>`;
  } else {
    out += state.masterPage ? flushBreak(state) : '';
    state.breakBefore = false;
  }
  out += `<table:table table:name="Tableau${index}" table:style-name="${styles.table}">`;
  for (const column of styles.columns) out += `<table:table-column table:style-name="${column}"/>`;
  const rowXml = (row: readonly TableCell[], header: boolean) => {
    let position = 0;
    let cells = '';
    row.forEach((c, i) => {
      const role = header ? 'column-header' : t.rowHeaders === true && i === 0 ? 'row-header' : 'data';
      cells += cellXml(c, role, t.columns[position]?.align, state);
      position += c.colSpan ?? 1;
    });
    return `<table:table-row${header ? ' table:style-name="RowHead"' : ''}>${cells}</table:table-row>`;
  };
  if (t.header.length > 0) {
    out += '<table:table-header-rows>';
    for (const row of t.header) out += rowXml(row, true);
    out += '</table:table-header-rows>';
  }
  for (const row of t.rows) out += rowXml(row, false);
  return `${out}</table:table>`;
}

function signaturesXml(signatories: readonly Signatory[], index: number, state: BodyState): string {
  if (signatories.length === 0) return '';
  const styles = state.styles.table(
    signatories.map(() => ({ width: 1 })),
    { breakBefore: state.breakBefore, keepTogether: true },
  );
  const prefix = state.masterPage ? flushBreak(state) : '';
  state.breakBefore = false;
  const row = (pick: (s: Signatory) => string, pStyle: string, rowStyle = '') =>
    `<table:table-row${rowStyle}>${signatories
      .map(
        (s) =>
          `<table:table-cell table:style-name="CellSign" office:value-type="string"><text:p text:style-name="${pStyle}">${odfText(pick(s))}</text:p></table:table-cell>`,
      )
      .join('')}</table:table-row>`;
  return (
    `${prefix}<table:table table:name="Signatures${index}" table:style-name="${styles.table}">` +
    styles.columns.map((c) => `<table:table-column table:style-name="${c}"/>`).join('') +
    row((s) => s.organisation, 'Signature_20_Organisation') +
    row((s) => s.function, 'Signature_20_Function') +
    row((s) => s.name, 'Signature_20_Name') +
    row(() => '', 'Signature_20_Function', ' table:style-name="RowSignSpace"') +
    '</table:table>'
  );
}

function tocXml(block: TocBlock, headings: readonly PreparedHeading[], state: BodyState): string {
  const depth = block.depth ?? DEFAULT_TOC_DEPTH;
  const title = escapeXml(block.title ?? '');
  const levels = [1, 2, 3].filter((l) => l <= depth);
  const templates = levels
    .map(
      (l) =>
        `<text:table-of-content-entry-template text:outline-level="${l}" text:style-name="Contents_20_${l}">` +
        '<text:index-entry-link-start text:style-name="Index_20_Link"/><text:index-entry-text/>' +
        '<text:index-entry-tab-stop style:type="right" style:leader-char="."/><text:index-entry-page-number/>' +
        '<text:index-entry-link-end/></text:table-of-content-entry-template>',
    )
    .join('');
  // The table collects headings by style, not by outline level, so that a heading can stay out of it
  // (its "unlisted" style has the same outline level but is not a source style).
  const sources = levels
    .map(
      (l) =>
        `<text:index-source-styles text:outline-level="${l}"><text:index-source-style text:style-name="${HEADING_STYLE(l)}"/></text:index-source-styles>`,
    )
    .join('');
  // Pre-filled body: the entries read (and link) even before LibreOffice computes the page numbers.
  const entries = headings
    .filter((h) => h.level <= depth)
    .map(
      (h) =>
        `<text:p text:style-name="Contents_20_${h.level}"><text:a xlink:type="simple" xlink:href="#${escapeXml(h.id)}" text:style-name="Index_20_Link" text:visited-style-name="Index_20_Link">${odfText(h.text)}</text:a></text:p>`,
    )
    .join('');
  return (
    flushBreak(state) +
    `<text:table-of-content text:style-name="Sect1" text:protected="true" text:name="${title || 'Sommaire'}">` +
    `<text:table-of-content-source text:outline-level="${depth}" text:use-outline-level="false" text:use-index-source-styles="true" text:use-index-marks="false">` +
    `<text:index-title-template text:style-name="Contents_20_Heading">${title}</text:index-title-template>` +
    templates +
    sources +
    '</text:table-of-content-source><text:index-body>' +
    `<text:index-title text:style-name="Sect1" text:name="${title || 'Sommaire'}_titre"><text:p text:style-name="Contents_20_Heading">${title}</text:p></text:index-title>` +
    entries +
    '</text:index-body></text:table-of-content>'
  );
}

function coverXml(cover: Cover, state: BodyState): string {
  const p = (style: string, content: string) => `<text:p text:style-name="${style}">${content}</text:p>`;
  const first = state.styles.paragraph('Title', { masterPage: 'Cover' });
  let out = p(first, odfText(cover.title));
  if (cover.subtitle) out += p('Subtitle', odfText(cover.subtitle));
  cover.parties.forEach((party, i) => {
    out += p('Cover_20_Connector', i === 0 ? 'Entre\u00a0:' : 'et');
    out += p('Cover_20_Party', odfText(party.name));
    for (const detail of party.details ?? []) out += p('Cover_20_Detail', odfText(detail));
  });
  if (cover.closing) out += p('Cover_20_Closing', odfText(cover.closing));
  return out;
}

function bodyXml(doc: PreparedDocument, state: BodyState): string {
  let out = '';
  if (doc.cover) {
    out += coverXml(doc.cover, state);
    state.masterPage = 'Standard';
  }
  doc.blocks.forEach((block, index) => {
    switch (block.kind) {
      case 'heading':
        out += headingXml(block, state);
        break;
      case 'paragraph': {
        const style = takeParagraphStyle(
          state,
          block.size === 'small' ? 'Small' : 'Text_20_body',
          block.align,
          // « Fait à …, le … » stays on the page of the signatures it introduces.
          doc.blocks[index + 1]?.kind === 'signatures',
        );
        out += `<text:p text:style-name="${style}">${inlines(block.runs, state)}</text:p>`;
        break;
      }
      case 'list':
        out += listXml(block.items, state, 1);
        break;
      case 'table':
        out += tableXml(block, index + 1, state);
        break;
      case 'pageBreak':
        state.breakBefore = true;
        break;
      case 'toc':
        out += tocXml(block, doc.headings, state);
        break;
      case 'signatures':
        out += signaturesXml(block.signatories, index + 1, state);
        break;
      case 'missing': {
        const style = takeParagraphStyle(state, 'Missing_20_content');
        out += `<text:p text:style-name="${style}"><text:span text:style-name="Tb">${odfText(block.label)}</text:span>${odfText(missingNotice(block).slice(block.label.length))}</text:p>`;
        break;
      }
    }
  });
  return out;
}

function contentXml(doc: PreparedDocument): string {
  const state: BodyState = { styles: new AutomaticStyles(), breakBefore: false, noteCount: 0 };
  const body = bodyXml(doc, state);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<office:document-content ${NS} office:version="1.3">` +
    '<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="&apos;Liberation Sans&apos;" style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>' +
    `<office:automatic-styles>${state.styles.xml.join('')}</office:automatic-styles>` +
    `<office:body><office:text>${body}</office:text></office:body></office:document-content>`
  );
}

function paragraphStyle(
  name: string,
  display: string,
  parent: string,
  paragraphProps: string,
  textProps: string,
  options: { attributes?: string; tabStops?: string } = {},
): string {
  const paragraph = options.tabStops
    ? `<style:paragraph-properties ${paragraphProps}><style:tab-stops>${options.tabStops}</style:tab-stops></style:paragraph-properties>`
    : paragraphProps
      ? `<style:paragraph-properties ${paragraphProps}/>`
      : '';
  return (
    `<style:style style:name="${name}" style:display-name="${display}" style:family="paragraph" style:parent-style-name="${parent}"${options.attributes ?? ''}>` +
    paragraph +
    (textProps ? `<style:text-properties ${textProps}/>` : '') +
    '</style:style>'
  );
}

const HEADING_LOOK: Record<number, { size: string; top: string; bottom: string; color: string }> = {
  1: { size: '14pt', top: '0.6cm', bottom: '0.3cm', color: '#1f3a5f' },
  2: { size: '12pt', top: '0.45cm', bottom: '0.2cm', color: '#1f3a5f' },
  3: { size: '11pt', top: '0.35cm', bottom: '0.15cm', color: '#333333' },
};

function stylesXml(): string {
  const bold = 'fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"';
  const headings = [1, 2, 3]
    .map((l) => {
      const look = HEADING_LOOK[l]!;
      const props = `fo:margin-top="${look.top}" fo:margin-bottom="${look.bottom}" fo:keep-with-next="always"`;
      const textProps = `fo:font-size="${look.size}" ${bold} fo:color="${look.color}"`;
      return (
        paragraphStyle(HEADING_STYLE(l), `Heading ${l}`, 'Heading', props, textProps, {
          attributes: ` style:default-outline-level="${l}" style:class="text"`,
        }) +
        paragraphStyle(UNLISTED_HEADING_STYLE(l), `Heading ${l} unlisted`, 'Heading', props, textProps, {
          attributes: ` style:default-outline-level="${l}" style:class="text"`,
        })
      );
    })
    .join('');
  const contents = [1, 2, 3]
    .map((l) => {
      const indent = (l - 1) * 0.6;
      return paragraphStyle(
        `Contents_20_${l}`,
        `Contents ${l}`,
        'Index',
        `fo:margin-left="${indent}cm" fo:margin-top="0.08cm" fo:margin-bottom="0.08cm"`,
        l === 1 ? bold : '',
        {
          // Right tab at the text edge (relative to the indent) with a dotted leader, for the page number.
          tabStops: `<style:tab-stop style:position="${(PAGE.textWidth - indent).toFixed(2)}cm" style:type="right" style:leader-style="dotted" style:leader-text="."/>`,
        },
      );
    })
    .join('');
  const outline = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    .map(
      (l) =>
        `<text:outline-level-style text:level="${l}" style:num-format=""><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="nothing"/></style:list-level-properties></text:outline-level-style>`,
    )
    .join('');
  const bullets = LIST_BULLETS.map(
    (char, i) =>
      `<text:list-level-style-bullet text:level="${i + 1}" text:bullet-char="${char}"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="${(0.6 + i * 0.6).toFixed(1)}cm" fo:text-indent="-0.4cm" fo:margin-left="${(0.6 + i * 0.6).toFixed(1)}cm"/></style:list-level-properties></text:list-level-style-bullet>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<office:document-styles ${NS} office:version="1.3">` +
    '<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="&apos;Liberation Sans&apos;" style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>' +
    '<office:styles>' +
    '<style:default-style style:family="paragraph"><style:paragraph-properties fo:orphans="2" fo:widows="2" style:writing-mode="lr-tb"/>' +
    '<style:text-properties style:font-name="Liberation Sans" fo:font-size="10.5pt" fo:language="fr" fo:country="FR" fo:hyphenate="false"/></style:default-style>' +
    '<style:default-style style:family="table"><style:table-properties table:border-model="collapsing"/></style:default-style>' +
    '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>' +
    paragraphStyle(
      'Text_20_body',
      'Text body',
      'Standard',
      'fo:margin-top="0cm" fo:margin-bottom="0.2cm" fo:line-height="115%" fo:text-align="justify"',
      '',
    ) +
    paragraphStyle(
      'Small',
      'Petit texte',
      'Text_20_body',
      'fo:text-align="start"',
      'fo:font-size="8.5pt" fo:color="#444444"',
    ) +
    paragraphStyle('Heading', 'Heading', 'Standard', 'fo:keep-with-next="always"', bold) +
    headings +
    paragraphStyle(
      'Title',
      'Title',
      'Standard',
      'fo:text-align="center" fo:margin-top="5cm" fo:margin-bottom="0.5cm"',
      `fo:font-size="22pt" ${bold} fo:color="#1f3a5f"`,
    ) +
    paragraphStyle(
      'Subtitle',
      'Subtitle',
      'Standard',
      'fo:text-align="center" fo:margin-bottom="2cm"',
      'fo:font-size="14pt" fo:color="#1f3a5f"',
    ) +
    paragraphStyle(
      'Cover_20_Connector',
      'Couverture, liaison',
      'Standard',
      'fo:margin-top="0.4cm" fo:margin-bottom="0.3cm"',
      '',
    ) +
    paragraphStyle(
      'Cover_20_Party',
      'Couverture, partie',
      'Standard',
      'fo:margin-left="0.6cm" fo:margin-bottom="0.15cm"',
      `fo:font-size="12pt" ${bold}`,
    ) +
    paragraphStyle('Cover_20_Detail', 'Couverture, précision', 'Text_20_body', 'fo:margin-left="0.6cm"', '') +
    paragraphStyle('Cover_20_Closing', 'Couverture, conclusion', 'Text_20_body', 'fo:margin-top="1cm"', '') +
    paragraphStyle('List_20_Bullet', 'List Bullet', 'Text_20_body', 'fo:margin-bottom="0.1cm"', '') +
    paragraphStyle(
      'Table_20_Contents',
      'Table Contents',
      'Standard',
      'fo:text-align="start"',
      'fo:font-size="9pt"',
    ) +
    paragraphStyle('Table_20_Heading', 'Table Heading', 'Table_20_Contents', 'fo:text-align="center"', bold) +
    paragraphStyle(
      'Table',
      'Table',
      'Standard',
      'fo:margin-top="0.3cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"',
      `${bold} fo:font-size="10pt"`,
    ) +
    paragraphStyle(
      'Footnote',
      'Footnote',
      'Standard',
      'fo:margin-left="0.4cm" fo:text-indent="-0.4cm"',
      'fo:font-size="8.5pt"',
    ) +
    paragraphStyle(
      'Footer',
      'Footer',
      'Standard',
      'fo:text-align="center"',
      'fo:font-size="8.5pt" fo:color="#444444"',
    ) +
    paragraphStyle('Index', 'Index', 'Standard', '', '') +
    paragraphStyle(
      'Contents_20_Heading',
      'Contents Heading',
      'Heading',
      'fo:margin-bottom="0.4cm"',
      `fo:font-size="16pt" ${bold} fo:color="#1f3a5f"`,
    ) +
    contents +
    paragraphStyle(
      'Missing_20_content',
      'Contenu manquant',
      'Standard',
      'fo:margin-top="0.3cm" fo:margin-bottom="0.3cm" fo:padding="0.25cm" fo:border="1pt solid #9a3412" fo:background-color="#fff7ed"',
      'fo:color="#7c2d12"',
    ) +
    paragraphStyle(
      'Signature_20_Organisation',
      'Signature, organisme',
      'Standard',
      'fo:text-align="center" fo:margin-bottom="0.15cm"',
      bold,
    ) +
    paragraphStyle('Signature_20_Function', 'Signature, fonction', 'Standard', 'fo:text-align="center"', '') +
    paragraphStyle('Signature_20_Name', 'Signature, nom', 'Standard', 'fo:text-align="center"', bold) +
    '<style:style style:name="Index_20_Link" style:display-name="Index Link" style:family="text"/>' +
    '<style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>' +
    '<style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" style:family="text"/>' +
    `<text:outline-style style:name="Outline">${outline}</text:outline-style>` +
    `<text:list-style style:name="Bullets" style:display-name="Puces">${bullets}</text:list-style>` +
    '<text:notes-configuration text:note-class="footnote" text:citation-style-name="Footnote_20_Symbol" text:citation-body-style-name="Footnote_20_anchor" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>' +
    '</office:styles>' +
    '<office:automatic-styles>' +
    `<style:page-layout style:name="PageLayout"><style:page-layout-properties fo:page-width="${PAGE.width}cm" fo:page-height="${PAGE.height}cm" style:print-orientation="portrait" fo:margin-top="${PAGE.marginTop}cm" fo:margin-bottom="${PAGE.marginBottom}cm" fo:margin-left="${PAGE.marginX}cm" fo:margin-right="${PAGE.marginX}cm"><style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" style:rel-width="25%" style:color="#000000"/></style:page-layout-properties>` +
    '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>' +
    '</office:automatic-styles>' +
    '<office:master-styles>' +
    '<style:master-page style:name="Standard" style:page-layout-name="PageLayout"><style:footer><text:p text:style-name="Footer">Page <text:page-number text:select-page="current">1</text:page-number> sur <text:page-count>1</text:page-count></text:p></style:footer></style:master-page>' +
    '<style:master-page style:name="Cover" style:display-name="Couverture" style:page-layout-name="PageLayout" style:next-style-name="Standard"/>' +
    '</office:master-styles></office:document-styles>'
  );
}

function metaXml(doc: PreparedDocument): string {
  const m = doc.metadata;
  const created = m.created.length === 10 ? `${m.created}T00:00:00` : m.created.replace(/Z$/, '');
  const keywords = (m.keywords ?? []).map((k) => `<meta:keyword>${escapeXml(k)}</meta:keyword>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<office:document-meta ${NS} office:version="1.3"><office:meta>` +
    '<meta:generator>Plateforme CTG</meta:generator>' +
    `<dc:title>${escapeXml(m.title)}</dc:title>` +
    (m.subject ? `<dc:subject>${escapeXml(m.subject)}</dc:subject>` : '') +
    keywords +
    `<meta:initial-creator>${escapeXml(m.author)}</meta:initial-creator>` +
    `<dc:creator>${escapeXml(m.author)}</dc:creator>` +
    `<meta:creation-date>${escapeXml(created)}</meta:creation-date>` +
    `<dc:date>${escapeXml(created)}</dc:date>` +
    `<dc:language>${escapeXml(m.language)}</dc:language>` +
    '</office:meta></office:document-meta>'
  );
}

const MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
  `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODT_MIME_TYPE}"/>` +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
  '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>' +
  '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>' +
  '</manifest:manifest>';

/** Zip time stamps come from the document's creation date, so the same model always gives the same bytes. */
function zipDate(created: string): Date {
  const date = new Date(created.length === 10 ? `${created}T12:00:00Z` : created);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1980
    ? new Date('1980-01-01T12:00:00Z')
    : date;
}

/** Renders the document as an OpenDocument Text package. */
export function renderOdt(model: DocumentModel): Uint8Array {
  const doc = prepareDocument(model);
  const mtime = zipDate(doc.metadata.created);
  // Insertion order is archive order: ODF wants `mimetype` first, uncompressed, with no extra field.
  const files: Zippable = {
    mimetype: [utf8(ODT_MIME_TYPE), { level: 0 }],
    'META-INF/manifest.xml': utf8(MANIFEST),
    'content.xml': utf8(contentXml(doc)),
    'styles.xml': utf8(stylesXml()),
    'meta.xml': utf8(metaXml(doc)),
  };
  return zipSync(files, { level: 6, mtime });
}
