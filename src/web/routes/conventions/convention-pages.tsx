/** Pages of conventions: the list the user may see, and one convention. */
import type { ConventionRecord, ConventionSummary } from '../../../db/repositories/convention.repository.js';
import { formatShortFrenchDate } from '../../../domain/shared/dates.js';
import {
  PARTY_ROLE_LABELS,
  periodLabel,
  statusLabel,
  VARIANT_LABELS,
} from '../../presenters/convention.presenter.js';
import { territoryHref } from '../../presenters/territory.presenter.js';
import { Layout, type PageContext } from '../../views/components/layout.js';

export function ConventionTable(props: { conventions: ConventionSummary[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Territoire</th>
            <th scope="col">Période</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {props.conventions.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/conventions/${c.id}`}>{c.territoryName}</a>
              </th>
              <td>{periodLabel(c)}</td>
              <td>
                <span class={`status status-${c.status}`}>{statusLabel(c.status)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ConventionListPage(props: { ctx: PageContext; conventions: ConventionSummary[] }) {
  return (
    <Layout
      ctx={props.ctx}
      title="Conventions"
      crumbs={[{ label: 'Accueil', href: '/' }, { label: 'Conventions' }]}
    >
      <h1>Conventions territoriales globales</h1>
      {props.conventions.length ? (
        <ConventionTable
          conventions={props.conventions}
          caption="Les conventions que vous pouvez consulter"
        />
      ) : (
        <p>Aucune convention ne vous est accessible pour le moment.</p>
      )}
    </Layout>
  );
}

export function ConventionPage(props: { ctx: PageContext; convention: ConventionRecord; canEdit: boolean }) {
  const c = props.convention;
  const title = `Convention territoriale globale — ${c.territoryName}`;
  return (
    <Layout
      ctx={props.ctx}
      title={title}
      crumbs={[
        { label: 'Accueil', href: '/' },
        { label: 'Conventions', href: '/conventions' },
        { label: c.territoryName },
      ]}
    >
      <h1>{title}</h1>
      <dl class="facts">
        <div>
          <dt>État</dt>
          <dd>
            <span class={`status status-${c.status}`}>{statusLabel(c.status)}</span>
          </dd>
        </div>
        <div>
          <dt>Période</dt>
          <dd>{periodLabel(c)}</dd>
        </div>
        <div>
          <dt>Modèle</dt>
          <dd>{VARIANT_LABELS[c.variant] ?? c.variant}</dd>
        </div>
        <div>
          <dt>{c.territories.length > 1 ? 'Territoires' : 'Territoire'}</dt>
          <dd>
            {c.territories.map((t, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={territoryHref(t)}>{t.name}</a>
              </>
            ))}
          </dd>
        </div>
        {c.placeOfSignature ? (
          <div>
            <dt>Lieu de signature</dt>
            <dd>{c.placeOfSignature}</dd>
          </div>
        ) : null}
        <div>
          <dt>Vos droits</dt>
          <dd>{props.canEdit ? 'Consultation et modification' : 'Consultation seule'}</dd>
        </div>
      </dl>
      <section aria-labelledby="parties">
        <h2 id="parties">Parties et signataires</h2>
        <div class="table-wrap">
          <table>
            <caption>Parties à la convention et leurs signataires</caption>
            <thead>
              <tr>
                <th scope="col">Partie</th>
                <th scope="col">Qualité</th>
                <th scope="col">Signataire</th>
                <th scope="col">Fonction</th>
                <th scope="col">Habilitation</th>
              </tr>
            </thead>
            <tbody>
              {c.parties.flatMap((p) =>
                p.signatories.length
                  ? p.signatories.map((s) => (
                      <tr>
                        <th scope="row">{p.organisationName}</th>
                        <td>{PARTY_ROLE_LABELS[p.role]}</td>
                        <td>{[s.civility, s.fullName].filter(Boolean).join(' ')}</td>
                        <td>{s.functionTitle}</td>
                        <td>
                          {s.authority
                            ? `${s.authority}${s.authorityDate ? ` du ${formatShortFrenchDate(s.authorityDate)}` : ''}`
                            : '—'}
                        </td>
                      </tr>
                    ))
                  : [
                      <tr>
                        <th scope="row">{p.organisationName}</th>
                        <td>{PARTY_ROLE_LABELS[p.role]}</td>
                        <td colSpan={3}>Signataire non encore désigné</td>
                      </tr>,
                    ],
              )}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}
