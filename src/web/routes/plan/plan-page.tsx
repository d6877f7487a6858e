/**
 * The action plan of a convention: its progress, what its fiches lack, its axes (created, renamed,
 * deleted here), and its fiches in one of four views chosen by a GET parameter (table, by status, by
 * objective, timeline) under a GET form of filters. In the table each fiche has a checkbox and the
 * bulk form changes the status or the pilot of the selection, all of it or nothing.
 */
import { FICHE_STATUS_LABELS, PUBLIC_LABELS, THEME_LABELS } from '../../../domain/plan/labels.js';
import {
  FICHE_STATUSES,
  type Fiche,
  type FicheStatus,
  PUBLICS,
  type Public,
  THEMES,
  type Theme,
} from '../../../domain/plan/model.js';
import {
  budgetSum,
  budgetTotals,
  effectiveStatus,
  type FicheFilter,
  ficheReference,
  filterFiches,
  groupByObjective,
  groupByStatus,
  isLate,
  MISSING_CODES,
  MISSING_LABELS,
  type MissingCode,
  missingOf,
  planProgress,
} from '../../../domain/plan/rules.js';
import { formatShortFrenchDate, type IsoDate } from '../../../domain/shared/dates.js';
import { formatEuros } from '../../../domain/shared/money.js';
import { PLAN_FILE_FORMATS } from '../../../imports/plan/index.js';
import type { PlanView } from '../../../use-cases/plan/get-plan.js';
import type { PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import { PlanStyles } from '../../views/plan/chart-parts.js';
import { PlanProgressBar } from '../../views/plan/plan-progress.js';
import { PlanTimeline } from '../../views/plan/plan-timeline.js';
import { values } from './fiche-form.js';
import {
  ficheHref,
  ficheSheetFormats,
  pilotNames,
  planBase,
  planFileHref,
  SHEET_FORMAT_LABELS,
} from './plan-components.js';
import { PlanProjectLinks } from './project-links.js';

export const VIEWS = {
  tableau: 'Tableau',
  statut: 'Par statut',
  objectif: 'Par objectif',
  calendrier: 'Calendrier',
} as const;
export type PlanViewName = keyof typeof VIEWS;

export interface PlanQuery {
  view: PlanViewName;
  filter: FicheFilter;
  /** The query string of the filters (without the view), to keep them from one view to another. */
  search: string;
}

/** The view and filters of `?vue=statut&statut=late&theme=…&pilote=…&public=…&retard=1&sans-pilote=1…`. */
export function planQuery(query: Record<string, unknown>): PlanQuery {
  const view = (values(query, 'vue')[0] ?? '') as PlanViewName;
  const statuses = values(query, 'statut').filter((s): s is FicheStatus =>
    FICHE_STATUSES.includes(s as FicheStatus),
  );
  const themes = values(query, 'theme').filter((t): t is Theme => THEMES.includes(t as Theme));
  const publics = values(query, 'public').filter((p): p is Public => PUBLICS.includes(p as Public));
  const pilot = (values(query, 'pilote')[0] ?? '').trim().slice(0, 200);
  const on = (name: string) => values(query, name)[0] === '1';
  const filter: FicheFilter = {
    ...(statuses.length ? { statuses } : {}),
    ...(themes.length ? { themes } : {}),
    ...(publics.length ? { publics } : {}),
    ...(pilot ? { pilot } : {}),
    ...(on('retard') ? { late: true } : {}),
    ...(on('sans-pilote') ? { withoutPilot: true } : {}),
    ...(on('sans-indicateur') ? { withoutIndicator: true } : {}),
    ...(on('sans-note') ? { withoutRecentNote: true } : {}),
  };
  const params = new URLSearchParams();
  for (const s of statuses) params.append('statut', s);
  for (const t of themes) params.append('theme', t);
  for (const p of publics) params.append('public', p);
  if (pilot) params.set('pilote', pilot);
  for (const name of ['retard', 'sans-pilote', 'sans-indicateur', 'sans-note'])
    if (on(name)) params.set(name, '1');
  return { view: view in VIEWS ? view : 'tableau', filter, search: params.toString() };
}

const MISSING_FILTER: Partial<Record<MissingCode, string>> = {
  no_pilot: 'sans-pilote',
  no_indicator: 'sans-indicateur',
};

function dates(f: Pick<Fiche, 'startDate' | 'endDate' | 'recurring'>): string {
  if (f.recurring)
    return `${f.startDate ? `Dès le ${formatShortFrenchDate(f.startDate)}, ` : ''}reconduite chaque année`;
  if (!f.startDate && !f.endDate) return 'Non datée';
  return `${f.startDate ? formatShortFrenchDate(f.startDate) : '…'} – ${f.endDate ? formatShortFrenchDate(f.endDate) : '…'}`;
}

export function StatusBadge(props: { fiche: Fiche; today: IsoDate }) {
  const status = effectiveStatus(props.fiche, props.today);
  return <span class={`fiche-status fiche-status-${status}`}>{FICHE_STATUS_LABELS[status]}</span>;
}

/** The plan's content under the tab's heading. */
export function PlanContent(props: { ctx: PageContext; view: PlanView; today: IsoDate; query: PlanQuery }) {
  const { view, today, query } = props;
  const { plan, rights } = view;
  const id = view.convention.id;
  const base = planBase(id);
  const progress = planProgress(plan, today);
  const missingCounts = MISSING_CODES.map((code) => ({
    code,
    count: plan.fiches.filter((f) => missingOf(f, plan, today).some((m) => m.code === code)).length,
  })).filter((m) => m.count > 0);
  const fiches = filterFiches(plan, query.filter, today);
  const viewHref = (v: PlanViewName) =>
    `${base}/fiches?${new URLSearchParams({ vue: v }).toString()}${query.search ? `&${query.search}` : ''}`;
  const sel = query.filter;
  return (
    <div class="plan-page">
      <PlanStyles />
      <link rel="stylesheet" href="/assets/plan-pages.css" />
      <PlanProjectLinks view={view} />
      <section aria-labelledby="avancement">
        <h3 id="avancement">Avancement</h3>
        <PlanProgressBar progress={progress} />
      </section>
      <section aria-labelledby="manques">
        <h3 id="manques">Ce qui manque</h3>
        {missingCounts.length ? (
          <ul>
            {missingCounts.map((m) => {
              const label = `${MISSING_LABELS[m.code]} : ${m.count} fiche${m.count > 1 ? 's' : ''}`;
              const filter = MISSING_FILTER[m.code];
              return <li>{filter ? <a href={`${base}/fiches?${filter}=1`}>{label}</a> : label}</li>;
            })}
          </ul>
        ) : (
          <p>
            {plan.fiches.length
              ? 'Rien : chaque fiche a son pilote, son indicateur, son budget et sa note de l’année.'
              : 'Le plan ne contient encore aucune fiche action.'}
          </p>
        )}
      </section>
      <section aria-labelledby="fichiers-plan">
        <h3 id="fichiers-plan">Fichiers du plan</h3>
        <ul class="actions" aria-label="Télécharger le plan d’actions">
          {PLAN_FILE_FORMATS.map((format) => (
            <li>
              <a class="button light" href={planFileHref(id, format)}>
                Télécharger le plan en {format.toUpperCase()}
              </a>
            </li>
          ))}
        </ul>
        {rights.edit ? (
          <p>
            <a href={`${base}/import`}>Importer un plan d’actions depuis un fichier</a> (remplace les axes,
            fiches et indicateurs du plan actuel).
          </p>
        ) : null}
      </section>
      <section aria-labelledby="axes">
        <h3 id="axes">Axes du plan</h3>
        {plan.axes.length ? (
          <ul class="axe-list">
            {plan.axes.map((axe) => {
              const held = plan.fiches.filter((f) => f.axeId === axe.id).length;
              return (
                <li>
                  <p>
                    <strong>
                      Axe {axe.position} — {axe.title}
                    </strong>{' '}
                    ({held} fiche{held > 1 ? 's' : ''})
                  </p>
                  {rights.edit ? (
                    <div class="axe-actions">
                      <p>
                        <a href={`${base}/fiches/nouvelle?axe=${axe.id}`} class="button">
                          Nouvelle fiche dans l’axe {axe.position}
                        </a>
                      </p>
                      <form method="post" action={`${base}/axes/${axe.id}`} class="inline-form">
                        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
                        <label for={`axe-${axe.id}`}>Nouveau titre de l’axe {axe.position}</label>
                        <input id={`axe-${axe.id}`} name="title" type="text" value={axe.title} required />
                        <button type="submit" class="button light">
                          Renommer l’axe {axe.position}
                        </button>
                      </form>
                      {held ? (
                        <p class="hint">
                          Pour supprimer l’axe {axe.position}, déplacez ou supprimez d’abord ses fiches.
                        </p>
                      ) : (
                        <form method="post" action={`${base}/axes/${axe.id}/suppression`} class="inline-form">
                          <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
                          <button type="submit" class="button danger">
                            Supprimer l’axe {axe.position}
                          </button>
                        </form>
                      )}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p>Aucun axe pour l’instant.</p>
        )}
        {rights.edit ? (
          <form method="post" action={`${base}/axes`} class="form inline-form">
            <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
            <input type="hidden" name="submissionToken" value={crypto.randomUUID()} />
            <label for="nouvel-axe">Titre du nouvel axe</label>
            <input id="nouvel-axe" name="title" type="text" required />
            <button type="submit" class="button">
              Créer l’axe
            </button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="fiches">
        <h3 id="fiches">Fiches actions</h3>
        <nav aria-label="Vues du plan" class="plan-views">
          <ul>
            {(Object.keys(VIEWS) as PlanViewName[]).map((v) => (
              <li>
                <a href={viewHref(v)} aria-current={v === query.view ? 'page' : undefined}>
                  {VIEWS[v]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <form method="get" action={`${base}/fiches`} class="form plan-filters">
          <input type="hidden" name="vue" value={query.view} />
          <fieldset>
            <legend>Filtrer les fiches</legend>
            <fieldset>
              <legend>Statut</legend>
              <div class="check-grid">
                {FICHE_STATUSES.map((s) => (
                  <div class="choice">
                    <input
                      type="checkbox"
                      id={`f-statut-${s}`}
                      name="statut"
                      value={s}
                      checked={sel.statuses?.includes(s) ?? false}
                    />{' '}
                    <label for={`f-statut-${s}`}>{FICHE_STATUS_LABELS[s]}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <div class="grid-fields">
              <div class="field">
                <label for="f-theme">Thème</label>
                <select id="f-theme" name="theme">
                  <option value="">Tous les thèmes</option>
                  {THEMES.map((t) => (
                    <option value={t} selected={sel.themes?.includes(t) ?? false}>
                      {THEME_LABELS[t]}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="f-public">Public</label>
                <select id="f-public" name="public">
                  <option value="">Tous les publics</option>
                  {PUBLICS.map((p) => (
                    <option value={p} selected={sel.publics?.includes(p) ?? false}>
                      {PUBLIC_LABELS[p]}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="f-pilote">Pilote (nom)</label>
                <input id="f-pilote" name="pilote" type="text" value={sel.pilot ?? ''} />
              </div>
            </div>
            <fieldset>
              <legend>Ne montrer que les fiches</legend>
              <div class="check-grid">
                {(
                  [
                    ['retard', 'en retard', sel.late === true],
                    ['sans-pilote', 'sans pilote', sel.withoutPilot === true],
                    ['sans-indicateur', 'sans indicateur', sel.withoutIndicator === true],
                    ['sans-note', 'sans note de suivi depuis six mois', sel.withoutRecentNote === true],
                  ] as const
                ).map(([name, label, checked]) => (
                  <div class="choice">
                    <input type="checkbox" id={`f-${name}`} name={name} value="1" checked={checked} />{' '}
                    <label for={`f-${name}`}>{label}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <p class="actions">
              <button type="submit" class="button">
                Filtrer
              </button>
              <a href={`${base}/fiches?vue=${query.view}`}>Retirer les filtres</a>
            </p>
          </fieldset>
        </form>
        <p role="status">
          {fiches.length} fiche{fiches.length > 1 ? 's' : ''} sur {plan.fiches.length}
          {view.hiddenFiches
            ? ` (et ${view.hiddenFiches} fiche${view.hiddenFiches > 1 ? 's' : ''} confidentielle${view.hiddenFiches > 1 ? 's' : ''} que vous ne voyez pas)`
            : ''}
          .
        </p>
        {query.view === 'tableau' ? <FicheTable {...props} fiches={fiches} /> : null}
        {query.view === 'statut'
          ? groupByStatus(plan, fiches, today)
              .filter((g) => g.fiches.length)
              .map((g) => (
                <section>
                  <h4>
                    {g.label} ({g.fiches.length})
                  </h4>
                  <FicheList {...props} fiches={g.fiches} />
                </section>
              ))
          : null}
        {query.view === 'objectif'
          ? groupByObjective(plan, fiches).map((g) => (
              <section>
                <h4>{g.objective ? g.objective.title : 'Fiches sans objectif du projet'}</h4>
                {g.fiches.length ? <FicheList {...props} fiches={g.fiches} /> : <p>Aucune fiche.</p>}
              </section>
            ))
          : null}
        {query.view === 'calendrier' ? (
          <PlanTimeline
            axes={plan.axes}
            fiches={fiches}
            convention={{ start: view.convention.startDate, end: view.convention.endDate }}
            today={today}
          />
        ) : null}
      </section>
    </div>
  );
}

function FicheList(props: { view: PlanView; today: IsoDate; fiches: Fiche[] }) {
  const { plan, convention } = props.view;
  return (
    <ul>
      {props.fiches.map((f) => (
        <li>
          <a href={ficheHref(convention.id, f.id)}>
            {ficheReference(plan.axes, f)} {f.title}
          </a>{' '}
          — <StatusBadge fiche={f} today={props.today} />
          {f.pilots.length ? ` — ${pilotNames(f)}` : ''}
        </li>
      ))}
    </ul>
  );
}

function FicheTable(props: { ctx: PageContext; view: PlanView; today: IsoDate; fiches: Fiche[] }) {
  const { view, today, fiches } = props;
  const { plan, rights } = view;
  const id = view.convention.id;
  if (!fiches.length) return <p>Aucune fiche ne correspond.</p>;
  const table = (
    <TableScroll label="Tableau des fiches actions">
      <table class="fiche-table">
        <caption>Fiches actions du plan</caption>
        <thead>
          <tr>
            <th scope="col">
              <span class="sr-only">Sélection</span>
            </th>
            <th scope="col">Réf.</th>
            <th scope="col">Fiche</th>
            <th scope="col">Statut</th>
            <th scope="col">Pilotes</th>
            <th scope="col">Dates</th>
            <th scope="col" class="num">
              Budget prévisionnel
            </th>
            <th scope="col">Ce qui manque</th>
          </tr>
        </thead>
        <tbody>
          {fiches.map((f) => {
            const ref = ficheReference(plan.axes, f);
            const missing = missingOf(f, plan, today);
            return (
              <tr class={isLate(f, today) ? 'late' : undefined}>
                <td>
                  <input type="checkbox" name="fiches" value={f.id} id={`choix-${f.id}`} />
                  <label for={`choix-${f.id}`} class="sr-only">
                    Sélectionner la fiche {ref}
                  </label>
                </td>
                <td>{ref}</td>
                <th scope="row">
                  <a href={ficheHref(id, f.id)}>{f.title}</a>
                  {f.confidential ? ' (confidentielle)' : ''}
                </th>
                <td>
                  <StatusBadge fiche={f} today={today} />
                </td>
                <td>{f.pilots.length ? pilotNames(f) : '—'}</td>
                <td>{dates(f)}</td>
                <td class="num">{formatEuros(budgetSum(budgetTotals([f]), 'eur', 'planned'))}</td>
                <td>{missing.length ? missing.map((m) => m.label).join(', ') : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
  const sheets = <SelectionSheets conventionId={id} />;
  if (!rights.edit)
    return (
      <form method="post" action={`${planBase(id)}/fiches/document`} class="form">
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
        {table}
        {sheets}
      </form>
    );
  return (
    <form method="post" action={`${planBase(id)}/fiches/lot`} class="form">
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      {table}
      {sheets}
      <fieldset>
        <legend>Modifier les fiches cochées</legend>
        <p class="hint">Tout ou rien : si une fiche ne peut pas être modifiée, aucune ne l’est.</p>
        <div class="grid-fields">
          <div class="field">
            <label for="lot-statut">Nouveau statut</label>
            <select id="lot-statut" name="status">
              <option value="">Ne pas changer</option>
              {FICHE_STATUSES.map((s) => (
                <option value={s}>{FICHE_STATUS_LABELS[s]}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="lot-pilote">Nouveau pilote (nom, ou adresse électronique d’un compte)</label>
            <input id="lot-pilote" name="pilot" type="text" />
          </div>
        </div>
        <p class="actions">
          <button type="submit" class="button">
            Appliquer aux fiches cochées
          </button>
        </p>
      </fieldset>
    </form>
  );
}

/** The fiche sheets of the ticked fiches: a submit button of the table's form, sent to its own address. */
function SelectionSheets(props: { conventionId: string }) {
  const formats = ficheSheetFormats();
  return (
    <fieldset>
      <legend>Télécharger les fiches cochées</legend>
      <p class="hint">
        Une fiche par page, dans l’ordre du tableau ; le document ne contient que les fiches cochées.
      </p>
      <div class="grid-fields">
        <div class="field">
          <label for="fiches-format">Format du document</label>
          <select id="fiches-format" name="format">
            {formats.map((f) => (
              <option value={f}>{SHEET_FORMAT_LABELS[f]}</option>
            ))}
          </select>
        </div>
      </div>
      <p class="actions">
        <button
          type="submit"
          class="button light"
          formaction={`${planBase(props.conventionId)}/fiches/document`}
          formmethod="post"
        >
          Télécharger les fiches cochées
        </button>
      </p>
    </fieldset>
  );
}
