/**
 * The plan's calendar over the convention's years: one band per fiche from its start to its end
 * date (a missing start or end is the convention's, a recurring fiche spans every year), late ones
 * hatched in red and labelled « en retard » beside their reference, today's date as a dashed line.
 * The table beside it is the accessible equivalent and holds every fiche, with its dates as entered
 * (a fiche without dates, or wholly outside the convention, has no band but has its row).
 */

import { FICHE_STATUS_LABELS } from '../../../domain/plan/labels.js';
import { type Axe, FICHE_STATUSES, type Fiche, type FicheStatus } from '../../../domain/plan/model.js';
import { compareFiches, effectiveStatus, ficheReference } from '../../../domain/plan/rules.js';
import {
  compareDates,
  formatFrenchDate,
  formatShortFrenchDate,
  type IsoDate,
} from '../../../domain/shared/dates.js';
import { TableScroll } from '../components/table-scroll.js';
import {
  BRAND,
  DANGER,
  dayNumber,
  Hatch,
  INK,
  LINE,
  MUTED,
  markupId,
  OK,
  plural,
  px,
  SOFT,
} from './chart-parts.js';

const WIDTH = 760;
const LEFT = 118;
const RIGHT = 8;
/** Year labels on the first line, today's label on the second, then the rows. */
const YEAR_Y = 16;
const TODAY_Y = 36;
const TOP = 44;
const ROW = 24;
const BAND = 14;

/** Colours of the bands by the status shown; `late` is drawn with the hatching. */
const STATUS_FILL: Record<FicheStatus, string> = {
  planned: '#5b6b7a',
  in_progress: BRAND,
  done: OK,
  paused: '#6b4e9b',
  blocked: '#8a4b00',
  abandoned: MUTED,
  late: DANGER,
};

export interface TimelineBand {
  fiche: Fiche;
  reference: string;
  status: FicheStatus;
  late: boolean;
  /** The span drawn, clipped to the convention; null when nothing is drawn. */
  span: { start: IsoDate; end: IsoDate } | null;
  /** Why nothing is drawn. */
  undrawn: 'no_dates' | 'outside' | 'end_before_start' | null;
}

const UNDRAWN_TEXT: Record<NonNullable<TimelineBand['undrawn']>, string> = {
  no_dates: 'dates non renseignées',
  outside: 'hors de la période de la convention',
  end_before_start: 'fin avant le début',
};

/** The rows of the timeline, in the plan's order. */
export function timelineBands(
  axes: readonly Axe[],
  fiches: readonly Fiche[],
  convention: { start: IsoDate; end: IsoDate },
  today: IsoDate,
): TimelineBand[] {
  return [...fiches].sort(compareFiches(axes)).map((fiche) => {
    const status = effectiveStatus(fiche, today);
    let span: TimelineBand['span'] = null;
    let undrawn: TimelineBand['undrawn'] = null;
    if (fiche.recurring) span = { start: convention.start, end: convention.end };
    else if (fiche.startDate === null && fiche.endDate === null) undrawn = 'no_dates';
    else if (
      fiche.startDate !== null &&
      fiche.endDate !== null &&
      compareDates(fiche.startDate, fiche.endDate) > 0
    ) {
      undrawn = 'end_before_start';
    } else {
      const start = fiche.startDate ?? convention.start;
      const end = fiche.endDate ?? convention.end;
      const clippedStart = compareDates(start, convention.start) < 0 ? convention.start : start;
      const clippedEnd = compareDates(end, convention.end) > 0 ? convention.end : end;
      if (compareDates(clippedStart, clippedEnd) <= 0) span = { start: clippedStart, end: clippedEnd };
      else undrawn = 'outside';
    }
    return { fiche, reference: ficheReference(axes, fiche), status, late: status === 'late', span, undrawn };
  });
}

function dateCell(date: IsoDate | null, recurring: boolean, fallback: string): string {
  if (recurring) return 'Chaque année';
  return date === null ? fallback : formatShortFrenchDate(date);
}

/** The colours of the statuses drawn, in FICHE_STATUSES order (the table says each fiche's status). */
function StatusLegend(props: { statuses: FicheStatus[]; id: string }) {
  const shown = FICHE_STATUSES.filter((status) => props.statuses.includes(status));
  if (shown.length === 0) return null;
  return (
    <ul class="plan-legend">
      {shown.map((status) => (
        <li>
          <svg
            aria-hidden="true"
            width="14"
            height="14"
            viewBox="0 0 14 14"
            xmlns="http://www.w3.org/2000/svg"
            focusable="false"
          >
            <rect
              x="1"
              y="1"
              width="12"
              height="12"
              fill={status === 'late' ? `url(#${props.id}-retard)` : STATUS_FILL[status]}
              stroke={status === 'late' ? DANGER : INK}
              stroke-width={status === 'late' ? 2 : 0.5}
            />
          </svg>
          {FICHE_STATUS_LABELS[status]}
        </li>
      ))}
    </ul>
  );
}

export function PlanTimeline(props: {
  axes: readonly Axe[];
  fiches: readonly Fiche[];
  convention: { start: IsoDate; end: IsoDate };
  today: IsoDate;
  /** Distinguishes the ids of two timelines on one page. */
  id?: string;
}) {
  const { convention, today } = props;
  const id = markupId(props.id ?? 'calendrier-plan');
  const bands = timelineBands(props.axes, props.fiches, convention, today);
  if (bands.length === 0) return <p class="plan-empty">Aucune fiche action à situer dans le calendrier.</p>;
  const valid = compareDates(convention.start, convention.end) <= 0;
  const first = dayNumber(convention.start);
  const days = valid ? dayNumber(convention.end) - first + 1 : 1;
  const plot = WIDTH - LEFT - RIGHT;
  /** The left edge of a day. */
  const x = (date: IsoDate) => LEFT + ((dayNumber(date) - first) / days) * plot;
  /** The right edge of a day. */
  const xEnd = (date: IsoDate) => LEFT + ((dayNumber(date) - first + 1) / days) * plot;
  const height = TOP + bands.length * ROW + 8;
  const startYear = Number(convention.start.slice(0, 4));
  const endYear = Number(convention.end.slice(0, 4));
  const years: { year: number; from: number; to: number }[] = [];
  for (let year = startYear; valid && year <= endYear; year += 1) {
    const from = year === startYear ? convention.start : `${year}-01-01`;
    const to = year === endYear ? convention.end : `${year}-12-31`;
    years.push({ year, from: x(from), to: xEnd(to) });
  }
  const showToday =
    valid && compareDates(today, convention.start) >= 0 && compareDates(today, convention.end) <= 0;
  const late = bands.filter((b) => b.late).length;
  const undrawn = bands.filter((b) => b.span === null).length;
  const description =
    `Calendrier de ${bands.length} ${plural(bands.length, 'fiche action', 'fiches actions')} ` +
    `du ${formatFrenchDate(convention.start)} au ${formatFrenchDate(convention.end)}` +
    `, dont ${late} en retard (bandes hachurées)` +
    (undrawn ? `, ${undrawn} sans dates à dessiner dans la période de la convention (sans bande)` : '') +
    (showToday ? `. Trait pointillé : aujourd’hui, ${formatFrenchDate(today)}` : '') +
    '. Les dates exactes figurent dans le tableau voisin.';
  return (
    <div class="plan-chart-pair wide">
      <figure class="plan-chart plan-timeline" aria-labelledby={`${id}-legende`}>
        {valid ? (
          <svg
            role="img"
            aria-labelledby={`${id}-titre ${id}-desc`}
            viewBox={`0 0 ${WIDTH} ${height}`}
            width={WIDTH}
            height={height}
            xmlns="http://www.w3.org/2000/svg"
          >
            <title id={`${id}-titre`}>Calendrier des fiches actions</title>
            <desc id={`${id}-desc`}>{description}</desc>
            <defs>
              <Hatch id={`${id}-retard`} color={DANGER} />
            </defs>
            {years.map((y, i) => (
              <g>
                <rect
                  x={px(y.from)}
                  y={YEAR_Y + 6}
                  width={px(y.to - y.from)}
                  height={height - YEAR_Y - 10}
                  fill={i % 2 === 0 ? SOFT : '#ffffff'}
                />
                <line x1={px(y.from)} y1={2} x2={px(y.from)} y2={height - 4} stroke={LINE} />
                {y.to - y.from >= 32 ? (
                  <text x={px((y.from + y.to) / 2)} y={YEAR_Y} font-size="12" text-anchor="middle" fill={INK}>
                    {y.year}
                  </text>
                ) : null}
              </g>
            ))}
            {bands.map((band, i) => {
              const top = TOP + i * ROW;
              const label = band.late ? `${band.reference} en retard` : band.reference;
              return (
                <g class={band.late ? 'plan-band late' : 'plan-band'}>
                  <title>{`${band.reference} ${band.fiche.title} : ${FICHE_STATUS_LABELS[band.status]}`}</title>
                  <text
                    x={4}
                    y={top + 11}
                    font-size="12"
                    fill={band.late ? DANGER : INK}
                    font-weight={band.late ? 'bold' : 'normal'}
                  >
                    {label}
                  </text>
                  {band.span ? (
                    <rect
                      x={px(x(band.span.start))}
                      y={top}
                      width={px(Math.max(xEnd(band.span.end) - x(band.span.start), 2))}
                      height={BAND}
                      fill={band.late ? `url(#${id}-retard)` : STATUS_FILL[band.status]}
                      stroke={band.late ? DANGER : INK}
                      stroke-width={band.late ? 2 : 0.5}
                      data-fiche={band.fiche.id}
                    />
                  ) : (
                    <text x={LEFT + 4} y={top + 11} font-size="11" fill={MUTED}>
                      {UNDRAWN_TEXT[band.undrawn ?? 'no_dates']}
                    </text>
                  )}
                </g>
              );
            })}
            {showToday ? (
              <g class="plan-today">
                <line
                  x1={px(x(today))}
                  y1={YEAR_Y + 6}
                  x2={px(x(today))}
                  y2={height - 4}
                  stroke={INK}
                  stroke-width="2"
                  stroke-dasharray="4 3"
                />
                <text
                  x={px(x(today))}
                  y={TODAY_Y}
                  font-size="11"
                  text-anchor={x(today) > WIDTH - 80 ? 'end' : 'start'}
                  dx={x(today) > WIDTH - 80 ? -4 : 4}
                  fill={INK}
                >
                  Aujourd’hui
                </text>
              </g>
            ) : null}
          </svg>
        ) : null}
        {valid ? (
          <StatusLegend statuses={bands.filter((b) => b.span !== null).map((b) => b.status)} id={id} />
        ) : null}
        <figcaption id={`${id}-legende`}>
          {valid
            ? `Calendrier des fiches actions du ${formatFrenchDate(convention.start)} au ${formatFrenchDate(convention.end)} : une bande par fiche, hachurée en rouge et marquée « en retard » quand la fiche est en retard.`
            : 'Calendrier des fiches actions : les dates de la convention ne permettent pas de le dessiner (fin avant début).'}
        </figcaption>
      </figure>
      <TableScroll label="Calendrier des fiches actions">
        <table class="plan-timeline-table">
          <caption>Calendrier des fiches actions</caption>
          <thead>
            <tr>
              <th scope="col">Référence</th>
              <th scope="col">Fiche action</th>
              <th scope="col">Début</th>
              <th scope="col">Fin</th>
              <th scope="col">Statut</th>
            </tr>
          </thead>
          <tbody>
            {bands.map((band) => (
              <tr data-fiche={band.fiche.id} class={band.late ? 'late' : undefined}>
                <th scope="row">{band.reference}</th>
                <td>{band.fiche.title}</td>
                <td>{dateCell(band.fiche.startDate, band.fiche.recurring, 'Non renseigné')}</td>
                <td>{dateCell(band.fiche.endDate, band.fiche.recurring, 'Non renseignée')}</td>
                <td>{FICHE_STATUS_LABELS[band.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
