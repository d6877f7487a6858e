/**
 * The summary of one convention, the first page of its workspace: its facts, what is missing before
 * signature, the next deadlines, the parties and their signatures, the latest changes, and the
 * actions of the day. The text, the documents, the termination and each module have their own tab;
 * edit forms have their own pages (convention-edit-pages.tsx).
 */
import type { AuditRow } from '../../../db/repositories/audit.repository.js';
import {
  AUTHORITY_LABELS,
  type DueItem,
  functionLabel,
  type IntegrityReport,
  type MissingInformation,
  missingInformation as missingOf,
  pendingSignatories,
  signatoryName,
  VARIANT_LABELS,
} from '../../../domain/convention/index.js';
import { formatShortFrenchDate, type IsoDate } from '../../../domain/shared/dates.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import { actionLabel } from '../../presenters/audit.presenter.js';
import { allowedEvents, periodLabel, signatoriesView } from '../../presenters/convention.presenter.js';
import { territoryHref } from '../../presenters/territory.presenter.js';
import type { PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import { Csrf, PostButton, SubmissionToken } from './convention-components.js';
import { type ConventionExtensions, WorkspaceLayout } from './workspace.js';

function Facts(props: { view: ConventionView; editable: boolean }) {
  const c = props.view.convention;
  return (
    <dl class="facts">
      <div>
        <dt>Période</dt>
        <dd>{periodLabel({ startDate: c.content.period.start, endDate: c.content.period.end })}</dd>
      </div>
      <div>
        <dt>Modèle</dt>
        <dd>{VARIANT_LABELS[c.content.variant]}</dd>
      </div>
      <div>
        <dt>{props.view.territories.length > 1 ? 'Territoires' : 'Territoire'}</dt>
        <dd>
          {props.view.territories.map((t, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={territoryHref(t)}>{t.name}</a>
            </>
          ))}
        </dd>
      </div>
      <div>
        <dt>Lieu de signature</dt>
        <dd>{c.content.placeOfSignature || 'à préciser'}</dd>
      </div>
      <div>
        <dt>Vos droits</dt>
        <dd>{props.view.canEdit ? 'Consultation et modification' : 'Consultation seule'}</dd>
      </div>
    </dl>
  );
}

function PartiesTable(props: { view: ConventionView }) {
  const c = props.view.convention;
  const parties = signatoriesView(c);
  const inRound = Boolean(c.signature);
  return (
    <TableScroll label="Parties et signataires">
      <table>
        <caption>Parties à la convention et leurs signataires</caption>
        <thead>
          <tr>
            <th scope="col">Partie</th>
            <th scope="col">Qualité</th>
            <th scope="col">Signataire</th>
            <th scope="col">Fonction</th>
            <th scope="col">Habilitation</th>
            <th scope="col">Signature</th>
          </tr>
        </thead>
        <tbody>
          {parties.flatMap((p) =>
            p.signatories.length
              ? p.signatories.map((s) => (
                  <tr>
                    <th scope="row">{p.name}</th>
                    <td>{p.roleLabel}</td>
                    <td>{s.displayName}</td>
                    <td>{s.functionLabel}</td>
                    <td>
                      {AUTHORITY_LABELS[s.authority.kind]}
                      {s.authority.date ? ` du ${formatShortFrenchDate(s.authority.date)}` : ''}
                    </td>
                    <td>
                      {s.signedOn
                        ? `Signée le ${formatShortFrenchDate(s.signedOn)}`
                        : inRound
                          ? 'En attente'
                          : '—'}
                    </td>
                  </tr>
                ))
              : [
                  <tr>
                    <th scope="row">{p.name}</th>
                    <td>{p.roleLabel}</td>
                    <td colSpan={4}>Signataire non encore désigné</td>
                  </tr>,
                ],
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Where each missing piece is filled in. */
function missingHref(base: string, code: string): string {
  if (code === 'deliberation_attachment') return `${base}/documents#deliberation`;
  if (code.startsWith('placeholder:')) return `${base}/texte`;
  if (code.startsWith('signator') || code.endsWith('_party')) return `${base}/signataires/modifier`;
  return `${base}/generalites/modifier`;
}

function MissingList(props: { missing: MissingInformation[]; base: string }) {
  if (!props.missing.length) return <p>Le projet est complet : il peut être soumis à la signature.</p>;
  return (
    <div class="alert info">
      <p>Avant la mise en signature, il reste à compléter :</p>
      <ul>
        {props.missing.map((m) => (
          <li>
            {m.label} <a href={missingHref(props.base, m.code)}>Compléter</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Deadlines(props: { items: readonly DueItem[] }) {
  if (!props.items.length) return <p>Aucune échéance n’attend d’action sur cette convention.</p>;
  return (
    <ul class="deadlines">
      {props.items.map((item) => (
        <li>
          {item.dueOn ? <strong>{formatShortFrenchDate(item.dueOn)} : </strong> : null}
          {item.label}
        </li>
      ))}
    </ul>
  );
}

function LatestChanges(props: { rows: readonly AuditRow[] }) {
  if (!props.rows.length) return <p>Aucune modification enregistrée.</p>;
  return (
    <TableScroll label="Dernières modifications">
      <table>
        <caption>Les dernières modifications de la convention</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Opération</th>
            <th scope="col">Par</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{formatShortFrenchDate(r.at.toISOString().slice(0, 10))}</td>
              <th scope="row">{actionLabel(r.action)}</th>
              <td>{r.actorLabel.replace(/\s*<[^>]*>$/, '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ConventionSummaryPage(props: {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  integrity: IntegrityReport;
  extensions: ConventionExtensions;
  dueItems: readonly DueItem[];
  changes: readonly AuditRow[];
  errors?: string[];
  notice?: string;
}) {
  const { view, today } = props;
  const c = view.convention;
  const base = `/conventions/${c.id}`;
  const events = view.canEdit ? allowedEvents(c, today) : [];
  const isDraft = events.includes('edit');
  const openAvenant = c.avenants.find((a) => a.status === 'draft' || a.status === 'in_signature');
  // Only the signatories of the parties the person acts for are offered.
  const pending =
    c.status === 'in_signature' && c.signature
      ? pendingSignatories(c.content, c.signature).filter(({ party }) => view.actsFor.includes(party.id))
      : [];
  return (
    <WorkspaceLayout
      ctx={props.ctx}
      view={view}
      today={today}
      extensions={props.extensions}
      current="synthese"
      {...(props.errors ? { errors: props.errors } : {})}
      {...(props.notice ? { notice: props.notice } : {})}
    >
      <script src="/assets/workspace-anchors.js" defer />
      <Facts view={view} editable={isDraft} />
      {isDraft ? (
        <p>
          <a href={`${base}/generalites/modifier`}>Modifier les généralités</a> (modèle, période, lieu de
          signature)
        </p>
      ) : null}
      {c.renewalOf ? (
        <p>
          Cette convention renouvelle <a href={`/conventions/${c.renewalOf}`}>la convention précédente</a>.
        </p>
      ) : null}
      {props.integrity.state === 'modified' ? (
        <div class="alert error" role="alert">
          <h3>Texte modifié sans avenant</h3>
          <p>
            Le texte enregistré ne correspond plus à la version signée :{' '}
            {props.integrity.differences.map((d) => d.label).join(', ') || 'contenu scellé altéré'}.
          </p>
        </div>
      ) : null}

      {c.status === 'draft' ? (
        <section aria-labelledby="manque">
          <h3 id="manque">Ce qui manque</h3>
          <MissingList missing={missingOf(c.content)} base={base} />
        </section>
      ) : null}

      <section aria-labelledby="echeances">
        <h3 id="echeances">Prochaines échéances</h3>
        <Deadlines items={props.dueItems} />
      </section>

      <section aria-labelledby="actions">
        <h3 id="actions">Actions</h3>
        <div class="actions">
          {events.includes('submit') ? (
            <PostButton ctx={props.ctx} action={`${base}/soumettre`} label="Soumettre à la signature" />
          ) : null}
          {events.includes('cancel_signature') ? (
            <PostButton
              ctx={props.ctx}
              action={`${base}/annuler-signature`}
              label="Annuler la signature (retour au projet)"
              kind="danger"
            />
          ) : null}
          {events.includes('amend') && !openAvenant ? (
            <form method="post" action={`${base}/avenants`} class="form">
              <Csrf ctx={props.ctx} />
              <SubmissionToken />
              <div class="field">
                <label for="purpose">Objet du nouvel avenant</label>
                <input id="purpose" name="purpose" type="text" required />
              </div>
              <button type="submit" class="button">
                Préparer un avenant
              </button>
            </form>
          ) : null}
          {openAvenant ? (
            <p>
              <a href={`${base}/avenants/${openAvenant.id}`}>
                Avenant en préparation : {openAvenant.purpose}
              </a>
            </p>
          ) : null}
          {events.includes('renew') ? (
            <PostButton
              ctx={props.ctx}
              action={`${base}/renouveler`}
              label="Préparer la convention suivante"
              kind="light"
            />
          ) : null}
          {!events.length ? <p>Aucune action n’est possible pour vous sur cette convention.</p> : null}
        </div>
        {!isDraft && view.canEdit && c.status !== 'draft' ? (
          <p class="muted">
            Le texte n’est plus modifiable directement : une convention signée ne peut être modifiée que par
            avenant.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="parties">
        <h3 id="parties">Parties et signataires</h3>
        <PartiesTable view={view} />
        {isDraft ? (
          <p>
            <a href={`${base}/signataires/modifier`}>Modifier les signataires</a>
          </p>
        ) : null}
        {pending.length && view.canEdit ? (
          <form method="post" action={`${base}/signatures`} class="form narrow">
            <Csrf ctx={props.ctx} />
            <h4>Enregistrer une signature</h4>
            <div class="field">
              <label for="signatoryId">Signataire</label>
              <select id="signatoryId" name="signatoryId">
                {pending.map(({ party, signatory }) => (
                  <option value={signatory.id}>
                    {signatoryName(signatory)} ({functionLabel(signatory)}, {party.name})
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="signedOn">Date de signature</label>
              <input id="signedOn" name="signedOn" type="date" required value={today} />
            </div>
            <button type="submit" class="button">
              Enregistrer la signature
            </button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="modifications">
        <h3 id="modifications">Dernières modifications</h3>
        <LatestChanges rows={props.changes} />
      </section>
    </WorkspaceLayout>
  );
}
