/** An avenant with its word diff and consolidated text, and the text of a signed version. */
import { renderBlocks, renderText, versionHistory } from '../../../domain/convention/index.js';
import { formatFrenchDate, type IsoDate } from '../../../domain/shared/dates.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import { avenantView, periodLabel } from '../../presenters/convention.presenter.js';
import type { PageContext } from '../../views/components/layout.js';
import { SectionChanges } from './avenant-diff.js';
import { blocksToEditableText } from './block-text.js';
import {
  Csrf,
  Downloads,
  type KeptInput,
  keptValue,
  PostButton,
  TextBlocks,
  VersionField,
} from './convention-components.js';
import { AttachedFiles, AvenantDownloads } from './file-components.js';
import { type ConventionExtensions, WorkspaceLayout } from './workspace.js';

export function versionHistoryOf(view: ConventionView) {
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
  extensions: ConventionExtensions;
  /** The input of a refused form, drawn again in it. */
  kept?: KeptInput;
  notice?: string;
}) {
  const c = props.view.convention;
  const avenant = c.avenants.find((a) => a.id === props.avenantId)!;
  const v = avenantView(c, avenant);
  // Only the signatories of the parties the person acts for are offered.
  const pending = v.pending.filter((p) => props.view.actsFor.includes(p.partyId));
  const base = `/conventions/${c.id}/avenants/${avenant.id}`;
  const title = avenant.status === 'signed' ? `Avenant n° ${avenant.number}` : 'Avenant en préparation';
  const signed = c.versions.at(-1)?.content ?? c.content;
  const canEdit = props.view.canEdit && avenant.status === 'draft';
  const current = (kind: 'article' | 'annex', key: string) => {
    const changed = (kind === 'article' ? avenant.changes.articles : avenant.changes.annexes).find(
      (x) => x.key === key,
    );
    return changed ?? (kind === 'article' ? signed.articles : signed.annexes).find((x) => x.key === key);
  };
  const editing = props.edit ? current(props.edit.kind, props.edit.key) : undefined;
  const editForm = props.edit?.kind === 'article' ? 'articles' : 'annexes';
  return (
    <WorkspaceLayout
      ctx={props.ctx}
      view={props.view}
      today={props.today}
      extensions={props.extensions}
      current="documents"
      heading={title}
      {...(props.errors ? { errors: props.errors } : {})}
      {...(props.notice ? { notice: props.notice } : {})}
    >
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

      <section aria-labelledby="document-avenant">
        <h3 id="document-avenant">Document de l’avenant</h3>
        <p>
          L’avenant à signer : les parties, les articles et annexes modifiés avec leur nouvelle rédaction et
          les modifications marquées, la date d’effet et les signatures.
        </p>
        <AvenantDownloads conventionId={c.id} avenantId={avenant.id} number={avenant.number} />
      </section>

      <section aria-labelledby="modifications">
        <h3 id="modifications">Modifications apportées à la convention</h3>
        <p class="muted">
          Ajouts entre « [+ » et « +] », suppressions entre « [− » et « −] ». Dans un tableau, la colonne «
          Modification » indique pour chaque ligne si elle est ajoutée, supprimée ou modifiée.
        </p>
        {v.modifications.length ? (
          v.modifications.map((m) => (
            <section class="article" aria-label={m.label}>
              <h4>{m.label}</h4>
              <SectionChanges changes={m.changes} label={m.label} />
            </section>
          ))
        ) : (
          <p>L’avenant ne modifie encore rien.</p>
        )}
      </section>

      {props.view.canEdit ? (
        <section aria-labelledby="avenant-actions">
          <h3 id="avenant-actions">Actions</h3>
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
          {pending.length ? (
            <form method="post" action={`${base}/signatures`} class="form narrow">
              <Csrf ctx={props.ctx} />
              <h4>Enregistrer une signature de l’avenant</h4>
              <div class="field">
                <label for="av-signatory">Signataire</label>
                <select id="av-signatory" name="signatoryId">
                  {pending.map((p) => (
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
          <h3 id="modifier-avenant">Modifier un article ou une annexe</h3>
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
              <VersionField version={props.view.version} />
              <input type="hidden" name="key" value={props.edit.key} />
              <div class="field">
                <label for="av-title">Titre</label>
                <input
                  id="av-title"
                  name="title"
                  type="text"
                  value={keptValue(props.kept, editForm, 'title', editing.title, props.edit.key)}
                />
              </div>
              <div class="field">
                <label for="av-text">Nouveau texte</label>
                <textarea id="av-text" name="text" rows={16}>
                  {keptValue(
                    props.kept,
                    editForm,
                    'text',
                    blocksToEditableText(editing.blocks),
                    props.edit.key,
                  )}
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
    </WorkspaceLayout>
  );
}

// ─── Version ─────────────────────────────────────────────────────────────────────────────────

export function VersionPage(props: {
  ctx: PageContext;
  view: ConventionView;
  number: number;
  today: IsoDate;
  extensions: ConventionExtensions;
}) {
  const c = props.view.convention;
  const version = c.versions.find((v) => v.number === props.number)!;
  const summary = versionHistory(c).find((v) => v.number === props.number)!;
  const content = version.content;
  const title = `${summary.label} — texte consolidé`;
  return (
    <WorkspaceLayout
      ctx={props.ctx}
      view={props.view}
      today={props.today}
      extensions={props.extensions}
      current="documents"
      heading={title}
    >
      <p>
        Signée le {formatFrenchDate(version.signedOn)} ; période{' '}
        {periodLabel({ startDate: content.period.start, endDate: content.period.end })} ; empreinte SHA-256{' '}
        <code>{version.hash}</code>.
      </p>
      <Downloads id={c.id} version={version.number} />
      {content.articles.map((a) => (
        <section class="article" aria-labelledby={`v-${a.key}`}>
          <h3 id={`v-${a.key}`}>
            Article {a.number} – {renderText(a.title, content)}
          </h3>
          <TextBlocks blocks={renderBlocks(a.blocks, content)} />
        </section>
      ))}
      {content.annexes.map((a) => (
        <section class="article" aria-labelledby={`v-${a.key}`}>
          <h3 id={`v-${a.key}`}>
            Annexe {a.number} – {renderText(a.title, content)}
          </h3>
          <TextBlocks blocks={renderBlocks(a.blocks, content)} />
          <AttachedFiles conventionId={c.id} files={a.attachments} />
        </section>
      ))}
    </WorkspaceLayout>
  );
}
