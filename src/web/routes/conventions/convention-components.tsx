/** Building blocks of the convention pages: status, texts, diffs, tables of conventions and versions, buttons. */
import type { ComponentChildren } from 'preact';
import type { DiffPart, VersionSummary } from '../../../domain/convention/index.js';
import type { Block, ListItem } from '../../../domain/convention/model.js';
import { formatShortFrenchDate } from '../../../domain/shared/dates.js';
import type { ConventionSummary } from '../../../use-cases/conventions/list-conventions.js';
import { periodLabel, statusLabel } from '../../presenters/convention.presenter.js';
import type { PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';

export const Styles = () => <link rel="stylesheet" href="/assets/convention.css" />;

export function Csrf(props: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />;
}

/** The version of the convention the form was drawn from: a save from a stale page gets 409. */
export function VersionField(props: { version: number }) {
  return <input type="hidden" name="version" value={String(props.version)} />;
}

/** A one-time token: the same form sent twice (a double click) creates one thing. */
/** A form's one-time token; a second step of the same form carries the first step's token on. */
export function SubmissionToken(props: { value?: string | undefined }) {
  return <input type="hidden" name="submissionToken" value={props.value || crypto.randomUUID()} />;
}

/**
 * What a person typed in a form that was refused (a stale page, an invalid field): the page is drawn
 * again with it, so nothing is lost. `form` names the form (its action's last segment).
 */
export interface KeptInput {
  form: string;
  values: Record<string, string>;
}

/** The kept value of a field when `kept` is the input of `form` (and, if given, of the same `key`). */
export function keptValue(
  kept: KeptInput | undefined,
  form: string,
  name: string,
  fallback: string,
  key?: string,
): string {
  if (!kept || kept.form !== form || (key !== undefined && kept.values.key !== key)) return fallback;
  return kept.values[name] ?? fallback;
}

export function PostButton(props: {
  ctx: PageContext;
  action: string;
  label: string;
  kind?: 'light' | 'danger';
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={props.action}>
      <Csrf ctx={props.ctx} />
      {props.children}
      <button type="submit" class={`button${props.kind ? ` ${props.kind}` : ''}`}>
        {props.label}
      </button>
    </form>
  );
}

export function Status(props: { status: string }) {
  return <span class={`status status-${props.status}`}>{statusLabel(props.status)}</span>;
}

function Items(props: { items: ListItem[] }) {
  return (
    <ul>
      {props.items.map((item) => (
        <li>
          {item.text}
          {item.items?.length ? <Items items={item.items} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Rendered text of an article or annex (placeholders already filled). */
export function TextBlocks(props: { blocks: Block[]; headingLevel?: 3 | 4 }) {
  const H = props.headingLevel === 4 ? 'h4' : 'h3';
  return (
    <div class="text-block">
      {props.blocks.map((block) => {
        switch (block.type) {
          case 'heading':
            return <H>{block.text}</H>;
          case 'paragraph':
            return <p>{block.text}</p>;
          case 'list':
            return <Items items={block.items} />;
          default:
            return (
              <TableScroll label={`Tableau : ${block.columns.join(', ')}`}>
                <table>
                  <thead>
                    <tr>
                      {block.columns.map((c) => (
                        <th scope="col">{c}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row) => (
                      <tr>
                        {row.map((value, i) =>
                          i === 0 ? <th scope="row">{value}</th> : <td>{value || '—'}</td>,
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            );
        }
      })}
    </div>
  );
}

/** A word diff readable without colour: « [+ … +] » and « [− … −] » markers, spoken by screen readers. */
export function Diff(props: { parts: DiffPart[] }) {
  return (
    <div class="diff">
      {props.parts.map((part) =>
        part.op === 'equal' ? (
          part.text
        ) : part.op === 'insert' ? (
          <ins>
            <span class="marker" aria-hidden="true">
              [+
            </span>
            <span class="sr-only">début d’ajout : </span>
            {part.text}
            <span class="sr-only"> fin d’ajout</span>
            <span class="marker" aria-hidden="true">
              +]
            </span>
          </ins>
        ) : (
          <del>
            <span class="marker" aria-hidden="true">
              [−
            </span>
            <span class="sr-only">début de suppression : </span>
            {part.text}
            <span class="sr-only"> fin de suppression</span>
            <span class="marker" aria-hidden="true">
              −]
            </span>
          </del>
        ),
      )}
    </div>
  );
}

// ─── List ────────────────────────────────────────────────────────────────────────────────────

export function ConventionTable(props: { conventions: ConventionSummary[]; caption: string }) {
  return (
    <TableScroll label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Territoire</th>
            <th scope="col">Période</th>
            <th scope="col">État au jour</th>
          </tr>
        </thead>
        <tbody>
          {props.conventions.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/conventions/${c.id}`}>{c.territoryName}</a>
              </th>
              <td>{periodLabel(c)}</td>
              <td>
                <Status status={c.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function Downloads(props: { id: string; version?: number }) {
  const q = props.version === undefined ? '' : `&version=${props.version}`;
  return (
    <ul class="actions" aria-label="Téléchargements">
      {(['odt', 'docx', 'pdf', 'html'] as const).map((format) => (
        <li>
          <a class="button light" href={`/conventions/${props.id}/document?format=${format}${q}`}>
            Télécharger en {format.toUpperCase()}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function VersionTable(props: { id: string; versions: VersionSummary[] }) {
  if (!props.versions.length) return <p>Aucune version signée pour le moment.</p>;
  return (
    <TableScroll label="Versions signées">
      <table>
        <caption>Versions signées de la convention</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Signée le</th>
            <th scope="col">Objet</th>
            <th scope="col">Empreinte SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {props.versions.map((v) => (
            <tr>
              <th scope="row">
                <a href={`/conventions/${props.id}/versions/${v.number}`}>{v.label}</a>
              </th>
              <td>{formatShortFrenchDate(v.signedOn)}</td>
              <td>{v.purpose ?? '—'}</td>
              <td>
                <code>{v.hash.slice(0, 16)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
