/** The page frame: skip link, header with navigation and account, main content, footer. */
import type { ComponentChildren } from 'preact';
import { type Actor, ROLE_LABELS } from '../../../domain/access/access.js';
import { can } from '../../../domain/access/permissions.js';

export interface PageContext {
  actor: Actor | null;
  csrfToken: string;
  path: string;
  /** How to reach the platform's administrator (CTG_ADMIN_CONTACT), when configured. */
  adminContact?: string | undefined;
}

export interface Crumb {
  label: string;
  href?: string;
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
    ...(actor && can(actor, 'audit.read') ? [{ href: '/admin/journal', label: 'Journal d’audit' }] : []),
    ...(actor && can(actor, 'user.manage') ? [{ href: '/admin', label: 'Administration' }] : []),
  ];
  const matches = (href: string) => (href === '/' ? ctx.path === '/' : ctx.path.startsWith(href));
  // The longest matching link is the current one (/admin/journal is the journal, not /admin).
  const current = nav
    .map((item) => item.href)
    .filter(matches)
    .sort((a, b) => b.length - a.length)[0];
  const isCurrent = (href: string) => href === current;
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — Conventions territoriales globales`}</title>
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
            {actor ? (
              <div class="account">
                <p>
                  <span class="account-name">{actor.displayName}</span>
                  <span class="account-org">
                    {actor.organisation.name} — {actor.roles.map((r) => ROLE_LABELS[r]).join(', ')}
                  </span>
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
              <a class="button" href="/connexion">
                Se connecter
              </a>
            )}
          </div>
          <nav class="main-nav" aria-label="Navigation principale">
            <ul class="container">
              {nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={isCurrent(item.href) ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
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
