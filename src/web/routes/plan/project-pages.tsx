/**
 * The pages of the project of the territory, in the convention workspace under the plan's tab: the
 * project as it reads (needs with their evidence, objectives under the Caf's four missions, the
 * Caf's priorities, the local authority's actions by domain), its three forms, and the Caf's
 * validation of the plan. Forms work without JavaScript; a refused form is drawn again with what
 * was typed, and a stale one shows the version saved in between above it.
 */
import type { ComponentChildren } from 'preact';
import { DOMAIN_LABELS, MISSION_LABELS } from '../../../domain/plan/labels.js';
import {
  DOMAINS,
  type Domain,
  MISSIONS,
  type PlanValidation,
  type Project,
} from '../../../domain/plan/model.js';
import { formatFrenchDate, type IsoDate } from '../../../domain/shared/dates.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import type { PlanView } from '../../../use-cases/plan/get-plan.js';
import type { PageContext } from '../../views/components/layout.js';
import { Csrf, VersionField } from '../conventions/convention-components.js';
import { type ConventionExtensions, WorkspaceLayout } from '../conventions/workspace.js';
import type { EvidenceGroup } from './diagnostic-evidence.js';
import type { EngagementsDraft, NeedDraft, ObjectiveDraft, TextRowDraft } from './project-form.js';

export interface FramePropsBase {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  extensions: ConventionExtensions;
  plan: PlanView;
  errors?: string[] | undefined;
  notice?: string | undefined;
}

/** The project as someone else saved it while this form was open (a 409). */
export interface StaleProject {
  current: Project;
}

function Frame(props: FramePropsBase & { heading: string; children: ComponentChildren }) {
  return (
    <WorkspaceLayout
      ctx={props.ctx}
      view={props.view}
      today={props.today}
      extensions={props.extensions}
      current="plan"
      heading={props.heading}
      {...(props.errors?.length ? { errors: props.errors } : {})}
      {...(props.notice ? { notice: props.notice } : {})}
    >
      {props.children}
    </WorkspaceLayout>
  );
}

const base = (view: ConventionView) => `/conventions/${view.convention.id}`;

// ─── The validation, as every page of the plan shows it ─────────────────────────────────────────

export function ValidationStatus(props: { validation: PlanValidation | null; href?: string | undefined }) {
  const v = props.validation;
  return (
    <div class={v ? 'alert info' : 'alert'} role="status">
      <p>
        {v ? (
          <>
            <strong>Plan validé par la Caf</strong> le {formatFrenchDate(v.date)}
            {v.byName ? ` par ${v.byName}` : ''}.
          </>
        ) : (
          <>Le plan d’actions n’est pas encore validé par la Caf.</>
        )}{' '}
        {props.href ? (
          <a href={props.href}>{v ? 'Retirer la validation' : 'Valider le plan d’actions'}</a>
        ) : null}
      </p>
    </div>
  );
}

// ─── The project as it reads ─────────────────────────────────────────────────────────────────────

export function EvidenceTable(props: { evidence: Project['needs'][number]['evidence']; caption: string }) {
  if (!props.evidence.length) return null;
  return (
    <table>
      <caption class="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Donnée du diagnostic</th>
          <th scope="col">Valeur publiée</th>
          <th scope="col">Année</th>
        </tr>
      </thead>
      <tbody>
        {props.evidence.map((e) => (
          <tr>
            <td>{e.label}</td>
            <td>{e.value === 's' ? 's (secret statistique)' : e.value}</td>
            <td>{e.year ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NeedsSection(props: { project: Project }) {
  const { needs } = props.project;
  if (!needs.length) return <p class="muted">Aucun besoin n’est encore décrit.</p>;
  return (
    <>
      {needs.map((need) => (
        <article class="need">
          <h4>{need.title}</h4>
          {need.description ? <p>{need.description}</p> : null}
          <EvidenceTable
            evidence={need.evidence}
            caption={`Données du diagnostic citées pour « ${need.title} »`}
          />
          {need.source ? (
            <p>
              <strong>Source</strong> : {need.source}
            </p>
          ) : null}
        </article>
      ))}
    </>
  );
}

function ObjectivesSection(props: { project: Project }) {
  const { objectives, needs } = props.project;
  if (!objectives.length) return <p class="muted">Aucun objectif partagé n’est encore fixé.</p>;
  return (
    <>
      {MISSIONS.map((mission) => {
        const list = objectives.filter((o) => o.mission === mission);
        return (
          <section>
            <h4>{MISSION_LABELS[mission]}</h4>
            {list.length ? (
              <ul>
                {list.map((o) => {
                  const answered = o.needIds
                    .map((id) => needs.find((n) => n.id === id)?.title)
                    .filter(Boolean);
                  return (
                    <li>
                      {o.title}
                      {answered.length ? (
                        <span class="muted"> — répond à : {answered.join(' ; ')}</span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p class="muted">Aucun objectif sous cette mission.</p>
            )}
          </section>
        );
      })}
    </>
  );
}

function EngagementsSection(props: { project: Project }) {
  const { cafPriorities, localActions, domainResources } = props.project;
  return (
    <>
      <h4>Priorités de la Caf pour le territoire (article 2)</h4>
      {cafPriorities.length ? (
        <ul>
          {cafPriorities.map((p) => (
            <li>{p.text}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">Aucune priorité n’est encore inscrite.</p>
      )}
      <h4>Actions de la collectivité par domaine (article 3)</h4>
      {DOMAINS.map((domain) => {
        const actions = localActions.filter((a) => a.domain === domain);
        const resources = domainResources.find((r) => r.domain === domain);
        if (!actions.length && !resources) return null;
        return (
          <section>
            <h5>{DOMAIN_LABELS[domain]}</h5>
            {actions.length ? (
              <ul>
                {actions.map((a) => (
                  <li>{a.text}</li>
                ))}
              </ul>
            ) : null}
            {resources?.structures.length ? (
              <p>
                <strong>Structures</strong> : {resources.structures.join(', ')}
              </p>
            ) : null}
            {resources?.partners.length ? (
              <p>
                <strong>Partenaires</strong> : {resources.partners.join(', ')}
              </p>
            ) : null}
          </section>
        );
      })}
      {!localActions.length && !domainResources.length ? (
        <p class="muted">Aucune action de la collectivité n’est encore inscrite.</p>
      ) : null}
    </>
  );
}

export function ProjectPage(props: FramePropsBase) {
  const { plan, rights } = props.plan;
  const url = `${base(props.view)}/plan/projet`;
  const edit = (path: string, label: string) =>
    rights.edit ? (
      <p>
        <a href={`${url}/${path}`} class="button light">
          {label}
        </a>
      </p>
    ) : null;
  return (
    <Frame {...props} heading="Projet de territoire">
      <p>
        <a href={`${base(props.view)}/plan`}>Retour au plan d’actions</a>
      </p>
      <ValidationStatus
        validation={plan.validation}
        href={rights.validate ? `${base(props.view)}/plan/validation` : undefined}
      />
      <section aria-labelledby="besoins">
        <h3 id="besoins">Besoins du territoire</h3>
        <NeedsSection project={plan.project} />
        {edit('besoins', 'Modifier les besoins')}
      </section>
      <section aria-labelledby="objectifs">
        <h3 id="objectifs">Objectifs partagés, par mission de la Caf</h3>
        <ObjectivesSection project={plan.project} />
        {edit('objectifs', 'Modifier les objectifs')}
      </section>
      <section aria-labelledby="engagements">
        <h3 id="engagements">Engagements de chaque partie</h3>
        <EngagementsSection project={plan.project} />
        {edit('engagements', 'Modifier les engagements')}
      </section>
    </Frame>
  );
}

// ─── The forms ───────────────────────────────────────────────────────────────────────────────────

function StaleBox(props: { stale?: StaleProject | undefined; children: (p: Project) => ComponentChildren }) {
  if (!props.stale) return null;
  return (
    <section class="alert info" aria-labelledby="version-enregistree">
      <h3 id="version-enregistree">La version enregistrée entre-temps</h3>
      {props.children(props.stale.current)}
      <p>
        Votre saisie est conservée dans le formulaire ci-dessous : comparez-la, puis enregistrez à nouveau
        pour remplacer la version enregistrée.
      </p>
    </section>
  );
}

function FormActions(props: { view: ConventionView; label: string }) {
  return (
    <p class="actions">
      <button type="submit" class="button" name="action" value="enregistrer">
        {props.label}
      </button>
      <a href={`${base(props.view)}/plan/projet`}>Annuler</a>
    </p>
  );
}

/** « Ajouter une ligne », with what it adds to for a screen reader (several such buttons share a form). */
function AddButton(props: { value: string; label: string; to?: string }) {
  return (
    <p>
      <button type="submit" class="button light" name="action" value={props.value} formnovalidate>
        {props.label}
        {props.to ? <span class="sr-only"> : {props.to}</span> : null}
      </button>
    </p>
  );
}

function RemoveBox(props: { id: string; checked: boolean; label: string }) {
  return (
    <p>
      <input type="checkbox" id={props.id} name={props.id} value="1" checked={props.checked} />{' '}
      <label for={props.id}>{props.label}</label>
    </p>
  );
}

export function NeedsFormPage(
  props: FramePropsBase & {
    drafts: NeedDraft[];
    diagnostic: EvidenceGroup[];
    stale?: StaleProject | undefined;
  },
) {
  const stored = props.plan.plan.project.needs;
  const known = new Set(props.diagnostic.flatMap((g) => g.rows.map((r) => r.indicatorId)));
  return (
    <Frame {...props} heading="Modifier les besoins du territoire">
      <StaleBox stale={props.stale}>{(p) => <NeedsSection project={p} />}</StaleBox>
      <form method="post" action={`${base(props.view)}/plan/projet/besoins`} class="form">
        <Csrf ctx={props.ctx} />
        <VersionField version={props.plan.plan.version} />
        <input type="hidden" name="rows" value={String(props.drafts.length)} />
        {props.diagnostic.length ? null : (
          <p class="muted">
            Le diagnostic publié de ce territoire ne contient aucune donnée : les besoins s’appuient sur le
            texte et la source.
          </p>
        )}
        {props.drafts.map((d, i) => {
          const id = `n${i}`;
          // A row cited before but no longer published keeps its figures as they were then.
          const former = (stored.find((n) => n.id === d.id)?.evidence ?? []).filter(
            (e) => !known.has(e.indicatorId),
          );
          return (
            <fieldset>
              <legend>
                Besoin {i + 1}
                {d.title ? ` — ${d.title}` : ''}
              </legend>
              <input type="hidden" name={`${id}_id`} value={d.id} />
              <div class="field">
                <label for={`${id}_title`}>Intitulé du besoin</label>
                <input id={`${id}_title`} name={`${id}_title`} type="text" maxLength={500} value={d.title} />
              </div>
              <div class="field">
                <label for={`${id}_description`}>Constat (texte libre)</label>
                <textarea id={`${id}_description`} name={`${id}_description`} rows={3}>
                  {d.description}
                </textarea>
              </div>
              <div class="field">
                <label for={`${id}_evidence`}>Données du diagnostic publié à l’appui</label>
                <p class="muted" id={`${id}_evidence_aide`}>
                  Plusieurs choix possibles (Ctrl ou Cmd + clic). Les chiffres enregistrés sont ceux publiés,
                  après secret statistique.
                </p>
                <select
                  id={`${id}_evidence`}
                  name={`${id}_evidence`}
                  multiple
                  size={6}
                  aria-describedby={`${id}_evidence_aide`}
                >
                  {former.length ? (
                    <optgroup label="Déjà citées (ne figurent plus au diagnostic publié)">
                      {former.map((e) => (
                        <option value={e.indicatorId} selected={d.evidence.includes(e.indicatorId)}>
                          {e.label} — {e.value}
                          {e.year ? ` (${e.year})` : ''}
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                  {props.diagnostic.map((g) => (
                    <optgroup label={g.title}>
                      {g.rows.map((r) => (
                        <option value={r.indicatorId} selected={d.evidence.includes(r.indicatorId)}>
                          {r.label} — {r.value}
                          {r.year ? ` (${r.year})` : ''}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for={`${id}_source`}>Source</label>
                <input
                  id={`${id}_source`}
                  name={`${id}_source`}
                  type="text"
                  maxLength={500}
                  value={d.source}
                />
              </div>
              {d.id ? <RemoveBox id={`${id}_remove`} checked={d.remove} label="Retirer ce besoin" /> : null}
            </fieldset>
          );
        })}
        <AddButton value="ajouter" label="Ajouter une ligne" />
        <FormActions view={props.view} label="Enregistrer les besoins" />
      </form>
    </Frame>
  );
}

export function ObjectivesFormPage(
  props: FramePropsBase & { drafts: ObjectiveDraft[]; stale?: StaleProject | undefined },
) {
  const needs = props.plan.plan.project.needs;
  const indexed = props.drafts.map((d, i) => ({ d, i }));
  return (
    <Frame {...props} heading="Modifier les objectifs partagés">
      <StaleBox stale={props.stale}>{(p) => <ObjectivesSection project={p} />}</StaleBox>
      <form method="post" action={`${base(props.view)}/plan/projet/objectifs`} class="form">
        <Csrf ctx={props.ctx} />
        <VersionField version={props.plan.plan.version} />
        <input type="hidden" name="rows" value={String(props.drafts.length)} />
        {needs.length ? null : (
          <p class="muted">
            Aucun besoin n’est encore décrit :{' '}
            <a href={`${base(props.view)}/plan/projet/besoins`}>décrivez-les</a> pour y relier les objectifs.
          </p>
        )}
        {MISSIONS.map((mission) => (
          <fieldset>
            <legend>{MISSION_LABELS[mission]}</legend>
            {indexed
              .filter(
                ({ d }) =>
                  d.mission === mission ||
                  (mission === MISSIONS[0] && !MISSIONS.includes(d.mission as never)),
              )
              .map(({ d, i }) => {
                const id = `o${i}`;
                return (
                  <fieldset>
                    <legend>
                      Objectif {i + 1}
                      {d.title ? ` — ${d.title}` : ''}
                    </legend>
                    <input type="hidden" name={`${id}_id`} value={d.id} />
                    <div class="field">
                      <label for={`${id}_title`}>Intitulé de l’objectif</label>
                      <input
                        id={`${id}_title`}
                        name={`${id}_title`}
                        type="text"
                        maxLength={500}
                        value={d.title}
                      />
                    </div>
                    <div class="field">
                      <label for={`${id}_mission`}>Mission de la Caf</label>
                      <select id={`${id}_mission`} name={`${id}_mission`}>
                        {MISSIONS.map((m) => (
                          <option value={m} selected={d.mission === m}>
                            {MISSION_LABELS[m]}
                          </option>
                        ))}
                      </select>
                    </div>
                    {needs.length ? (
                      <fieldset>
                        <legend>Besoins auxquels il répond</legend>
                        {needs.map((n, k) => (
                          <p>
                            <input
                              type="checkbox"
                              id={`${id}_need${k}`}
                              name={`${id}_needs`}
                              value={n.id}
                              checked={d.needIds.includes(n.id)}
                            />{' '}
                            <label for={`${id}_need${k}`}>{n.title}</label>
                          </p>
                        ))}
                      </fieldset>
                    ) : null}
                    {d.id ? (
                      <RemoveBox id={`${id}_remove`} checked={d.remove} label="Retirer cet objectif" />
                    ) : null}
                  </fieldset>
                );
              })}
            <AddButton value={`ajouter:${mission}`} label="Ajouter une ligne" to={MISSION_LABELS[mission]} />
          </fieldset>
        ))}
        <FormActions view={props.view} label="Enregistrer les objectifs" />
      </form>
    </Frame>
  );
}

function TextRows(props: {
  rows: TextRowDraft[];
  prefix: string;
  count: string;
  noun: string;
  label: string;
}) {
  return (
    <>
      <input type="hidden" name={props.count} value={String(props.rows.length)} />
      {props.rows.map((r, i) => {
        const id = `${props.prefix}${i}`;
        return (
          <div class="field">
            <input type="hidden" name={`${id}_id`} value={r.id} />
            <label for={`${id}_text`}>
              {props.label} {i + 1}
            </label>
            <textarea id={`${id}_text`} name={`${id}_text`} rows={2}>
              {r.text}
            </textarea>
            {r.id ? (
              <RemoveBox id={`${id}_remove`} checked={r.remove} label={`Retirer ${props.noun} ${i + 1}`} />
            ) : null}
          </div>
        );
      })}
    </>
  );
}

export function EngagementsFormPage(
  props: FramePropsBase & { draft: EngagementsDraft; stale?: StaleProject | undefined },
) {
  const { draft } = props;
  return (
    <Frame {...props} heading="Modifier les engagements de chaque partie">
      <StaleBox stale={props.stale}>{(p) => <EngagementsSection project={p} />}</StaleBox>
      <form method="post" action={`${base(props.view)}/plan/projet/engagements`} class="form">
        <Csrf ctx={props.ctx} />
        <VersionField version={props.plan.plan.version} />
        <fieldset>
          <legend>Priorités de la Caf pour le territoire (article 2)</legend>
          <TextRows
            rows={draft.priorities}
            prefix="p"
            count="priorities"
            noun="la priorité"
            label="Priorité"
          />
          <AddButton value="ajouter:priorite" label="Ajouter une ligne" to="priorités de la Caf" />
        </fieldset>
        <fieldset>
          <legend>Actions de la collectivité, par domaine (article 3)</legend>
          {DOMAINS.map((domain: Domain) => (
            <fieldset>
              <legend>{DOMAIN_LABELS[domain]}</legend>
              <TextRows
                rows={draft.actions[domain]}
                prefix={`a_${domain}_`}
                count={`actions_${domain}`}
                noun="l’action"
                label="Action"
              />
              <AddButton value={`ajouter:${domain}`} label="Ajouter une ligne" to={DOMAIN_LABELS[domain]} />
              <div class="grid-fields">
                <div class="field">
                  <label for={`s_${domain}`}>Structures (une par ligne)</label>
                  <textarea id={`s_${domain}`} name={`s_${domain}`} rows={3}>
                    {draft.structures[domain]}
                  </textarea>
                </div>
                <div class="field">
                  <label for={`r_${domain}`}>Partenaires (un par ligne)</label>
                  <textarea id={`r_${domain}`} name={`r_${domain}`} rows={3}>
                    {draft.partners[domain]}
                  </textarea>
                </div>
              </div>
            </fieldset>
          ))}
        </fieldset>
        <FormActions view={props.view} label="Enregistrer les engagements" />
      </form>
    </Frame>
  );
}

// ─── The Caf's validation ───────────────────────────────────────────────────────────────────────

export function ValidationPage(props: FramePropsBase) {
  const { plan } = props.plan;
  const v = plan.validation;
  const action = `${base(props.view)}/plan/validation`;
  return (
    <Frame {...props} heading="Validation du plan d’actions par la Caf">
      <ValidationStatus validation={v} />
      <p>
        Le plan compte {plan.axes.length} axe{plan.axes.length > 1 ? 's' : ''} et {plan.fiches.length} fiche
        {plan.fiches.length > 1 ? 's' : ''} action{plan.fiches.length > 1 ? 's' : ''}.
      </p>
      <form method="post" action={action} class="form">
        <Csrf ctx={props.ctx} />
        <input type="hidden" name="decision" value={v ? 'withdraw' : 'validate'} />
        <p>
          {v
            ? 'Retirer la validation remet le plan à l’état de projet : il pourra être validé à nouveau.'
            : `En confirmant, vous validez le plan d’actions au nom de la Caf, à la date du ${formatFrenchDate(props.today)}.`}
        </p>
        <p>
          <input type="checkbox" id="confirmation" name="confirmation" value="1" required />{' '}
          <label for="confirmation">
            {v ? 'Je confirme le retrait de la validation' : 'Je confirme la validation du plan d’actions'}
          </label>
        </p>
        <p class="actions">
          <button type="submit" class={`button${v ? ' danger' : ''}`}>
            {v ? 'Retirer la validation' : 'Valider le plan d’actions'}
          </button>
          <a href={`${base(props.view)}/plan/projet`}>Annuler</a>
        </p>
      </form>
    </Frame>
  );
}
