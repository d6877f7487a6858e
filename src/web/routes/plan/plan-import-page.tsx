/**
 * The upload page of a plan file (docs/plan-import.md): what the import will replace, with the
 * plan's current counts and a box to tick, the file, and after a refused file the error summary and
 * the table of every error with its sheet, line and column.
 */
import type { PlanImportError } from '../../../imports/plan/index.js';
import { PLAN_FILE_FORMATS, PLAN_FILE_LIMITS } from '../../../imports/plan/index.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import { type PlanFrame, PlanPageFrame, planBase, planFileHref } from './plan-components.js';

/** What the plan holds now, as its agent sees it (they see every fiche). */
export interface PlanCounts {
  axes: number;
  fiches: number;
  subActions: number;
  indicators: number;
}

export interface PlanImportOutcome {
  fileName: string;
  /** The summary's sentence. */
  message: string;
  /** Every error of the file, with where it stands. */
  errors?: readonly PlanImportError[];
  /** The file was read whole: what it holds (shown when only the confirmation was missing). */
  preview?: PlanCounts;
}

/** The number of errors drawn in the table; the summary still counts them all. */
const MAX_SHOWN = 2000;

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export function countsText(c: PlanCounts): string {
  return `${plural(c.axes, 'axe', 'axes')}, ${plural(c.fiches, 'fiche action', 'fiches actions')} (${plural(c.subActions, 'sous-action', 'sous-actions')}) et ${plural(c.indicators, 'indicateur', 'indicateurs')}`;
}

export function PlanImportPage(props: {
  frame: PlanFrame;
  conventionId: string;
  current: PlanCounts;
  submissionToken: string;
  outcome?: PlanImportOutcome;
}) {
  const { frame, current, outcome } = props;
  const base = planBase(props.conventionId);
  const errors = outcome?.errors ?? [];
  const empty = current.axes + current.fiches + current.indicators === 0;
  const maxMb = PLAN_FILE_LIMITS.maxBytes / (1024 * 1024);
  return (
    <PlanPageFrame frame={frame} heading="Importer un plan d’actions">
      {outcome ? (
        <div class="alert error" role="alert" tabIndex={-1} id="erreurs">
          <h2>Le fichier{outcome.fileName ? ` « ${outcome.fileName} »` : ''} n’a pas été importé</h2>
          <p>{outcome.message}</p>
          {outcome.preview ? <p>Le fichier contient {countsText(outcome.preview)}.</p> : null}
          {errors.length ? (
            <p>
              <a href="#erreurs-fichier">
                {errors.length > 1
                  ? `Voir les ${errors.length} erreurs avec leur ligne et leur colonne`
                  : 'Voir l’erreur avec sa ligne et sa colonne'}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      <p>
        <a href={`${base}/fiches`}>Retour au plan d’actions</a>
      </p>
      <section aria-labelledby="remplacement">
        <h3 id="remplacement">Ce que l’import remplace</h3>
        <p>
          <strong>
            L’import remplace tout le plan d’actions : ses axes, ses fiches actions (avec leurs sous-actions,
            budgets, notes de suivi et documents joints) et ses indicateurs sont supprimés et remplacés par
            ceux du fichier.
          </strong>{' '}
          Les documents joints aux fiches ne sont pas dans le fichier : téléchargez ceux à garder avant
          d’importer. Le projet de territoire (besoins, objectifs, engagements) n’est pas modifié.
        </p>
        <p>
          {empty
            ? 'Le plan est vide pour l’instant : rien ne sera supprimé.'
            : `Le plan contient aujourd’hui ${countsText(current)}.`}
        </p>
        <p>
          Le fichier est importé en entier ou pas du tout : à la moindre erreur, rien n’est modifié et chaque
          erreur est indiquée avec sa feuille, sa ligne et sa colonne. Pour partir du plan actuel,
          téléchargez-le (<a href={planFileHref(props.conventionId, 'xlsx')}>XLSX</a>,{' '}
          <a href={planFileHref(props.conventionId, 'ods')}>ODS</a> ou{' '}
          <a href={planFileHref(props.conventionId, 'csv')}>CSV</a>), modifiez-le puis importez-le.
        </p>
      </section>
      <form method="post" action={`${base}/import`} enctype="multipart/form-data" class="form">
        <input type="hidden" name="_csrf" value={frame.ctx.csrfToken} />
        <input type="hidden" name="submissionToken" value={props.submissionToken} />
        <div class="field">
          <label for="fichier">
            Fichier du plan ({PLAN_FILE_FORMATS.map((f) => f.toUpperCase()).join(', ')} ; {maxMb} Mo au plus)
          </label>
          <input
            id="fichier"
            name="fichier"
            type="file"
            required
            accept=".xlsx,.ods,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
            {...(outcome ? { 'aria-invalid': 'true', 'aria-describedby': 'erreurs' } : {})}
          />
        </div>
        <div class="choice">
          <input id="confirmation" name="confirmation" type="checkbox" value="oui" required />{' '}
          <label for="confirmation">
            {empty
              ? 'Je confirme importer ce fichier comme plan d’actions de la convention'
              : `Je confirme remplacer les ${countsText(current)} du plan actuel par ceux du fichier`}
          </label>
        </div>
        <p class="actions">
          <button type="submit" class="button">
            {empty ? 'Importer le plan' : 'Importer et remplacer le plan'}
          </button>
        </p>
      </form>
      {errors.length ? (
        <section aria-labelledby="erreurs-fichier">
          <h3 id="erreurs-fichier" tabIndex={-1}>
            {errors.length > 1 ? `Les ${errors.length} erreurs du fichier` : 'L’erreur du fichier'}
          </h3>
          {errors.length > MAX_SHOWN ? (
            <p>Les {MAX_SHOWN} premières sont listées ; corrigez-les puis importez à nouveau le fichier.</p>
          ) : null}
          <TableScroll label="Erreurs du fichier">
            <table>
              <caption>Erreurs du fichier, par feuille, ligne et colonne</caption>
              <thead>
                <tr>
                  <th scope="col">Feuille</th>
                  <th scope="col" class="num">
                    Ligne
                  </th>
                  <th scope="col">Colonne</th>
                  <th scope="col">Erreur</th>
                </tr>
              </thead>
              <tbody>
                {errors.slice(0, MAX_SHOWN).map((e) => (
                  <tr>
                    <td>{e.sheet ?? '—'}</td>
                    <td class="num">{e.line || '—'}</td>
                    <td>{e.letter || e.column ? `${e.letter}${e.column ? ` (${e.column})` : ''}` : '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </PlanPageFrame>
  );
}
