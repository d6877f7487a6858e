/**
 * The one form of a fiche action (creating or editing it): every field of the model, the repeated
 * groups as numbered rows with a few blank ones and an « Ajouter une ligne » button per group (the
 * page comes back with what was typed and one more row), no JavaScript. A pilot editing their own
 * fiche is not offered what is not theirs to change: its axe, its pilots, its confidentiality.
 */
import {
  BUDGET_NATURE_LABELS,
  BUDGET_STAGE_LABELS,
  BUDGET_UNIT_LABELS,
  FICHE_STATUS_LABELS,
  PARTICIPATION_LABELS,
  PRIORITY_LABELS,
  PUBLIC_LABELS,
  THEME_LABELS,
} from '../../../domain/plan/labels.js';
import type { Plan } from '../../../domain/plan/model.js';
import { ficheReference } from '../../../domain/plan/rules.js';
import type { BudgetDraft, FicheDraft, FieldError, PilotDraft } from './fiche-form.js';
import { describedBy, FieldMessage } from './plan-components.js';

interface FormProps {
  draft: FicheDraft;
  plan: Plan;
  ficheId?: string | undefined;
  byPilot: boolean;
  errors?: FieldError[] | undefined;
  action: string;
  cancel: string;
  version?: number | undefined;
  submissionId?: string | undefined;
  csrf: string;
}

function Text(props: {
  id: string;
  label: string;
  value: string;
  errors?: FieldError[] | undefined;
  type?: string;
  required?: boolean;
  hint?: string;
  name?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>
        {props.label}
        {props.required ? ' (obligatoire)' : ''}
      </label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-aide`}>
          {props.hint}
        </p>
      ) : null}
      <FieldMessage id={props.id} errors={props.errors} />
      <input
        id={props.id}
        name={props.name ?? props.id}
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        {...(props.hint ? { 'aria-describedby': `${props.id}-aide` } : {})}
        {...describedBy(props.id, props.errors)}
      />
    </div>
  );
}

function Area(props: { id: string; label: string; value: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name={props.id} rows={4}>
        {props.value}
      </textarea>
    </div>
  );
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  options: [string, string][];
  errors?: FieldError[] | undefined;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <FieldMessage id={props.id} errors={props.errors} />
      <select id={props.id} name={props.id} {...describedBy(props.id, props.errors)}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Check(props: { id: string; name: string; value: string; checked: boolean; label: string }) {
  return (
    <div class="choice">
      <input type="checkbox" id={props.id} name={props.name} value={props.value} checked={props.checked} />{' '}
      <label for={props.id}>{props.label}</label>
    </div>
  );
}

function AddRow(props: { group: string; label: string }) {
  return (
    <p>
      <button type="submit" class="button light" name="ajouter" value={props.group} formnovalidate>
        {props.label}
      </button>
    </p>
  );
}

function Pilots(props: {
  prefix: string;
  rows: PilotDraft[];
  legend: string;
  errors?: FieldError[] | undefined;
}) {
  const { prefix, rows } = props;
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <p class="hint">
        Pour chaque pilote, le nom d’une personne, ou l’adresse électronique de son compte sur la plateforme
        (ce compte pourra alors modifier la fiche).
      </p>
      <input type="hidden" name={`${prefix}rows`} value={String(rows.length)} />
      {rows.map((p, i) =>
        p.userId ? (
          <div class="field">
            <input type="hidden" name={`${prefix}${i}_account`} value={p.userId} />
            <input type="hidden" name={`${prefix}${i}`} value={p.text} />
            <p>
              Pilote {i + 1} : <strong>{p.text || 'compte de la plateforme'}</strong> (compte de la
              plateforme)
            </p>
            <Check
              id={`${prefix}${i}_remove`}
              name={`${prefix}${i}_remove`}
              value="1"
              checked={p.remove}
              label={`Retirer ${p.text || 'ce pilote'}`}
            />
          </div>
        ) : (
          <Text id={`${prefix}${i}`} label={`Pilote ${i + 1}`} value={p.text} errors={props.errors} />
        ),
      )}
      <AddRow group={prefix.slice(0, -1)} label="Ajouter une ligne de pilote" />
    </fieldset>
  );
}

function Budget(props: {
  prefix: string;
  rows: BudgetDraft[];
  legend: string;
  errors?: FieldError[] | undefined;
}) {
  const { prefix, rows } = props;
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <p class="hint">
        Un montant en euros (par exemple 12 000 ou 1 250,50), ou en équivalents temps plein (par exemple 0,5).
      </p>
      <input type="hidden" name={`${prefix}rows`} value={String(rows.length)} />
      {rows.map((line, i) => {
        const p = `${prefix}${i}_`;
        return (
          <fieldset class="budget-line">
            <legend>
              {props.legend}, ligne {i + 1}
            </legend>
            <div class="grid-fields">
              <Text id={`${p}year`} label="Année" value={line.year} type="number" errors={props.errors} />
              <Select
                id={`${p}nature`}
                label="Nature"
                value={line.nature}
                options={Object.entries(BUDGET_NATURE_LABELS)}
              />
              <Select
                id={`${p}unit`}
                label="Unité"
                value={line.unit}
                options={Object.entries(BUDGET_UNIT_LABELS)}
              />
              <Select
                id={`${p}stage`}
                label="Prévisionnel ou réalisé"
                value={line.stage}
                options={Object.entries(BUDGET_STAGE_LABELS)}
              />
              <Text id={`${p}amount`} label="Montant" value={line.amount} errors={props.errors} />
            </div>
            <fieldset>
              <legend>Cofinanceurs de la ligne {i + 1}</legend>
              <input type="hidden" name={`${p}cofunder_rows`} value={String(line.coFunders.length)} />
              {line.coFunders.map((c, j) => (
                <div class="grid-fields">
                  <Text
                    id={`${p}cofunder_${j}_name`}
                    label={`Cofinanceur ${j + 1}, nom`}
                    value={c.name}
                    errors={props.errors}
                  />
                  <Text
                    id={`${p}cofunder_${j}_amount`}
                    label={`Cofinanceur ${j + 1}, montant`}
                    value={c.amount}
                    errors={props.errors}
                  />
                </div>
              ))}
              <AddRow group={`${p}cofunder`} label={`Ajouter un cofinanceur à la ligne ${i + 1}`} />
            </fieldset>
          </fieldset>
        );
      })}
      <AddRow group={prefix.slice(0, -1)} label="Ajouter une ligne de budget" />
    </fieldset>
  );
}

function TextRows(props: { prefix: string; rows: string[]; legend: string; label: string; add: string }) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <input type="hidden" name={`${props.prefix}rows`} value={String(props.rows.length)} />
      {props.rows.map((value, i) => (
        <Text id={`${props.prefix}${i}`} label={`${props.label} ${i + 1}`} value={value} />
      ))}
      <AddRow group={props.prefix.slice(0, -1)} label={props.add} />
    </fieldset>
  );
}

const statusOptions = Object.entries(FICHE_STATUS_LABELS) as [string, string][];

export function FicheForm(props: FormProps) {
  const { draft, plan, errors } = props;
  const others = plan.fiches.filter((f) => f.id !== props.ficheId);
  return (
    <form method="post" action={props.action} class="form fiche-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.version !== undefined ? (
        <input type="hidden" name="version" value={String(props.version)} />
      ) : null}
      {props.submissionId ? <input type="hidden" name="submissionToken" value={props.submissionId} /> : null}
      {/* The first button of the form is the one Enter presses: saving, not adding a row. */}
      <p class="actions">
        <button type="submit" class="button" name="enregistrer" value="1">
          Enregistrer la fiche
        </button>
      </p>
      <fieldset>
        <legend>La fiche</legend>
        {props.byPilot ? (
          <input type="hidden" name="axeId" value={draft.axeId} />
        ) : (
          <Select
            id="axeId"
            label="Axe"
            value={draft.axeId}
            options={plan.axes.map((a) => [a.id, `Axe ${a.position} — ${a.title}`])}
            errors={errors}
          />
        )}
        <Text id="title" label="Titre" value={draft.title} required errors={errors} />
        <Area id="description" label="Description" value={draft.description} />
        <div class="grid-fields">
          <Select id="status" label="Statut" value={draft.status} options={statusOptions} errors={errors} />
          <Select
            id="priority"
            label="Priorité"
            value={draft.priority}
            options={[['', 'Non précisée'], ...Object.entries(PRIORITY_LABELS)]}
          />
          <Select
            id="theme"
            label="Thème"
            value={draft.theme}
            options={[['', 'Non précisé'], ...Object.entries(THEME_LABELS)]}
            errors={errors}
          />
          <Select
            id="participation"
            label="Participation des habitants"
            value={draft.participation}
            options={Object.entries(PARTICIPATION_LABELS)}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Calendrier</legend>
        <div class="grid-fields">
          <Text id="startDate" label="Date de début" type="date" value={draft.startDate} errors={errors} />
          <Text id="endDate" label="Date de fin" type="date" value={draft.endDate} errors={errors} />
        </div>
        <Check
          id="recurring"
          name="recurring"
          value="1"
          checked={draft.recurring}
          label="Reconduite chaque année (sans date de fin)"
        />
      </fieldset>
      <fieldset>
        <legend>Publics</legend>
        <div class="check-grid">
          {Object.entries(PUBLIC_LABELS).map(([code, label]) => (
            <Check
              id={`public-${code}`}
              name="publics"
              value={code}
              checked={draft.publics.includes(code)}
              label={label}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Objectifs servis</legend>
        {plan.project.objectives.length ? (
          plan.project.objectives.map((o) => (
            <Check
              id={`objectif-${o.id}`}
              name="objectiveIds"
              value={o.id}
              checked={draft.objectiveIds.includes(o.id)}
              label={o.title}
            />
          ))
        ) : (
          <p class="hint">Le projet de territoire ne contient pas encore d’objectif.</p>
        )}
      </fieldset>
      {props.byPilot ? (
        draft.confidential ? (
          <input type="hidden" name="confidential" value="1" />
        ) : null
      ) : (
        <Pilots prefix="pilot_" rows={draft.pilots} legend="Pilotes" errors={errors} />
      )}
      {props.byPilot
        ? draft.pilots.map((p, i) => (
            <>
              {p.userId ? <input type="hidden" name={`pilot_${i}_account`} value={p.userId} /> : null}
              <input type="hidden" name={`pilot_${i}`} value={p.text} />
            </>
          ))
        : null}
      {props.byPilot ? <input type="hidden" name="pilot_rows" value={String(draft.pilots.length)} /> : null}
      <fieldset>
        <legend>Acteurs et moyens</legend>
        <Text id="electedReferent" label="Élu référent" value={draft.electedReferent} errors={errors} />
        <Area id="humanMeans" label="Moyens humains" value={draft.humanMeans} />
        <Area id="technicalMeans" label="Moyens techniques" value={draft.technicalMeans} />
      </fieldset>
      <TextRows
        prefix="partner_"
        rows={draft.partners}
        legend="Partenaires"
        label="Partenaire"
        add="Ajouter une ligne de partenaire"
      />
      <Budget prefix="budget_" rows={draft.budget} legend="Budget" errors={errors} />
      <TextRows
        prefix="criterion_"
        rows={draft.criteria}
        legend="Critères d’évaluation"
        label="Critère"
        add="Ajouter une ligne de critère"
      />
      <fieldset>
        <legend>Sous-actions</legend>
        <input type="hidden" name="sub_rows" value={String(draft.subActions.length)} />
        {draft.subActions.map((s, i) => {
          const p = `sub_${i}_`;
          return (
            <fieldset>
              <legend>
                {s.id ? `Sous-action ${i + 1} : ${s.title}` : `Nouvelle sous-action (ligne ${i + 1})`}
              </legend>
              {s.id ? <input type="hidden" name={`${p}id`} value={s.id} /> : null}
              <Text id={`${p}title`} label="Titre de la sous-action" value={s.title} errors={errors} />
              <Area id={`${p}description`} label="Description de la sous-action" value={s.description} />
              <div class="grid-fields">
                <Select
                  id={`${p}status`}
                  label="Statut de la sous-action"
                  value={s.status}
                  options={statusOptions}
                />
                <Text id={`${p}startDate`} label="Début de la sous-action" type="date" value={s.startDate} />
                <Text
                  id={`${p}endDate`}
                  label="Fin de la sous-action"
                  type="date"
                  value={s.endDate}
                  errors={errors}
                />
              </div>
              <Check
                id={`${p}recurring`}
                name={`${p}recurring`}
                value="1"
                checked={s.recurring}
                label="Reconduite chaque année"
              />
              {props.byPilot ? (
                <input type="hidden" name={`${p}pilot_rows`} value="0" />
              ) : (
                <Pilots
                  prefix={`${p}pilot_`}
                  rows={s.pilots}
                  legend={`Pilotes de la sous-action ${i + 1}`}
                  errors={errors}
                />
              )}
              <Budget
                prefix={`${p}budget_`}
                rows={s.budget}
                legend={`Budget de la sous-action ${i + 1}`}
                errors={errors}
              />
              {s.id ? (
                <Check
                  id={`${p}remove`}
                  name={`${p}remove`}
                  value="1"
                  checked={s.remove}
                  label="Retirer cette sous-action"
                />
              ) : null}
            </fieldset>
          );
        })}
        <AddRow group="sub" label="Ajouter une sous-action" />
      </fieldset>
      {others.length ? (
        <fieldset>
          <legend>Fiches liées</legend>
          {others.map((f) => (
            <Check
              id={`liee-${f.id}`}
              name="linkedFicheIds"
              value={f.id}
              checked={draft.linkedFicheIds.includes(f.id)}
              label={`${ficheReference(plan.axes, f)} ${f.title}`}
            />
          ))}
        </fieldset>
      ) : null}
      {props.byPilot ? null : (
        <fieldset>
          <legend>Diffusion</legend>
          <Check
            id="confidential"
            name="confidential"
            value="1"
            checked={draft.confidential}
            label="Confidentielle (les partenaires ne la voient pas, sauf s’ils la pilotent)"
          />
        </fieldset>
      )}
      <p class="actions">
        <button type="submit" class="button" name="enregistrer" value="1">
          Enregistrer la fiche
        </button>
        <a href={props.cancel}>Annuler</a>
      </p>
    </form>
  );
}
