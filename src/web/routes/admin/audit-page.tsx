/** The audit log page with its filters. */
import type { AuditRow } from '../../../db/repositories/audit.repository.js';
import { can } from '../../../domain/access/permissions.js';
import { actionLabel, auditChanges } from '../../presenters/audit.presenter.js';
import { ErrorSummary, Layout, type PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';
import type { AuditQuery } from './audit.routes.js';

const ENTITY_LABELS: Record<string, string> = {
  convention: 'Convention',
  user: 'Utilisateur',
  organisation: 'Organisme',
  api_token: 'Jeton d’API',
  referential: 'Référentiel des territoires',
  job: 'Tâche planifiée',
  diagnostic_import: 'Import du diagnostic',
};

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});

export function AuditPage(props: {
  ctx: PageContext;
  query: AuditQuery;
  errors: string[];
  result: { rows: AuditRow[]; total: number; actions: { action: string; entityType: string }[] };
  pageSize: number;
}) {
  const { query, result } = props;
  const entityTypes = [...new Set(result.actions.map((a) => a.entityType))];
  const actions = [...new Set(result.actions.map((a) => a.action))];
  const pages = Math.max(1, Math.ceil(result.total / props.pageSize));
  const linkTo = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, page: String(page) })) if (v) params.set(k, String(v));
    return `/admin/journal?${params}`;
  };
  return (
    <Layout
      ctx={props.ctx}
      title="Journal d’audit"
      crumbs={[{ label: 'Accueil', href: '/' }, { label: 'Journal d’audit' }]}
    >
      <h1>Journal d’audit</h1>
      <p class="lead">Chaque modification : qui, quand, quoi, avec les valeurs avant et après.</p>
      {props.ctx.actor && can(props.ctx.actor, 'job.read') ? (
        <p>
          <a href="/admin/taches">Tâches planifiées et leurs exécutions</a>
        </p>
      ) : null}
      <ErrorSummary title="Filtres invalides" messages={props.errors} />
      <form method="get" action="/admin/journal" class="form filters">
        <div class="field">
          <label for="entite">Type d’objet</label>
          <select id="entite" name="entite">
            <option value="">Tous</option>
            {entityTypes.map((e) => (
              <option value={e} selected={query.entite === e}>
                {ENTITY_LABELS[e] ?? e}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="action">Action</label>
          <select id="action" name="action">
            <option value="">Toutes</option>
            {actions.map((a) => (
              <option value={a} selected={query.action === a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="identifiant">Identifiant de l’objet</label>
          <input id="identifiant" name="identifiant" value={query.identifiant ?? ''} />
        </div>
        <div class="field">
          <label for="auteur">Auteur (nom ou adresse)</label>
          <input id="auteur" name="auteur" value={query.auteur ?? ''} />
        </div>
        <div class="field">
          <label for="du">Du (AAAA-MM-JJ)</label>
          <input id="du" name="du" type="date" value={query.du ?? ''} />
        </div>
        <div class="field">
          <label for="au">Au (AAAA-MM-JJ)</label>
          <input id="au" name="au" type="date" value={query.au ?? ''} />
        </div>
        <button type="submit" class="button">
          Filtrer
        </button>
      </form>
      <p role="status">
        {result.total === 0
          ? 'Aucune entrée.'
          : result.total === 1
            ? '1 entrée.'
            : `${result.total} entrées.`}
      </p>
      {result.rows.length ? (
        <TableScroll label="Entrées du journal">
          <table class="audit">
            <caption>Entrées du journal, les plus récentes d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Auteur</th>
                <th scope="col">Action</th>
                <th scope="col">Objet</th>
                <th scope="col">Changements</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr>
                  <th scope="row">{dateTime.format(r.at)}</th>
                  <td>{r.actorLabel}</td>
                  <td>{actionLabel(r.action)}</td>
                  <td>
                    {ENTITY_LABELS[r.entityType] ?? r.entityType}
                    <br />
                    <code>{r.entityId}</code>
                  </td>
                  <td>
                    <AuditChanges before={r.before} after={r.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="Pagination" class="pagination">
          {query.page > 1 ? <a href={linkTo(query.page - 1)}>Page précédente</a> : null}
          <span>
            Page {query.page} sur {pages}
          </span>
          {query.page < pages ? <a href={linkTo(query.page + 1)}>Page suivante</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}

function AuditChanges(props: { before: unknown; after: unknown }) {
  const changes = auditChanges(props.before, props.after);
  if (!changes.length) return <span class="muted">Aucune valeur enregistrée</span>;
  return (
    <details>
      <summary>
        {changes.length === 1 ? '1 champ' : `${changes.length} champs`} :{' '}
        {changes.map((c) => c.label).join(', ')}
      </summary>
      <table class="changes">
        <thead>
          <tr>
            <th scope="col">Champ</th>
            <th scope="col">Avant</th>
            <th scope="col">Après</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row">{c.label}</th>
              <td>
                <code>{c.before}</code>
              </td>
              <td>
                <code>{c.after}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
