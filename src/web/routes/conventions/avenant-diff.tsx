/**
 * What an avenant changes in one article or annex, as the reader sees it: text as a word diff, each
 * table drawn as a table whose rows say in words whether they were added, removed or changed (colour
 * only repeats what the words and the « [+ +] » / « [− −] » markers say).
 */
import type {
  CellDiff,
  ChangeStatus,
  RowDiff,
  SectionChange,
  TableDiff,
} from '../../../domain/convention/block-diff.js';
import type { DiffPart } from '../../../domain/convention/diff.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import { Diff } from './convention-components.js';

/** How a row is named in the « Modification » column. */
export const ROW_STATUS_LABELS: Record<ChangeStatus, string> = {
  unchanged: 'Inchangée',
  added: 'Ligne ajoutée',
  removed: 'Ligne supprimée',
  changed: 'Ligne modifiée',
};

const TABLE_CAPTIONS: Record<ChangeStatus, string> = {
  unchanged: 'Tableau inchangé',
  added: 'Tableau ajouté',
  removed: 'Tableau supprimé',
  changed: 'Tableau modifié',
};

function Inserted(props: { text: string }) {
  return (
    <ins>
      <span class="marker" aria-hidden="true">
        [+
      </span>
      <span class="sr-only">début d’ajout : </span>
      {props.text}
      <span class="sr-only"> fin d’ajout</span>
      <span class="marker" aria-hidden="true">
        +]
      </span>
    </ins>
  );
}

function Deleted(props: { text: string }) {
  return (
    <del>
      <span class="marker" aria-hidden="true">
        [−
      </span>
      <span class="sr-only">début de suppression : </span>
      {props.text}
      <span class="sr-only"> fin de suppression</span>
      <span class="marker" aria-hidden="true">
        −]
      </span>
    </del>
  );
}

function Parts(props: { parts: DiffPart[] }) {
  return (
    <>
      {props.parts.map((part) =>
        part.op === 'equal' ? (
          part.text
        ) : part.op === 'insert' ? (
          <Inserted text={part.text} />
        ) : (
          <Deleted text={part.text} />
        ),
      )}
    </>
  );
}

function CellContent(props: { cell: CellDiff }) {
  const { cell } = props;
  switch (cell.status) {
    case 'unchanged':
      return <>{cell.after || '—'}</>;
    case 'added':
      return cell.after ? <Inserted text={cell.after} /> : <>—</>;
    case 'removed':
      return cell.before ? <Deleted text={cell.before} /> : <>—</>;
    case 'changed':
      return <Parts parts={cell.parts} />;
  }
}

function Row(props: { row: RowDiff }) {
  const [first, ...rest] = props.row.cells;
  return (
    <tr class={`row-${props.row.status}`}>
      <td>{ROW_STATUS_LABELS[props.row.status]}</td>
      {first ? (
        <th scope="row">
          <CellContent cell={first} />
        </th>
      ) : null}
      {rest.map((cell) => (
        <td>
          <CellContent cell={cell} />
        </td>
      ))}
    </tr>
  );
}

export function TableChanges(props: { table: TableDiff; label: string }) {
  const { table } = props;
  return (
    <TableScroll label={`${TABLE_CAPTIONS[table.status]} — ${props.label}`}>
      <table class="table-diff">
        <caption>
          {TABLE_CAPTIONS[table.status]} — {props.label}
        </caption>
        <thead>
          <tr>
            <th scope="col">Modification</th>
            {table.header.cells.map((cell) => (
              <th scope="col">
                <CellContent cell={cell} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <Row row={row} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The changes of one section, text and tables in reading order. */
export function SectionChanges(props: { changes: SectionChange[]; label: string }) {
  return (
    <>
      {props.changes.map((change) =>
        change.kind === 'text' ? (
          <Diff parts={change.parts} />
        ) : (
          <TableChanges table={change.table} label={props.label} />
        ),
      )}
    </>
  );
}
