/**
 * The body of a diagnostic, shared by the page and the standalone HTML of `ctg diagnostic --format
 * html`: one h2 per section, a table (with caption and scoped headers) beside its SVG chart, the
 * section's sources and notes under it, « s » for blanks with its one footnote, notable gaps shown
 * by a marker and a word, synthetic data labelled. It reads only the presented, protected diagnostic.
 */

import { formatFigure, formatShare, frenchDate, isBlank } from '../../../domain/diagnostic/format.js';
import {
  NOTABLE_FOOTNOTE,
  type PublishedStatus,
  SECRET_FOOTNOTE,
  SYNTHETIC_FOOTNOTE,
  sourcesLine,
} from '../../../domain/diagnostic/index.js';
import type { DiagnosticJson, DiagnosticRowJson } from '../../../use-cases/diagnostic/get-diagnostic.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import { DiagnosticChart } from './diagnostic-chart.js';

const LEVEL_LABELS = { commune: 'commune', epci: 'intercommunalité', departement: 'département' } as const;

function Figure(props: { status: PublishedStatus; text: string | null }) {
  if (isBlank(props.status)) {
    return (
      <abbr class="diag-secret" title="valeur couverte par le secret statistique">
        s
      </abbr>
    );
  }
  if (props.text === null) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span class="diag-sr-only">non disponible</span>
      </>
    );
  }
  return <>{props.text}</>;
}

function Notable(props: { row: DiagnosticRowJson }) {
  const { notable, notableLabel } = props.row;
  if (!notable || !notableLabel) return null;
  return (
    <span class={`diag-notable ${notable}`}>
      <span aria-hidden="true">{notable === 'higher' ? '▲ ' : '▼ '}</span>
      {notableLabel}
    </span>
  );
}

function Series(props: { row: DiagnosticRowJson }) {
  const series = props.row.series;
  if (!series || series.length < 2) return null;
  return (
    <span class="diag-series">
      Évolution :{' '}
      {series
        .map(
          (p) =>
            `${p.date.slice(0, 4)} : ${isBlank(p.status) ? 's' : (formatFigure(p.value, props.row.unit) ?? '—')}`,
        )
        .join(' ; ')}
    </span>
  );
}

function SectionTable(props: { view: DiagnosticJson; section: DiagnosticJson['sections'][number] }) {
  const { view, section } = props;
  const synthetic = section.rows.some((r) => r.synthetic);
  // With one source for the whole table, the line under it says it; with several, each row says its own.
  const rowSources = section.sources.length > 1;
  return (
    <TableScroll label={`${section.title} : ${view.territory.name}`}>
      <table>
        <caption>
          {section.title} : {view.territory.name} comparé à {view.reference.name}
          {synthetic ? ' (données synthétiques)' : ''}
        </caption>
        <colgroup>
          <col />
        </colgroup>
        <colgroup span={2} />
        <colgroup span={2} />
        <colgroup />
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Indicateur
            </th>
            <th scope="colgroup" colSpan={2}>
              {view.territory.name}
            </th>
            <th scope="colgroup" colSpan={2}>
              {view.reference.name}
            </th>
            <th scope="col" rowSpan={2}>
              Écart avec le département
            </th>
          </tr>
          <tr>
            <th scope="col" class="num">
              Valeur
            </th>
            <th scope="col" class="num">
              Part
            </th>
            <th scope="col" class="num">
              Valeur
            </th>
            <th scope="col" class="num">
              Part
            </th>
          </tr>
        </thead>
        <tbody>
          {section.rows.map((row) => (
            <tr data-indicator={row.id}>
              <th scope="row">
                {row.label}
                <Series row={row} />
                {(rowSources && row.source) || row.synthetic ? (
                  <span class="diag-source">
                    {rowSources ? (row.source ?? '') : ''}
                    {row.synthetic ? <span class="diag-tag">données synthétiques</span> : null}
                  </span>
                ) : null}
              </th>
              <td class="num">
                <Figure status={row.statuses.value} text={formatFigure(row.value, row.unit)} />
              </td>
              <td class="num">
                <Figure status={row.statuses.share} text={formatShare(row.share)} />
              </td>
              <td class="num">
                <Figure
                  status={row.statuses.referenceValue}
                  text={formatFigure(row.referenceValue, row.unit)}
                />
              </td>
              <td class="num">
                <Figure status={row.statuses.referenceShare} text={formatShare(row.referenceShare)} />
              </td>
              <td>
                <Notable row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Under each table, as the seed prints it: "Sources : Insee RP2019, Caf au 31/12/2022", then its notes. */
function SectionNotes(props: { section: DiagnosticJson['sections'][number] }) {
  const { sources, notes } = props.section;
  const line = sourcesLine(sources);
  if (!line && notes.length === 0) return null;
  return (
    <div class="diag-section-notes">
      {line ? <p class="diag-sources">{line}</p> : null}
      {notes.length ? (
        <ul>
          {notes.map((note) => (
            <li>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function hasBlank(view: DiagnosticJson): boolean {
  return view.sections.some((s) => s.rows.some((r) => Object.values(r.statuses).some(isBlank)));
}

export function DiagnosticReport(props: {
  view: DiagnosticJson;
  headingLevel?: 1;
  /** The level of the sections' headings: 3 when the report sits under a page's h2 (a workspace tab). */
  sectionLevel?: 2 | 3;
}) {
  const { view } = props;
  const H = props.sectionLevel === 3 ? 'h3' : 'h2';
  const H2 = props.sectionLevel === 3 ? 'h4' : 'h3';
  return (
    <>
      <p class="lead">
        Diagnostic partagé (annexe 1) de la {LEVEL_LABELS[view.territory.level]} {view.territory.name} (
        {view.territory.code}), comparé au département {view.reference.name} ({view.reference.code})
        {view.year ? `, chiffres connus à la fin de ${view.year}` : ', chiffres les plus récents'}. Les
        valeurs couvertes par le secret statistique sont remplacées par « s ».
      </p>
      {view.coverage ? <p class="diag-coverage">{view.coverage.text}</p> : null}
      {view.synthetic ? (
        <p class="alert info">
          <strong>Données synthétiques.</strong> Ces valeurs sont fabriquées pour la démonstration et ne
          décrivent pas le territoire.
        </p>
      ) : null}
      {view.sections.map((section) => (
        <section class="diag-section" id={section.id} aria-labelledby={`titre-${section.id}`}>
          <H id={`titre-${section.id}`}>{section.title}</H>
          <div class="diag-body">
            <SectionTable view={view} section={section} />
            <DiagnosticChart
              section={section}
              territory={view.territory.name}
              reference={view.reference.name}
            />
          </div>
          <SectionNotes section={section} />
        </section>
      ))}
      <section class="diag-footnotes" aria-labelledby="titre-notes">
        <H id="titre-notes">Notes et fichiers importés</H>
        <ul>
          {hasBlank(view) ? <li>{SECRET_FOOTNOTE}</li> : null}
          {view.synthetic ? <li>{SYNTHETIC_FOOTNOTE}</li> : null}
          <li>{NOTABLE_FOOTNOTE}</li>
          {view.notes.map((note) => (
            <li>{note.text}</li>
          ))}
        </ul>
        {view.sources.length ? (
          <>
            <H2>Fichiers importés</H2>
            <ul>
              {view.sources.map((s) => (
                <li>
                  {s.fileName}, importé le {frenchDate(s.importedAt)} par {s.importedBy}
                  {s.synthetic ? ' (données synthétiques)' : ''}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>Aucun chiffre n’a encore été importé pour ce territoire.</p>
        )}
      </section>
    </>
  );
}
