/** Pages of the territory referential: search and one territory. */

import type { TerritoryRow } from '../../../db/repositories/territory.repository.js';
import { formatCount } from '../../../domain/shared/money.js';
import { LEVEL_LABELS } from '../../../domain/territory/territory.js';
import type { ConventionSummary } from '../../../use-cases/conventions/list-conventions.js';
import type {
  TerritoryMatch,
  TerritorySearchResult,
} from '../../../use-cases/territories/find-territories.js';
import type { TerritoryView } from '../../../use-cases/territories/get-territory.js';
import { periodLabel, statusLabel } from '../../presenters/convention.presenter.js';
import {
  matchLabels,
  populationLabel,
  resultCountLabel,
  territoryHref,
} from '../../presenters/territory.presenter.js';
import { Layout, type PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';

export function SearchForm(props: { query: string }) {
  return (
    <search>
      <form method="get" action="/territoires" class="search">
        <label for="q">Nom ou code d’une commune, d’une intercommunalité ou d’un département</label>
        <div class="search-row">
          <input
            id="q"
            name="q"
            type="search"
            value={props.query}
            placeholder="ex. carrieres, 78124, 200058519"
          />
          <button type="submit" class="button">
            Rechercher
          </button>
        </div>
      </form>
    </search>
  );
}

export const SEARCH_PAGE_SIZE = 50;

function searchHref(query: string, page: number): string {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set('page', String(page));
  return `/territoires?${params.toString()}`;
}

export function TerritorySearchPage(props: {
  ctx: PageContext;
  query: string;
  result: TerritorySearchResult | null;
}) {
  const { query, result } = props;
  const title = query ? `Territoires : « ${query} »` : 'Territoires';
  const shown = result?.territories.length ?? 0;
  const page = result ? Math.floor(result.offset / result.limit) + 1 : 1;
  const pages = result ? Math.max(1, Math.ceil(result.total / result.limit)) : 1;
  const cut = !!result && result.total > shown;
  return (
    <Layout
      ctx={props.ctx}
      title={page > 1 ? `${title}, page ${page}` : title}
      crumbs={[{ label: 'Accueil', href: '/' }, { label: 'Territoires' }]}
    >
      <h1>Territoires</h1>
      <p class="lead">
        Toutes les communes, intercommunalités, départements et régions de France, avec leur population et
        leurs rattachements.
      </p>
      <SearchForm query={query} />
      {query && result ? (
        result.total > 0 ? (
          <section aria-labelledby="resultats">
            <h2 id="resultats">
              {capitalise(resultCountLabel({ offset: result.offset, shown, total: result.total }))} pour «{' '}
              {query} »
            </h2>
            {cut && page === 1 ? (
              <p>
                Précisez la recherche pour réduire la liste : le nom complet, le code Insee de la commune, son
                code postal ou le SIREN de l’intercommunalité.
              </p>
            ) : null}
            {shown ? (
              <TerritoryTable
                rows={result.territories}
                caption={`Territoires correspondant à « ${query} »`}
                showLevel
              />
            ) : (
              <p>
                <a href={searchHref(query, 1)}>Revenir aux premiers résultats</a>
              </p>
            )}
            {pages > 1 && shown ? (
              <nav class="pagination" aria-label="Pages de résultats">
                {page > 1 ? (
                  <a href={searchHref(query, page - 1)} rel="prev">
                    Résultats précédents
                  </a>
                ) : null}
                <span>
                  Page {page} sur {pages}
                </span>
                {page < pages ? (
                  <a href={searchHref(query, page + 1)} rel="next">
                    Résultats suivants
                  </a>
                ) : null}
              </nav>
            ) : null}
          </section>
        ) : (
          <p class="alert info" role="status">
            Aucun territoire ne correspond à « {query} ». Vérifiez l’orthographe ou essayez un code (commune,
            SIREN d’EPCI, département).
          </p>
        )
      ) : null}
    </Layout>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function TerritoryTable(props: {
  rows: (TerritoryRow & { matchedBy?: TerritoryMatch['matchedBy'] })[];
  caption: string;
  showLevel?: boolean;
}) {
  const showMatch = props.rows.some((t) => t.matchedBy);
  return (
    <TableScroll label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            {showMatch ? <th scope="col">Correspond par</th> : null}
            <th scope="col">Code</th>
            {props.showLevel ? <th scope="col">Niveau</th> : null}
            <th scope="col">Département</th>
            <th scope="col" class="num">
              Population
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((t) => (
            <tr>
              <th scope="row">
                <a href={territoryHref(t)}>{t.name}</a>
              </th>
              {showMatch ? (
                <td>{t.matchedBy ? matchLabels({ level: t.level, matchedBy: t.matchedBy }) : ''}</td>
              ) : null}
              <td>{t.code}</td>
              {props.showLevel ? <td>{LEVEL_LABELS[t.level]}</td> : null}
              <td>{t.departementCodes.join(', ')}</td>
              <td class="num">{t.population === null ? '—' : formatCount(t.population)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function TerritoryPage(props: {
  ctx: PageContext;
  view: TerritoryView;
  conventions: ConventionSummary[] | null;
}) {
  const { territory: t, epci, departements, region, communes, homonyms } = props.view;
  return (
    <Layout
      ctx={props.ctx}
      title={t.name}
      crumbs={[
        { label: 'Accueil', href: '/' },
        { label: 'Territoires', href: '/territoires' },
        { label: t.name },
      ]}
    >
      <h1>
        {t.name} <span class="level-badge">{LEVEL_LABELS[t.level]}</span>
      </h1>
      <dl class="facts">
        <div>
          <dt>Code</dt>
          <dd>{t.code}</dd>
        </div>
        <div>
          <dt>Population</dt>
          <dd>{populationLabel(t)}</dd>
        </div>
        {t.siren ? (
          <div>
            <dt>SIREN</dt>
            <dd>{t.siren}</dd>
          </div>
        ) : null}
        {t.subtype ? (
          <div>
            <dt>Catégorie</dt>
            <dd>{t.subtype}</dd>
          </div>
        ) : null}
        {t.postalCodes.length ? (
          <div>
            <dt>{t.postalCodes.length > 1 ? 'Codes postaux' : 'Code postal'}</dt>
            <dd>{t.postalCodes.join(', ')}</dd>
          </div>
        ) : null}
        {t.level === 'commune' ? (
          <div>
            <dt>Intercommunalité</dt>
            <dd>{epci ? <a href={territoryHref(epci)}>{epci.name}</a> : 'Aucune (commune isolée)'}</dd>
          </div>
        ) : null}
        {departements.length ? (
          <div>
            <dt>{departements.length > 1 ? 'Départements' : 'Département'}</dt>
            <dd>
              {departements.map((d, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={territoryHref(d)}>
                    {d.name} ({d.code})
                  </a>
                </>
              ))}
            </dd>
          </div>
        ) : null}
        {region ? (
          <div>
            <dt>Région</dt>
            <dd>
              <a href={territoryHref(region)}>{region.name}</a>
            </dd>
          </div>
        ) : null}
      </dl>
      {homonyms.length ? (
        <p class="muted">
          Le même code désigne aussi :{' '}
          {homonyms.map((h) => (
            <a href={territoryHref(h)}>
              {h.name} ({LEVEL_LABELS[h.level].toLowerCase()})
            </a>
          ))}
        </p>
      ) : null}
      {props.ctx.actor && t.level !== 'region' ? (
        <p>
          <a href={`/territoires/${t.code}/diagnostic`}>Diagnostic partagé (annexe 1) de {t.name}</a>
        </p>
      ) : null}
      {props.conventions ? (
        <section aria-labelledby="conventions">
          <h2 id="conventions">Conventions territoriales globales</h2>
          {props.conventions.length ? (
            <ul class="card-list">
              {props.conventions.map((c) => (
                <li>
                  <a href={`/conventions/${c.id}`}>Convention {periodLabel(c)}</a>{' '}
                  <span class={`status status-${c.status}`}>{statusLabel(c.status)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucune convention que vous puissiez consulter pour ce territoire.</p>
          )}
        </section>
      ) : null}
      {t.level === 'epci' ? (
        <section aria-labelledby="communes">
          <h2 id="communes">Communes membres ({communes.length})</h2>
          <TerritoryTable rows={communes} caption={`Communes membres de ${t.name}`} />
        </section>
      ) : null}
    </Layout>
  );
}
