/**
 * The plain-text form an article or annex is edited in without JavaScript, and back: paragraphs
 * separated by a blank line, « ## » before a sub-heading, « - » before a list item (two more spaces
 * per level), table rows between « | ». Round trip is exact for text written that way.
 */
import type { Block, ListItem } from '../../../domain/convention/model.js';

function itemLines(items: ListItem[], depth: number): string[] {
  return items.flatMap((item) => [
    `${'  '.repeat(depth)}- ${item.text}`,
    ...itemLines(item.items ?? [], depth + 1),
  ]);
}

export function blocksToEditableText(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'heading':
          return `## ${block.text}`;
        case 'paragraph':
          return block.text;
        case 'list':
          return itemLines(block.items, 0).join('\n');
        default:
          return [block.columns, ...block.rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
      }
    })
    .join('\n\n');
}

function parseList(lines: string[]): ListItem[] {
  const root: ListItem[] = [];
  const stack: { depth: number; items: ListItem[] }[] = [{ depth: -1, items: root }];
  for (const line of lines) {
    const depth = Math.floor((line.length - line.trimStart().length) / 2);
    const text = line.trim().replace(/^- /, '');
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)!;
    const item: ListItem = { text };
    parent.items.push(item);
    const children: ListItem[] = [];
    item.items = children;
    stack.push({ depth, items: children });
  }
  const prune = (items: ListItem[]): ListItem[] =>
    items.map((i) => (i.items?.length ? { text: i.text, items: prune(i.items) } : { text: i.text }));
  return prune(root);
}

export function editableTextToBlocks(text: string): Block[] {
  const chunks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((c) => c.replace(/^\n+|\s+$/g, ''));
  const blocks: Block[] = [];
  for (const chunk of chunks) {
    if (!chunk.trim()) continue;
    const lines = chunk.split('\n');
    if (lines.length === 1 && /^##\s/.test(chunk.trim())) {
      blocks.push({ type: 'heading', text: chunk.trim().replace(/^##\s+/, '') });
    } else if (lines.every((l) => /^\s*- /.test(l))) {
      blocks.push({ type: 'list', items: parseList(lines) });
    } else if (lines.every((l) => /^\s*\|.*\|\s*$/.test(l))) {
      const rows = lines.map((l) =>
        l
          .trim()
          .slice(1, -1)
          .split('|')
          .map((c) => c.trim()),
      );
      const [columns = [], ...body] = rows;
      blocks.push({ type: 'table', columns, rows: body.map((r) => columns.map((_, i) => r[i] ?? '')) });
    } else {
      blocks.push({ type: 'paragraph', text: lines.map((l) => l.trim()).join(' ') });
    }
  }
  return blocks;
}
