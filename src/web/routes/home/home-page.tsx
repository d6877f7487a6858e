/** Home page. */
import type { ConventionSummary } from '../../../use-cases/conventions/list-conventions.js';
import { NoConventionYet } from '../../views/components/ask-admin.js';
import { Layout, type PageContext } from '../../views/components/layout.js';
import { ConventionTable } from '../conventions/convention-components.js';
import { SearchForm } from '../territories/territory-pages.js';

export function HomePage(props: { ctx: PageContext; conventions: ConventionSummary[] | null }) {
  const actor = props.ctx.actor?.kind === 'user' ? props.ctx.actor : null;
  return (
    <Layout ctx={props.ctx} title="Accueil">
      <h1>{actor ? `Bonjour, ${actor.displayName}` : 'Conventions territoriales globales'}</h1>
      {actor ? null : (
        <p class="lead">
          La Caf et les communes ou intercommunalités de son département préparent, signent, suivent et
          évaluent ici leurs conventions territoriales globales : diagnostic partagé, plan d’actions,
          équipements soutenus, pilotage et évaluation.
        </p>
      )}
      {props.conventions ? (
        <section aria-labelledby="mes-conventions">
          <h2 id="mes-conventions">Vos conventions</h2>
          {props.conventions.length ? (
            <ConventionTable
              conventions={props.conventions}
              caption="Conventions que vous pouvez consulter"
            />
          ) : (
            <NoConventionYet ctx={props.ctx} />
          )}
        </section>
      ) : (
        <p>
          <a class="button" href="/connexion">
            Se connecter
          </a>
        </p>
      )}
      <section aria-labelledby="recherche">
        <h2 id="recherche">Trouver un territoire</h2>
        <SearchForm query="" />
      </section>
    </Layout>
  );
}
