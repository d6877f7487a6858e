/** Pages of conventions: the list, what is due, and a Caf's own templates. Forms work without JavaScript. */
import type { DueItem, DueItemKind } from '../../../domain/convention/index.js';
import { formatFrenchDate, formatShortFrenchDate, type IsoDate } from '../../../domain/shared/dates.js';
import { formatCount } from '../../../domain/shared/money.js';
import type { ConventionSummary } from '../../../use-cases/conventions/list-conventions.js';
import type { TerritoryCandidate } from '../../../use-cases/conventions/territory-for-convention.js';
import { MissingCaf, NoConventionYet } from '../../views/components/ask-admin.js';
import { ErrorSummary, Layout, type PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import {
  ConventionTable,
  Csrf,
  PostButton,
  Status,
  Styles,
  SubmissionToken,
} from './convention-components.js';

export function ConventionListPage(props: {
  ctx: PageContext;
  conventions: ConventionSummary[];
  canCreate: boolean;
  errors?: string[];
  search?: string;
  /** The département whose Caf is not yet on the platform (creating a convention there failed). */
  missingCaf?: { departementCode: string; departementName: string };
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
        <NoConventionYet ctx={props.ctx} />
      )}
      {props.canCreate ? (
        <section aria-labelledby="nouvelle">
          <h2 id="nouvelle">Préparer une nouvelle convention</h2>
          <ErrorSummary title="La convention n’a pas été créée" messages={props.errors ?? []} />
          {props.missingCaf ? <MissingCaf ctx={props.ctx} {...props.missingCaf} /> : null}
          <NewConventionForm ctx={props.ctx} search={props.search ?? ''} />
        </section>
      ) : null}
    </Layout>
  );
}

/** The first step: a name or a code, as the person knows it. */
function NewConventionForm(props: { ctx: PageContext; search: string; label?: string; button?: string }) {
  return (
    <form method="post" action="/conventions" class="form narrow">
      <Csrf ctx={props.ctx} />
      <SubmissionToken />
      <div class="field">
        <label for="recherche">{props.label ?? 'Commune ou intercommunalité'}</label>
        <span class="hint" id="recherche-aide">
          Son nom (sans souci des accents ni des majuscules), le code Insee de la commune ou le SIREN de
          l’intercommunalité. Exemples : Chambourcy, 78124, 200058519.
        </span>
        <input
          id="recherche"
          name="recherche"
          type="text"
          required
          maxLength={200}
          aria-describedby="recherche-aide"
          value={props.search}
        />
      </div>
      <button type="submit" class="button">
        {props.button ?? 'Créer le projet de convention'}
      </button>
    </form>
  );
}

/** « communauté d’agglomération » from the referential's nature of an EPCI. */
const EPCI_KINDS: Record<string, string> = {
  CC: 'communauté de communes',
  CA: 'communauté d’agglomération',
  CU: 'communauté urbaine',
  METRO: 'métropole',
  MET69: 'métropole',
};

function candidateKind(c: TerritoryCandidate): string {
  return c.level === 'commune' ? 'commune' : (EPCI_KINDS[c.subtype ?? ''] ?? 'intercommunalité');
}

/**
 * The second step, when a name designates several territories (or only part of one's name was
 * typed): the candidates as radio buttons with their code, département and kind. No script needed.
 */
export function ChooseTerritoryPage(props: {
  ctx: PageContext;
  search: string;
  message: string;
  total: number;
  candidates: TerritoryCandidate[];
  errors?: string[];
  /** The first step's one-time token, carried on so that a double click on the choice makes one draft. */
  submissionToken?: string;
}) {
  return (
    <Layout
      ctx={props.ctx}
      title="Choisir le territoire de la convention"
      crumbs={[
        { label: 'Accueil', href: '/' },
        { label: 'Conventions', href: '/conventions' },
        { label: 'Nouvelle convention' },
      ]}
    >
      <Styles />
      <h1>Préparer une nouvelle convention</h1>
      <ErrorSummary title="Aucun territoire n’est choisi" messages={props.errors ?? []} />
      <form method="post" action="/conventions" class="form">
        <Csrf ctx={props.ctx} />
        <SubmissionToken value={props.submissionToken} />
        <input type="hidden" name="recherche" value={props.search} />
        <input type="hidden" name="etape" value="choix" />
        <fieldset class="choices" aria-describedby="choix-aide">
          <legend>Territoire de la convention</legend>
          <p id="choix-aide">{props.message}</p>
          {props.candidates.map((c, i) => (
            <div class="choice">
              <input
                type="radio"
                id={`territoire-${i}`}
                name="territoire"
                value={`${c.level}:${c.code}`}
                required
                {...(props.candidates.length === 1 ? { checked: true } : {})}
              />
              <label for={`territoire-${i}`}>
                <span class="choice-name">{c.name}</span>{' '}
                <span class="choice-facts">
                  {candidateKind(c)}, {c.level === 'commune' ? 'code Insee' : 'SIREN'} {c.code},{' '}
                  {c.departements.map((d) => `${d.name} (${d.code})`).join(', ')}
                  {c.population !== null ? `, ${formatCount(c.population)} habitants` : ''}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button">
          Créer le projet de convention
        </button>
      </form>
      <h2>Chercher un autre nom</h2>
      <NewConventionForm
        ctx={props.ctx}
        search={props.search}
        label="Autre nom ou code"
        button="Chercher ce territoire"
      />
      <p>
        <a href="/conventions">Revenir à la liste des conventions</a>
      </p>
    </Layout>
  );
}

// ─── One convention ──────────────────────────────────────────────────────────────────────────

// ─── What is due ─────────────────────────────────────────────────────────────────────────────

const DUE_KIND_LABELS: Record<DueItemKind, string> = {
  unsigned_period_begun: 'À signer : période commencée',
  signatures_missing: 'Signatures attendues',
  avenant_signatures_missing: 'Signatures d’avenant attendues',
  end_approaching: 'Fin dans moins de six mois',
  formal_notice_running: 'Mise en demeure en cours',
  notice_running: 'Préavis en cours',
  ended: 'Convention terminée',
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
        Ce qui attend une action au {formatFrenchDate(props.today)} : projets dont la période a commencé sans
        signature, signatures manquantes, fins de convention dans les six mois, préavis et mises en demeure en
        cours, conventions terminées depuis moins de six mois.
      </p>
      {props.items.length ? (
        <TableScroll label="Échéances des conventions">
          <table>
            <caption>Échéances des conventions de votre périmètre</caption>
            <thead>
              <tr>
                <th scope="col">Convention</th>
                <th scope="col">État de la convention</th>
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
                  <td>
                    <Status status={item.status} />
                  </td>
                  <td>{item.kindLabel ?? DUE_KIND_LABELS[item.kind as DueItemKind]}</td>
                  <td>
                    {item.dueOn ? formatShortFrenchDate(item.dueOn) : '—'}
                    {item.overdue ? <strong class="overdue"> (en retard)</strong> : null}
                  </td>
                  <td>{item.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
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
        <TableScroll label="Modèles enregistrés">
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
        </TableScroll>
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
