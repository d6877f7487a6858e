import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { fiche, indicator, plan, subAction } from '../../../domain/plan/plan.test-support.js';
import { planProgress } from '../../../domain/plan/rules.js';
import { IndicatorChart, indicatorYears } from './indicator-chart.js';
import { PlanProgressBar, progressSentence } from './plan-progress.js';
import { PlanTimeline, timelineBands } from './plan-timeline.js';

const TODAY = '2026-12-01';
const CONVENTION = { start: '2025-01-01', end: '2028-12-31' };

/** Checks that every tag of the markup is closed in order and every attribute value quoted. */
function expectWellFormed(markup: string) {
  const stack: string[] = [];
  for (const match of markup.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  // Every `<` starts a tag the pattern above recognised (no unquoted or broken attribute).
  const tags = markup.match(/<[^>]*>/g) ?? [];
  for (const tag of tags) expect(tag).toMatch(/^<\/?[a-zA-Z][\w:-]*(?:\s+[\w:-]+="[^"]*")*\s*\/?>$/);
}

function svgOf(html: string): string {
  const svg = /<svg[\s\S]*?<\/svg>/.exec(html);
  expect(svg, 'an SVG').not.toBeNull();
  return svg![0];
}

/** The texts of the cells of each row of the table's body, header cell first. */
function bodyRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '')),
  );
}

function expectAccessibleMarkup(html: string) {
  expect(html).not.toMatch(/\sstyle=/);
  expect(html).not.toMatch(/<script/);
  expect(html).not.toMatch(/\son[a-z]+=/);
  // Every header cell says what it heads.
  for (const th of html.match(/<th\b[^>]*>/g) ?? [])
    expect(th).toMatch(/scope="(col|row|colgroup|rowgroup)"/);
  const svg = /<svg[^>]*>/.exec(html)?.[0];
  if (svg && !svg.includes('aria-hidden="true"')) {
    expect(svg).toContain('role="img"');
    const labelledBy = /aria-labelledby="([^"]+)"/.exec(svg)![1]!.split(' ');
    for (const id of labelledBy) expect(html).toContain(`id="${id}"`);
  }
}

function attr(tag: string, name: string): string | null {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

describe('PlanTimeline', () => {
  const fiches = [
    fiche('late', { position: 2, title: 'Ouvrir un RPE', startDate: '2025-03-01', endDate: '2026-06-30' }),
    fiche('recurring', { position: 1, title: 'Fête des familles', recurring: true, status: 'planned' }),
    fiche('undated', { axeId: 'axe-2', position: 1, title: 'Sans dates' }),
    fiche('before', { axeId: 'axe-2', position: 2, startDate: '2020-01-01', endDate: '2021-12-31' }),
    fiche('done', {
      axeId: 'axe-2',
      position: 3,
      status: 'done',
      startDate: '2024-09-01',
      endDate: '2025-12-31',
      subActions: [subAction('s', 1)],
    }),
  ];
  const p = plan({ fiches });
  const html = render(<PlanTimeline axes={p.axes} fiches={p.fiches} convention={CONVENTION} today={TODAY} />);

  it('is well-formed, accessible markup without style attributes', () => {
    expectWellFormed(html);
    expectAccessibleMarkup(html);
    expect(svgOf(html)).toContain('<title id="calendrier-plan-titre">');
  });
  it('has a table row for every fiche, in the plan’s order, with its dates and status', () => {
    expect(bodyRows(html)).toEqual([
      ['1.1', 'Fête des familles', 'Chaque année', 'Chaque année', 'À venir'],
      ['1.2', 'Ouvrir un RPE', '01/03/2025', '30/06/2026', 'En retard'],
      ['2.1', 'Sans dates', 'Non renseigné', 'Non renseignée', 'En cours'],
      ['2.2', 'Fiche before', '01/01/2020', '31/12/2021', 'En retard'],
      ['2.3', 'Fiche done', '01/09/2024', '31/12/2025', 'Réalisée'],
    ]);
  });
  it('draws a band for the fiches with dates in the convention, clipped to it', () => {
    const bands = [...svgOf(html).matchAll(/<rect[^>]*data-fiche="([^"]+)"[^>]*>/g)];
    expect(bands.map((b) => b[1])).toEqual(['recurring', 'late', 'done']);
    const [recurring, late, done] = bands.map((b) => b[0]);
    // The recurring fiche spans the whole plot (118 to 752).
    expect(Number(attr(recurring!, 'x'))).toBe(118);
    expect(Number(attr(recurring!, 'width'))).toBe(634);
    // The done fiche started before the convention: its band starts where the convention does,
    // and covers 2025 only (a quarter of the four years, 365 days of 1461).
    expect(Number(attr(done!, 'x'))).toBe(118);
    expect(Number(attr(done!, 'width'))).toBeCloseTo((365 / 1461) * 634, 0);
    // The late one is hatched and outlined in red, and labelled in words.
    expect(attr(late!, 'fill')).toBe('url(#calendrier-plan-retard)');
    expect(svgOf(html)).toContain('1.2 en retard');
    expect(svgOf(html)).toContain('>dates non renseignées</text>');
    expect(svgOf(html)).toContain('>hors de la période de la convention</text>');
  });
  it('says why a fiche has no band', () => {
    const bands = timelineBands(
      p.axes,
      [
        fiche('a', { startDate: '2026-05-01', endDate: '2026-04-30' }),
        fiche('b', { position: 2, startDate: '2029-01-01' }),
        fiche('c', { position: 3, endDate: '2024-12-31' }),
        fiche('d', { position: 4 }),
        fiche('e', { position: 5, startDate: '2028-12-31' }),
        fiche('f', { position: 6, endDate: '2025-01-01' }),
      ],
      CONVENTION,
      TODAY,
    );
    expect(bands.map((b) => [b.undrawn, b.span])).toEqual([
      ['end_before_start', null],
      ['outside', null],
      ['outside', null],
      ['no_dates', null],
      [null, { start: '2028-12-31', end: '2028-12-31' }],
      [null, { start: '2025-01-01', end: '2025-01-01' }],
    ]);
    const out = render(
      <PlanTimeline axes={p.axes} fiches={bands.map((b) => b.fiche)} convention={CONVENTION} today={TODAY} />,
    );
    expect(out).toContain('>fin avant le début</text>');
    // A one-day band is still drawn wide enough to be seen.
    const oneDay = /<rect[^>]*data-fiche="e"[^>]*>/.exec(out)![0];
    expect(Number(attr(oneDay, 'width'))).toBe(2);
  });
  it('gives the colours of the statuses drawn, in order', () => {
    const legend = /<ul class="plan-legend">([\s\S]*?)<\/ul>/.exec(html)![1]!;
    expect([...legend.matchAll(/<\/svg>([^<]+)<\/li>/g)].map((m) => m[1])).toEqual([
      'À venir',
      'Réalisée',
      'En retard',
    ]);
  });
  it('labels every year and draws today’s line when today is in the convention', () => {
    for (const year of ['2025', '2026', '2027', '2028']) expect(svgOf(html)).toContain(`>${year}</text>`);
    expect(html).toContain('class="plan-today"');
    const line = /<g class="plan-today"><line[^>]*>/.exec(html)![0];
    // 2026-12-01 is day 699 of 1461 from 2025-01-01.
    expect(Number(attr(line, 'x1'))).toBeCloseTo(118 + (699 / 1461) * 634, 0);
    expect(html).toContain('dont 2 en retard (bandes hachurées), 2 sans dates à dessiner dans la période');
  });
  it('draws no today line outside the convention', () => {
    const later = render(
      <PlanTimeline axes={p.axes} fiches={p.fiches} convention={CONVENTION} today="2029-01-01" />,
    );
    expect(later).not.toContain('plan-today');
    expectWellFormed(later);
  });
  it('says so instead of drawing when there is no fiche', () => {
    const empty = render(<PlanTimeline axes={p.axes} fiches={[]} convention={CONVENTION} today={TODAY} />);
    expect(empty).toBe('<p class="plan-empty">Aucune fiche action à situer dans le calendrier.</p>');
  });
  it('keeps the table but draws nothing when the convention ends before it starts', () => {
    const broken = render(
      <PlanTimeline
        axes={p.axes}
        fiches={p.fiches}
        convention={{ start: '2028-01-01', end: '2025-01-01' }}
        today={TODAY}
      />,
    );
    expect(broken).not.toContain('<svg');
    expect(bodyRows(broken)).toHaveLength(5);
    expect(broken).toContain('fin avant début');
  });
  it('keeps two timelines of one page apart by their ids', () => {
    const other = render(
      <PlanTimeline axes={p.axes} fiches={p.fiches} convention={CONVENTION} today={TODAY} id="axe 2" />,
    );
    expect(other).toContain('id="axe-2-titre"');
    expect(other).toContain('url(#axe-2-retard)');
  });
});

describe('IndicatorChart', () => {
  const ind = indicator('places', {
    title: 'Places en crèche',
    unit: 'places',
    baselineValue: '40',
    baselineDate: '2024-12-31',
    values: [
      { year: 2026, kind: 'target', value: '60', comment: '' },
      { year: 2025, kind: 'result', value: '45.5', comment: '' },
      { year: 2025, kind: 'target', value: '50', comment: '' },
      { year: 2027, kind: 'target', value: '1200', comment: '' },
      { year: 2025, kind: 'result', value: '48', comment: 'corrigé' },
    ],
  });
  const html = render(<IndicatorChart indicator={ind} />);

  it('is well-formed, accessible markup without style attributes', () => {
    expectWellFormed(html);
    expectAccessibleMarkup(html);
  });
  it('keeps the last value entered for a year and kind', () => {
    expect(indicatorYears(ind)).toEqual([
      { year: 2025, target: '50', result: '48' },
      { year: 2026, target: '60', result: null },
      { year: 2027, target: '1200', result: null },
    ]);
  });
  it('has a table whose numbers are the data’s, in French', () => {
    expect(bodyRows(html)).toEqual([
      ['2025', '50', '48'],
      ['2026', '60', '—'],
      ['2027', '1\u202f200', '—'],
    ]);
    expect(html).toContain('Places en crèche : cibles et résultats par année (places)');
    expect(html).toContain('valeur de départ : 40 au 31/12/2024');
  });
  it('draws bars in proportion to the values, the target hatched', () => {
    const svg = svgOf(html);
    const bars = [...svg.matchAll(/<g data-kind="(target|result)"><title>[^<]*<\/title><rect([^>]*)>/g)].map(
      (m) => ({ kind: m[1], height: Number(attr(m[2]!, 'height')), fill: attr(m[2]!, 'fill') }),
    );
    expect(bars.map((b) => b.kind)).toEqual(['target', 'result', 'target', 'target']);
    expect(bars[1]!.height / bars[3]!.height).toBeCloseTo(48 / 1200, 2);
    expect(bars[2]!.height / bars[3]!.height).toBeCloseTo(60 / 1200, 2);
    expect(bars[0]!.fill).toBe('url(#indicateur-places-cible)');
    expect(bars[1]!.fill).toBe('#00546b');
    expect(svg).toContain('class="plan-baseline"');
  });
  it('draws negative results below the zero line', () => {
    const negative = indicator('n', {
      values: [{ year: 2025, kind: 'result', value: '-3.25', comment: '' }],
    });
    const out = render(<IndicatorChart indicator={negative} />);
    expectWellFormed(out);
    expect(bodyRows(out)).toEqual([['2025', '—', '-3,25']]);
    // Zero is at the top of the plot (y 40): the bar hangs from it.
    const rect = /<g data-kind="result"><title>[^<]*<\/title><rect[^>]*>/.exec(out)![0];
    expect(Number(attr(rect, 'y'))).toBe(40);
    expect(Number(attr(rect, 'height'))).toBe(172);
  });
  it('says so when nothing was entered', () => {
    expect(render(<IndicatorChart indicator={indicator('x', { title: 'Vide' })} />)).toContain(
      'Aucune cible ni aucun résultat saisi pour l’indicateur « Vide ».',
    );
  });
});

describe('PlanProgressBar', () => {
  const fiches = [
    fiche('a', { status: 'done' }),
    fiche('b', { status: 'done' }),
    fiche('c', { status: 'abandoned' }),
    fiche('d', { endDate: '2026-01-01' }),
    fiche('e'),
  ];
  const progress = planProgress(plan({ fiches }), TODAY);
  const html = render(<PlanProgressBar progress={progress} />);

  it('says the progress in words', () => {
    expect(progressSentence(progress)).toBe(
      '2 fiches réalisées sur 4 (50\u00a0%), 1 en retard, 1 abandonnée (hors décompte).',
    );
    expect(html).toContain(progressSentence(progress));
    expect(html).toContain('En retard : <strong>1</strong>');
  });
  it('draws the share done and late, hidden from assistive technologies', () => {
    expectWellFormed(html);
    expectAccessibleMarkup(html);
    expect(svgOf(html)).toContain('aria-hidden="true"');
    expect(attr(/<rect class="done"[^>]*>/.exec(html)![0], 'width')).toBe('300');
    expect(attr(/<rect class="late"[^>]*>/.exec(html)![0], 'width')).toBe('150');
  });
  it('says there is nothing on an empty plan, and draws nothing', () => {
    const empty = render(<PlanProgressBar progress={planProgress(plan(), TODAY)} />);
    expect(empty).toContain('Aucune fiche action dans le plan.');
    expect(empty).not.toContain('<svg');
  });
  it('writes one fiche in the singular', () => {
    const one = planProgress(plan({ fiches: [fiche('a', { status: 'done' })] }), TODAY);
    expect(progressSentence(one)).toBe('1 fiche réalisée sur 1 (100\u00a0%), 0 en retard.');
  });
});
