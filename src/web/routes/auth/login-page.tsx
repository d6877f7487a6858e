/** The login form. */
import { ErrorSummary, Layout, type PageContext } from '../../views/components/layout.js';

export function LoginPage(props: { ctx: PageContext; next: string; email?: string; errors?: string[] }) {
  const errors = props.errors ?? [];
  return (
    <Layout ctx={props.ctx} title={errors.length ? 'Erreur — Connexion' : 'Connexion'}>
      <h1>Connexion</h1>
      <ErrorSummary title="La connexion a échoué" messages={errors} />
      <form method="post" action="/connexion" class="form narrow" novalidate>
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
        <input type="hidden" name="suivant" value={props.next} />
        <div class="field">
          <label for="email">Adresse électronique</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={props.email ?? ''}
            aria-invalid={errors.length ? 'true' : undefined}
            aria-describedby={errors.length ? 'erreurs' : undefined}
          />
        </div>
        <div class="field">
          <label for="password">Mot de passe</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid={errors.length ? 'true' : undefined}
          />
        </div>
        <button type="submit" class="button">
          Se connecter
        </button>
      </form>
      <p class="muted">
        Pas encore de compte ? Demandez-le à l’administrateur de la plateforme de votre Caf.
      </p>
    </Layout>
  );
}
