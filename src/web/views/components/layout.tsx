/** The page frame: skip link, header with navigation and account, main content, footer. */
import type { ComponentChildren } from 'preact';
import { type Actor, ROLE_LABELS } from '../../../domain/access/access.js';
import { can, holdsPermissionRole } from '../../../domain/access/permissions.js';
import { currentHref } from './navigation.js';

export interface PageContext {
  actor: Actor | null;
  csrfToken: string;
  path: string;
  /** How to reach the platform's administrator (CTG_ADMIN_CONTACT), when configured. */
  adminContact?: string | undefined;
  /** The logged-in person's unread notifications, shown beside their account. */
  unreadNotifications?: number | undefined;
}

export interface Crumb {
  label: string;
  href?: string;
}

function notificationsLabel(unread: number): string {
  if (unread === 0) return 'Mes notifications';
  return `Mes notifications (${unread} non lue${unread > 1 ? 's' : ''})`;
}

export function Layout(props: {
  ctx: PageContext;
  title: string;
  crumbs?: Crumb[];
  children: ComponentChildren;
}) {
  const { ctx, title } = props;
  const actor = ctx.actor?.kind === 'user' ? ctx.actor : null;
  const nav = [
    { href: '/', label: 'Accueil' },
    { href: '/territoires', label: 'Territoires' },
    ...(actor ? [{ href: '/conventions', label: 'Conventions' }] : []),
    ...(actor && holdsPermissionRole(actor, 'convention.read')
      ? [{ href: '/echeances', label: 'Échéances' }]
      : []),
    ...(actor && can(actor, 'template.manage') ? [{ href: '/conventions/modeles', label: 'Modèles' }] : []),
    ...(actor && can(actor, 'audit.read') ? [{ href: '/admin/journal', label: 'Journal d’audit' }] : []),
    ...(actor && can(actor, 'user.manage') ? [{ href: '/admin', label: 'Administration' }] : []),
  ];
  const current = currentHref(
    ctx.path,
    nav.map((item) => item.href),
  );
  const navList = () => (
    <ul>
      {nav.map((item) => (
        <li>
          <a href={item.href} aria-current={item.href === current ? 'page' : undefined}>
            {item.label}
          </a>
        </li>
      ))}
    </ul>
  );
  const account = (place: 'wide-only' | 'in-menu') =>
    actor ? (
      <div class={`account ${place}`}>
        <p>
          <span class="account-name">{actor.displayName}</span>
          <span class="account-org">
            {actor.organisation.name} — {actor.roles.map((r) => ROLE_LABELS[r]).join(', ')}
          </span>
          <a class="account-notifications" href="/compte/notifications">
            {notificationsLabel(ctx.unreadNotifications ?? 0)}
          </a>
          <a class="account-tokens" href="/compte/jetons">
            Mes jetons d’accès
          </a>
        </p>
        <form method="post" action="/deconnexion">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit" class="button on-brand">
            Se déconnecter
          </button>
        </form>
      </div>
    ) : (
      <a class={`button ${place}`} href="/connexion">
        Se connecter
      </a>
    );
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — Conventions territoriales globales`}</title>
        <link rel="icon" href="/favicon.ico" sizes="48x48" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/theme.css" />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header class="site-header">
          <div class="container header-row">
            <p class="site-name">
              <a href="/">Conventions territoriales globales</a>
              <span class="site-tagline">Caf et collectivités, ensemble pour les familles</span>
            </p>
            {/* Wide screens: the account here and the navigation below. Narrow screens: both folded
                into one menu (a <details>, no script), only one of the two shown by the style sheet. */}
            {account('wide-only')}
            <details class="site-menu narrow-only">
              <summary>Menu</summary>
              <div class="site-menu-body">
                <nav class="menu-nav" aria-label="Navigation principale">
                  {navList()}
                </nav>
                {account('in-menu')}
              </div>
            </details>
          </div>
          <nav class="main-nav wide-only" aria-label="Navigation principale">
            <div class="container">{navList()}</div>
          </nav>
        </header>
        <main id="contenu" class="container" tabIndex={-1}>
          {props.crumbs && props.crumbs.length > 0 ? (
            <nav aria-label="Fil d’Ariane" class="breadcrumbs">
              <ol>
                {props.crumbs.map((c) => (
                  <li>
                    {c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>
              Plateforme libre des Conventions territoriales globales. Référentiel des territoires : Code
              officiel géographique de l’Insee.
            </p>
            <p>
              <a href="/api/docs">Documentation de l’API</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function ErrorSummary(props: { title: string; messages: string[] }) {
  if (props.messages.length === 0) return null;
  return (
    <div class="alert error" role="alert" tabIndex={-1} id="erreurs">
      <h2>{props.title}</h2>
      <ul>
        {props.messages.map((m) => (
          <li>{m}</li>
        ))}
      </ul>
    </div>
  );
}
