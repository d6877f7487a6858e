/** Pages of conventions: the list, what is due, and a Caf's own templates. Forms work without JavaScript. */
import type { ConventionSummary } from '../../../db/repositories/convention.repository.js';
import type { DueItem } from '../../../domain/convention/index.js';
import { formatFrenchDate, formatShortFrenchDate, type IsoDate } from '../../../domain/shared/dates.js';
import { MissingCaf, NoConventionYet } from '../../views/components/ask-admin.js';
import { ErrorSummary, Layout, type PageContext } from '../../views/components/layout.js';
import { ConventionTable, Csrf, PostButton, Styles } from './convention-components.js';

export function ConventionListPage(props: {
  ctx: PageContext;
  conventions: ConventionSummary[];
  canCreate: boolean;
  errors?: string[];
  code?: string;
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
