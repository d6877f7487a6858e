/**
 * The convention workspace: the frame every page of one convention shares (its title, its status of
 * the day, a pending mise en demeure with its deadline, the tabs) and the seam through which modules
 * add a tab. The convention area imports no module: the app hands it the modules' tabs, annex
 * content and due items (`ConventionExtensions`, composed in `src/modules/compose.ts`).
 */
import type { ComponentChildren } from 'preact';
import { holdsPermissionRole, type PermissionTable } from '../../../domain/access/permissions.js';
import { statusAt } from '../../../domain/convention/index.js';
import { runningProcedures } from '../../../domain/convention/termination.js';
import { formatFrenchDate, type IsoDate } from '../../../domain/shared/dates.js';
import type { Context } from '../../../use-cases/context.js';
import type { AnnexContribution } from '../../../use-cases/conventions/annex-content.js';
import type { ArticleContribution } from '../../../use-cases/conventions/article-content.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import type { DueItemSource } from '../../../use-cases/conventions/list-due-items.js';
import { terminationsView } from '../../presenters/convention.presenter.js';
import { ErrorSummary, Layout, type PageContext } from '../../views/components/layout.js';
import { Status, Styles } from './convention-components.js';

/** A module's tab in the workspace of a convention: `/conventions/:id/<segment>`. */
export interface WorkspaceTab {
  /** Path segment under the convention (`diagnostic`): lowercase letters, digits and dashes. */
  segment: string;
  /** The tab's label, in French. */
  label: string;
  /** The permission its page needs (a name of the declaration, the platform's or the module's). */
  permission: string;
  /** Whether the tab shows for that convention (a module with nothing to say on a draft hides). */
  shows(view: ConventionView): boolean;
  /**
   * The tab's content under its `<h2>`; the workspace draws the header and the tabs around it. It
   * reads from the module's own area (its use case or queries) with the request's context.
   */
  render(input: {
    ctx: Context;
    view: ConventionView;
    page: PageContext;
    /** The page's query string (a view or filters the tab offers as a GET form). */
    query: Readonly<Record<string, string | string[] | undefined>>;
  }): Promise<ComponentChildren>;
}

/** What the modules bring to the convention area, handed in by the app (see `src/modules/`). */
export interface ConventionExtensions {
  tabs: readonly WorkspaceTab[];
  annexes: readonly AnnexContribution[];
  articles: readonly ArticleContribution[];
  dueItems: readonly DueItemSource[];
  /** The declaration with the modules' lines, to know whether a tab's permission is held. */
  permissions: PermissionTable;
}

export const NO_EXTENSIONS: ConventionExtensions = {
  tabs: [],
  annexes: [],
  articles: [],
  dueItems: [],
  permissions: {},
};

/** The workspace's own parts; a module's tab comes after them. */
export type CoreTab = 'synthese' | 'texte' | 'documents' | 'resiliation';

interface TabLink {
  id: string;
  label: string;
  href: string;
}

function tabsOf(view: ConventionView, page: PageContext, extensions: ConventionExtensions): TabLink[] {
  const base = `/conventions/${view.convention.id}`;
  const tabs: TabLink[] = [
    { id: 'synthese', label: 'Synthèse', href: base },
    { id: 'texte', label: 'Texte et annexes', href: `${base}/texte` },
    { id: 'documents', label: 'Documents et versions', href: `${base}/documents` },
  ];
  if (view.convention.versions.length || view.convention.terminations.length)
    tabs.push({ id: 'resiliation', label: 'Résiliation', href: `${base}/resiliation` });
  for (const tab of extensions.tabs) {
    const rule = extensions.permissions[tab.permission];
    if (!rule || !page.actor || !holdsPermissionRole(page.actor, rule) || !tab.shows(view)) continue;
    tabs.push({ id: tab.segment, label: tab.label, href: `${base}/${tab.segment}` });
  }
  return tabs;
}

/** The formal notices running on `today`: what the header warns about. */
export function pendingFormalNotices(view: ConventionView, today: IsoDate) {
  const running = new Set(runningProcedures(view.convention, today).map((p) => p.id));
  return terminationsView(view.convention).filter((t) => t.kind === 'formal_notice' && running.has(t.id));
}

export function WorkspaceLayout(props: {
  ctx: PageContext;
  view: ConventionView;
  today: IsoDate;
  extensions: ConventionExtensions;
  /** The tab this page belongs to (an edit page belongs to the tab it comes back to). */
  current: string;
  /** The page's own heading when it is not the tab itself (an edit form). */
  heading?: string;
  errors?: string[];
  notice?: string;
  children: ComponentChildren;
}) {
  const { view, today } = props;
  const c = view.convention;
  const name = c.content.territory.name;
  const tabs = tabsOf(view, props.ctx, props.extensions);
  const current = tabs.find((t) => t.id === props.current);
  const pageTitle = props.heading ?? current?.label ?? 'Synthèse';
  const notices = pendingFormalNotices(view, today);
  const base = `/conventions/${c.id}`;
  return (
    <Layout
      ctx={props.ctx}
      title={`${props.errors?.length ? 'Erreur — ' : ''}${pageTitle} — Convention de ${name}`}
      crumbs={[
        { label: 'Accueil', href: '/' },
        { label: 'Conventions', href: '/conventions' },
        ...(props.current === 'synthese' && !props.heading
          ? [{ label: name }]
          : [{ label: name, href: base }, { label: pageTitle }]),
      ]}
    >
      <Styles />
      <header class="workspace-header">
        <h1>Convention territoriale globale — {name}</h1>
        <p class="workspace-status">
          État au {formatFrenchDate(today)} : <Status status={statusAt(c, today)} />
        </p>
        {notices.map((n) => (
          <div class="alert error formal-notice">
            <p>
              <strong>Mise en demeure en cours</strong> : envoyée le {formatFrenchDate(n.startedOn)} par{' '}
              {n.byPartyName}
              {n.groundLabel ? ` (${n.groundLabel.toLowerCase()})` : ''}. Sans régularisation, la convention
              sera résiliée le <strong>{formatFrenchDate(n.effectiveOn)}</strong>.{' '}
              <a href={`${base}/resiliation`}>Voir la procédure</a>
            </p>
          </div>
        ))}
        <nav class="workspace-tabs" aria-label="Parties de la convention">
          <ul>
            {tabs.map((t) => (
              <li>
                <a
                  href={t.href}
                  aria-current={t.id === props.current ? (props.heading ? 'true' : 'page') : undefined}
                >
                  {t.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <ErrorSummary title="L’opération n’a pas été faite" messages={props.errors ?? []} />
      {props.notice ? (
        <div class="alert info" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <h2 class="workspace-title">{pageTitle}</h2>
      {props.children}
    </Layout>
  );
}
