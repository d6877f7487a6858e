/**
 * One server-rendered SVG bar chart per diagnostic section: the territory's share or rate beside the
 * same share or rate of its département (or the territory's own figures when the section has none).
 * A share of the département's figure (a commune's population as 1.0 % of the département's) is not
 * the same quantity on both sides (the département's is 100 % by definition) and is left out: it is
 * in the table. A blanked figure draws no bar, only « s »: the chart shows nothing the table does not.
 * The table beside it is the accessible equivalent; the SVG has a title and a description.
 */

import { formatFigure, formatShare, isBlank } from '../../../domain/diagnostic/format.js';
import type { DiagnosticJson, DiagnosticRowJson } from '../../../use-cases/diagnostic/get-diagnostic.js';

type Section = DiagnosticJson['sections'][number];

interface Bar {
  label: string;
  own: { value: number | null; blank: boolean; text: string };
  ref: { value: number | null; blank: boolean; text: string } | null;
}

const WIDTH = 360;
const LABEL = 16;
const BAR = 14;
const GAP = 12;

function percentBars(rows: DiagnosticRowJson[]): Bar[] {
  const bars: Bar[] = [];
  for (const row of rows) {
    const isRate = row.unit === 'pourcentage' || row.unit === 'pour 100 enfants';
    if (!isRate && row.shareOfReference) continue;
    // A total as a share of itself (100 % on both sides) compares nothing.
    if (!isRate && row.share === 100 && (row.referenceShare === null || row.referenceShare === 100)) continue;
    const [own, ownStatus, ref, refStatus] = isRate
      ? [row.value, row.statuses.value, row.referenceValue, row.statuses.referenceValue]
      : [row.share, row.statuses.share, row.referenceShare, row.statuses.referenceShare];
    const hasOwn = own !== null || isBlank(ownStatus);
    if (!hasOwn || (!isRate && row.share === null && !isBlank(row.statuses.share))) continue;
    const text = (v: number | null, blank: boolean) =>
      blank ? 's' : ((isRate ? formatFigure(v, row.unit) : formatShare(v)) ?? '—');
    bars.push({
      label: row.label,
      own: {
        value: isBlank(ownStatus) ? null : own,
        blank: isBlank(ownStatus),
        text: text(own, isBlank(ownStatus)),
      },
      ref:
        ref === null && !isBlank(refStatus)
          ? null
          : {
              value: isBlank(refStatus) ? null : ref,
              blank: isBlank(refStatus),
              text: text(ref, isBlank(refStatus)),
            },
    });
  }
  return bars;
}

function valueBars(rows: DiagnosticRowJson[]): Bar[] {
  return rows
    .filter((row) => row.value !== null || isBlank(row.statuses.value))
    .map((row) => {
      const blank = isBlank(row.statuses.value);
      return {
        label: row.label,
        own: {
          value: blank ? null : row.value,
          blank,
          text: blank ? 's' : (formatFigure(row.value, row.unit) ?? '—'),
        },
        ref: null,
      };
    });
}

function shorten(text: string, max = 52): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function chartBars(section: Section): { bars: Bar[]; compared: boolean } {
  const percents = percentBars(section.rows);
  if (percents.length > 0) return { bars: percents, compared: true };
  return { bars: valueBars(section.rows), compared: false };
}

export function DiagnosticChart(props: { section: Section; territory: string; reference: string }) {
  const { section } = props;
  const { bars, compared } = chartBars(section);
  if (bars.length === 0) return null;
  const max = Math.max(...bars.flatMap((b) => [b.own.value ?? 0, b.ref?.value ?? 0]), 1);
  const offsets: number[] = [];
  let height = 0;
  for (const bar of bars) {
    offsets.push(height);
    height += LABEL + BAR + (bar.ref ? BAR + 2 : 0) + GAP;
  }
  height += 4;
  const plot = WIDTH - 70;
  const id = `graphique-${section.id}`;
  const what = compared
    ? `Parts et taux de ${props.territory} comparés à ceux de ${props.reference}`
    : `Valeurs de ${props.territory}`;
  const blanks = bars.filter((b) => b.own.blank || b.ref?.blank).length;
  return (
    <figure class="diag-chart" aria-labelledby={`${id}-legende`}>
      {compared ? (
        <ul class="diag-legend" aria-hidden="true">
          <li>
            <span class="diag-swatch own" />
            {props.territory}
          </li>
          <li>
            <span class="diag-swatch ref" />
            {props.reference}
          </li>
        </ul>
      ) : null}
      <svg
        role="img"
        aria-labelledby={`${id}-titre ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-titre`}>{`${section.title} : graphique`}</title>
        <desc id={`${id}-desc`}>
          {`${what}, ${bars.length} indicateur(s)${blanks ? `, dont ${blanks} en partie couverts par le secret statistique (sans barre)` : ''}. Les valeurs exactes figurent dans le tableau voisin.`}
        </desc>
        {bars.map((bar, i) => {
          const y = offsets[i]!;
          const own = bar.own.value === null ? 0 : (bar.own.value / max) * plot;
          const ref = bar.ref?.value == null ? 0 : (bar.ref.value / max) * plot;
          return (
            <g>
              <text x={0} y={y + 12} font-size="12" fill="#1b1b1f">
                {shorten(bar.label)}
              </text>
              <rect x={0} y={y + LABEL} width={Math.max(own, 0)} height={BAR} fill="#00546b" />
              <text x={Math.max(own, 0) + 4} y={y + LABEL + 11} font-size="11" fill="#1b1b1f">
                {bar.own.text}
              </text>
              {bar.ref ? (
                <>
                  <rect
                    x={0}
                    y={y + LABEL + BAR + 2}
                    width={Math.max(ref, 0)}
                    height={BAR}
                    fill="#b8c4cc"
                    stroke="#4a4a55"
                    stroke-width="0.5"
                  />
                  <text x={Math.max(ref, 0) + 4} y={y + LABEL + BAR + 13} font-size="11" fill="#1b1b1f">
                    {bar.ref.text}
                  </text>
                </>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption id={`${id}-legende`}>
        {compared
          ? `${section.title} : parts et taux (en %) du territoire, barre foncée, et du département, barre claire.`
          : `${section.title} : valeurs du territoire.`}
      </figcaption>
    </figure>
  );
}
