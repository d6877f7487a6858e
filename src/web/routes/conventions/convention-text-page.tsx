/**
 * The text of a convention and its annexes, read as it will print; while it is a draft, each article
 * and annex links to its own edit page, which comes back here with a confirmation. An article a
 * module writes shows the module's body (what the document prints in its place) with where it comes
 * from; an annex a module fills shows its stored text then the module's content, as printed.
 */
import { renderBlocks, renderText } from '../../../domain/convention/index.js';
import type { Attachment, Block, ConventionContent } from '../../../domain/convention/model.js';
import type { IsoDate } from '../../../domain/shared/dates.js';
import type { ModuleSection } from '../../../use-cases/conventions/annex-content.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import { allowedEvents } from '../../presenters/convention.presenter.js';
import type { PageContext } from '../../views/components/layout.js';
import { blocksToEditableText } from './block-text.js';
import { Csrf, TextBlocks, VersionField } from './convention-components.js';
import { DocumentBlocks } from './document-blocks.js';
import { AttachedFiles } from './file-components.js';
import { type ConventionExtensions, WorkspaceLayout } from './workspace.js';

export type SectionKind = 'article' | 'annex';

/** `/conventions/:id/articles/:key/modifier`, `/conventions/:id/annexes/:key/modifier`. */
export const sectionEditHref = (id: string, kind: SectionKind, key: string) =>
  `/conventions/${id}/${kind === 'article' ? 'articles' : 'annexes'}/${key}/modifier`;

/** Whether the section can be edited on its own page (the deliberation is a file, attached elsewhere). */
export const isEditableSection = (kind: SectionKind, key: string) =>
  kind === 'article' || key !== 'deliberation';

/** What the modules hold for the convention's articles and annexes (`articleSectionsFor` …). */
export interface ModuleSections {
  articles: Partial<Record<string, ModuleSection>>;
  annexes: Partial<Record<string, ModuleSection[]>>;
}

export const NO_MODULE_SECTIONS: ModuleSections = { articles: {}, annexes: {} };

/** « Rédigé à partir du projet de territoire (plan d’actions) », with the link to the module's page. */
function SourceNote(props: { section: ModuleSection; conventionId: string }) {
  const source = props.section.source;
  if (!source) return <p class="muted">Rédigé par un module de la plateforme.</p>;
  return (
    <p class="muted module-source">
      {source.label} : <a href={source.href(props.conventionId)}>voir et modifier à la source</a>.
    </p>
  );
}

function Section(props: {
  content: ConventionContent;
  kind: SectionKind;
  item: { key: string; number: number; title: string; blocks: Block[]; attachments?: Attachment[] };
  editHref: string | null;
  conventionId: string;
  /** Set for annexes: their attached files are offered for download. */
  files?: boolean;
  /** An article's body a module writes: shown, as printed, in place of the stored text. */
  written?: ModuleSection;
  /** What modules add to an annex: shown, as printed, after its stored text. */
  added?: readonly ModuleSection[];
}) {
  const { item, content } = props;
  const label = props.kind === 'article' ? 'Article' : 'Annexe';
  const id = `${props.kind}-${item.key}`;
  return (
    <section class="article" aria-labelledby={id}>
      <h4 id={id}>
        {label} {item.number} – {renderText(item.title, content)}
      </h4>
      {props.editHref ? (
        <p>
          <a href={props.editHref}>
            Modifier {props.kind === 'article' ? 'l’article' : 'l’annexe'} {item.number}
          </a>
        </p>
      ) : null}
      {props.written ? (
        <>
          <SourceNote section={props.written} conventionId={props.conventionId} />
          <DocumentBlocks blocks={props.written.blocks} sectionLevel={4} />
        </>
      ) : (
        <TextBlocks blocks={renderBlocks(item.blocks, content)} headingLevel={4} />
      )}
      {(props.added ?? []).map((section) => (
        <>
          <SourceNote section={section} conventionId={props.conventionId} />
          <DocumentBlocks blocks={section.blocks} sectionLevel={4} />
        </>
      ))}
      {props.files && item.attachments?.length ? (
        <AttachedFiles conventionId={props.conventionId} files={item.attachments} />
      ) : null}
    </section>
  );
}

export function ConventionTextPage(props: {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  extensions: ConventionExtensions;
  /** What the modules write or add, shown as the document prints it. */
  modules?: ModuleSections;
  notice?: string;
}) {
  const { view } = props;
  const modules = props.modules ?? NO_MODULE_SECTIONS;
  const c = view.convention;
  const isDraft = view.canEdit && allowedEvents(c, props.today).includes('edit');
  const edit = (kind: SectionKind, key: string) =>
    isDraft && isEditableSection(kind, key) ? sectionEditHref(c.id, kind, key) : null;
  return (
    <WorkspaceLayout
      ctx={props.ctx}
      view={view}
      today={props.today}
      extensions={props.extensions}
      current="texte"
      {...(props.notice ? { notice: props.notice } : {})}
    >
      <nav aria-labelledby="sommaire" class="toc">
        <h3 id="sommaire">Sommaire</h3>
        <ul>
          <li>
            <a href="#visas">Visas et préambule</a>
          </li>
          {c.content.articles.map((a) => (
            <li>
              <a href={`#article-${a.key}`}>
                Article {a.number} – {renderText(a.title, c.content)}
              </a>
            </li>
          ))}
          {c.content.annexes.map((a) => (
            <li>
              <a href={`#annex-${a.key}`}>
                Annexe {a.number} – {renderText(a.title, c.content)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {!isDraft && c.status !== 'draft' ? (
        <p class="muted">Une convention signée ne peut être modifiée que par avenant.</p>
      ) : null}
      <section aria-labelledby="texte">
        <h3 id="texte">Texte de la convention</h3>
        <h4 id="visas">Visas</h4>
        <ul>
          {c.content.visas.map((v) => (
            <li>{renderText(v.text, c.content)}</li>
          ))}
        </ul>
        <h4>Préambule</h4>
        <TextBlocks blocks={renderBlocks(c.content.preamble, c.content)} headingLevel={4} />
        {c.content.articles.map((a) => (
          <Section
            content={c.content}
            kind="article"
            item={a}
            conventionId={c.id}
            editHref={edit('article', a.key)}
            {...(modules.articles[a.key] ? { written: modules.articles[a.key] } : {})}
          />
        ))}
      </section>
      <section aria-labelledby="annexes">
        <h3 id="annexes">Annexes</h3>
        {c.content.annexes.map((a) => (
          <Section
            content={c.content}
            kind="annex"
            item={a}
            conventionId={c.id}
            files
            editHref={edit('annex', a.key)}
            {...(modules.annexes[a.key] ? { added: modules.annexes[a.key] } : {})}
          />
        ))}
      </section>
    </WorkspaceLayout>
  );
}

/** One article or annex of a draft, on its own page; posted back, it returns to the text. */
export function EditSectionPage(props: {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  extensions: ConventionExtensions;
  kind: SectionKind;
  item: { key: string; number: number; title: string; blocks: Block[] };
  /**
   * What modules hold for this section: an article's body printed in place of the stored text, or
   * an annex's content printed after it.
   */
  modules?: readonly ModuleSection[];
  /** What the person typed, shown again with the errors. */
  posted?: { title: string; text: string };
  errors?: string[];
}) {
  const { item, view } = props;
  const c = view.convention;
  const what = props.kind === 'article' ? 'l’article' : 'l’annexe';
  const id = `${props.kind}-${item.key}`;
  return (
    <WorkspaceLayout
      ctx={props.ctx}
      view={view}
      today={props.today}
      extensions={props.extensions}
      current="texte"
      heading={`Modifier ${what} ${item.number} – ${renderText(item.title, c.content)}`}
      {...(props.errors ? { errors: props.errors } : {})}
    >
      {props.modules?.length ? (
        <ModuleNotice
          kind={props.kind}
          itemKey={item.key}
          number={item.number}
          sections={props.modules}
          conventionId={c.id}
        />
      ) : null}
      <form
        method="post"
        action={`/conventions/${c.id}/${props.kind === 'article' ? 'articles' : 'annexes'}`}
        class="form"
      >
        <Csrf ctx={props.ctx} />
        <VersionField version={view.version} />
        <input type="hidden" name="key" value={item.key} />
        <div class="field">
          <label for={`${id}-title`}>Titre</label>
          <input id={`${id}-title`} name="title" type="text" value={props.posted?.title ?? item.title} />
        </div>
        <div class="field">
          <label for={`${id}-text`}>Texte</label>
          <p class="muted" id={`${id}-help`}>
            Un paragraphe par bloc séparé d’une ligne vide ; « ## » devant un intertitre, « - » devant un
            élément de liste, « | » entre les cellules d’un tableau. Les champs entre accolades (
            {'{collectivite}'}, {'{date_fin}'}…) sont remplis à l’impression.
          </p>
          <textarea id={`${id}-text`} name="text" rows={18} aria-describedby={`${id}-help`}>
            {props.posted?.text ?? blocksToEditableText(item.blocks)}
          </textarea>
        </div>
        <p class="actions">
          <button type="submit" class="button">
            Enregistrer {what} {item.number}
          </button>
          <a href={`/conventions/${c.id}/texte#${id}`}>Annuler</a>
        </p>
      </form>
    </WorkspaceLayout>
  );
}

/**
 * On the edit page of a section a module writes or completes: what the document prints while the
 * module holds content, and where that content is changed. The stored text stays editable: it is
 * what prints once the module holds nothing (an article), or what comes before the module's content
 * (an annex).
 */
function ModuleNotice(props: {
  kind: SectionKind;
  itemKey: string;
  number: number;
  sections: readonly ModuleSection[];
  conventionId: string;
}) {
  const printed = `/conventions/${props.conventionId}/texte#${props.kind}-${props.itemKey}`;
  return (
    <div class="alert info module-notice">
      {props.kind === 'article' ? (
        <p>
          <strong>Le document imprime un autre texte pour l’article {props.number}.</strong> Tant que sa
          source en contient, le document de la convention imprime pour cet article le texte qu’elle rédige,
          et non le texte enregistré ci-dessous. Ce texte enregistré reste modifiable : il est imprimé lorsque
          la source ne contient plus rien pour cet article.
        </p>
      ) : (
        <p>
          <strong>Le document complète l’annexe {props.number}.</strong> Le document de la convention imprime
          le texte enregistré ci-dessous, suivi du contenu que la plateforme tient pour cette annexe ; ce
          contenu se modifie à sa source.
        </p>
      )}
      <ul>
        {props.sections.map((section) =>
          section.source ? (
            <li>
              {section.source.label} :{' '}
              <a href={section.source.href(props.conventionId)}>voir et modifier à la source</a>.
            </li>
          ) : null,
        )}
        <li>
          <a href={printed}>
            {props.kind === 'article'
              ? `Lire l’article ${props.number} tel qu’il est imprimé`
              : `Lire l’annexe ${props.number} telle qu’elle est imprimée`}
          </a>
        </li>
      </ul>
    </div>
  );
}
