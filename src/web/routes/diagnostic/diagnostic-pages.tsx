/** Pages of the diagnostic: a territory's diagnostic, and the import form of Caf agents. */
import { render } from 'preact-render-to-string';
import type { ImportSummary } from '../../../db/repositories/diagnostic.repository.js';
import { frenchDate } from '../../../domain/diagnostic/format.js';
import type { ImportError } from '../../../imports/diagnostic/index.js';
import type { DiagnosticJson } from '../../../use-cases/diagnostic/get-diagnostic.js';
import {
  FORMAT_LABELS,
  type ImportDiagnosticResult,
} from '../../../use-cases/diagnostic/import-diagnostic.js';
import { ErrorSummary, Layout, type PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import { DiagnosticReport } from './diagnostic-report.js';

const STYLESHEET = '/diagnostic/diagnostic.css';

/**
 * The report's HTML depends on the diagnostic only, not on who reads it: rendered once per cached
 * diagnostic (the same object comes back from `getPublishedDiagnostic` until its version changes),
 * the page around it (header, navigation, forms) being rendered for each person.
 */
const reports = new WeakMap<DiagnosticJson, string>();
function reportHtml(view: DiagnosticJson): string {
  let html = reports.get(view);
  if (html === undefined) {
    html = render(<DiagnosticReport view={view} />);
    reports.set(view, html);
  }
  return html;
}

export function DiagnosticPage(props: { ctx: PageContext; view: DiagnosticJson; canImport: boolean }) {
  const { view } = props;
  const query = view.year ? `?annee=${view.year}` : '';
  const base = `/territoires/${view.territory.code}/diagnostic`;
  return (
    <Layout
      ctx={props.ctx}
      title={`Diagnostic partagé — ${view.territory.name}`}
      crumbs={[
        { label: 'Accueil', href: '/' },
        { label: 'Territoires', href: '/territoires' },
        { label: view.territory.name, href: `/territoires/${view.territory.code}` },
        { label: 'Diagnostic partagé' },
      ]}
    >
      <link rel="stylesheet" href={STYLESHEET} />
      <h1>Diagnostic partagé — {view.territory.name}</h1>
      <div class="diag-actions">
        {view.years.length > 1 ? (
          <form method="get" action={base}>
            <div>
              <label for="annee">Chiffres connus à la fin de l’année</label>
              <select id="annee" name="annee">
                <option value="" selected={view.year === null}>
                  les plus récents
                </option>
                {view.years.map((y) => (
                  <option value={String(y)} selected={view.year === y}>
                    {String(y)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="button">
              Afficher
            </button>
          </form>
        ) : null}
        <p>
          Télécharger : <a href={`${base}.csv${query}`}>tableau CSV</a>,{' '}
          <a href={`${base}.xlsx${query}`}>classeur XLSX</a>
        </p>
        {props.canImport ? (
          <p>
            <a href="/diagnostic/import">Importer des chiffres</a>
          </p>
        ) : null}
      </div>
      {/* Rendered by Preact from the same view, once per version (see reportHtml). */}
      <div class="diag-report" dangerouslySetInnerHTML={{ __html: reportHtml(view) }} />
    </Layout>
  );
}

export interface ImportOutcome {
  fileName: string;
  result?: ImportDiagnosticResult;
  errors?: ImportError[];
  message?: string;
}

export function ImportPage(props: {
  ctx: PageContext;
  outcome: ImportOutcome | null;
  imports: ImportSummary[];
}) {
  const { outcome } = props;
  const errors = outcome?.errors ?? [];
  return (
    <Layout
      ctx={props.ctx}
      title={
        errors.length || outcome?.message
          ? 'Erreur — Importer des chiffres du diagnostic'
          : 'Importer des chiffres du diagnostic'
      }
      crumbs={[{ label: 'Accueil', href: '/' }, { label: 'Importer des chiffres du diagnostic' }]}
    >
      <link rel="stylesheet" href={STYLESHEET} />
      <h1>Importer des chiffres du diagnostic</h1>
      {outcome?.message ? (
        <ErrorSummary
          title={`Le fichier « ${outcome.fileName} » n’a pas été importé`}
          messages={[outcome.message, ...errors.slice(0, 200).map((e) => e.message)]}
        />
      ) : null}
      {outcome?.result ? (
        <div class="alert info" role="status">
          <h2>Fichier « {outcome.fileName} » importé</h2>
          <p>
            {outcome.result.rowCount - outcome.result.givenShares} valeurs
            {outcome.result.secretAtSource > 0
              ? ` (dont ${outcome.result.secretAtSource} masquées par leur source)`
              : ''}
            {outcome.result.givenShares > 0
              ? ` et ${outcome.result.givenShares} pourcentages publiés sans leur effectif`
              : ''}{' '}
            ({FORMAT_LABELS[outcome.result.format]}), {outcome.result.indicatorCount} indicateurs,{' '}
            {outcome.result.territoryCodes.length} territoire(s) :{' '}
            {outcome.result.territoryCodes.slice(0, 20).join(', ')}
            {outcome.result.territoryCodes.length > 20 ? '…' : ''}. Dates de référence :{' '}
            {outcome.result.referenceDates.join(', ')}.
            {outcome.result.replacedImports.length
              ? ` Il remplace ${outcome.result.replacedImports.length} import(s) précédent(s) de la même période.`
              : ''}
          </p>
          {outcome.result.territoryCodes[0] ? (
            <p>
              <a href={`/territoires/${outcome.result.territoryCodes[0]}/diagnostic`}>
                Voir le diagnostic de {outcome.result.territoryCodes[0]}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      <p class="lead">
        Un fichier CSV ou XLSX au format long (colonnes code_territoire, indicateur, date_reference, valeur,
        source) ou un export CAFDATA s_ben_com_f. Le fichier est importé en entier ou pas du tout : à la
        moindre erreur, rien n’est modifié et chaque erreur est indiquée avec sa ligne et sa colonne. Un
        nouvel import de la même période (mêmes territoires, dates et indicateurs) remplace le précédent.
      </p>
      <form method="post" action="/diagnostic/import" enctype="multipart/form-data" class="form diag-upload">
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
        <div class="field">
          <label for="fichier">Fichier à importer (CSV ou XLSX, 20 Mo au plus)</label>
          <input
            id="fichier"
            name="fichier"
            type="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={errors.length || outcome?.message ? 'true' : undefined}
            aria-describedby={errors.length || outcome?.message ? 'erreurs' : undefined}
          />
        </div>
        <button type="submit" class="button">
          Importer
        </button>
      </form>
      {props.imports.length ? (
        <section aria-labelledby="derniers-imports">
          <h2 id="derniers-imports">Derniers imports</h2>
          <TableScroll label="Derniers fichiers importés">
            <table>
              <caption>Les 20 derniers fichiers importés</caption>
              <thead>
                <tr>
                  <th scope="col">Fichier</th>
                  <th scope="col">Format</th>
                  <th scope="col">Importé le</th>
                  <th scope="col">Par</th>
                  <th scope="col" class="num">
                    Valeurs
                  </th>
                  <th scope="col" class="num">
                    Territoires
                  </th>
                  <th scope="col">État</th>
                </tr>
              </thead>
              <tbody>
                {props.imports.map((i) => (
                  <tr>
                    <th scope="row">{i.fileName}</th>
                    <td>{FORMAT_LABELS[i.format]}</td>
                    <td>{frenchDate(i.importedAt.toISOString())}</td>
                    <td>{i.importedBy.replace(/\s*<[^>]*>$/, '')}</td>
                    <td class="num">{i.rowCount}</td>
                    <td class="num">{i.territoryCount}</td>
                    <td>{i.replacedBy ? 'remplacé' : 'en vigueur'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </Layout>
  );
}
