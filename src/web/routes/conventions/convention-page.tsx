/**
 * One convention through its whole life: editing while draft, signature, avenants, termination,
 * versions, documents. Forms work without JavaScript.
 */
import {
  AUTHORITY_LABELS,
  functionLabel,
  type IntegrityReport,
  type MissingInformation,
  missingInformation as missingOf,
  pendingSignatories,
  renderBlocks,
  renderText,
  signatoryName,
  statusAt,
  VARIANT_LABELS,
} from '../../../domain/convention/index.js';
import type { Attachment, Block, ConventionContent } from '../../../domain/convention/model.js';
import { formatFrenchDate, formatShortFrenchDate, type IsoDate } from '../../../domain/shared/dates.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import {
  allowedEvents,
  avenantView,
  PARTY_ROLE_LABELS,
  periodLabel,
  signatoriesView,
  terminationsView,
} from '../../presenters/convention.presenter.js';
import { territoryHref } from '../../presenters/territory.presenter.js';
import { ErrorSummary, Layout, type PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import { versionHistoryOf } from './avenant-pages.js';
import { blocksToEditableText } from './block-text.js';
import {
  Csrf,
  Downloads,
  type KeptInput,
  keptValue,
  PostButton,
  Status,
  Styles,
  SubmissionToken,
  TextBlocks,
  VersionField,
  VersionTable,
} from './convention-components.js';
import { AttachedFiles } from './file-components.js';

function Facts(props: { view: ConventionView; today: IsoDate }) {
  const c = props.view.convention;
  const status = statusAt(c, props.today);
  return (
    <dl class="facts">
      <div>
        <dt>État au {formatFrenchDate(props.today)}</dt>
        <dd>
          <Status status={status} />
        </dd>
      </div>
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

function MissingList(props: { missing: MissingInformation[] }) {
  if (!props.missing.length) return <p>Le projet est complet : il peut être soumis à la signature.</p>;
  return (
    <div class="alert info">
      <h3>Avant la mise en signature, il reste à compléter :</h3>
      <ul>
        {props.missing.map((m) => (
          <li>{m.label}</li>
        ))}
      </ul>
    </div>
  );
}

const FUNCTIONS: [string, string][] = [
  ['board_chair', 'Présidence du conseil d’administration'],
  ['director', 'Direction'],
  ['mayor', 'Maire'],
  ['epci_president', 'Présidence de l’intercommunalité'],
  ['departement_president', 'Présidence du conseil départemental'],
  ['prefect', 'Préfet ou préfète'],
  ['msa_president', 'Présidence de la MSA'],
  ['msa_director', 'Direction de la MSA'],
  ['other', 'Autre (préciser)'],
];

function SignatoriesForm(props: { ctx: PageContext; view: ConventionView; kept?: KeptInput | undefined }) {
  const c = props.view.convention;
  const kept = (name: string, fallback: string | undefined) =>
    keptValue(props.kept, 'signataires', name, fallback ?? '');
  return (
    <form method="post" action={`/conventions/${c.id}/signataires`} class="form">
      <Csrf ctx={props.ctx} />
      <VersionField version={props.view.version} />
      {c.content.parties.map((party, p) => {
        const rows = [...party.signatories, null];
        return (
          <fieldset>
            <legend>
              {party.name} ({PARTY_ROLE_LABELS[party.role]})
            </legend>
            <input type="hidden" name={`p${p}_organisationId`} value={party.id} />
            <input type="hidden" name={`p${p}_role`} value={party.role} />
            {rows.map((s, i) => {
              const id = `p${p}_s${i}`;
              return (
                <fieldset>
                  <legend>{s ? `Signataire ${i + 1}` : 'Ajouter un signataire (facultatif)'}</legend>
                  {s ? <input type="hidden" name={`${id}_id`} value={s.id} /> : null}
                  <div class="grid-fields">
                    <div class="field">
                      <label for={`${id}_civility`}>Civilité</label>
                      <select id={`${id}_civility`} name={`${id}_civility`}>
                        <option value="madame" selected={kept(`${id}_civility`, s?.civility) === 'madame'}>
                          Madame
                        </option>
                        <option
                          value="monsieur"
                          selected={kept(`${id}_civility`, s?.civility) === 'monsieur'}
                        >
                          Monsieur
                        </option>
                      </select>
                    </div>
                    <div class="field">
                      <label for={`${id}_firstName`}>Prénom</label>
                      <input
                        id={`${id}_firstName`}
                        name={`${id}_firstName`}
                        type="text"
                        value={kept(`${id}_firstName`, s?.firstName)}
                      />
                    </div>
                    <div class="field">
                      <label for={`${id}_lastName`}>Nom</label>
                      <input
                        id={`${id}_lastName`}
                        name={`${id}_lastName`}
                        type="text"
                        value={kept(`${id}_lastName`, s?.lastName)}
                      />
                    </div>
                    <div class="field">
                      <label for={`${id}_function`}>Fonction</label>
                      <select id={`${id}_function`} name={`${id}_function`}>
                        {FUNCTIONS.map(([value, label]) => (
                          <option value={value} selected={kept(`${id}_function`, s?.function) === value}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div class="field">
                      <label for={`${id}_functionText`}>Fonction (si « Autre »)</label>
                      <input
                        id={`${id}_functionText`}
                        name={`${id}_functionText`}
                        type="text"
                        value={kept(`${id}_functionText`, s?.functionText)}
                      />
                    </div>
                    <div class="field">
                      <label for={`${id}_authority`}>Habilitation</label>
                      <select id={`${id}_authority`} name={`${id}_authority`}>
                        {Object.entries(AUTHORITY_LABELS).map(([value, label]) => (
                          <option
                            value={value}
                            selected={kept(`${id}_authority`, s?.authority.kind) === value}
                          >
                            {label}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div class="field">
                      <label for={`${id}_authorityDate`}>Date de la délibération</label>
                      <input
                        id={`${id}_authorityDate`}
                        name={`${id}_authorityDate`}
                        type="date"
                        value={kept(`${id}_authorityDate`, s?.authority.date ?? '')}
                      />
                    </div>
                  </div>
                  {s ? (
                    <p>
                      <input
                        type="checkbox"
                        id={`${id}_remove`}
                        name={`${id}_remove`}
                        value="1"
                        checked={kept(`${id}_remove`, '') === '1'}
                      />{' '}
                      <label for={`${id}_remove`}>Retirer ce signataire</label>
                    </p>
                  ) : null}
                </fieldset>
              );
            })}
          </fieldset>
        );
      })}
      <button type="submit" class="button">
        Enregistrer les signataires
      </button>
    </form>
  );
}

function DraftForms(props: { ctx: PageContext; view: ConventionView; kept?: KeptInput | undefined }) {
  const c = props.view.convention;
  const kept = (name: string, fallback: string) => keptValue(props.kept, 'general', name, fallback);
  const base = `/conventions/${c.id}`;
  const deliberation = c.content.annexes.find((a) => a.key === 'deliberation');
  return (
    <section aria-labelledby="modifier">
      <h2 id="modifier">Modifier le projet</h2>
      <MissingList missing={props.view.convention.status === 'draft' ? missingOf(c.content) : []} />
      <h3>Généralités</h3>
      <form method="post" action={`${base}/general`} class="form">
        <Csrf ctx={props.ctx} />
        <VersionField version={props.view.version} />
        <div class="grid-fields">
          <div class="field">
            <label for="variant">Modèle de convention</label>
            <select id="variant" name="variant">
              {Object.entries(VARIANT_LABELS).map(([value, label]) => (
                <option value={value} selected={kept('variant', c.content.variant) === value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="start">Date de début</label>
            <input
              id="start"
              name="start"
              type="date"
              required
              value={kept('start', c.content.period.start)}
            />
          </div>
          <div class="field">
            <label for="end">Date de fin</label>
            <input id="end" name="end" type="date" required value={kept('end', c.content.period.end)} />
          </div>
          <div class="field">
            <label for="place">Lieu de signature</label>
            <input id="place" name="place" type="text" value={kept('place', c.content.placeOfSignature)} />
          </div>
        </div>
        <p>
          <button type="submit" class="button">
            Enregistrer les généralités
          </button>
        </p>
      </form>
      <h3>Délibération (annexe {deliberation?.number ?? 7})</h3>
      {deliberation?.attachments.length ? (
        <AttachedFiles conventionId={c.id} files={deliberation.attachments} />
      ) : (
        <p>Aucune délibération n’est encore jointe.</p>
      )}
      <form method="post" action={`${base}/deliberation`} enctype="multipart/form-data" class="form">
        <Csrf ctx={props.ctx} />
        <div class="field">
          <label for="fichier">Délibération au format PDF (15 Mo au plus)</label>
          <input id="fichier" name="fichier" type="file" accept="application/pdf,.pdf" required />
        </div>
        <button type="submit" class="button">
          Joindre la délibération
        </button>
      </form>
      <h3>Parties et signataires</h3>
      <details open={props.kept?.form === 'signataires'}>
        <summary>Modifier les signataires</summary>
        <SignatoriesForm ctx={props.ctx} view={props.view} kept={props.kept} />
      </details>
    </section>
  );
}

function ArticleSection(props: {
  ctx: PageContext;
  content: ConventionContent;
  kind: 'article' | 'annex';
  item: { key: string; number: number; title: string; blocks: Block[]; attachments?: Attachment[] };
  editAction: string | null;
  version: number;
  kept?: KeptInput | undefined;
  /** Set for annexes: their attached files are offered for download. */
  conventionId?: string;
}) {
  const { item, content } = props;
  const form = props.kind === 'article' ? 'articles' : 'annexes';
  const isKept = props.kept?.form === form && props.kept.values.key === item.key;
  const label = props.kind === 'article' ? 'Article' : 'Annexe';
  const id = `${props.kind}-${item.key}`;
  return (
    <section class="article" aria-labelledby={id}>
      <h3 id={id}>
        {label} {item.number} – {renderText(item.title, content)}
      </h3>
      <TextBlocks blocks={renderBlocks(item.blocks, content)} headingLevel={4} />
      {props.conventionId && item.attachments?.length ? (
        <AttachedFiles conventionId={props.conventionId} files={item.attachments} />
      ) : null}
      {props.editAction ? (
        <details open={isKept}>
          <summary>
            Modifier {props.kind === 'article' ? 'l’article' : 'l’annexe'} {item.number}
          </summary>
          <form method="post" action={props.editAction} class="form">
            <Csrf ctx={props.ctx} />
            <VersionField version={props.version} />
            <input type="hidden" name="key" value={item.key} />
            <div class="field">
              <label for={`${id}-title`}>Titre</label>
              <input
                id={`${id}-title`}
                name="title"
                type="text"
                value={keptValue(props.kept, form, 'title', item.title, item.key)}
              />
            </div>
            <div class="field">
              <label for={`${id}-text`}>Texte</label>
              <p class="muted" id={`${id}-help`}>
                Un paragraphe par bloc séparé d’une ligne vide ; « ## » devant un intertitre, « - » devant un
                élément de liste, « | » entre les cellules d’un tableau. Les champs entre accolades (
                {'{collectivite}'}, {'{date_fin}'}…) sont remplis à l’impression.
              </p>
              <textarea id={`${id}-text`} name="text" rows={14} aria-describedby={`${id}-help`}>
                {keptValue(props.kept, form, 'text', blocksToEditableText(item.blocks), item.key)}
              </textarea>
            </div>
            <button type="submit" class="button">
              Enregistrer {props.kind === 'article' ? 'l’article' : 'l’annexe'} {item.number}
            </button>
          </form>
        </details>
      ) : null}
    </section>
  );
}

function TerminationSection(props: {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  canAct: boolean;
}) {
  const c = props.view.convention;
  const base = `/conventions/${c.id}`;
  const procedures = terminationsView(c);
  // Only the parties the person acts for are offered as the sender.
  const ownParties = (c.versions.at(-1)?.content ?? c.content).parties.filter((p) =>
    props.view.actsFor.includes(p.id),
  );
  const cafParties = ownParties.filter((p) => p.role === 'caf');
  const canRemedy = (byPartyId: string) => props.view.actsFor.includes(byPartyId);
  return (
    <section aria-labelledby="resiliation">
      <h2 id="resiliation">Résiliation</h2>
      {procedures.length ? (
        <TableScroll label="Procédures de résiliation">
          <table>
            <caption>Procédures de résiliation engagées</caption>
            <thead>
              <tr>
                <th scope="col">Procédure</th>
                <th scope="col">Par</th>
                <th scope="col">Engagée le</th>
                <th scope="col">Effet le</th>
                <th scope="col">Motif</th>
                <th scope="col">Suite</th>
              </tr>
            </thead>
            <tbody>
              {procedures.map((t) => (
                <tr>
                  <th scope="row">{t.kindLabel}</th>
                  <td>{t.byPartyName}</td>
                  <td>{formatFrenchDate(t.startedOn)}</td>
                  <td>{formatFrenchDate(t.effectiveOn)}</td>
                  <td>
                    {t.groundLabel ? `${t.groundLabel} : ` : ''}
                    {t.reason}
                  </td>
                  <td>
                    {t.remediedOn ? (
                      `Régularisée le ${formatFrenchDate(t.remediedOn)}`
                    ) : t.kind === 'formal_notice' &&
                      t.effectiveOn > props.today &&
                      props.canAct &&
                      canRemedy(t.byPartyId) ? (
                      <PostButton
                        ctx={props.ctx}
                        action={`${base}/resiliations/${t.id}/regularisation`}
                        label="Constater la régularisation"
                        kind="light"
                      >
                        <label for={`rem-${t.id}`}>Date de régularisation</label>{' '}
                        <input
                          id={`rem-${t.id}`}
                          name="remediedOn"
                          type="date"
                          required
                          value={props.today}
                        />{' '}
                      </PostButton>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>Aucune procédure de résiliation n’est engagée.</p>
      )}
      {props.canAct && ownParties.length ? (
        <>
          <details>
            <summary>Mettre en demeure (résiliation un mois après, sauf régularisation)</summary>
            <form method="post" action={`${base}/mise-en-demeure`} class="form narrow">
              <Csrf ctx={props.ctx} />
              <PartySelect id="fn-party" parties={ownParties} />
              <div class="field">
                <label for="fn-date">Date d’envoi de la lettre recommandée</label>
                <input id="fn-date" name="sentOn" type="date" required value={props.today} />
              </div>
              <div class="field">
                <label for="fn-ground">Manquement</label>
                <select id="fn-ground" name="ground">
                  <option value="contract_breach">Aux obligations de la convention</option>
                  {cafParties.length ? (
                    <option value="legal_breach">Aux lois et règlements (Caf seulement)</option>
                  ) : null}
                </select>
              </div>
              <div class="field">
                <label for="fn-reason">Motif</label>
                <textarea id="fn-reason" name="reason" rows={3} required />
              </div>
              <button type="submit" class="button danger">
                Enregistrer la mise en demeure
              </button>
            </form>
          </details>
          <details>
            <summary>Dénoncer la convention (préavis de six mois)</summary>
            <form method="post" action={`${base}/denonciation`} class="form narrow">
              <Csrf ctx={props.ctx} />
              <PartySelect id="nt-party" parties={ownParties} />
              <div class="field">
                <label for="nt-date">Date de notification</label>
                <input id="nt-date" name="sentOn" type="date" required value={props.today} />
              </div>
              <div class="field">
                <label for="nt-reason">Motif</label>
                <textarea id="nt-reason" name="reason" rows={3} required />
              </div>
              <button type="submit" class="button danger">
                Enregistrer la dénonciation
              </button>
            </form>
          </details>
          {cafParties.length ? (
            <details>
              <summary>Résilier pour modification sans avenant (Caf, sans préavis)</summary>
              <form method="post" action={`${base}/resiliation-modification`} class="form narrow">
                <Csrf ctx={props.ctx} />
                <PartySelect id="uc-party" parties={cafParties} />
                <div class="field">
                  <label for="uc-date">Date du constat</label>
                  <input id="uc-date" name="detectedOn" type="date" required value={props.today} />
                </div>
                <button type="submit" class="button danger">
                  Prononcer la résiliation
                </button>
              </form>
            </details>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function PartySelect(props: { id: string; parties: ConventionContent['parties'] }) {
  return (
    <div class="field">
      <label for={props.id}>Partie à l’origine</label>
      <select id={props.id} name="byPartyId">
        {props.parties.map((p) => (
          <option value={p.id}>{p.name}</option>
        ))}
      </select>
    </div>
  );
}

/** Where the form of a kept input is on the page. */
function keptAnchor(kept: KeptInput): string {
  if (kept.form === 'articles') return `article-${kept.values.key ?? ''}`;
  if (kept.form === 'annexes') return `annex-${kept.values.key ?? ''}`;
  return 'modifier';
}

export function ConventionPage(props: {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  integrity: IntegrityReport;
  errors?: string[];
  notice?: string;
  /** The input of a refused form, drawn again in it. */
  kept?: KeptInput;
}) {
  const { view, today } = props;
  const c = view.convention;
  const title = `Convention territoriale globale — ${c.content.territory.name}`;
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
    <Layout
      ctx={props.ctx}
      title={title}
      crumbs={[
        { label: 'Accueil', href: '/' },
        { label: 'Conventions', href: '/conventions' },
        { label: c.content.territory.name },
      ]}
    >
      <Styles />
      <h1>{title}</h1>
      <ErrorSummary title="L’opération n’a pas été faite" messages={props.errors ?? []} />
      {props.kept ? (
        <p>
          <a href={`#${keptAnchor(props.kept)}`}>Aller au formulaire, où votre saisie est conservée</a>
        </p>
      ) : null}
      {props.notice ? (
        <div class="alert info" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <Facts view={view} today={today} />
      {c.renewalOf ? (
        <p>
          Cette convention renouvelle <a href={`/conventions/${c.renewalOf}`}>la convention précédente</a>.
        </p>
      ) : null}
      {props.integrity.state === 'modified' ? (
        <div class="alert error" role="alert">
          <h2>Texte modifié sans avenant</h2>
          <p>
            Le texte enregistré ne correspond plus à la version signée :{' '}
            {props.integrity.differences.map((d) => d.label).join(', ') || 'contenu scellé altéré'}.
          </p>
        </div>
      ) : null}

      <section aria-labelledby="actions">
        <h2 id="actions">Actions</h2>
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

      <section aria-labelledby="documents">
        <h2 id="documents">Documents</h2>
        <p>La convention complète avec ses sept annexes, sommaire et bloc de signatures.</p>
        <Downloads id={c.id} />
      </section>

      <section aria-labelledby="parties">
        <h2 id="parties">Parties et signataires</h2>
        <PartiesTable view={view} />
        {pending.length && view.canEdit ? (
          <form method="post" action={`${base}/signatures`} class="form narrow">
            <Csrf ctx={props.ctx} />
            <h3>Enregistrer une signature</h3>
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

      {isDraft ? <DraftForms ctx={props.ctx} view={view} kept={props.kept} /> : null}

      {c.versions.length ? (
        <section aria-labelledby="avenants">
          <h2 id="avenants">Avenants</h2>
          {c.avenants.length ? (
            <ul>
              {c.avenants.map((a) => {
                const v = avenantView(c, a);
                return (
                  <li>
                    <a href={`${base}/avenants/${a.id}`}>
                      {a.status === 'signed' ? `Avenant n° ${a.number}` : 'Avenant en préparation'}
                    </a>{' '}
                    — {a.purpose} ({v.statusLabel})
                  </li>
                );
              })}
            </ul>
          ) : (
            <p>Aucun avenant.</p>
          )}
          <h2 id="versions">Historique des versions</h2>
          <VersionTable id={c.id} versions={versionHistoryOf(view)} />
        </section>
      ) : null}

      {c.versions.length ? (
        <TerminationSection
          ctx={props.ctx}
          view={view}
          today={today}
          canAct={events.includes('send_formal_notice')}
        />
      ) : null}

      <section aria-labelledby="texte">
        <h2 id="texte">Texte de la convention</h2>
        <h3>Visas</h3>
        <ul>
          {c.content.visas.map((v) => (
            <li>{renderText(v.text, c.content)}</li>
          ))}
        </ul>
        <h3>Préambule</h3>
        <TextBlocks blocks={renderBlocks(c.content.preamble, c.content)} headingLevel={4} />
        {c.content.articles.map((a) => (
          <ArticleSection
            ctx={props.ctx}
            content={c.content}
            kind="article"
            item={a}
            editAction={isDraft ? `${base}/articles` : null}
            version={view.version}
            kept={props.kept}
          />
        ))}
        <h2 id="annexes">Annexes</h2>
        {c.content.annexes.map((a) => (
          <ArticleSection
            ctx={props.ctx}
            content={c.content}
            kind="annex"
            item={a}
            conventionId={c.id}
            editAction={isDraft && a.key !== 'deliberation' ? `${base}/annexes` : null}
            version={view.version}
            kept={props.kept}
          />
        ))}
      </section>
    </Layout>
  );
}
