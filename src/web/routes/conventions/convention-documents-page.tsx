/**
 * Documents and versions of a convention: the generated files, the attached délibération (attached
 * here while the convention is a draft), the avenants and the signed versions with their seals.
 */
import type { IsoDate } from '../../../domain/shared/dates.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import { allowedEvents, avenantView } from '../../presenters/convention.presenter.js';
import type { PageContext } from '../../views/components/layout.js';
import { versionHistoryOf } from './avenant-pages.js';
import { Csrf, Downloads, VersionTable } from './convention-components.js';
import { AttachedFiles } from './file-components.js';
import { type ConventionExtensions, WorkspaceLayout } from './workspace.js';

export function ConventionDocumentsPage(props: {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  extensions: ConventionExtensions;
  errors?: string[];
  notice?: string;
}) {
  const { view } = props;
  const c = view.convention;
  const base = `/conventions/${c.id}`;
  const isDraft = view.canEdit && allowedEvents(c, props.today).includes('edit');
  const deliberation = c.content.annexes.find((a) => a.key === 'deliberation');
  const attached = deliberation?.attachments ?? [];
  return (
    <WorkspaceLayout
      ctx={props.ctx}
      view={view}
      today={props.today}
      extensions={props.extensions}
      current="documents"
      {...(props.errors ? { errors: props.errors } : {})}
      {...(props.notice ? { notice: props.notice } : {})}
    >
      <section aria-labelledby="documents">
        <h3 id="documents">Documents</h3>
        <p>La convention complète avec ses sept annexes, sommaire et bloc de signatures.</p>
        <Downloads id={c.id} />
      </section>

      <section aria-labelledby="deliberation">
        <h3 id="deliberation">Délibération (annexe {deliberation?.number ?? 7})</h3>
        {attached.length ? (
          <AttachedFiles conventionId={c.id} files={attached} />
        ) : (
          <p>Aucune délibération n’est encore jointe.</p>
        )}
        {isDraft ? (
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
        ) : null}
      </section>

      <section aria-labelledby="avenants">
        <h3 id="avenants">Avenants</h3>
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
        {c.versions.length ? (
          <p class="muted">
            Un avenant se prépare depuis la <a href={base}>synthèse</a> de la convention.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="versions">
        <h3 id="versions">Historique des versions</h3>
        <VersionTable id={c.id} versions={versionHistoryOf(view)} />
      </section>
    </WorkspaceLayout>
  );
}
