/**
 * Administration of organisations: the list with a form to create one (a Caf for any département,
 * a partner), and one organisation's page with its accounts and, for a partner, the conventions
 * opened to it (open one more, withdraw one).
 */

import type { ConventionAccessRow } from '../../../db/repositories/convention-access.repository.js';
import type { OrganisationRow } from '../../../db/repositories/organisation.repository.js';
import {
  ORGANISATION_KIND_LABELS,
  type OrganisationKind,
  ROLE_LABELS,
} from '../../../domain/access/access.js';
import type { ConventionSummary } from '../../../use-cases/conventions/list-conventions.js';
import type { AccountView } from '../../../use-cases/users/list-users.js';
import { periodLabel, statusLabel } from '../../presenters/convention.presenter.js';
import { Layout, type PageContext } from '../../views/components/layout.js';
import { accountName, accountState } from './accounts-pages.js';
import {
  AdminStyles,
  Csrf,
  dateTime,
  ErrorList,
  FieldError,
  type FormErrors,
  hasFormErrors,
  invalid,
  NO_ERRORS,
  Notice,
} from './admin-components.js';

const ADMIN_CRUMB = { label: 'Administration', href: '/admin' };
const ORGS_CRUMB = { label: 'Organismes', href: '/admin/organismes' };

/** Kinds an administrator creates here (communes and EPCI are created with their first convention too). */
export const CREATABLE_KINDS: OrganisationKind[] = [
  'caf',
  'partner',
  'msa',
  'state',
  'departement',
  'commune',
  'epci',
];

export const ORGANISATION_FIELD_LABELS: Record<string, string> = {
  kind: 'Nature',
  territoryCode: 'Territoire',
  name: 'Nom',
  siren: 'SIREN',
  conventionId: 'Convention',
};

export interface NewOrganisationValues {
  kind: string;
  territoryCode: string;
  name: string;
}

export function OrganisationsPage(props: {
  ctx: PageContext;
  organisations: OrganisationRow[];
  values: NewOrganisationValues;
  errors?: FormErrors;
}) {
  const errors = props.errors ?? NO_ERRORS;
  const v = props.values;
  const failed = hasFormErrors(errors);
  return (
    <Layout
      ctx={props.ctx}
      title={failed ? 'Erreur — Organismes' : 'Organismes'}
      crumbs={[{ label: 'Accueil', href: '/' }, ADMIN_CRUMB, { label: 'Organismes' }]}
    >
      <AdminStyles />
      <h1>Organismes</h1>
      <div class="table-wrap">
        <table>
          <caption>Les organismes de la plateforme ({props.organisations.length})</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Nature</th>
              <th scope="col">Territoire</th>
            </tr>
          </thead>
          <tbody>
            {props.organisations.map((o) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/organismes/${o.id}`}>{o.name}</a>
                </th>
                <td>{ORGANISATION_KIND_LABELS[o.kind]}</td>
                <td>{o.territoryCode ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="nouvel-organisme">
        <h2 id="nouvel-organisme">Créer un organisme</h2>
        <p>
          Une Caf se crée pour un département (son code : 78, 2A, 971…) ; son nom est proposé s’il est laissé
          vide. Un partenaire (association, MSA, services de l’État, conseil départemental) voit les
          conventions que vous lui ouvrez depuis sa page.
        </p>
        <ErrorList title="L’organisme n’a pas été créé" errors={errors} labels={ORGANISATION_FIELD_LABELS} />
        <form method="post" action="/admin/organismes" class="form narrow" novalidate>
          <Csrf ctx={props.ctx} />
          <div class="field">
            <label for="kind">Nature</label>
            <FieldError errors={errors} field="kind" />
            <select id="kind" name="kind" required {...invalid(errors, 'kind')}>
              {CREATABLE_KINDS.map((k) => (
                <option value={k} selected={v.kind === k}>
                  {ORGANISATION_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="territoryCode">
              Territoire (Caf, conseil départemental, commune, intercommunalité)
            </label>
            <p class="muted" id="territoryCode-aide">
              Code du département, code Insee de la commune ou SIREN de l’intercommunalité ; laisser vide pour
              un partenaire.
            </p>
            <FieldError errors={errors} field="territoryCode" />
            <input
              id="territoryCode"
              name="territoryCode"
              type="text"
              value={v.territoryCode}
              {...invalid(errors, 'territoryCode')}
              aria-describedby={
                errors.fields.territoryCode ? 'territoryCode-erreur territoryCode-aide' : 'territoryCode-aide'
              }
            />
          </div>
          <div class="field">
            <label for="name">Nom</label>
            <FieldError errors={errors} field="name" />
            <input id="name" name="name" type="text" value={v.name} {...invalid(errors, 'name')} />
          </div>
          <button type="submit" class="button">
            Créer l’organisme
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function OrganisationPage(props: {
  ctx: PageContext;
  organisation: OrganisationRow;
  accounts: Omit<AccountView, 'hasPassword'>[];
  grantable: boolean;
  access: ConventionAccessRow[];
  others: ConventionSummary[];
  notice?: string;
  errors?: FormErrors;
}) {
  const o = props.organisation;
  const errors = props.errors ?? NO_ERRORS;
  return (
    <Layout
      ctx={props.ctx}
      title={`Organisme : ${o.name}`}
      crumbs={[{ label: 'Accueil', href: '/' }, ADMIN_CRUMB, ORGS_CRUMB, { label: o.name }]}
    >
      <AdminStyles />
      <h1>{o.name}</h1>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      <dl>
        <dt>Nature</dt>
        <dd>{ORGANISATION_KIND_LABELS[o.kind]}</dd>
        {o.territoryCode ? (
          <>
            <dt>Territoire</dt>
            <dd>{o.territoryCode}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="comptes">
        <h2 id="comptes">Comptes de l’organisme</h2>
        {props.accounts.length ? (
          <ul>
            {props.accounts.map((a) => (
              <li>
                <a href={`/admin/comptes/${a.id}`}>{accountName(a)}</a> —{' '}
                {a.roles.map((r) => ROLE_LABELS[r]).join(', ') || 'aucun rôle'} (
                {accountState(a).toLowerCase()})
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun compte.</p>
        )}
        <p>
          <a href="/admin/comptes/nouveau">Créer un compte</a>
        </p>
      </section>
      <section aria-labelledby="conventions">
        <h2 id="conventions">Conventions ouvertes à l’organisme</h2>
        {!props.grantable ? (
          <>
            <ErrorList
              title="L’accès n’a pas été ouvert"
              errors={errors}
              labels={ORGANISATION_FIELD_LABELS}
            />
            <p>
              Cet organisme voit les conventions de son territoire (ou de son département pour une Caf) : il
              n’y a pas d’accès à lui ouvrir.
            </p>
          </>
        ) : (
          <>
            {props.access.length ? (
              <div class="table-wrap">
                <table>
                  <caption>Conventions que les comptes de l’organisme peuvent consulter</caption>
                  <thead>
                    <tr>
                      <th scope="col">Convention</th>
                      <th scope="col">État</th>
                      <th scope="col">Ouverte le</th>
                      <th scope="col">Par</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {props.access.map((g) => (
                      <tr>
                        <th scope="row">
                          {g.territoryName}, {periodLabel(g)}
                        </th>
                        <td>{statusLabel(g.status)}</td>
                        <td>{dateTime.format(g.grantedAt)}</td>
                        <td>{g.grantedByLabel}</td>
                        <td>
                          <form
                            method="post"
                            action={`/admin/organismes/${o.id}/acces/${g.conventionId}/retrait`}
                          >
                            <Csrf ctx={props.ctx} />
                            <button
                              type="submit"
                              class="button light"
                              aria-label={`Retirer l’accès à la convention de ${g.territoryName}`}
                            >
                              Retirer l’accès
                            </button>
                          </form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>Aucune convention ne lui est encore ouverte : ses comptes ne voient aucune convention.</p>
            )}
            <ErrorList
              title="L’accès n’a pas été ouvert"
              errors={errors}
              labels={ORGANISATION_FIELD_LABELS}
            />
            {props.others.length ? (
              <form method="post" action={`/admin/organismes/${o.id}/acces`} class="form narrow" novalidate>
                <Csrf ctx={props.ctx} />
                <div class="field">
                  <label for="conventionId">Ouvrir une convention à l’organisme</label>
                  <FieldError errors={errors} field="conventionId" />
                  <select id="conventionId" name="conventionId" required {...invalid(errors, 'conventionId')}>
                    <option value="">Choisir une convention</option>
                    {props.others.map((c) => (
                      <option value={c.id}>
                        {c.territoryName}, {periodLabel(c)} ({statusLabel(c.status)})
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" class="button">
                  Ouvrir l’accès
                </button>
              </form>
            ) : (
              <p>Toutes les conventions lui sont ouvertes.</p>
            )}
          </>
        )}
      </section>
    </Layout>
  );
}
