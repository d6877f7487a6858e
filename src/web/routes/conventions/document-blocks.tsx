/**
 * Document blocks (`documents/model.ts`) on a page of the workspace: what a module hands in for an
 * article or an annex, shown as the document prints it, in the same shapes as the stored text
 * (`TextBlocks`). Page breaks, tables of contents and signatures belong to the whole document and are
 * not drawn here; a footnote is shown in brackets where it is called.
 */
import type {
  Block,
  HeadingLevel,
  Inline,
  ListItem,
  TableBlock,
  TableCell,
} from '../../../documents/model.js';
import { TableScroll } from '../../views/components/table-scroll.js';

const plain = (runs: readonly Inline[]) => runs.map((r) => (r.kind === 'text' ? r.text : '')).join('');

function Runs(props: { runs: readonly Inline[] }) {
  return (
    <>
      {props.runs.map((run) => {
        if (run.kind === 'note')
          return (
            <small>
              {' '}
              (note : <Runs runs={run.content} />)
            </small>
          );
        let out: preact.JSX.Element | string = run.text;
        if (run.italic) out = <em>{out}</em>;
        if (run.bold) out = <strong>{out}</strong>;
        return out;
      })}
    </>
  );
}

function Items(props: { items: readonly ListItem[] }) {
  return (
    <ul>
      {props.items.map((item) => (
        <li>
          <Runs runs={item.runs} />
          {item.children?.length ? <Items items={item.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Cell(props: { cell: TableCell; place: 'col' | 'row' | 'data' }) {
  const { cell } = props;
  let content: preact.JSX.Element = <Runs runs={cell.runs} />;
  if (cell.italic) content = <em>{content}</em>;
  if (cell.bold) content = <strong>{content}</strong>;
  const span = cell.colSpan && cell.colSpan > 1 ? cell.colSpan : undefined;
  const empty = plain(cell.runs) === '';
  if (props.place === 'data' || empty) return <td colSpan={span}>{content}</td>;
  const scope = props.place === 'row' ? 'row' : span ? 'colgroup' : 'col';
  return (
    <th scope={scope} colSpan={span}>
      {content}
    </th>
  );
}

function Table(props: { table: TableBlock }) {
  const t = props.table;
  return (
    <TableScroll label={`Tableau : ${t.caption ?? t.header[0]?.map((c) => plain(c.runs)).join(', ') ?? ''}`}>
      <table>
        {t.caption ? <caption>{t.caption}</caption> : null}
        {t.header.length ? (
          <thead>
            {t.header.map((row) => (
              <tr>
                {row.map((cell) => (
                  <Cell cell={cell} place="col" />
                ))}
              </tr>
            ))}
          </thead>
        ) : null}
        <tbody>
          {t.rows.map((row) => (
            <tr>
              {row.map((cell, i) => (
                <Cell cell={cell} place={t.rowHeaders && i === 0 ? 'row' : 'data'} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The blocks, their headings placed under a section whose own heading is `<h{sectionLevel}>`. */
export function DocumentBlocks(props: { blocks: readonly Block[]; sectionLevel: 3 | 4 }) {
  const tag = (level: HeadingLevel) => `h${Math.min(6, props.sectionLevel + level - 1)}` as 'h5';
  return (
    <div class="text-block">
      {props.blocks.map((block) => {
        switch (block.kind) {
          case 'heading': {
            const H = tag(block.level);
            return <H>{block.text}</H>;
          }
          case 'paragraph':
            return (
              <p class={block.size === 'small' ? 'muted' : undefined}>
                <Runs runs={block.runs} />
              </p>
            );
          case 'list':
            return <Items items={block.items} />;
          case 'table':
            return <Table table={block} />;
          case 'missing':
            return (
              <p class="missing" role="note">
                <strong>{block.label}</strong> : {block.reason}
              </p>
            );
          default:
            return null;
        }
      })}
    </div>
  );
}
