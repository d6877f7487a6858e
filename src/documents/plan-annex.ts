/**
 * The project of the territory and its action plan as document blocks: annexe 2 « Plan d’actions et
 * fiches actions » (the axes, then each fiche under its axe), the bodies of articles 2, 3 and 4
 * written from the project, and the fiche sheet (one fiche or a selection as a document of its own).
 * Pure: everything comes from the plan and the convention's content; money is summed in cents and
 * formatted only when written.
 *
 * Confidential fiches stay out of the convention document: it is signed by every party, handed to
 * the council and may be published, while a confidential fiche is for those who work on the plan.
 * The annex says how many were left out, and the totals leave them out too, so that no figure of a
 * confidential fiche can be read back from a total.
 */

import { type ConventionContent, renderText } from '../domain/convention/index.js';
import { formatDecimalText } from '../domain/plan/format.js';
import {
  BUDGET_NATURE_LABELS,
  BUDGET_STAGE_LABELS,
  DOMAIN_LABELS,
  FICHE_STATUS_LABELS,
  INDICATOR_VALUE_KIND_LABELS,
  MISSION_LABELS,
  PARTICIPATION_LABELS,
  PRIORITY_LABELS,
  PUBLIC_LABELS,
  THEME_LABELS,
} from '../domain/plan/labels.js';
import {
  type Axe,
  BUDGET_NATURES,
  BUDGET_STAGES,
  type BudgetLine,
  type BudgetStage,
  type BudgetUnit,
  DOMAINS,
  type Fiche,
  type FicheFields,
  type Indicator,
  MISSIONS,
  type Plan,
  type Project,
} from '../domain/plan/model.js';
import {
  compareFiches,
  ficheReference,
  foldForSearch,
  subActionReference,
  visiblePlan,
} from '../domain/plan/rules.js';
import { formatFrenchDate, type IsoDate } from '../domain/shared/dates.js';
import { type Cents, formatEuros, groupDigits } from '../domain/shared/money.js';
import {
  type Block,
  bold,
  bulletList,
  cell,
  type DocumentModel,
  heading,
  italic,
  type ListItemInput,
  pageBreak,
  paragraph,
  type TableBlock,
  type TableCell,
} from './model.js';

// ─── Formatting ──────────────────────────────────────────────────────────────────────────────────

/** Hundredths of a full-time equivalent: 50 → « 0,5 ETP », 150 → « 1,5 ETP », 200 → « 2 ETP ». */
export function formatFte(hundredths: bigint): string {
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const rest = (abs % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${groupDigits((abs / 100n).toString())}${rest ? `,${rest}` : ''}\u00a0ETP`;
}

export function formatAmount(amount: Cents, unit: BudgetUnit): string {
  return unit === 'eur' ? formatEuros(amount) : formatFte(amount);
}

/** « Du 1er janvier 2025 au 31 décembre 2026 », « À partir du 1er mars 2025, reconduite chaque année ». */
export function calendarLine(f: Pick<FicheFields, 'startDate' | 'endDate' | 'recurring'>): string {
  const from = (d: IsoDate) => formatFrenchDate(d);
  if (f.recurring)
    return f.startDate
      ? `À partir du ${from(f.startDate)}, reconduite chaque année`
      : 'Reconduite chaque année';
  if (f.startDate && f.endDate) return `Du ${from(f.startDate)} au ${from(f.endDate)}`;
  if (f.startDate) return `À partir du ${from(f.startDate)}`;
  if (f.endDate) return `Jusqu’au ${from(f.endDate)}`;
  return 'Non précisé';
}

const joined = (values: readonly string[], empty = 'Non précisé') =>
  values.filter((v) => v.trim() !== '').join(', ') || empty;

const orUnknown = (value: string | null | undefined) => (value?.trim() ? value : 'Non précisé');

const capitalise = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

const byPosition = <T extends { position: number }>(items: readonly T[]) =>
  [...items].sort((a, b) => a.position - b.position);

// ─── Budget ──────────────────────────────────────────────────────────────────────────────────────

interface Total {
  year: number | null;
  stage: BudgetStage;
  unit: BudgetUnit;
  amount: Cents;
  /** By folded name (case, accents and spaces ignored), with the name as first written. */
  coFunders: Map<string, { name: string; amount: Cents }>;
}

function addTo(totals: Total[], line: BudgetLine, year: number | null): void {
  let total = totals.find((t) => t.year === year && t.stage === line.stage && t.unit === line.unit);
  if (!total) {
    total = { year, stage: line.stage, unit: line.unit, amount: 0n, coFunders: new Map() };
    totals.push(total);
  }
  total.amount += line.amount;
  for (const c of line.coFunders) {
    const key = foldForSearch(c.name);
    const known = total.coFunders.get(key);
    if (known) known.amount += c.amount;
    else total.coFunders.set(key, { name: c.name.trim(), amount: c.amount });
  }
}

const stageOrder = (s: BudgetStage) => BUDGET_STAGES.indexOf(s);
const unitOrder = (u: BudgetUnit) => (u === 'eur' ? 0 : 1);

function sortTotals(totals: Total[]): Total[] {
  return totals.sort(
    (a, b) => stageOrder(a.stage) - stageOrder(b.stage) || unitOrder(a.unit) - unitOrder(b.unit),
  );
}

/** The budget lines by year (and within a year, planned before actual), with totals in cents. */
export function lineTotals(lines: readonly BudgetLine[]): { byYear: Total[]; overall: Total[] } {
  const byYear: Total[] = [];
  const overall: Total[] = [];
  for (const line of lines) {
    addTo(byYear, line, line.year);
    addTo(overall, line, null);
  }
  byYear.sort(
    (a, b) =>
      a.year! - b.year! || stageOrder(a.stage) - stageOrder(b.stage) || unitOrder(a.unit) - unitOrder(b.unit),
  );
  return { byYear, overall: sortTotals(overall) };
}

function coFundersText(entries: Iterable<[string, Cents]>, unit: BudgetUnit): string {
  const parts = [...entries].map(([name, amount]) => `${name} : ${formatAmount(amount, unit)}`);
  return parts.join(' ; ') || '—';
}

const BUDGET_COLUMNS = [
  { width: 1 },
  { width: 2 },
  { width: 1.5 },
  { width: 1.6, align: 'right' as const },
  { width: 4 },
];

/**
 * One row per budget line, then under each year its total (per stage and unit), and the total of
 * every year at the end, co-funders added up by name.
 */
export function budgetTable(lines: readonly BudgetLine[], caption = 'Budget'): TableBlock {
  const sorted = [...lines].sort(
    (a, b) =>
      a.year - b.year ||
      stageOrder(a.stage) - stageOrder(b.stage) ||
      unitOrder(a.unit) - unitOrder(b.unit) ||
      BUDGET_NATURES.indexOf(a.nature) - BUDGET_NATURES.indexOf(b.nature),
  );
  const { byYear, overall } = lineTotals(lines);
  const totalRow = (label: string, t: Total): TableCell[] => [
    cell(`${label} – ${BUDGET_STAGE_LABELS[t.stage].toLowerCase()}`, { bold: true, colSpan: 3 }),
    cell(formatAmount(t.amount, t.unit), { bold: true, align: 'right' }),
    cell(
      coFundersText(
        [...t.coFunders.values()].map((c) => [c.name, c.amount]),
        t.unit,
      ),
      { bold: true },
    ),
  ];
  const rows: TableCell[][] = [];
  const years = [...new Set(sorted.map((l) => l.year))];
  for (const year of years) {
    for (const line of sorted.filter((l) => l.year === year)) {
      rows.push([
        cell(String(line.year)),
        cell(BUDGET_NATURE_LABELS[line.nature]),
        cell(BUDGET_STAGE_LABELS[line.stage]),
        cell(formatAmount(line.amount, line.unit), { align: 'right' }),
        cell(
          coFundersText(
            line.coFunders.map((c) => [c.name, c.amount]),
            line.unit,
          ),
        ),
      ]);
    }
    for (const t of byYear.filter((t) => t.year === year)) rows.push(totalRow(`Total ${year}`, t));
  }
  if (years.length > 1) for (const t of overall) rows.push(totalRow('Total de la période', t));
  return {
    kind: 'table',
    caption,
    columns: BUDGET_COLUMNS,
    header: [
      [
        cell('Année', { bold: true }),
        cell('Nature', { bold: true }),
        cell('Étape', { bold: true }),
        cell('Montant', { bold: true, align: 'right' }),
        cell('Cofinancements', { bold: true }),
      ],
    ],
    rows,
  };
}

// ─── Indicators ──────────────────────────────────────────────────────────────────────────────────

/**
 * A linked diagnostic row's figure as the diagnostic published it when linked (« s » for a blanked
 * cell: the stored text, never a hidden figure), with its year and source.
 */
export function diagnosticFigureText(
  indicator: Pick<Indicator, 'diagnosticIndicatorId' | 'diagnosticFigure'>,
) {
  const f = indicator.diagnosticFigure;
  if (!indicator.diagnosticIndicatorId) return '—';
  if (!f) return `Ligne « ${indicator.diagnosticIndicatorId} » du diagnostic (chiffre publié non relevé)`;
  return `${f.label} : ${f.value}${f.year ? ` (${f.year})` : ''} — ${f.source}`;
}

/**
 * One row per indicator, one column per year holding its target and its result; when one of them is
 * a row of the diagnostic, a column with its published figure.
 */
export function indicatorTable(indicators: readonly Indicator[], caption = 'Indicateurs'): TableBlock {
  const years = [...new Set(indicators.flatMap((i) => i.values.map((v) => v.year)))].sort((a, b) => a - b);
  const linked = indicators.some((i) => i.diagnosticIndicatorId);
  const withUnit = (value: string, unit: string) => `${formatDecimalText(value)}${unit ? ` ${unit}` : ''}`;
  const yearCell = (indicator: Indicator, year: number) => {
    const parts = (['target', 'result'] as const).flatMap((kind) =>
      indicator.values
        .filter((v) => v.year === year && v.kind === kind)
        .map((v) => `${INDICATOR_VALUE_KIND_LABELS[kind]} : ${withUnit(v.value, indicator.unit)}`),
    );
    return cell(parts.join(' ; ') || '—');
  };
  return {
    kind: 'table',
    caption,
    columns: [
      { width: 3 },
      { width: 2 },
      ...(linked ? [{ width: 3 }] : []),
      ...years.map(() => ({ width: 2 })),
    ],
    header: [
      [
        cell('Indicateur', { bold: true }),
        cell('Situation de départ', { bold: true }),
        ...(linked ? [cell('Chiffre publié du diagnostic', { bold: true })] : []),
        ...years.map((y) => cell(String(y), { bold: true })),
      ],
    ],
    rows: indicators.map((i) => [
      cell(i.source.trim() ? [i.title, italic(` (source : ${i.source})`)] : i.title),
      cell(
        i.baselineValue === null
          ? '—'
          : `${withUnit(i.baselineValue, i.unit)}${i.baselineDate ? ` au ${formatFrenchDate(i.baselineDate)}` : ''}`,
      ),
      ...(linked ? [cell(diagnosticFigureText(i))] : []),
      ...years.map((y) => yearCell(i, y)),
    ]),
    rowHeaders: true,
  };
}

// ─── Fiches ──────────────────────────────────────────────────────────────────────────────────────

const FIELD_COLUMNS = [{ width: 2 }, { width: 5 }];

function fieldTable(rows: [string, string][]): TableBlock {
  return {
    kind: 'table',
    columns: FIELD_COLUMNS,
    header: [[cell('Rubrique', { bold: true }), cell('Contenu', { bold: true })]],
    rows: rows.map(([label, value]) => [cell(label, { bold: true }), cell(value)]),
    rowHeaders: true,
  };
}

function statusText(f: Pick<FicheFields, 'status' | 'priority'>): string {
  return `${FICHE_STATUS_LABELS[f.status]}${f.priority ? ` (priorité ${PRIORITY_LABELS[f.priority].toLowerCase()})` : ''}`;
}

function plannedEuros(lines: readonly BudgetLine[]): string {
  const planned = lines.filter((l) => l.unit === 'eur' && l.stage === 'planned');
  return planned.length ? formatEuros(planned.reduce((sum, l) => sum + l.amount, 0n)) : '—';
}

/** The blocks of one fiche, under a heading at `level` (3 in the annex, 1 in a fiche sheet). */
export function ficheBlocks(plan: Plan, fiche: Fiche, level: 1 | 2 | 3 = 3): Block[] {
  const ref = ficheReference(plan.axes, fiche);
  const objectives = fiche.objectiveIds.flatMap((id) => {
    const o = plan.project.objectives.find((x) => x.id === id);
    return o ? [o.title] : [];
  });
  const means = [
    fiche.humanMeans.trim() ? `Moyens humains : ${fiche.humanMeans}` : '',
    fiche.technicalMeans.trim() ? `Moyens techniques : ${fiche.technicalMeans}` : '',
  ].filter(Boolean);
  const blocks: Block[] = [
    heading(level, `Fiche action ${ref} – ${fiche.title}`, {
      toc: level === 1,
      id: `fiche-${ref.replace('.', '-')}`,
    }),
  ];
  if (fiche.description.trim()) blocks.push(paragraph(fiche.description));
  blocks.push(
    fieldTable([
      ['Référence', ref],
      ['Objectifs servis', joined(objectives)],
      ['Thématique', fiche.theme ? THEME_LABELS[fiche.theme] : 'Non précisée'],
      ['Publics', joined(fiche.publics.map((p) => PUBLIC_LABELS[p]))],
      ['Pilotes', joined(fiche.pilots.map((p) => p.name))],
      ['Élu référent', orUnknown(fiche.electedReferent)],
      ['Partenaires', joined(fiche.partners)],
      ['Moyens', means.join(' ; ') || 'Non précisés'],
      ['Participation des habitants', PARTICIPATION_LABELS[fiche.participation]],
      ['Statut', statusText(fiche)],
      ['Calendrier', calendarLine(fiche)],
    ]),
  );
  if (fiche.budget.length)
    blocks.push(paragraph(bold('Budget')), budgetTable(fiche.budget, `Budget de la fiche ${ref}`));
  else blocks.push(paragraph(bold('Budget : '), 'non renseigné.'));
  if (fiche.evaluationCriteria.length)
    blocks.push(paragraph(bold('Critères d’évaluation')), bulletList(...fiche.evaluationCriteria));
  const indicators = plan.indicators.filter((i) => i.ficheId === fiche.id);
  if (indicators.length)
    blocks.push(paragraph(bold('Indicateurs')), indicatorTable(indicators, `Indicateurs de la fiche ${ref}`));
  if (fiche.subActions.length) {
    blocks.push(paragraph(bold('Sous-actions')), {
      kind: 'table',
      caption: `Sous-actions de la fiche ${ref}`,
      columns: [{ width: 4 }, { width: 1.5 }, { width: 2.5 }, { width: 2 }, { width: 1.6, align: 'right' }],
      header: [
        [
          cell('Sous-action', { bold: true }),
          cell('Statut', { bold: true }),
          cell('Calendrier', { bold: true }),
          cell('Pilotes', { bold: true }),
          cell('Budget prévisionnel', { bold: true, align: 'right' }),
        ],
      ],
      rows: byPosition(fiche.subActions).map((s) => [
        cell(
          s.description.trim()
            ? [bold(`${subActionReference(plan.axes, fiche, s)} ${s.title}`), ` – ${s.description}`]
            : [bold(`${subActionReference(plan.axes, fiche, s)} ${s.title}`)],
        ),
        cell(statusText(s)),
        cell(calendarLine(s)),
        cell(joined(s.pilots.map((p) => p.name))),
        cell(plannedEuros(s.budget), { align: 'right' }),
      ]),
      rowHeaders: true,
    });
    const subBudget = fiche.subActions.flatMap((sub) =>
      sub.budget.filter((l) => l.unit === 'eur' && l.stage === 'planned'),
    );
    if (subBudget.length)
      blocks.push(
        paragraph(
          italic(
            `Le budget des sous-actions s’ajoute à celui de la fiche : ${formatEuros(subBudget.reduce((sum, l) => sum + l.amount, 0n))} prévisionnels.`,
          ),
        ),
      );
  }
  return blocks;
}

/**
 * The plan as the convention document shows it, whoever generates it: without the confidential
 * fiches, their indicators and the links to them.
 */
export function publicPlan(plan: Plan): Plan {
  return visiblePlan(plan, { mayReadConfidential: false, userId: null });
}

function fichesOf(axe: Axe, fiches: readonly Fiche[]): Fiche[] {
  return byPosition(fiches.filter((f) => f.axeId === axe.id));
}

/** Annexe 2: the plan's axes, then under each axe its fiches; undefined when the plan holds no axe. */
export function planAnnexBlocks(full: Plan): Block[] | undefined {
  if (!full.axes.length && !full.fiches.length) return undefined;
  const plan = publicPlan(full);
  const shown = plan.fiches;
  const hidden = full.fiches.length - shown.length;
  const axes = byPosition(plan.axes);
  const blocks: Block[] = [];
  blocks.push(
    paragraph(
      plan.validation
        ? `Plan d’actions validé par la Caf le ${formatFrenchDate(plan.validation.date)}${plan.validation.byName ? ` (${plan.validation.byName})` : ''}.`
        : 'Plan d’actions en cours d’élaboration : il n’a pas encore été validé par la Caf.',
    ),
  );
  blocks.push(
    heading(2, 'Les axes du plan d’actions', { toc: false }),
    bulletList(
      ...axes.map((axe): ListItemInput => {
        const count = fichesOf(axe, shown).length;
        return [
          bold(`Axe ${axe.position} – ${axe.title}`),
          { kind: 'text', text: ` (${count} fiche${count > 1 ? 's' : ''} action${count > 1 ? 's' : ''})` },
        ];
      }),
    ),
  );
  if (hidden > 0)
    blocks.push(
      paragraph(
        italic(
          hidden === 1
            ? 'Une fiche action confidentielle ne figure pas dans ce document ; elle reste consultable dans la plateforme par les personnes habilitées.'
            : `${hidden} fiches actions confidentielles ne figurent pas dans ce document ; elles restent consultables dans la plateforme par les personnes habilitées.`,
        ),
      ),
    );
  const budget = shown.flatMap((f) => [...f.budget, ...f.subActions.flatMap((s) => s.budget)]);
  if (budget.some((l) => l.unit === 'eur')) blocks.push(budgetSummary(shown));
  for (const axe of axes) {
    blocks.push(heading(2, `Axe ${axe.position} – ${axe.title}`, { toc: false }));
    if (axe.description.trim()) blocks.push(paragraph(axe.description));
    const fiches = fichesOf(axe, shown);
    if (!fiches.length) blocks.push(paragraph(italic('Aucune fiche action n’est rattachée à cet axe.')));
    for (const fiche of fiches) blocks.push(...ficheBlocks(plan, fiche, 3));
  }
  return blocks;
}

/** The euros of the fiches shown, by year: planned and actual, fiches' own lines only. */
function budgetSummary(fiches: readonly Fiche[]): TableBlock {
  // As the plan counts them (`budgetTotals` of the plan's rules): a sous-action's lines add to its fiche's.
  const lines = fiches
    .flatMap((f) => [...f.budget, ...f.subActions.flatMap((sub) => sub.budget)])
    .filter((l) => l.unit === 'eur');
  const { byYear, overall } = lineTotals(lines);
  const years = [...new Set(byYear.map((t) => t.year!))].sort((a, b) => a - b);
  const amount = (totals: Total[], year: number | null, stage: BudgetStage) => {
    const t = totals.find((x) => x.year === year && x.stage === stage);
    return cell(t ? formatEuros(t.amount) : '—', { align: 'right' });
  };
  return {
    kind: 'table',
    caption: 'Synthèse budgétaire du plan d’actions (euros, sous-actions comprises)',
    columns: [{ width: 2 }, { width: 2, align: 'right' }, { width: 2, align: 'right' }],
    header: [
      [
        cell('Année', { bold: true }),
        cell(BUDGET_STAGE_LABELS.planned, { bold: true, align: 'right' }),
        cell(BUDGET_STAGE_LABELS.actual, { bold: true, align: 'right' }),
      ],
    ],
    rows: [
      ...years.map((y) => [cell(String(y)), amount(byYear, y, 'planned'), amount(byYear, y, 'actual')]),
      [
        cell('Total', { bold: true }),
        { ...amount(overall, null, 'planned'), bold: true },
        { ...amount(overall, null, 'actual'), bold: true },
      ],
    ],
    rowHeaders: true,
  };
}

// ─── Articles 2, 3 and 4 ─────────────────────────────────────────────────────────────────────────

/** Article 2: the Caf's four missions, then its priorities for the territory; undefined without any. */
export function cafFieldsBlocks(project: Project, content: ConventionContent): Block[] | undefined {
  if (!project.cafPriorities.length) return undefined;
  return [
    paragraph('L’action de la Caf s’inscrit dans les quatre missions de la branche Famille :'),
    bulletList(...MISSIONS.map((m) => `${MISSION_LABELS[m]} ;`)),
    paragraph(
      renderText(
        'Sur le territoire de {territoire}, la Caf intervient pour consolider l’offre existante et pour en développer de nouvelles, en priorité :',
        content,
      ),
    ),
    bulletList(...project.cafPriorities.map((p) => p.text)),
  ];
}

/** Article 3: the local authority's actions by domain, with their structures and partners. */
export function localAuthorityFieldsBlocks(
  project: Project,
  content: ConventionContent,
): Block[] | undefined {
  const items: ListItemInput[] = [];
  for (const domain of DOMAINS) {
    const actions = project.localActions.filter((a) => a.domain === domain).map((a) => a.text);
    const resources = project.domainResources.filter((r) => r.domain === domain);
    const structures = resources.flatMap((r) => r.structures).filter((s) => s.trim());
    const partners = resources.flatMap((r) => r.partners).filter((s) => s.trim());
    if (!actions.length && !structures.length && !partners.length) continue;
    const children: ListItemInput[] = [...actions];
    if (structures.length)
      children.push([bold('Structures : '), { kind: 'text', text: structures.join(', ') }]);
    if (partners.length) children.push([bold('Partenaires : '), { kind: 'text', text: partners.join(', ') }]);
    items.push({ runs: [bold(`${DOMAIN_LABELS[domain]} :`)], children });
  }
  if (!items.length) return undefined;
  return [
    paragraph(
      capitalise(
        renderText(
          '{Collectivite} {accord:conduit|conduisent} des actions de proximité répondant aux besoins repérés sur le territoire.',
          content,
        ),
      ),
    ),
    paragraph(
      'Ces actions, et les structures et partenaires qui les portent, relèvent des domaines suivants :',
    ),
    bulletList(...items),
  ];
}

/** Article 4: the shared objectives grouped under the Caf's missions, each with the needs it answers. */
export function sharedObjectivesBlocks(project: Project): Block[] | undefined {
  if (!project.objectives.length) return undefined;
  const needTitle = (id: string) => project.needs.find((n) => n.id === id)?.title;
  const items: ListItemInput[] = [];
  for (const mission of MISSIONS) {
    const objectives = project.objectives.filter((o) => o.mission === mission);
    if (!objectives.length) continue;
    items.push({
      runs: [bold(`${MISSION_LABELS[mission]} :`)],
      children: objectives.map((o) => {
        const needs = o.needIds.flatMap((id) => {
          const title = needTitle(id);
          return title ? [title] : [];
        });
        return needs.length
          ? { runs: [o.title], children: needs.map((n) => [italic('Besoin : '), { kind: 'text', text: n }]) }
          : o.title;
      }),
    });
  }
  const blocks: Block[] = [
    paragraph('Au vu du diagnostic, les parties retiennent les objectifs communs suivants :'),
    bulletList(...items),
  ];
  if (project.needs.length) {
    blocks.push(paragraph(bold('Les besoins relevés')), {
      kind: 'table',
      caption: 'Besoins relevés sur le territoire',
      columns: [{ width: 3 }, { width: 4 }, { width: 2 }],
      header: [
        [cell('Besoin', { bold: true }), cell('Constats', { bold: true }), cell('Source', { bold: true })],
      ],
      rows: project.needs.map((n) => [
        cell(n.title),
        cell(
          [
            n.description,
            ...n.evidence.map((e) => `${e.label} : ${e.value}${e.year !== null ? ` (${e.year})` : ''}`),
          ]
            .filter((t) => t.trim())
            .join(' ; ') || '—',
        ),
        cell(orUnknown(n.source)),
      ]),
      rowHeaders: true,
    });
  }
  return blocks;
}

// ─── The fiche sheet ─────────────────────────────────────────────────────────────────────────────

export interface FicheSheetOptions {
  /** The fiches to print, in the order given; all the plan's fiches when absent. */
  ficheIds?: readonly string[];
  /** « Convention territoriale globale 2024-2027 – Carrières-sur-Seine ». */
  conventionTitle: string;
  /** The Caf that produces the document. */
  author: string;
  today: IsoDate;
}

/** One fiche, or a selection, as a document of its own (each fiche from a new page). */
export function buildFicheSheet(plan: Plan, options: FicheSheetOptions): DocumentModel {
  const fiches = options.ficheIds
    ? options.ficheIds.flatMap((id) => plan.fiches.filter((f) => f.id === id))
    : [...plan.fiches].sort(compareFiches(plan.axes));
  const blocks: Block[] = [];
  for (const [i, fiche] of fiches.entries()) {
    if (i > 0) blocks.push(pageBreak());
    const axe = plan.axes.find((a) => a.id === fiche.axeId);
    const [title, ...rest] = ficheBlocks(plan, fiche, 1);
    blocks.push(
      title!,
      paragraph(italic(`${options.conventionTitle}${axe ? ` — Axe ${axe.position} – ${axe.title}` : ''}`)),
      ...rest,
    );
    if (fiche.confidential) blocks.push(paragraph(bold('Fiche confidentielle : à ne pas diffuser.')));
  }
  const refs = fiches.map((f) => ficheReference(plan.axes, f));
  return {
    metadata: {
      title:
        fiches.length === 1
          ? `Fiche action ${refs[0]} – ${fiches[0]!.title}`
          : `Fiches actions ${refs.join(', ')}`,
      subject: options.conventionTitle,
      author: options.author,
      language: 'fr-FR',
      created: options.today,
      keywords: ['Plan d’actions', 'Fiche action', ...refs],
    },
    blocks,
  };
}
