/** The French error pages (404, 403, 500…), never showing a stack trace. */
import { Layout, type PageContext } from '../components/layout.js';

const TITLES: Record<number, string> = {
  400: 'Demande invalide',
  401: 'Connexion requise',
  403: 'Accès refusé',
  404: 'Page introuvable',
  409: 'Action impossible',
  422: 'Données invalides',
  500: 'Erreur interne',
};

export function ErrorPage(props: { ctx: PageContext; status: number; message: string }) {
  const title = TITLES[props.status] ?? 'Erreur';
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{props.message}</p>
      {props.status === 401 ? (
        <p>
          <a class="button" href={`/connexion?suivant=${encodeURIComponent(props.ctx.path)}`}>
            Se connecter
          </a>
        </p>
      ) : null}
      <p>
        <a href="/">Revenir à l’accueil</a>
      </p>
      <p class="muted">Code d’erreur : {props.status}</p>
    </Layout>
  );
}
