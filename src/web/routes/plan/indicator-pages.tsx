/**
 * An indicator's pages: its chart of targets against results with its table, and its form on a fiche
 * or an objective with one grid of the convention's years × (cible, résultat), so that targets for
 * every year and the results known so far are typed in one form. An indicator may be a row of the
 * territory's published diagnostic: its page shows the row's figure as published when it was linked
 * (« s » for a blanked cell), beside the targets and results the partners type.
 */
import type { Indicator, IndicatorValueKind, Plan, PublishedFigure } from '../../../domain/plan/model.js';
import { ficheReference } from '../../../domain/plan/rules.js';
import { formatShortFrenchDate } from '../../../domain/shared/dates.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import { IndicatorChart } from '../../views/plan/indicator-chart.js';
import type { Form } from '../conventions/route-support.js';
import { type FieldError, values } from './fiche-form.js';
import {
  describedBy,
  FieldMessage,
  fieldErrorOf,
  type PlanFrame,
  PlanPageFrame,
  planBase,
} from './plan-components.js';

export interface IndicatorDraft {
  ficheId: string;
  objectiveId: string;
  title: string;
  unit: string;
  baselineValue: string;
  baselineDate: string;
  source: string;
  comment: string;
  /** The row of the published diagnostic picked as indicator, or ''. */
  diagnosticIndicatorId: string;
  /** Take the figure published now instead of the one kept when linked. */
  refreshFigure: boolean;
  /** `2025-target` → value typed. */
  grid: Record<string, string>;
}

const KINDS: [IndicatorValueKind, string][] = [
  ['target', 'Cible'],
  ['result', 'Résultat'],
];

/** The years of the convention (from its start to its end), and any year the indicator already has. */
export function gridYears(
  period: { start: string; end: string },
  indicator?: Pick<Indicator, 'values'>,
): number[] {
  const years = new Set<number>();
  for (let y = Number(period.start.slice(0, 4)); y <= Number(period.end.slice(0, 4)); y++) years.add(y);
  for (const v of indicator?.values ?? []) years.add(v.year);
  return [...years].sort((a, b) => a - b);
}

export function indicatorDraft(indicator: Indicator): IndicatorDraft {
  return {
    ficheId: indicator.ficheId ?? '',
    objectiveId: indicator.objectiveId ?? '',
    title: indicator.title,
    unit: indicator.unit,
    baselineValue: (indicator.baselineValue ?? '').replace('.', ','),
    baselineDate: indicator.baselineDate ?? '',
    source: indicator.source,
    comment: indicator.comment,
    diagnosticIndicatorId: indicator.diagnosticIndicatorId ?? '',
    refreshFigure: false,
    grid: Object.fromEntries(indicator.values.map((v) => [`${v.year}-${v.kind}`, v.value.replace('.', ',')])),
  };
}

export function indicatorDraftFromForm(form: Form, years: number[]): IndicatorDraft {
  const str = (n: string) => values(form, n)[0] ?? '';
  const grid: Record<string, string> = {};
  for (const y of years) for (const [k] of KINDS) grid[`${y}-${k}`] = str(`v_${y}_${k}`);
  return {
    ficheId: str('ficheId'),
    objectiveId: str('objectiveId'),
    title: str('title'),
    unit: str('unit'),
    baselineValue: str('baselineValue'),
    baselineDate: str('baselineDate'),
    source: str('source'),
    comment: str('comment'),
    diagnosticIndicatorId: str('diagnosticIndicatorId').trim(),
    refreshFigure: str('refreshFigure') === 'oui',
    grid,
  };
}

const decimal = (text: string) =>
  text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');

/** The draft as the use case's input, with the errors of the grid's cells named by their field. */
export function indicatorInput(draft: IndicatorDraft, years: number[]) {
  const errors: FieldError[] = [];
  const valuesOut: { year: number; kind: IndicatorValueKind; value: string }[] = [];
  for (const y of years) {
    for (const [kind, label] of KINDS) {
      const raw = draft.grid[`${y}-${kind}`] ?? '';
      if (!raw.trim()) continue;
      const value = decimal(raw);
      if (!/^-?\d{1,12}(\.\d{1,6})?$/.test(value))
        errors.push({
          field: `v_${y}_${kind}`,
          message: `${label} ${y} : nombre attendu (par exemple 12 ou 0,35).`,
        });
      valuesOut.push({ year: y, kind, value });
    }
  }
  const baseline = decimal(draft.baselineValue);
  if (baseline && !/^-?\d{1,12}(\.\d{1,6})?$/.test(baseline))
    errors.push({
      field: 'baselineValue',
      message: 'Valeur de référence : nombre attendu (par exemple 12 ou 0,35).',
    });
  if (!draft.title.trim()) errors.push({ field: 'title', message: 'Intitulé : intitulé obligatoire.' });
  return {
    errors,
    input: {
      ficheId: draft.ficheId || null,
      objectiveId: draft.ficheId ? null : draft.objectiveId || null,
      title: draft.title,
      unit: draft.unit,
      baselineValue: baseline || null,
      baselineDate: draft.baselineDate || null,
      source: draft.source,
      comment: draft.comment,
      diagnosticIndicatorId: draft.diagnosticIndicatorId || null,
      values: valuesOut,
    },
  };
}

/** A row of the published diagnostic offered as indicator. */
export interface DiagnosticChoice {
  id: string;
  label: string;
  value: string;
  year: number | null;
}

/** « 45 (2023) » — the figure as published, with its year. */
export function figureText(figure: Pick<PublishedFigure, 'value' | 'year'>): string {
  return `${figure.value}${figure.year ? ` (${figure.year})` : ''}`;
}

/** The published figure of a linked diagnostic row, with its source, as a page shows it. */
export function DiagnosticFigure(props: {
  indicator: Pick<Indicator, 'diagnosticIndicatorId' | 'diagnosticFigure'>;
}) {
  const { diagnosticIndicatorId: id, diagnosticFigure: f } = props.indicator;
  if (!id) return null;
  if (!f)
    return (
      <p class="diag-figure">
        Ligne « {id} » du diagnostic partagé : chiffre publié pas encore relevé (modifier l’indicateur pour le
        relever).
      </p>
    );
  return (
    <p class="diag-figure">
      Chiffre publié du diagnostic — {f.label} : <strong>{figureText(f)}</strong>. Source : {f.source}.
      {f.value === 's' ? ' « s » : donnée couverte par le secret statistique.' : ''}
    </p>
  );
}

function attachedTo(plan: Plan, draft: Pick<IndicatorDraft, 'ficheId' | 'objectiveId'>): string {
  const fiche = plan.fiches.find((f) => f.id === draft.ficheId);
  if (fiche) return `la fiche ${ficheReference(plan.axes, fiche)} — ${fiche.title}`;
  const objective = plan.project.objectives.find((o) => o.id === draft.objectiveId);
  return objective ? `l’objectif « ${objective.title} »` : 'le plan';
}

export function IndicatorFormPage(props: {
  frame: PlanFrame;
  plan: Plan;
  draft: IndicatorDraft;
  years: number[];
  indicatorId?: string | undefined;
  mayDelete: boolean;
  /** The rows of the territory's published diagnostic, grouped by theme as the diagnostic shows them. */
  diagnostic: { title: string; rows: DiagnosticChoice[] }[];
  /** The figure kept when the indicator was linked, if any. */
  linked?: Pick<Indicator, 'diagnosticIndicatorId' | 'diagnosticFigure'> | undefined;
  errors?: FieldError[];
}) {
  const { draft, errors, frame, linked } = props;
  const published = new Set(props.diagnostic.flatMap((g) => g.rows.map((r) => r.id)));
  // A row linked before (an import, a former diagnostic) stays selectable, so that saving keeps it.
  const former =
    draft.diagnosticIndicatorId && !published.has(draft.diagnosticIndicatorId)
      ? draft.diagnosticIndicatorId
      : null;
  const formerFigure = former && linked?.diagnosticIndicatorId === former ? linked.diagnosticFigure : null;
  const base = planBase(frame.view.convention.id);
  const back = draft.ficheId ? `${base}/fiches/${draft.ficheId}#indicateurs` : `${base}/fiches`;
  const text = (id: keyof IndicatorDraft, label: string, type = 'text') => (
    <div class="field">
      <label for={id}>{label}</label>
      <FieldMessage id={id} errors={errors} />
      <input
        id={id}
        name={id}
        type={type as 'text'}
        value={draft[id] as string}
        {...describedBy(id, errors)}
      />
    </div>
  );
  return (
    <PlanPageFrame
      frame={frame}
      heading={props.indicatorId ? `Modifier l’indicateur « ${draft.title} »` : 'Nouvel indicateur'}
      {...(errors ? { errors } : {})}
    >
      <p>Indicateur de {attachedTo(props.plan, draft)}.</p>
      <form
        method="post"
        action={props.indicatorId ? `${base}/indicateurs/${props.indicatorId}` : `${base}/indicateurs`}
        class="form"
      >
        <input type="hidden" name="_csrf" value={frame.ctx.csrfToken} />
        <input type="hidden" name="ficheId" value={draft.ficheId} />
        <input type="hidden" name="objectiveId" value={draft.objectiveId} />
        <fieldset>
          <legend>Indicateur du diagnostic</legend>
          <div class="field">
            <label for="diagnosticIndicatorId">Ligne du diagnostic partagé publié (facultatif)</label>
            <p class="hint" id="diagnosticIndicatorId-aide">
              Le chiffre retenu est celui publié, après secret statistique (« s » pour une donnée couverte par
              le secret), tel qu’il l’est au moment du lien ; l’intitulé et l’unité laissés vides sont repris
              du diagnostic.
            </p>
            <FieldMessage id="diagnosticIndicatorId" errors={errors} />
            <select
              id="diagnosticIndicatorId"
              name="diagnosticIndicatorId"
              aria-describedby={
                fieldErrorOf(errors, 'diagnosticIndicatorId')
                  ? 'diagnosticIndicatorId-aide diagnosticIndicatorId-erreur'
                  : 'diagnosticIndicatorId-aide'
              }
              {...(fieldErrorOf(errors, 'diagnosticIndicatorId') ? { 'aria-invalid': 'true' as const } : {})}
            >
              <option value="" selected={!draft.diagnosticIndicatorId}>
                Aucune : indicateur suivi par les partenaires
              </option>
              {former ? (
                <optgroup label="Déjà liée (ne figure pas au diagnostic publié)">
                  <option value={former} selected>
                    {formerFigure ? `${formerFigure.label} — ${figureText(formerFigure)}` : former}
                  </option>
                </optgroup>
              ) : null}
              {props.diagnostic.map((g) => (
                <optgroup label={g.title}>
                  {g.rows.map((r) => (
                    <option value={r.id} selected={draft.diagnosticIndicatorId === r.id}>
                      {r.label} — {figureText(r)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          {linked?.diagnosticIndicatorId && linked.diagnosticFigure ? (
            <>
              <DiagnosticFigure indicator={linked} />
              <div class="choice">
                <input
                  type="checkbox"
                  id="refreshFigure"
                  name="refreshFigure"
                  value="oui"
                  checked={draft.refreshFigure}
                />{' '}
                <label for="refreshFigure">Reprendre le chiffre publié aujourd’hui par le diagnostic</label>
              </div>
            </>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>L’indicateur</legend>
          {text('title', 'Intitulé (obligatoire, sauf pour une ligne du diagnostic)')}
          <div class="grid-fields">
            {text('unit', 'Unité (familles, places, %…)')}
            {text('baselineValue', 'Valeur de référence')}
            {text('baselineDate', 'Date de la valeur de référence', 'date')}
            {text('source', 'Source')}
          </div>
          <div class="field">
            <label for="comment">Commentaire</label>
            <textarea id="comment" name="comment" rows={3}>
              {draft.comment}
            </textarea>
          </div>
        </fieldset>
        <fieldset>
          <legend>Cibles et résultats par année</legend>
          <p class="hint">Un nombre par case (par exemple 12 ou 0,35) ; une case vide ne compte pas.</p>
          <TableScroll label="Cibles et résultats par année">
            <table class="indicator-grid">
              <caption>Valeurs par année de la convention</caption>
              <thead>
                <tr>
                  <th scope="col">Année</th>
                  {KINDS.map(([, label]) => (
                    <th scope="col">{label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.years.map((y) => (
                  <tr>
                    <th scope="row" id={`annee-${y}`}>
                      {y}
                    </th>
                    {KINDS.map(([kind, label]) => {
                      const id = `v_${y}_${kind}`;
                      return (
                        <td>
                          <label for={id} class="sr-only">
                            {label} {y}
                          </label>
                          <input
                            id={id}
                            name={id}
                            type="text"
                            inputmode="decimal"
                            size={8}
                            value={draft.grid[`${y}-${kind}`] ?? ''}
                            {...describedBy(id, errors)}
                          />
                          <FieldMessage id={id} errors={errors} />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </fieldset>
        <p class="actions">
          <button type="submit" class="button">
            Enregistrer l’indicateur
          </button>
          <a href={back}>Annuler</a>
        </p>
      </form>
      {props.indicatorId && props.mayDelete ? (
        <form method="post" action={`${base}/indicateurs/${props.indicatorId}/suppression`}>
          <input type="hidden" name="_csrf" value={frame.ctx.csrfToken} />
          <button type="submit" class="button danger">
            Supprimer l’indicateur
          </button>
        </form>
      ) : null}
    </PlanPageFrame>
  );
}

export function IndicatorPage(props: {
  frame: PlanFrame;
  plan: Plan;
  indicator: Indicator;
  mayEdit: boolean;
  notice?: string | undefined;
}) {
  const { indicator: i, frame } = props;
  const base = planBase(frame.view.convention.id);
  return (
    <PlanPageFrame frame={frame} heading={`Indicateur « ${i.title} »`} notice={props.notice}>
      <p>
        Indicateur de {attachedTo(props.plan, { ficheId: i.ficheId ?? '', objectiveId: i.objectiveId ?? '' })}
        .{i.unit ? ` Unité : ${i.unit}.` : ''}
        {i.baselineValue
          ? ` Valeur de référence : ${i.baselineValue.replace('.', ',')}${i.baselineDate ? ` au ${formatShortFrenchDate(i.baselineDate)}` : ''}.`
          : ''}
        {i.source ? ` Source : ${i.source}.` : ''}
      </p>
      <DiagnosticFigure indicator={i} />
      {i.comment ? <p class="pre-line">{i.comment}</p> : null}
      <IndicatorChart indicator={i} />
      <p class="actions">
        {i.ficheId ? (
          <a href={`${base}/fiches/${i.ficheId}#indicateurs`}>Retour à la fiche</a>
        ) : (
          <a href={`${base}/fiches`}>Retour au plan</a>
        )}
        {props.mayEdit ? (
          <a class="button" href={`${base}/indicateurs/${i.id}/modifier`}>
            Modifier l’indicateur
          </a>
        ) : null}
      </p>
    </PlanPageFrame>
  );
}
