/** The login form. */
import { AdminContact } from '../../views/components/ask-admin.js';
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
      <h2>Pas encore de compte ?</h2>
      <p>
        Les comptes sont créés par <AdminContact ctx={props.ctx} />. Indiquez-lui votre nom, votre organisme
        (Caf, commune, intercommunalité ou partenaire) et votre adresse électronique professionnelle : elle ou
        il crée votre compte et vous transmet votre mot de passe.
      </p>
    </Layout>
  );
}
