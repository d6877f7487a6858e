/**
 * Pages of conventions: the list, one convention through its whole life (editing while draft,
 * signature, avenants, termination, versions, documents), an avenant with its diff, a signed
 * version's text, what is due, and a Caf's own templates. Forms work without JavaScript.
 */
import type { ComponentChildren } from 'preact';
import type { ConventionSummary } from '../../../db/repositories/convention.repository.js';
import {
  AUTHORITY_LABELS,
  type DiffPart,
  type DueItem,
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
  type VersionSummary,
  versionHistory,
} from '../../../domain/convention/index.js';
import type { Block, ConventionContent, ListItem } from '../../../domain/convention/model.js';
import { formatFrenchDate, formatShortFrenchDate, type IsoDate } from '../../../domain/shared/dates.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import {
  allowedEvents,
  avenantView,
  PARTY_ROLE_LABELS,
  periodLabel,
  signatoriesView,
  statusLabel,
  terminationsView,
} from '../../presenters/convention.presenter.js';
import { territoryHref } from '../../presenters/territory.presenter.js';
import { ErrorSummary, Layout, type PageContext } from '../../views/components/layout.js';
import { blocksToEditableText } from './block-text.js';

const Styles = () => <link rel="stylesheet" href="/assets/convention.css" />;

function Csrf(props: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />;
}

function PostButton(props: {
  ctx: PageContext;
  action: string;
  label: string;
  kind?: 'light' | 'danger';
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={props.action}>
      <Csrf ctx={props.ctx} />
      {props.children}
      <button type="submit" class={`button${props.kind ? ` ${props.kind}` : ''}`}>
        {props.label}
      </button>
    </form>
  );
}

export function Status(props: { status: string }) {
  return <span class={`status status-${props.status}`}>{statusLabel(props.status)}</span>;
}

function Items(props: { items: ListItem[] }) {
  return (
    <ul>
      {props.items.map((item) => (
        <li>
          {item.text}
          {item.items?.length ? <Items items={item.items} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Rendered text of an article or annex (placeholders already filled). */
export function TextBlocks(props: { blocks: Block[]; headingLevel?: 3 | 4 }) {
  const H = props.headingLevel === 4 ? 'h4' : 'h3';
  return (
    <div class="text-block">
      {props.blocks.map((block) => {
        switch (block.type) {
          case 'heading':
            return <H>{block.text}</H>;
          case 'paragraph':
            return <p>{block.text}</p>;
          case 'list':
            return <Items items={block.items} />;
          default:
            return (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      {block.columns.map((c) => (
                        <th scope="col">{c}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row) => (
                      <tr>
                        {row.map((value, i) =>
                          i === 0 ? <th scope="row">{value}</th> : <td>{value || '—'}</td>,
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
        }
      })}
    </div>
  );
}

/** A word diff readable without colour: « [+ … +] » and « [− … −] » markers, spoken by screen readers. */
export function Diff(props: { parts: DiffPart[] }) {
  return (
    <div class="diff">
      {props.parts.map((part) =>
        part.op === 'equal' ? (
          part.text
        ) : part.op === 'insert' ? (
          <ins>
            <span class="marker" aria-hidden="true">
              [+
            </span>
            <span class="sr-only">début d’ajout : </span>
            {part.text}
            <span class="sr-only"> fin d’ajout</span>
            <span class="marker" aria-hidden="true">
              +]
            </span>
          </ins>
        ) : (
          <del>
            <span class="marker" aria-hidden="true">
              [−
            </span>
            <span class="sr-only">début de suppression : </span>
            {part.text}
            <span class="sr-only"> fin de suppression</span>
            <span class="marker" aria-hidden="true">
              −]
            </span>
          </del>
        ),
      )}
    </div>
  );
}

// ─── List ────────────────────────────────────────────────────────────────────────────────────

export function ConventionTable(props: { conventions: ConventionSummary[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Territoire</th>
            <th scope="col">Période</th>
            <th scope="col">État enregistré</th>
          </tr>
        </thead>
        <tbody>
          {props.conventions.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/conventions/${c.id}`}>{c.territoryName}</a>
              </th>
              <td>{periodLabel(c)}</td>
              <td>
                <Status status={c.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ConventionListPage(props: {
  ctx: PageContext;
  conventions: ConventionSummary[];
  canCreate: boolean;
  errors?: string[];
  code?: string;
}) {
  return (
    <Layout
      ctx={props.ctx}
      title="Conventions"
      crumbs={[{ label: 'Accueil', href: '/' }, { label: 'Conventions' }]}
    >
      <Styles />
      <h1>Conventions territoriales globales</h1>
      <p>
        <a href="/echeances">Voir les échéances et ce qui attend une action</a>
        {props.canCreate ? (
          <>
            {' · '}
            <a href="/conventions/modeles">Modèles de document de la Caf</a>
          </>
        ) : null}
      </p>
      {props.conventions.length ? (
        <ConventionTable
          conventions={props.conventions}
          caption="Les conventions que vous pouvez consulter"
        />
      ) : (
        <p>Aucune convention ne vous est accessible pour le moment.</p>
      )}
      {props.canCreate ? (
        <section aria-labelledby="nouvelle">
          <h2 id="nouvelle">Préparer une nouvelle convention</h2>
          <ErrorSummary title="La convention n’a pas été créée" messages={props.errors ?? []} />
          <form method="post" action="/conventions" class="form narrow">
            <Csrf ctx={props.ctx} />
            <div class="field">
              <label for="code">Code de la commune (Insee) ou SIREN de l’intercommunalité</label>
              <input id="code" name="code" type="text" required value={props.code ?? ''} />
            </div>
            <button type="submit" class="button">
              Créer le projet de convention
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

// ─── One convention ──────────────────────────────────────────────────────────────────────────

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
    <div class="table-wrap">
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
    </div>
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

function SignatoriesForm(props: { ctx: PageContext; view: ConventionView }) {
  const c = props.view.convention;
  return (
    <form method="post" action={`/conventions/${c.id}/signataires`} class="form">
      <Csrf ctx={props.ctx} />
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
                        <option value="madame" selected={s?.civility === 'madame'}>
                          Madame
                        </option>
                        <option value="monsieur" selected={s?.civility === 'monsieur'}>
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
                        value={s?.firstName ?? ''}
                      />
                    </div>
                    <div class="field">
                      <label for={`${id}_lastName`}>Nom</label>
                      <input
                        id={`${id}_lastName`}
                        name={`${id}_lastName`}
                        type="text"
                        value={s?.lastName ?? ''}
                      />
                    </div>
                    <div class="field">
                      <label for={`${id}_function`}>Fonction</label>
                      <select id={`${id}_function`} name={`${id}_function`}>
                        {FUNCTIONS.map(([value, label]) => (
                          <option value={value} selected={s?.function === value}>
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
                        value={s?.functionText ?? ''}
                      />
                    </div>
                    <div class="field">
                      <label for={`${id}_authority`}>Habilitation</label>
                      <select id={`${id}_authority`} name={`${id}_authority`}>
                        {Object.entries(AUTHORITY_LABELS).map(([value, label]) => (
                          <option value={value} selected={s?.authority.kind === value}>
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
                        value={s?.authority.date ?? ''}
                      />
                    </div>
                  </div>
                  {s ? (
                    <p>
                      <input type="checkbox" id={`${id}_remove`} name={`${id}_remove`} value="1" />{' '}
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

function DraftForms(props: { ctx: PageContext; view: ConventionView }) {
  const c = props.view.convention;
  const base = `/conventions/${c.id}`;
  const deliberation = c.content.annexes.find((a) => a.key === 'deliberation');
  return (
    <section aria-labelledby="modifier">
      <h2 id="modifier">Modifier le projet</h2>
      <MissingList missing={props.view.convention.status === 'draft' ? missingOf(c.content) : []} />
      <h3>Généralités</h3>
      <form method="post" action={`${base}/general`} class="form">
        <Csrf ctx={props.ctx} />
        <div class="grid-fields">
          <div class="field">
            <label for="variant">Modèle de convention</label>
            <select id="variant" name="variant">
              {Object.entries(VARIANT_LABELS).map(([value, label]) => (
                <option value={value} selected={c.content.variant === value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="start">Date de début</label>
            <input id="start" name="start" type="date" required value={c.content.period.start} />
          </div>
          <div class="field">
            <label for="end">Date de fin</label>
            <input id="end" name="end" type="date" required value={c.content.period.end} />
          </div>
          <div class="field">
            <label for="place">Lieu de signature</label>
            <input id="place" name="place" type="text" value={c.content.placeOfSignature} />
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
        <p>
          Fichier joint :{' '}
          <a href={`${base}/fichiers/${deliberation.attachments[0]!.sha256}`}>
            {deliberation.attachments[0]!.fileName}
          </a>{' '}
          (empreinte SHA-256 <code>{deliberation.attachments[0]!.sha256}</code>)
        </p>
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
      <details>
        <summary>Modifier les signataires</summary>
        <SignatoriesForm ctx={props.ctx} view={props.view} />
      </details>
    </section>
  );
}

function ArticleSection(props: {
  ctx: PageContext;
  content: ConventionContent;
  kind: 'article' | 'annex';
  item: { key: string; number: number; title: string; blocks: Block[] };
  editAction: string | null;
}) {
  const { item, content } = props;
  const label = props.kind === 'article' ? 'Article' : 'Annexe';
  const id = `${props.kind}-${item.key}`;
  return (
    <section class="article" aria-labelledby={id}>
      <h3 id={id}>
        {label} {item.number} – {renderText(item.title, content)}
      </h3>
      <TextBlocks blocks={renderBlocks(item.blocks, content)} headingLevel={4} />
      {props.editAction ? (
        <details>
          <summary>
            Modifier {props.kind === 'article' ? 'l’article' : 'l’annexe'} {item.number}
          </summary>
          <form method="post" action={props.editAction} class="form">
            <Csrf ctx={props.ctx} />
            <input type="hidden" name="key" value={item.key} />
            <div class="field">
              <label for={`${id}-title`}>Titre</label>
              <input id={`${id}-title`} name="title" type="text" value={item.title} />
            </div>
            <div class="field">
              <label for={`${id}-text`}>Texte</label>
              <p class="muted" id={`${id}-help`}>
                Un paragraphe par bloc séparé d’une ligne vide ; « ## » devant un intertitre, « - » devant un
                élément de liste, « | » entre les cellules d’un tableau. Les champs entre accolades (
                {'{collectivite}'}, {'{date_fin}'}…) sont remplis à l’impression.
              </p>
              <textarea id={`${id}-text`} name="text" rows={14} aria-describedby={`${id}-help`}>
                {blocksToEditableText(item.blocks)}
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

function Downloads(props: { id: string; version?: number }) {
  const q = props.version === undefined ? '' : `&version=${props.version}`;
  return (
    <ul class="actions" aria-label="Téléchargements">
      {(['odt', 'docx', 'pdf', 'html'] as const).map((format) => (
        <li style="list-style:none">
          <a class="button light" href={`/conventions/${props.id}/document?format=${format}${q}`}>
            Télécharger en {format.toUpperCase()}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function VersionTable(props: { id: string; versions: VersionSummary[] }) {
  if (!props.versions.length) return <p>Aucune version signée pour le moment.</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>Versions signées de la convention</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Signée le</th>
            <th scope="col">Objet</th>
            <th scope="col">Empreinte SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {props.versions.map((v) => (
            <tr>
              <th scope="row">
                <a href={`/conventions/${props.id}/versions/${v.number}`}>{v.label}</a>
              </th>
              <td>{formatShortFrenchDate(v.signedOn)}</td>
              <td>{v.purpose ?? '—'}</td>
              <td>
                <code>{v.hash.slice(0, 16)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
  const cafParties = c.content.parties.filter((p) => p.role === 'caf');
  return (
    <section aria-labelledby="resiliation">
      <h2 id="resiliation">Résiliation</h2>
      {procedures.length ? (
        <div class="table-wrap">
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
                    ) : t.kind === 'formal_notice' && t.effectiveOn > props.today && props.canAct ? (
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
        </div>
      ) : (
        <p>Aucune procédure de résiliation n’est engagée.</p>
      )}
      {props.canAct ? (
        <>
          <details>
            <summary>Mettre en demeure (résiliation un mois après, sauf régularisation)</summary>
            <form method="post" action={`${base}/mise-en-demeure`} class="form narrow">
              <Csrf ctx={props.ctx} />
              <PartySelect id="fn-party" parties={c.content.parties} />
              <div class="field">
                <label for="fn-date">Date d’envoi de la lettre recommandée</label>
                <input id="fn-date" name="sentOn" type="date" required value={props.today} />
              </div>
              <div class="field">
                <label for="fn-ground">Manquement</label>
                <select id="fn-ground" name="ground">
                  <option value="contract_breach">Aux obligations de la convention</option>
                  <option value="legal_breach">Aux lois et règlements (Caf seulement)</option>
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
              <PartySelect id="nt-party" parties={c.content.parties} />
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

export function ConventionPage(props: {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  integrity: IntegrityReport;
  errors?: string[];
  notice?: string;
}) {
  const { view, today } = props;
  const c = view.convention;
  const title = `Convention territoriale globale — ${c.content.territory.name}`;
  const base = `/conventions/${c.id}`;
  const events = view.canEdit ? allowedEvents(c, today) : [];
  const isDraft = events.includes('edit');
  const openAvenant = c.avenants.find((a) => a.status === 'draft' || a.status === 'in_signature');
  const pending =
    c.status === 'in_signature' && c.signature ? pendingSignatories(c.content, c.signature) : [];
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

      {isDraft ? <DraftForms ctx={props.ctx} view={view} /> : null}

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
          />
        ))}
        <h2 id="annexes">Annexes</h2>
        {c.content.annexes.map((a) => (
          <ArticleSection
            ctx={props.ctx}
            content={c.content}
            kind="annex"
            item={a}
            editAction={isDraft && a.key !== 'deliberation' ? `${base}/annexes` : null}
          />
        ))}
      </section>
    </Layout>
  );
}

function versionHistoryOf(view: ConventionView) {
  return versionHistory(view.convention);
}

// ─── Avenant ─────────────────────────────────────────────────────────────────────────────────

export function AvenantPage(props: {
  ctx: PageContext;
  view: ConventionView;
  avenantId: string;
  today: IsoDate;
  edit?: { kind: 'article' | 'annex'; key: string };
  errors?: string[];
}) {
  const c = props.view.convention;
  const avenant = c.avenants.find((a) => a.id === props.avenantId)!;
  const v = avenantView(c, avenant);
  const base = `/conventions/${c.id}/avenants/${avenant.id}`;
  const title = `${avenant.status === 'signed' ? `Avenant n° ${avenant.number}` : 'Avenant en préparation'} — ${c.content.territory.name}`;
  const signed = c.versions.at(-1)?.content ?? c.content;
  const canEdit = props.view.canEdit && avenant.status === 'draft';
  const current = (kind: 'article' | 'annex', key: string) => {
    const changed = (kind === 'article' ? avenant.changes.articles : avenant.changes.annexes).find(
      (x) => x.key === key,
    );
    return changed ?? (kind === 'article' ? signed.articles : signed.annexes).find((x) => x.key === key);
  };
  const editing = props.edit ? current(props.edit.kind, props.edit.key) : undefined;
  return (
    <Layout
      ctx={props.ctx}
      title={title}
      crumbs={[
        { label: 'Accueil', href: '/' },
        { label: 'Conventions', href: '/conventions' },
        { label: c.content.territory.name, href: `/conventions/${c.id}` },
        { label: 'Avenant' },
      ]}
    >
      <Styles />
      <h1>{title}</h1>
      <ErrorSummary title="L’opération n’a pas été faite" messages={props.errors ?? []} />
      <dl class="facts">
        <div>
          <dt>Objet</dt>
          <dd>{avenant.purpose}</dd>
        </div>
        <div>
          <dt>État</dt>
          <dd>{v.statusLabel}</dd>
        </div>
        <div>
          <dt>Préparé le</dt>
          <dd>{formatFrenchDate(avenant.createdOn)}</dd>
        </div>
        {avenant.signedOn ? (
          <div>
            <dt>Signé le</dt>
            <dd>{formatFrenchDate(avenant.signedOn)}</dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="modifications">
        <h2 id="modifications">Modifications apportées à la convention</h2>
        <p class="muted">Ajouts entre « [+ » et « +] », suppressions entre « [− » et « −] ».</p>
        {v.modifications.length ? (
          v.modifications.map((m) => (
            <section class="article" aria-label={m.label}>
              <h3>{m.label}</h3>
              <Diff parts={m.diff} />
            </section>
          ))
        ) : (
          <p>L’avenant ne modifie encore rien.</p>
        )}
      </section>

      {props.view.canEdit ? (
        <section aria-labelledby="avenant-actions">
          <h2 id="avenant-actions">Actions</h2>
          <div class="actions">
            {avenant.status === 'draft' ? (
              <PostButton
                ctx={props.ctx}
                action={`${base}/soumettre`}
                label="Soumettre l’avenant à la signature"
              />
            ) : null}
            {avenant.status === 'draft' || avenant.status === 'in_signature' ? (
              <PostButton
                ctx={props.ctx}
                action={`${base}/abandonner`}
                label="Abandonner l’avenant"
                kind="danger"
              />
            ) : null}
          </div>
          {v.pending.length ? (
            <form method="post" action={`${base}/signatures`} class="form narrow">
              <Csrf ctx={props.ctx} />
              <h3>Enregistrer une signature de l’avenant</h3>
              <div class="field">
                <label for="av-signatory">Signataire</label>
                <select id="av-signatory" name="signatoryId">
                  {v.pending.map((p) => (
                    <option value={p.id}>{p.label}</option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="av-date">Date de signature</label>
                <input id="av-date" name="signedOn" type="date" required value={props.today} />
              </div>
              <button type="submit" class="button">
                Enregistrer la signature
              </button>
            </form>
          ) : null}
        </section>
      ) : null}

      {canEdit ? (
        <section aria-labelledby="modifier-avenant">
          <h2 id="modifier-avenant">Modifier un article ou une annexe</h2>
          <form method="get" action={base} class="form">
            <div class="grid-fields">
              <div class="field">
                <label for="cible">Article ou annexe à modifier</label>
                <select id="cible" name="cible">
                  {signed.articles.map((a) => (
                    <option value={`article:${a.key}`} selected={props.edit?.key === a.key}>
                      Article {a.number} – {renderText(a.title, signed)}
                    </option>
                  ))}
                  {signed.annexes
                    .filter((a) => a.key !== 'deliberation')
                    .map((a) => (
                      <option value={`annex:${a.key}`} selected={props.edit?.key === a.key}>
                        Annexe {a.number} – {renderText(a.title, signed)}
                      </option>
                    ))}
                </select>
              </div>
            </div>
            <p>
              <button type="submit" class="button light">
                Afficher le texte à modifier
              </button>
            </p>
          </form>
          {props.edit && editing ? (
            <form
              method="post"
              action={`${base}/${props.edit.kind === 'article' ? 'articles' : 'annexes'}`}
              class="form"
            >
              <Csrf ctx={props.ctx} />
              <input type="hidden" name="key" value={props.edit.key} />
              <div class="field">
                <label for="av-title">Titre</label>
                <input id="av-title" name="title" type="text" value={editing.title} />
              </div>
              <div class="field">
                <label for="av-text">Nouveau texte</label>
                <textarea id="av-text" name="text" rows={16}>
                  {blocksToEditableText(editing.blocks)}
                </textarea>
              </div>
              <button type="submit" class="button">
                Enregistrer dans l’avenant
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
      {avenant.status === 'signed' ? (
        <p>
          <a
            href={`/conventions/${c.id}/versions/${c.versions.find((x) => x.avenantNumber === avenant.number)?.number ?? ''}`}
          >
            Lire le texte consolidé après cet avenant
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

// ─── Version ─────────────────────────────────────────────────────────────────────────────────

export function VersionPage(props: { ctx: PageContext; view: ConventionView; number: number }) {
  const c = props.view.convention;
  const version = c.versions.find((v) => v.number === props.number)!;
  const summary = versionHistory(c).find((v) => v.number === props.number)!;
  const content = version.content;
  const title = `${summary.label} — texte consolidé — ${content.territory.name}`;
  return (
    <Layout
      ctx={props.ctx}
      title={title}
      crumbs={[
        { label: 'Accueil', href: '/' },
        { label: 'Conventions', href: '/conventions' },
        { label: content.territory.name, href: `/conventions/${c.id}` },
        { label: summary.label },
      ]}
    >
      <Styles />
      <h1>{title}</h1>
      <p>
        Signée le {formatFrenchDate(version.signedOn)} ; période{' '}
        {periodLabel({ startDate: content.period.start, endDate: content.period.end })} ; empreinte SHA-256{' '}
        <code>{version.hash}</code>.
      </p>
      <Downloads id={c.id} version={version.number} />
      {content.articles.map((a) => (
        <section class="article" aria-labelledby={`v-${a.key}`}>
          <h2 id={`v-${a.key}`}>
            Article {a.number} – {renderText(a.title, content)}
          </h2>
          <TextBlocks blocks={renderBlocks(a.blocks, content)} />
        </section>
      ))}
      {content.annexes.map((a) => (
        <section class="article" aria-labelledby={`v-${a.key}`}>
          <h2 id={`v-${a.key}`}>
            Annexe {a.number} – {renderText(a.title, content)}
          </h2>
          <TextBlocks blocks={renderBlocks(a.blocks, content)} />
        </section>
      ))}
    </Layout>
  );
}

// ─── What is due ─────────────────────────────────────────────────────────────────────────────

const DUE_KIND_LABELS: Record<DueItem['kind'], string> = {
  signatures_missing: 'Signatures attendues',
  avenant_signatures_missing: 'Signatures d’avenant attendues',
  end_approaching: 'Fin dans moins de six mois',
  formal_notice_running: 'Mise en demeure en cours',
  notice_running: 'Préavis en cours',
  status_change: 'Changement d’état',
  unapproved_change: 'Modification sans avenant',
};

export function DueItemsPage(props: {
  ctx: PageContext;
  today: IsoDate;
  items: (DueItem & { territoryName: string })[];
}) {
  return (
    <Layout
      ctx={props.ctx}
      title="Échéances"
      crumbs={[
        { label: 'Accueil', href: '/' },
        { label: 'Conventions', href: '/conventions' },
        { label: 'Échéances' },
      ]}
    >
      <Styles />
      <h1>Échéances des conventions</h1>
      <p>
        Ce qui attend une action au {formatFrenchDate(props.today)} : fins de convention dans les six mois,
        préavis et mises en demeure en cours, signatures manquantes.
      </p>
      {props.items.length ? (
        <div class="table-wrap">
          <table>
            <caption>Échéances des conventions de votre périmètre</caption>
            <thead>
              <tr>
                <th scope="col">Convention</th>
                <th scope="col">Nature</th>
                <th scope="col">Date</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => (
                <tr>
                  <th scope="row">
                    <a href={`/conventions/${item.conventionId}`}>{item.territoryName}</a>
                  </th>
                  <td>{DUE_KIND_LABELS[item.kind]}</td>
                  <td>{item.dueOn ? formatShortFrenchDate(item.dueOn) : '—'}</td>
                  <td>{item.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Rien n’attend d’action pour le moment.</p>
      )}
    </Layout>
  );
}

// ─── Caf templates ───────────────────────────────────────────────────────────────────────────

export function TemplatesPage(props: {
  ctx: PageContext;
  templates: {
    format: 'odt' | 'docx';
    fileName: string;
    sha256: string;
    placeholders: string[];
    uploadedAt: Date;
    uploadedByLabel: string;
  }[];
  errors?: string[];
  notice?: string;
}) {
  return (
    <Layout
      ctx={props.ctx}
      title="Modèles de document de la Caf"
      crumbs={[
        { label: 'Accueil', href: '/' },
        { label: 'Conventions', href: '/conventions' },
        { label: 'Modèles' },
      ]}
    >
      <Styles />
      <h1>Modèles de document de la Caf</h1>
      <p>
        Un modèle ODT ou DOCX déposé ici remplace le document de la plateforme pour toutes les conventions de
        votre Caf, dans ce format. Les champs s’écrivent entre accolades : {'{commune}'}, {'{maire}'},{' '}
        {'{date_debut}'}… (voir la liste dans la documentation).
      </p>
      <ErrorSummary title="Le modèle n’a pas été enregistré" messages={props.errors ?? []} />
      {props.notice ? (
        <div class="alert info" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      {props.templates.length ? (
        <div class="table-wrap">
          <table>
            <caption>Modèles enregistrés</caption>
            <thead>
              <tr>
                <th scope="col">Format</th>
                <th scope="col">Fichier</th>
                <th scope="col">Champs utilisés</th>
                <th scope="col">Déposé par</th>
                <th scope="col">Retirer</th>
              </tr>
            </thead>
            <tbody>
              {props.templates.map((t) => (
                <tr>
                  <th scope="row">{t.format.toUpperCase()}</th>
                  <td>{t.fileName}</td>
                  <td>{t.placeholders.map((p) => `{${p}}`).join(', ') || 'aucun'}</td>
                  <td>{t.uploadedByLabel}</td>
                  <td>
                    <PostButton
                      ctx={props.ctx}
                      action={`/conventions/modeles/${t.format}/supprimer`}
                      label={`Retirer le modèle ${t.format.toUpperCase()}`}
                      kind="danger"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Aucun modèle propre : la plateforme produit son propre document.</p>
      )}
      <form method="post" action="/conventions/modeles" enctype="multipart/form-data" class="form narrow">
        <Csrf ctx={props.ctx} />
        <div class="field">
          <label for="modele">Modèle ODT, OTT, DOCX ou DOTX (10 Mo au plus)</label>
          <input id="modele" name="fichier" type="file" required accept=".odt,.ott,.docx,.dotx" />
        </div>
        <button type="submit" class="button">
          Déposer le modèle
        </button>
      </form>
    </Layout>
  );
}
