/**
 * HTML renderer: one standalone, accessible HTML5 page (to read on screen, print, or archive), from the
 * same prepared model as the ODT and DOCX files. A single h1 (the title) and the model's levels one step
 * below it, tables with captions and scoped header cells, a nav for the table of contents, numbered notes
 * with links both ways, and a print stylesheet that keeps the document's page breaks.
 */

import {
  type Cover,
  DEFAULT_TOC_DEPTH,
  type DocumentModel,
  type Inline,
  type ListItem,
  missingNotice,
  type PreparedDocument,
  type PreparedHeading,
  prepareDocument,
  type Signatory,
  type TableBlock,
  type TableCell,
  type TocBlock,
  unreachable,
} from './model.js';
import { escapeXml } from './xml.js';

const escapeHtml = escapeXml;

/** Escaped text, with line breaks kept. */
function html(value: string): string {
  return escapeHtml(value).replace(/\n/g, '<br>');
}

interface State {
  readonly notes: string[];
}

function inlines(runs: readonly Inline[], state: State): string {
  return runs
    .map((run) => {
      if (run.kind === 'note') {
        const n = state.notes.length + 1;
        state.notes.push(inlines(run.content, state));
        return `<sup><a href="#note-${n}" id="appel-${n}" class="note-ref" aria-label="Note ${n}">${n}</a></sup>`;
      }
      let out = html(run.text);
      if (run.italic) out = `<em>${out}</em>`;
      if (run.bold) out = `<strong>${out}</strong>`;
      return out;
    })
    .join('');
}

const CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --accent: #1f3a5f; --line: #6b7280; --shade: #e8ecf1; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--ink); line-height: 1.5;
  max-width: 52rem; margin: 0 auto; padding: 1.5rem; font-size: 1rem; }
h1, h2, h3, h4 { color: var(--accent); line-height: 1.25; }
h1 { font-size: 2rem; text-align: center; }
h2 { font-size: 1.4rem; margin-top: 2rem; }
h3 { font-size: 1.2rem; }
h4 { font-size: 1.05rem; color: #333; }
p { text-align: justify; }
a { color: var(--accent); }
a:focus { outline: 3px solid #f59e0b; outline-offset: 2px; }
.cover { text-align: left; margin-bottom: 2rem; }
.cover .subtitle { text-align: center; font-size: 1.25rem; color: var(--accent); }
.cover .party { font-weight: bold; font-size: 1.1rem; margin: 0.5rem 0 0.25rem 1.5rem; }
.cover .detail { margin: 0.25rem 0 0.25rem 1.5rem; }
nav.toc ol { list-style: none; padding-left: 1.25rem; }
nav.toc > ol { padding-left: 0; }
nav.toc li { margin: 0.2rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.4rem; vertical-align: middle; }
thead th { background: var(--shade); text-align: center; }
tbody th { font-weight: normal; text-align: left; }
.align-left { text-align: left; } .align-right { text-align: right; } .align-center { text-align: center; }
.align-justify { text-align: justify; }
.small { font-size: 0.85rem; color: #444; }
.missing { border: 2px solid #9a3412; background: #fff7ed; color: #7c2d12; padding: 0.75rem 1rem; margin: 1rem 0; }
.signatures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1rem; margin: 1.5rem 0; break-inside: avoid; }
.signatory { text-align: center; }
.signatory p { text-align: center; margin: 0.2rem 0; }
.signatory .organisation, .signatory .name { font-weight: bold; }
.signatory .space { height: 6rem; }
.notes { border-top: 1px solid var(--line); margin-top: 2rem; font-size: 0.9rem; }
.page-break { height: 0; }
@media print {
  @page { size: A4; margin: 2cm 2cm 1.5cm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .cover, nav.toc { break-after: page; }
  .page-break { break-after: page; }
  h2, h3, h4, caption { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Heading levels move one step down: the document title is the page's only h1. */
function headingTag(level: number): string {
  return `h${level + 1}`;
}

function headingHtml(h: PreparedHeading): string {
  const tag = headingTag(h.level);
  return `<${tag} id="${escapeHtml(h.id)}">${html(h.text)}</${tag}>`;
}

function listHtml(items: readonly ListItem[], state: State): string {
  return `<ul>${items
    .map(
      (item) =>
        `<li>${inlines(item.runs, state)}${item.children && item.children.length > 0 ? listHtml(item.children, state) : ''}</li>`,
    )
    .join('')}</ul>`;
}

function cellHtml(
  c: TableCell,
  role: 'col' | 'row' | 'data',
  columnAlign: string | undefined,
  state: State,
): string {
  const span = c.colSpan ?? 1;
  const align = c.align ?? (role === 'row' ? undefined : columnAlign);
  const classes = align ? ` class="align-${align}"` : '';
  const spanAttr = span > 1 ? ` colspan="${span}"` : '';
  let content = inlines(c.runs, state);
  if (c.italic) content = `<em>${content}</em>`;
  if (c.bold) content = `<strong>${content}</strong>`;
  // An empty header cell names nothing: a plain cell avoids an empty header for screen readers.
  if (role === 'data' || content === '') return `<td${spanAttr}${classes}>${content}</td>`;
  const scope = role === 'row' ? 'row' : span > 1 ? 'colgroup' : 'col';
  return `<th scope="${scope}"${spanAttr}${classes}>${content}</th>`;
}

function tableHtml(t: TableBlock, state: State): string {
  const total = t.columns.reduce((sum, c) => sum + c.width, 0);
  const cols = t.columns.map((c) => `<col style="width:${((100 * c.width) / total).toFixed(2)}%">`).join('');
  const row = (cells: readonly TableCell[], header: boolean) => {
    let position = 0;
    return `<tr>${cells
      .map((c, i) => {
        const role = header ? 'col' : t.rowHeaders === true && i === 0 ? 'row' : 'data';
        const out = cellHtml(c, role, t.columns[position]?.align, state);
        position += c.colSpan ?? 1;
        return out;
      })
      .join('')}</tr>`;
  };
  return (
    '<table>' +
    (t.caption ? `<caption>${html(t.caption)}</caption>` : '') +
    `<colgroup>${cols}</colgroup>` +
    (t.header.length > 0 ? `<thead>${t.header.map((r) => row(r, true)).join('')}</thead>` : '') +
    `<tbody>${t.rows.map((r) => row(r, false)).join('')}</tbody></table>`
  );
}

function tocHtml(block: TocBlock, headings: readonly PreparedHeading[]): string {
  const depth = block.depth ?? DEFAULT_TOC_DEPTH;
  const entries = headings.filter((h) => h.level <= depth);
  // Nested ordered lists that follow the heading levels, even when a level is skipped.
  let out = '<ol>';
  let level = 1;
  let open = false;
  for (const h of entries) {
    while (level < h.level) {
      out += open ? '<ol>' : '<li><ol>';
      level++;
      open = false;
    }
    while (level > h.level) {
      out += '</li></ol>';
      level--;
    }
    if (open) out += '</li>';
    out += `<li><a href="#${escapeHtml(h.id)}">${html(h.text)}</a>`;
    open = true;
  }
  if (open) out += '</li>';
  while (level > 1) {
    out += '</ol></li>';
    level--;
  }
  out += '</ol>';
  return `<nav class="toc" aria-labelledby="sommaire"><h2 id="sommaire">${html(block.title ?? '')}</h2>${out}</nav>`;
}

function signaturesHtml(signatories: readonly Signatory[]): string {
  return `<section class="signatures" aria-label="Signatures">${signatories
    .map(
      (s) =>
        `<div class="signatory"><p class="organisation">${html(s.organisation)}</p><p class="function">${html(s.function)}</p>` +
        `<p class="name">${html(s.name)}</p><div class="space" aria-hidden="true"></div></div>`,
    )
    .join('')}</section>`;
}

function coverHtml(cover: Cover): string {
  let out = `<header class="cover"><h1>${html(cover.title)}</h1>`;
  if (cover.subtitle) out += `<p class="subtitle">${html(cover.subtitle)}</p>`;
  cover.parties.forEach((party, i) => {
    out += `<p>${i === 0 ? 'Entre\u00a0:' : 'et'}</p><p class="party">${html(party.name)}</p>`;
    for (const d of party.details ?? []) out += `<p class="detail">${html(d)}</p>`;
  });
  if (cover.closing) out += `<p>${html(cover.closing)}</p>`;
  return `${out}</header>`;
}

function bodyHtml(doc: PreparedDocument, state: State): string {
  return doc.blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading':
          return headingHtml(block);
        case 'paragraph': {
          const classes = [block.align ? `align-${block.align}` : '', block.size === 'small' ? 'small' : '']
            .filter(Boolean)
            .join(' ');
          return `<p${classes ? ` class="${classes}"` : ''}>${inlines(block.runs, state)}</p>`;
        }
        case 'list':
          return listHtml(block.items, state);
        case 'table':
          return tableHtml(block, state);
        case 'pageBreak':
          return '<div class="page-break" aria-hidden="true"></div>';
        case 'toc':
          return tocHtml(block, doc.headings);
        case 'signatures':
          return signaturesHtml(block.signatories);
        case 'missing':
          return `<div class="missing" role="note"><strong>${html(block.label)}</strong>${html(missingNotice(block).slice(block.label.length))}</div>`;
      }
      return unreachable(block);
    })
    .join('\n');
}

/** Renders the document as a standalone HTML5 page (UTF-8). */
export function renderHtml(model: DocumentModel): string {
  const doc = prepareDocument(model);
  const state: State = { notes: [] };
  const m = doc.metadata;
  const cover = doc.cover ? coverHtml(doc.cover) : `<h1>${html(m.title)}</h1>`;
  const body = bodyHtml(doc, state);
  const notes =
    state.notes.length === 0
      ? ''
      : `<section class="notes" aria-labelledby="notes"><h2 id="notes">Notes</h2><ol>${state.notes
          .map(
            (n, i) =>
              `<li id="note-${i + 1}">${n} <a href="#appel-${i + 1}" aria-label="Retour à l’appel de note ${i + 1}">↩</a></li>`,
          )
          .join('')}</ol></section>`;
  return (
    '<!DOCTYPE html>\n' +
    '<html lang="fr">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${html(m.title)}</title>\n` +
    `<meta name="author" content="${escapeHtml(m.author)}">\n` +
    (m.subject ? `<meta name="description" content="${escapeHtml(m.subject)}">\n` : '') +
    (m.keywords?.length ? `<meta name="keywords" content="${escapeHtml(m.keywords.join(', '))}">\n` : '') +
    `<meta name="dcterms.created" content="${escapeHtml(m.created)}">\n` +
    `<style>${CSS}</style>\n</head>\n<body>\n<main>\n${cover}\n${body}\n${notes}\n</main>\n</body>\n</html>\n`
  );
}
