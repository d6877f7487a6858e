/** The scheduled jobs for administrators: each job and its schedule, the latest runs and their failures. */
import type { JobRunView, JobScheduleView } from '../../../use-cases/jobs/list-jobs.js';
import { ErrorSummary, Layout, type PageContext } from '../../views/components/layout.js';

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});
const when = (date: Date | null) => (date ? dateTime.format(date) : '—');

export function JobsPage(props: {
  ctx: PageContext;
  jobs: JobScheduleView[];
  runs: JobRunView[];
  canRun: boolean;
  notice?: string;
  errors?: string[];
}) {
  return (
    <Layout
      ctx={props.ctx}
      title="Tâches planifiées"
      crumbs={[{ label: 'Accueil', href: '/' }, { label: 'Tâches planifiées' }]}
    >
      <h1>Tâches planifiées</h1>
      <p class="lead">
        Ce que la plateforme fait d’elle-même à heure fixe, et chaque exécution avec son résultat ou son
        erreur. Voir aussi le <a href="/admin/journal">journal d’audit</a>.
      </p>
      {props.notice ? (
        <p class="alert info" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary title="La tâche n’a pas été lancée" messages={props.errors ?? []} />
      <div class="table-wrap">
        <table>
          <caption>Les tâches de la plateforme</caption>
          <thead>
            <tr>
              <th scope="col">Tâche</th>
              <th scope="col">Planification</th>
              <th scope="col">Dernière exécution</th>
              {props.canRun ? <th scope="col">Action</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.jobs.map((job) => (
              <tr>
                <th scope="row">
                  {job.label}
                  <br />
                  <code>{job.name}</code>
                </th>
                <td>
                  {job.scheduleLabel}
                  {job.scheduled ? null : (
                    <>
                      <br />
                      <strong>Pas encore enregistrée : le planificateur n’a pas encore démarré.</strong>
                    </>
                  )}
                </td>
                <td>
                  {job.lastRun
                    ? `${job.lastRun.stateLabel}, ${when(job.lastRun.startedOn)}`
                    : 'Jamais exécutée'}
                </td>
                {props.canRun && job.queued ? (
                  <td>Lancée par les changements qui la demandent</td>
                ) : props.canRun ? (
                  <td>
                    <form method="post" action={`/admin/taches/${job.name}/lancer`}>
                      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
                      <button
                        type="submit"
                        class="button light"
                        aria-label={`Lancer maintenant : ${job.label}`}
                      >
                        Lancer maintenant
                      </button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Exécutions récentes</h2>
      {props.runs.length ? (
        <div class="table-wrap">
          <table>
            <caption>
              {props.runs.length === 1
                ? 'La seule exécution enregistrée'
                : `Les ${props.runs.length} exécutions les plus récentes, la dernière d’abord`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Tâche</th>
                <th scope="col">État</th>
                <th scope="col">Mise en file</th>
                <th scope="col">Commencée</th>
                <th scope="col">Terminée</th>
                <th scope="col">Tentatives</th>
                <th scope="col">Résultat ou erreur</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map((run) => (
                <tr>
                  <th scope="row">{run.label}</th>
                  <td>{run.stateLabel}</td>
                  <td>{when(run.createdOn)}</td>
                  <td>{when(run.startedOn)}</td>
                  <td>{when(run.completedOn)}</td>
                  <td>
                    {run.attempts} sur {run.maxAttempts}
                  </td>
                  <td>
                    {run.error ? (
                      <>
                        <strong>Erreur :</strong> {run.error}
                      </>
                    ) : (
                      (run.summary ?? '—')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Aucune exécution enregistrée pour le moment.</p>
      )}
    </Layout>
  );
}
