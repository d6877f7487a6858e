/**
 * A fiche action as a page: every field of the model, its sous-actions, its budget by year with its
 * co-funders and totals, its indicators (chart and table), its notes and comments (each with its
 * form), its history from the audit, and what it lacks. Also the confirmation page of its deletion.
 */

import {
  FICHE_FILE_EXTENSIONS,
  fileSizeText,
  MAX_FICHE_FILE_BYTES,
} from '../../../domain/plan/fiche-file.js';
import {
  BUDGET_NATURE_LABELS,
  BUDGET_STAGE_LABELS,
  BUDGET_UNIT_LABELS,
  PARTICIPATION_LABELS,
  PRIORITY_LABELS,
  PUBLIC_LABELS,
  THEME_LABELS,
} from '../../../domain/plan/labels.js';
import type { BudgetLine, Fiche, Pilot } from '../../../domain/plan/model.js';
import {
  budgetTotals,
  coFunderTotals,
  ficheReference,
  missingOf,
  subActionReference,
} from '../../../domain/plan/rules.js';
import { formatFrenchDateTime, formatShortFrenchDate } from '../../../domain/shared/dates.js';
import { formatEuros } from '../../../domain/shared/money.js';
import type { FicheView } from '../../../use-cases/plan/get-fiche.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import { IndicatorChart } from '../../views/plan/indicator-chart.js';
import type { FieldError } from './fiche-form.js';
import { hundredthsText } from './fiche-form.js';
import { DiagnosticFigure } from './indicator-pages.js';
import {
  FieldMessage,
  ficheSheetFormats,
  ficheSheetHref,
  fieldErrorOf,
  type PlanFrame,
  PlanPageFrame,
  planBase,
} from './plan-components.js';
import { StatusBadge } from './plan-page.js';

const ACTIONS: Record<string, string> = {
  'plan.fiche.create': 'Création de la fiche',
  'plan.fiche.update': 'Modification de la fiche',
  'plan.fiche.bulk_update': 'Statut ou pilote changé (modification groupée)',
  'plan.fiche.note': 'Note de suivi ajoutée',
  'plan.fiche.comment': 'Commentaire ajouté',
  'plan.fiche.file_attach': 'Document joint',
  'plan.fiche.file_delete': 'Document joint retiré',
  'plan.fiche.delete': 'Suppression de la fiche',
  'plan.fiche.unlink': 'Lien retiré vers une fiche supprimée',
};

export function amountText(line: Pick<BudgetLine, 'unit'>, amount: bigint): string {
  return line.unit === 'eur' ? formatEuros(amount) : `${hundredthsText(amount)} ETP`;
}

function PilotList(props: { pilots: Pilot[] }) {
  if (!props.pilots.length) return <p>Aucun pilote.</p>;
  return (
    <ul>
      {props.pilots.map((p) => (
        <li>
          {p.name || 'Compte de la plateforme'}
          {p.kind === 'account' ? ' (compte de la plateforme)' : ''}
        </li>
      ))}
    </ul>
  );
}

function BudgetTable(props: { lines: BudgetLine[]; caption: string }) {
  if (!props.lines.length) return <p>Aucune ligne de budget.</p>;
  const lines = [...props.lines].sort((a, b) => a.year - b.year);
  return (
    <TableScroll label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Année</th>
            <th scope="col">Nature</th>
            <th scope="col">Prévisionnel ou réalisé</th>
            <th scope="col" class="num">
              Montant
            </th>
            <th scope="col">Cofinanceurs</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr>
              <th scope="row">{l.year}</th>
              <td>{BUDGET_NATURE_LABELS[l.nature]}</td>
              <td>{BUDGET_STAGE_LABELS[l.stage]}</td>
              <td class="num">{amountText(l, l.amount)}</td>
              <td>
                {l.coFunders.length
                  ? l.coFunders.map((c) => `${c.name} : ${amountText(l, c.amount)}`).join(' ; ')
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Dates(props: { f: Pick<Fiche, 'startDate' | 'endDate' | 'recurring'> }) {
  const { f } = props;
  return (
    <>
      {f.startDate ? formatShortFrenchDate(f.startDate) : 'non précisée'}
      {' → '}
      {f.recurring
        ? 'reconduite chaque année'
        : f.endDate
          ? formatShortFrenchDate(f.endDate)
          : 'non précisée'}
    </>
  );
}

export function FichePage(props: {
  frame: PlanFrame;
  fiche: FicheView;
  notice?: string | undefined;
  errors?: FieldError[];
  /** The one-time token of the upload form (new on every drawing of the page). */
  uploadToken?: string;
}) {
  const { frame } = props;
  const { fiche, plan, rights, mayEdit } = props.fiche;
  const today = frame.today;
  const base = planBase(props.fiche.conventionId);
  const ref = ficheReference(plan.axes, fiche);
  const axe = plan.axes.find((a) => a.id === fiche.axeId);
  const missing = missingOf(fiche, plan, today);
  const indicators = plan.indicators.filter((i) => i.ficheId === fiche.id);
  const objectives = plan.project.objectives.filter((o) => fiche.objectiveIds.includes(o.id));
  const linked = plan.fiches.filter((f) => fiche.linkedFicheIds.includes(f.id));
  const totals = budgetTotals([fiche]);
  const funders = coFunderTotals([fiche]);
  const csrf = <input type="hidden" name="_csrf" value={frame.ctx.csrfToken} />;
  return (
    <PlanPageFrame
      frame={frame}
      heading={`Fiche ${ref} — ${fiche.title}`}
      notice={props.notice}
      {...(props.errors ? { errors: props.errors } : {})}
    >
      <p class="actions">
        <a href={`${base}/fiches`}>Retour au plan d’actions</a>
        {mayEdit ? (
          <a class="button" href={`${base}/fiches/${fiche.id}/modifier`}>
            Modifier la fiche
          </a>
        ) : null}
        {mayEdit ? (
          <a class="button light" href={`${base}/indicateurs/nouveau?fiche=${fiche.id}`}>
            Ajouter un indicateur
          </a>
        ) : null}
        {rights.edit ? (
          <a class="button danger" href={`${base}/fiches/${fiche.id}/suppression`}>
            Supprimer la fiche
          </a>
        ) : null}
      </p>
      <ul class="actions" aria-label="Télécharger la fiche">
        {ficheSheetFormats().map((format) => (
          <li>
            <a class="button light" href={ficheSheetHref(props.fiche.conventionId, fiche.id, format)}>
              Télécharger la fiche en {format.toUpperCase()}
            </a>
          </li>
        ))}
      </ul>
      <section aria-labelledby="en-bref">
        <h3 id="en-bref">En bref</h3>
        <dl class="facts">
          <dt>Axe</dt>
          <dd>{axe ? `Axe ${axe.position} — ${axe.title}` : '—'}</dd>
          <dt>Statut</dt>
          <dd>
            <StatusBadge fiche={fiche} today={today} />
          </dd>
          <dt>Priorité</dt>
          <dd>{fiche.priority ? PRIORITY_LABELS[fiche.priority] : 'Non précisée'}</dd>
          <dt>Dates</dt>
          <dd>
            <Dates f={fiche} />
          </dd>
          <dt>Thème</dt>
          <dd>{fiche.theme ? THEME_LABELS[fiche.theme] : 'Non précisé'}</dd>
          <dt>Publics</dt>
          <dd>
            {fiche.publics.length ? fiche.publics.map((p) => PUBLIC_LABELS[p]).join(', ') : 'Non précisés'}
          </dd>
          <dt>Participation des habitants</dt>
          <dd>{PARTICIPATION_LABELS[fiche.participation]}</dd>
          <dt>Élu référent</dt>
          <dd>{fiche.electedReferent || 'Non précisé'}</dd>
          <dt>Partenaires</dt>
          <dd>{fiche.partners.length ? fiche.partners.join(', ') : 'Aucun'}</dd>
          <dt>Objectifs servis</dt>
          <dd>{objectives.length ? objectives.map((o) => o.title).join(' ; ') : 'Aucun'}</dd>
          <dt>Fiches liées</dt>
          <dd>
            {linked.length
              ? linked.map((f, n) => (
                  <>
                    {n ? ', ' : ''}
                    <a href={`${base}/fiches/${f.id}`}>
                      {ficheReference(plan.axes, f)} {f.title}
                    </a>
                  </>
                ))
              : 'Aucune'}
          </dd>
          <dt>Diffusion</dt>
          <dd>{fiche.confidential ? 'Confidentielle' : 'Visible des partenaires de la convention'}</dd>
        </dl>
      </section>
      <section aria-labelledby="manque">
        <h3 id="manque">Ce qui manque</h3>
        {missing.length ? (
          <ul>
            {missing.map((m) => (
              <li>{m.label}</li>
            ))}
          </ul>
        ) : (
          <p>Rien : la fiche est complète.</p>
        )}
      </section>
      <section aria-labelledby="description">
        <h3 id="description">Description</h3>
        <p class="pre-line">{fiche.description || 'Aucune description.'}</p>
      </section>
      <section aria-labelledby="pilotes">
        <h3 id="pilotes">Pilotes</h3>
        <PilotList pilots={fiche.pilots} />
      </section>
      <section aria-labelledby="moyens">
        <h3 id="moyens">Moyens</h3>
        <h4>Moyens humains</h4>
        <p class="pre-line">{fiche.humanMeans || 'Non précisés.'}</p>
        <h4>Moyens techniques</h4>
        <p class="pre-line">{fiche.technicalMeans || 'Non précisés.'}</p>
      </section>
      <section aria-labelledby="budget">
        <h3 id="budget">Budget</h3>
        <BudgetTable lines={fiche.budget} caption={`Budget de la fiche ${ref} par année`} />
        {totals.length ? (
          <TableScroll label={`Totaux du budget de la fiche ${ref}`}>
            <table>
              <caption>Totaux par année, sous-actions comprises</caption>
              <thead>
                <tr>
                  <th scope="col">Année</th>
                  <th scope="col">Nature</th>
                  <th scope="col">Prévisionnel ou réalisé</th>
                  <th scope="col">Unité</th>
                  <th scope="col" class="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {totals.map((t) => (
                  <tr>
                    <th scope="row">{t.year}</th>
                    <td>{BUDGET_NATURE_LABELS[t.nature]}</td>
                    <td>{BUDGET_STAGE_LABELS[t.stage]}</td>
                    <td>{BUDGET_UNIT_LABELS[t.unit]}</td>
                    <td class="num">{amountText(t, t.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
        {funders.length ? (
          <TableScroll label={`Cofinanceurs de la fiche ${ref}`}>
            <table>
              <caption>Apport de chaque cofinanceur, toutes années</caption>
              <thead>
                <tr>
                  <th scope="col">Cofinanceur</th>
                  <th scope="col">Prévisionnel ou réalisé</th>
                  <th scope="col" class="num">
                    Montant
                  </th>
                </tr>
              </thead>
              <tbody>
                {funders.map((c) => (
                  <tr>
                    <th scope="row">{c.name}</th>
                    <td>{BUDGET_STAGE_LABELS[c.stage]}</td>
                    <td class="num">{amountText(c, c.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </section>
      <section aria-labelledby="sous-actions">
        <h3 id="sous-actions">Sous-actions</h3>
        {fiche.subActions.length ? (
          fiche.subActions.map((s) => {
            const sref = subActionReference(plan.axes, fiche, s);
            return (
              <section class="sub-action">
                <h4>
                  {sref} {s.title}
                </h4>
                <p>
                  <StatusBadge fiche={s as Fiche} today={today} /> — <Dates f={s} />
                </p>
                {s.description ? <p class="pre-line">{s.description}</p> : null}
                <PilotList pilots={s.pilots} />
                <BudgetTable lines={s.budget} caption={`Budget de la sous-action ${sref}`} />
              </section>
            );
          })
        ) : (
          <p>Aucune sous-action.</p>
        )}
      </section>
      <section aria-labelledby="criteres">
        <h3 id="criteres">Critères d’évaluation</h3>
        {fiche.evaluationCriteria.length ? (
          <ul>
            {fiche.evaluationCriteria.map((c) => (
              <li>{c}</li>
            ))}
          </ul>
        ) : (
          <p>Aucun critère d’évaluation.</p>
        )}
      </section>
      <section aria-labelledby="indicateurs">
        <h3 id="indicateurs">Indicateurs</h3>
        {indicators.length ? (
          indicators.map((i) => (
            <section>
              <h4>{i.title}</h4>
              <p>
                {i.unit ? `Unité : ${i.unit}. ` : ''}
                {i.baselineValue
                  ? `Valeur de référence : ${i.baselineValue}${i.baselineDate ? ` au ${formatShortFrenchDate(i.baselineDate)}` : ''}. `
                  : ''}
                {i.source ? `Source : ${i.source}.` : ''}
              </p>
              <DiagnosticFigure indicator={i} />
              <IndicatorChart indicator={i} />
              <p class="actions">
                <a href={`${base}/indicateurs/${i.id}`}>Voir l’indicateur « {i.title} »</a>
                {mayEdit ? (
                  <a href={`${base}/indicateurs/${i.id}/modifier`}>Modifier l’indicateur « {i.title} »</a>
                ) : null}
              </p>
            </section>
          ))
        ) : (
          <p>Aucun indicateur.</p>
        )}
      </section>
      <section aria-labelledby="notes">
        <h3 id="notes">Notes de suivi</h3>
        {fiche.notes.length ? (
          <ul>
            {[...fiche.notes].reverse().map((n) => (
              <li>
                <strong>{formatShortFrenchDate(n.date)}</strong> : <span class="pre-line">{n.text}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune note de suivi.</p>
        )}
        {mayEdit ? (
          <form method="post" action={`${base}/fiches/${fiche.id}/notes`} class="form">
            {csrf}
            <input type="hidden" name="submissionToken" value={crypto.randomUUID()} />
            <fieldset>
              <legend>Ajouter une note de suivi</legend>
              <div class="field">
                <label for="note-date">Date (aujourd’hui si vide)</label>
                <input id="note-date" name="date" type="date" max={today} />
              </div>
              <div class="field">
                <label for="note-texte">Note</label>
                <textarea id="note-texte" name="text" rows={3} required />
              </div>
              <button type="submit" class="button">
                Ajouter la note
              </button>
            </fieldset>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="commentaires">
        <h3 id="commentaires">Commentaires</h3>
        {props.fiche.comments.length ? (
          <ul>
            {props.fiche.comments.map((c) => (
              <li>
                <strong>
                  {c.authorLabel}
                  {c.authorOrganisation ? ` (${c.authorOrganisation})` : ''}, le{' '}
                  {formatFrenchDateTime(c.createdAt)}
                </strong>{' '}
                : <span class="pre-line">{c.text}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun commentaire.</p>
        )}
        {rights.comment ? (
          <form method="post" action={`${base}/fiches/${fiche.id}/commentaires`} class="form">
            {csrf}
            <input type="hidden" name="submissionToken" value={crypto.randomUUID()} />
            <div class="field">
              <label for="commentaire">Votre commentaire</label>
              <textarea id="commentaire" name="text" rows={3} required />
            </div>
            <button type="submit" class="button">
              Commenter
            </button>
          </form>
        ) : null}
      </section>
      <FicheFiles
        view={props.fiche}
        csrf={frame.ctx.csrfToken}
        uploadToken={props.uploadToken ?? crypto.randomUUID()}
        errors={props.errors}
      />
      <section aria-labelledby="historique">
        <h3 id="historique">Historique</h3>
        {props.fiche.history.length ? (
          <TableScroll label="Historique de la fiche">
            <table>
              <caption>Historique de la fiche (journal d’audit)</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Par</th>
                  <th scope="col">Opération</th>
                </tr>
              </thead>
              <tbody>
                {props.fiche.history.map((h) => (
                  <tr>
                    <th scope="row">{formatFrenchDateTime(h.at)}</th>
                    <td>{h.by}</td>
                    <td>{ACTIONS[h.action] ?? h.action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p>Aucune opération enregistrée.</p>
        )}
      </section>
    </PlanPageFrame>
  );
}

/** « Documents joints »: the files with their size, date and author; the upload form for editors. */
function FicheFiles(props: {
  view: FicheView;
  csrf: string;
  uploadToken: string;
  errors?: FieldError[] | undefined;
}) {
  const { view } = props;
  const href = `${planBase(view.conventionId)}/fiches/${view.fiche.id}/documents-joints`;
  return (
    <section aria-labelledby="documents">
      <h3 id="documents">Documents joints</h3>
      {view.files.length ? (
        <TableScroll label="Documents joints à la fiche">
          <table>
            <caption>Documents joints à la fiche</caption>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col" class="num">
                  Taille
                </th>
                <th scope="col">Joint le</th>
                <th scope="col">Par</th>
                {view.mayEdit ? <th scope="col">Action</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.files.map((f) => (
                <tr>
                  <th scope="row">
                    <a href={`${href}/${f.id}`} download={f.fileName}>
                      {f.fileName}
                    </a>
                  </th>
                  <td class="num">{fileSizeText(f.byteLength)}</td>
                  <td>{formatFrenchDateTime(f.uploadedAt)}</td>
                  <td>{f.uploadedByLabel}</td>
                  {view.mayEdit ? (
                    <td>
                      <a class="button light danger" href={`${href}/${f.id}/suppression`}>
                        Supprimer<span class="sr-only"> « {f.fileName} »</span>
                      </a>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>Aucun document joint.</p>
      )}
      {view.mayEdit ? (
        <form method="post" action={href} enctype="multipart/form-data" class="form">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <input type="hidden" name="submissionToken" value={props.uploadToken} />
          <fieldset>
            <legend>Joindre un document</legend>
            <div class="field">
              <label for="fichier">Fichier</label>
              <p class="hint" id="fichier-aide">
                {FICHE_FILE_EXTENSIONS.map((e) => e.toUpperCase()).join(', ')} ;{' '}
                {fileSizeText(MAX_FICHE_FILE_BYTES)} au plus.
              </p>
              <FieldMessage id="fichier" errors={props.errors} />
              <input
                id="fichier"
                name="fichier"
                type="file"
                required
                accept={FICHE_FILE_EXTENSIONS.map((e) => `.${e}`).join(',')}
                aria-describedby={
                  fieldErrorOf(props.errors, 'fichier') ? 'fichier-erreur fichier-aide' : 'fichier-aide'
                }
                {...(fieldErrorOf(props.errors, 'fichier') ? { 'aria-invalid': 'true' } : {})}
              />
            </div>
            <button type="submit" class="button">
              Joindre le document
            </button>
          </fieldset>
        </form>
      ) : null}
    </section>
  );
}

export function DeleteFichePage(props: { frame: PlanFrame; fiche: FicheView }) {
  const { fiche, plan } = props.fiche;
  const ref = ficheReference(plan.axes, fiche);
  const base = planBase(props.fiche.conventionId);
  const indicators = plan.indicators.filter((i) => i.ficheId === fiche.id).length;
  return (
    <PlanPageFrame frame={props.frame} heading={`Supprimer la fiche ${ref} — ${fiche.title}`}>
      <p>
        La fiche, ses {fiche.subActions.length} sous-action(s), ses {indicators} indicateur(s), ses{' '}
        {props.fiche.files.length} document(s) joint(s) et ses commentaires seront supprimés. Le journal
        d’audit garde ce qu’elle contenait.
      </p>
      <form method="post" action={`${base}/fiches/${fiche.id}/suppression`} class="form">
        <input type="hidden" name="_csrf" value={props.frame.ctx.csrfToken} />
        <input type="hidden" name="version" value={String(fiche.version)} />
        <p class="actions">
          <button type="submit" class="button danger">
            Supprimer définitivement la fiche {ref}
          </button>
          <a href={`${base}/fiches/${fiche.id}`}>Annuler</a>
        </p>
      </form>
    </PlanPageFrame>
  );
}
