/**
 * An indicator's targets against its results, year by year: two bars per year, the target hatched
 * and outlined, the result solid, each with its value written above it, and the starting value as a
 * dashed line when there is one. The table beside it holds the values as entered (exact decimals);
 * the bars' heights are only a drawing of them.
 */

import { formatDecimalText, isDecimalText } from '../../../domain/plan/format.js';
import type { Indicator, IndicatorValueKind } from '../../../domain/plan/model.js';
import { formatShortFrenchDate } from '../../../domain/shared/dates.js';
import { TableScroll } from '../components/table-scroll.js';
import { BRAND, Hatch, INK, LINE, MUTED, markupId, plural, px } from './chart-parts.js';

const HEIGHT = 240;
const LEFT = 12;
const TOP = 40;
const BOTTOM = 28;
const BAR = 26;
const GAP_IN = 4;
const GROUP = 2 * BAR + GAP_IN + 28;

export interface IndicatorYear {
  year: number;
  /** The values as entered (decimal text), null when none was entered. */
  target: string | null;
  result: string | null;
}

/** One row per year with a value, in year order; the last value entered wins for a year and kind. */
export function indicatorYears(indicator: Pick<Indicator, 'values'>): IndicatorYear[] {
  const byYear = new Map<number, IndicatorYear>();
  for (const value of indicator.values) {
    const row = byYear.get(value.year) ?? { year: value.year, target: null, result: null };
    row[value.kind] = value.value;
    byYear.set(value.year, row);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

const KIND_TEXT: Record<IndicatorValueKind, string> = { target: 'cible', result: 'résultat' };

function drawn(text: string | null): number | null {
  if (text === null || !isDecimalText(text)) return null;
  return Number(text.trim());
}

export function IndicatorChart(props: { indicator: Indicator; id?: string }) {
  const { indicator } = props;
  const id = markupId(props.id ?? `indicateur-${indicator.id}`);
  const rows = indicatorYears(indicator);
  const unit = indicator.unit.trim();
  const caption = `${indicator.title} : cibles et résultats par année${unit ? ` (${unit})` : ''}`;
  if (rows.length === 0) {
    return (
      <p class="plan-empty">Aucune cible ni aucun résultat saisi pour l’indicateur « {indicator.title} ».</p>
    );
  }
  const baseline = drawn(indicator.baselineValue);
  const numbers = rows.flatMap((r) => [drawn(r.target), drawn(r.result)]).filter((v) => v !== null);
  const max = Math.max(0, baseline ?? 0, ...numbers);
  const min = Math.min(0, baseline ?? 0, ...numbers);
  const span = max - min || 1;
  const plot = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + ((max - v) / span) * plot;
  const width = LEFT * 2 + rows.length * GROUP;
  const legendWidth = 300;
  const viewWidth = Math.max(width, legendWidth);
  const description =
    `${rows.length} ${plural(rows.length, 'année', 'années')}, de ${rows[0]!.year} à ${rows.at(-1)!.year} : ` +
    `barre hachurée, la cible ; barre pleine, le résultat` +
    (baseline !== null ? ' ; trait pointillé, la valeur de départ' : '') +
    '. Les valeurs exactes figurent dans le tableau voisin.';
  const bar = (kind: IndicatorValueKind, text: string | null, left: number) => {
    const value = drawn(text);
    if (text === null) return null;
    const top = value === null ? y(0) : Math.min(y(value), y(0));
    const h = value === null ? 0 : Math.abs(y(value) - y(0));
    return (
      <g data-kind={kind}>
        <title>{`${KIND_TEXT[kind]} : ${formatDecimalText(text)}`}</title>
        <rect
          x={px(left)}
          y={px(top)}
          width={BAR}
          height={px(Math.max(h, 1))}
          fill={kind === 'target' ? `url(#${id}-cible)` : BRAND}
          stroke={kind === 'target' ? INK : BRAND}
          stroke-width={kind === 'target' ? 1.5 : 1}
        />
        <text x={px(left + BAR / 2)} y={px(top - 4)} font-size="11" text-anchor="middle" fill={INK}>
          {formatDecimalText(text)}
        </text>
      </g>
    );
  };
  return (
    <div class="plan-chart-pair">
      <figure class="plan-chart plan-indicator" aria-labelledby={`${id}-legende`}>
        <svg
          role="img"
          aria-labelledby={`${id}-titre ${id}-desc`}
          viewBox={`0 0 ${viewWidth} ${HEIGHT}`}
          width={viewWidth}
          height={HEIGHT}
          xmlns="http://www.w3.org/2000/svg"
        >
          <title id={`${id}-titre`}>{caption}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <defs>
            <Hatch id={`${id}-cible`} color={MUTED} />
          </defs>
          <g class="plan-legend">
            <rect x={LEFT} y={6} width={14} height={14} fill={`url(#${id}-cible)`} stroke={INK} />
            <text x={LEFT + 20} y={17} font-size="12" fill={INK}>
              Cible
            </text>
            <rect x={LEFT + 80} y={6} width={14} height={14} fill={BRAND} />
            <text x={LEFT + 100} y={17} font-size="12" fill={INK}>
              Résultat
            </text>
            {baseline !== null ? (
              <>
                <line
                  x1={LEFT + 170}
                  y1={13}
                  x2={LEFT + 190}
                  y2={13}
                  stroke={INK}
                  stroke-width="2"
                  stroke-dasharray="4 3"
                />
                <text x={LEFT + 196} y={17} font-size="12" fill={INK}>
                  Départ
                </text>
              </>
            ) : null}
          </g>
          <line x1={LEFT} y1={px(y(0))} x2={width - LEFT} y2={px(y(0))} stroke={LINE} stroke-width="1" />
          {rows.map((row, i) => {
            const left = LEFT + i * GROUP + 14;
            return (
              <g data-year={row.year}>
                {bar('target', row.target, left)}
                {bar('result', row.result, left + BAR + GAP_IN)}
                <text
                  x={px(left + BAR + GAP_IN / 2)}
                  y={HEIGHT - 8}
                  font-size="12"
                  text-anchor="middle"
                  fill={INK}
                >
                  {row.year}
                </text>
              </g>
            );
          })}
          {baseline !== null ? (
            <line
              class="plan-baseline"
              x1={LEFT}
              y1={px(y(baseline))}
              x2={width - LEFT}
              y2={px(y(baseline))}
              stroke={INK}
              stroke-width="2"
              stroke-dasharray="4 3"
            />
          ) : null}
        </svg>
        <figcaption id={`${id}-legende`}>
          {`${caption} : la cible en barre hachurée, le résultat en barre pleine.`}
        </figcaption>
      </figure>
      <TableScroll label={caption}>
        <table class="plan-indicator-table">
          <caption>
            {caption}
            {indicator.baselineValue !== null ? (
              <span class="plan-caption-note">
                {` — valeur de départ : ${formatDecimalText(indicator.baselineValue)}`}
                {indicator.baselineDate ? ` au ${formatShortFrenchDate(indicator.baselineDate)}` : ''}
              </span>
            ) : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">Année</th>
              <th scope="col" class="num">
                Cible
              </th>
              <th scope="col" class="num">
                Résultat
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr data-year={row.year}>
                <th scope="row">{row.year}</th>
                <td class="num" data-kind="target">
                  {row.target === null ? '—' : formatDecimalText(row.target)}
                </td>
                <td class="num" data-kind="result">
                  {row.result === null ? '—' : formatDecimalText(row.result)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
