/**
 * Administration of accounts: the list, creating one (its password shown once), one account's page
 * (roles, disabling, re-enabling, a new password shown once), anonymising with a confirmation step,
 * and the roles with what each allows. Forms work without JavaScript.
 */
import type { OrganisationRow } from '../../../db/repositories/organisation.repository.js';
import {
  ANONYMISED_ACCOUNT_LABEL,
  ORGANISATION_KIND_LABELS,
  ROLE_LABELS,
  ROLES,
  type Role,
} from '../../../domain/access/access.js';
import { PERMISSIONS } from '../../../domain/access/permissions.js';
import type { AccountView } from '../../../use-cases/users/list-users.js';
import { Layout, type PageContext } from '../../views/components/layout.js';
import {
  AdminStyles,
  Csrf,
  ErrorList,
  FieldError,
  type FormErrors,
  hasFormErrors,
  invalid,
  NO_ERRORS,
  Notice,
} from './admin-components.js';

const ADMIN_CRUMB = { label: 'Administration', href: '/admin' };
const ACCOUNTS_CRUMB = { label: 'Comptes', href: '/admin/comptes' };

export const ACCOUNT_FIELD_LABELS: Record<string, string> = {
  displayName: 'Nom et prénom',
  email: 'Adresse électronique',
  organisationId: 'Organisme',
  roles: 'Rôles',
};

/** The name an account is shown by: « Personne anonymisée » once erased. */
export function accountName(a: Pick<AccountView, 'displayName' | 'anonymisedAt'>): string {
  return a.anonymisedAt ? ANONYMISED_ACCOUNT_LABEL : a.displayName;
}

export function accountState(a: Pick<AccountView, 'disabled' | 'anonymisedAt'>): string {
  if (a.anonymisedAt) return 'Anonymisé';
  return a.disabled ? 'Désactivé' : 'Actif';
}

export function AdminHomePage(props: { ctx: PageContext }) {
  return (
    <Layout
      ctx={props.ctx}
      title="Administration"
      crumbs={[{ label: 'Accueil', href: '/' }, { label: 'Administration' }]}
    >
      <AdminStyles />
      <h1>Administration de la plateforme</h1>
      <ul class="admin-links">
        <li>
          <h2>
            <a href="/admin/comptes">Comptes</a>
          </h2>
          <p>
            Créer un compte, le désactiver, le réactiver, donner un nouveau mot de passe, anonymiser une
            personne.
          </p>
        </li>
        <li>
          <h2>
            <a href="/admin/organismes">Organismes</a>
          </h2>
          <p>Les Caf, les collectivités et les partenaires ; ouvrir une convention à un partenaire.</p>
        </li>
        <li>
          <h2>
            <a href="/admin/roles">Rôles</a>
          </h2>
          <p>Ce que chaque rôle permet, et combien de comptes le détiennent.</p>
        </li>
        <li>
          <h2>
            <a href="/admin/journal">Journal d’audit</a>
          </h2>
          <p>Qui a fait quoi, quand, avec les valeurs avant et après.</p>
        </li>
      </ul>
    </Layout>
  );
}

export function AccountsPage(props: { ctx: PageContext; accounts: AccountView[]; notice?: string }) {
  return (
    <Layout
      ctx={props.ctx}
      title="Comptes"
      crumbs={[{ label: 'Accueil', href: '/' }, ADMIN_CRUMB, { label: 'Comptes' }]}
    >
      <AdminStyles />
      <h1>Comptes</h1>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      <p>
        <a class="button" href="/admin/comptes/nouveau">
          Créer un compte
        </a>
      </p>
      <div class="table-wrap">
        <table>
          <caption>Les comptes de la plateforme ({props.accounts.length})</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse électronique</th>
              <th scope="col">Organisme</th>
              <th scope="col">Rôles</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((a) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/comptes/${a.id}`}>{accountName(a)}</a>
                </th>
                <td>{a.anonymisedAt ? '—' : a.email}</td>
                <td>{a.organisation.name}</td>
                <td>{a.roles.map((r) => ROLE_LABELS[r]).join(', ') || '—'}</td>
                <td>{accountState(a)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export interface NewAccountValues {
  displayName: string;
  email: string;
  organisationId: string;
  roles: string[];
}

function RoleChoices(props: { errors: FormErrors; checked: readonly string[] }) {
  return (
    <fieldset {...(props.errors.fields.roles ? { 'aria-describedby': 'roles-erreur' } : {})}>
      <legend id="roles">Rôles</legend>
      <FieldError errors={props.errors} field="roles" />
      {ROLES.map((role) => (
        <div class="choice">
          <input
            type="checkbox"
            id={`role-${role}`}
            name="roles"
            value={role}
            checked={props.checked.includes(role)}
          />
          <label for={`role-${role}`}>{ROLE_LABELS[role]}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function NewAccountPage(props: {
  ctx: PageContext;
  organisations: OrganisationRow[];
  values: NewAccountValues;
  errors?: FormErrors;
}) {
  const errors = props.errors ?? NO_ERRORS;
  const v = props.values;
  const failed = hasFormErrors(errors);
  return (
    <Layout
      ctx={props.ctx}
      title={failed ? 'Erreur — Créer un compte' : 'Créer un compte'}
      crumbs={[{ label: 'Accueil', href: '/' }, ADMIN_CRUMB, ACCOUNTS_CRUMB, { label: 'Créer un compte' }]}
    >
      <AdminStyles />
      <h1>Créer un compte</h1>
      <p>
        Le mot de passe est créé par la plateforme et affiché une seule fois, sur la page suivante :
        transmettez-le à la personne par un canal sûr. L’organisme décide de ce qu’elle voit (sa Caf, sa
        commune ou son intercommunalité, ou, pour un partenaire, les conventions qui lui sont ouvertes).
      </p>
      <ErrorList title="Le compte n’a pas été créé" errors={errors} labels={ACCOUNT_FIELD_LABELS} />
      <form method="post" action="/admin/comptes" class="form narrow" novalidate>
        <Csrf ctx={props.ctx} />
        <div class="field">
          <label for="displayName">Nom et prénom</label>
          <FieldError errors={errors} field="displayName" />
          <input
            id="displayName"
            name="displayName"
            type="text"
            autocomplete="off"
            required
            value={v.displayName}
            {...invalid(errors, 'displayName')}
          />
        </div>
        <div class="field">
          <label for="email">Adresse électronique</label>
          <FieldError errors={errors} field="email" />
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="off"
            required
            value={v.email}
            {...invalid(errors, 'email')}
          />
        </div>
        <div class="field">
          <label for="organisationId">Organisme</label>
          <FieldError errors={errors} field="organisationId" />
          <select id="organisationId" name="organisationId" required {...invalid(errors, 'organisationId')}>
            <option value="">Choisir un organisme</option>
            {props.organisations.map((o) => (
              <option value={o.id} selected={v.organisationId === o.id}>
                {o.name} ({ORGANISATION_KIND_LABELS[o.kind]})
              </option>
            ))}
          </select>
          <p class="muted">
            L’organisme n’est pas dans la liste ? <a href="/admin/organismes">Créez-le d’abord</a>.
          </p>
        </div>
        <RoleChoices errors={errors} checked={v.roles} />
        <button type="submit" class="button">
          Créer le compte
        </button>
      </form>
    </Layout>
  );
}

/** The one page that shows a password: after creating an account or giving it a new one. */
export function PasswordShownPage(props: {
  ctx: PageContext;
  account: { id: string; displayName: string; email: string };
  password: string;
  created: boolean;
}) {
  const title = props.created ? 'Compte créé' : 'Nouveau mot de passe';
  return (
    <Layout
      ctx={props.ctx}
      title={title}
      crumbs={[{ label: 'Accueil', href: '/' }, ADMIN_CRUMB, ACCOUNTS_CRUMB, { label: title }]}
    >
      <AdminStyles />
      <h1>{title}</h1>
      <Notice>
        {props.created
          ? `Le compte de ${props.account.displayName} (${props.account.email}) est créé.`
          : `${props.account.displayName} a un nouveau mot de passe ; ses sessions ouvertes sont fermées.`}
      </Notice>
      <h2>Mot de passe, affiché une seule fois</h2>
      <p>
        <code class="secret" id="mot-de-passe">
          {props.password}
        </code>
      </p>
      <p>
        Notez-le et transmettez-le à la personne par un canal sûr : il ne sera plus jamais affiché. La
        personne se connecte avec son adresse électronique et ce mot de passe.
      </p>
      <p>
        <a href={`/admin/comptes/${props.account.id}`}>Revenir au compte</a> ·{' '}
        <a href="/admin/comptes">Tous les comptes</a>
      </p>
    </Layout>
  );
}

export function AccountPage(props: {
  ctx: PageContext;
  account: AccountView;
  notice?: string;
  errors?: FormErrors;
}) {
  const a = props.account;
  const errors = props.errors ?? NO_ERRORS;
  const self = props.ctx.actor?.kind === 'user' && props.ctx.actor.userId === a.id;
  const base = `/admin/comptes/${a.id}`;
  return (
    <Layout
      ctx={props.ctx}
      title={`Compte : ${accountName(a)}`}
      crumbs={[{ label: 'Accueil', href: '/' }, ADMIN_CRUMB, ACCOUNTS_CRUMB, { label: accountName(a) }]}
    >
      <AdminStyles />
      <h1>{accountName(a)}</h1>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      <ErrorList title="La modification n’a pas été faite" errors={errors} labels={ACCOUNT_FIELD_LABELS} />
      <dl>
        <dt>Adresse électronique</dt>
        <dd>{a.anonymisedAt ? '—' : a.email}</dd>
        <dt>Organisme</dt>
        <dd>
          <a href={`/admin/organismes/${a.organisation.id}`}>{a.organisation.name}</a> (
          {ORGANISATION_KIND_LABELS[a.organisation.kind]})
        </dd>
        <dt>État</dt>
        <dd>{accountState(a)}</dd>
      </dl>
      {a.anonymisedAt ? (
        <p>
          Cette personne a été anonymisée : son nom et son adresse ont été effacés partout. Ce qu’elle a fait
          reste au journal sous « Personne anonymisée ».
        </p>
      ) : (
        <>
          <section aria-labelledby="roles-titre">
            <h2 id="roles-titre">Rôles</h2>
            <form method="post" action={`${base}/roles`} class="form narrow">
              <Csrf ctx={props.ctx} />
              <RoleChoices errors={errors} checked={a.roles} />
              <button type="submit" class="button">
                Enregistrer les rôles
              </button>
            </form>
          </section>
          <section aria-labelledby="acces-titre">
            <h2 id="acces-titre">Accès au compte</h2>
            <div class="admin-actions">
              {self ? (
                <p>Vous ne pouvez ni désactiver ni anonymiser votre propre compte.</p>
              ) : a.disabled ? (
                <form method="post" action={`${base}/reactivation`}>
                  <Csrf ctx={props.ctx} />
                  <button type="submit" class="button">
                    Réactiver le compte
                  </button>
                </form>
              ) : (
                <form method="post" action={`${base}/desactivation`}>
                  <Csrf ctx={props.ctx} />
                  <button type="submit" class="button light">
                    Désactiver le compte
                  </button>
                </form>
              )}
              <form method="post" action={`${base}/mot-de-passe`}>
                <Csrf ctx={props.ctx} />
                <button type="submit" class="button light">
                  Donner un nouveau mot de passe
                </button>
              </form>
            </div>
          </section>
          {self ? null : (
            <section aria-labelledby="effacer-titre">
              <h2 id="effacer-titre">Effacer la personne</h2>
              <p>
                À la demande de la personne (droit à l’effacement) ou à son départ : son nom et son adresse
                sont effacés partout, son compte ne sert plus. Ce qu’elle a fait reste au journal, sans son
                nom.
              </p>
              <p>
                <a class="button danger" href={`${base}/anonymisation`}>
                  Anonymiser cette personne…
                </a>
              </p>
            </section>
          )}
        </>
      )}
    </Layout>
  );
}

export function AnonymiseConfirmPage(props: { ctx: PageContext; account: AccountView; errors?: FormErrors }) {
  const a = props.account;
  const errors = props.errors ?? NO_ERRORS;
  return (
    <Layout
      ctx={props.ctx}
      title={`Anonymiser ${a.displayName}`}
      crumbs={[
        { label: 'Accueil', href: '/' },
        ADMIN_CRUMB,
        ACCOUNTS_CRUMB,
        { label: a.displayName, href: `/admin/comptes/${a.id}` },
        { label: 'Anonymiser' },
      ]}
    >
      <AdminStyles />
      <h1>Anonymiser {a.displayName} ?</h1>
      <ErrorList
        title="La personne n’a pas été anonymisée"
        errors={errors}
        labels={{ confirmation: 'Confirmation' }}
      />
      <p>Cette opération est définitive :</p>
      <ul>
        <li>
          le nom « {a.displayName} » et l’adresse « {a.email} » sont effacés de la plateforme et du journal ;
        </li>
        <li>le compte est désactivé, ses sessions et ses jetons d’accès sont supprimés ;</li>
        <li>ce que la personne a fait reste au journal, attribué à « Personne anonymisée ».</li>
      </ul>
      <form method="post" action={`/admin/comptes/${a.id}/anonymisation`} class="form narrow">
        <Csrf ctx={props.ctx} />
        <div class="choice">
          <input
            type="checkbox"
            id="confirmation"
            name="confirmation"
            value="oui"
            required
            {...invalid(errors, 'confirmation')}
          />
          <label for="confirmation">Je confirme l’anonymisation définitive de cette personne</label>
        </div>
        <FieldError errors={errors} field="confirmation" />
        <div class="admin-actions">
          <button type="submit" class="button danger">
            Anonymiser définitivement
          </button>
          <a href={`/admin/comptes/${a.id}`}>Annuler</a>
        </div>
      </form>
    </Layout>
  );
}

export function RolesPage(props: { ctx: PageContext; counts: Map<Role, number> }) {
  const rules = Object.entries(PERMISSIONS).filter(([, r]) => r.scope !== 'public');
  return (
    <Layout
      ctx={props.ctx}
      title="Rôles"
      crumbs={[{ label: 'Accueil', href: '/' }, ADMIN_CRUMB, { label: 'Rôles' }]}
    >
      <AdminStyles />
      <h1>Rôles</h1>
      <p>
        Un compte a un ou plusieurs rôles ; ce qu’il voit dépend aussi de son organisme. Les rôles d’un compte
        se changent sur <a href="/admin/comptes">la page du compte</a>.
      </p>
      <div class="table-wrap">
        <table>
          <caption>Les rôles et le nombre de comptes actifs qui les détiennent</caption>
          <thead>
            <tr>
              <th scope="col">Rôle</th>
              <th scope="col">Comptes actifs</th>
              <th scope="col">Ce qu’il permet</th>
            </tr>
          </thead>
          <tbody>
            {ROLES.map((role) => (
              <tr>
                <th scope="row">{ROLE_LABELS[role]}</th>
                <td>{props.counts.get(role) ?? 0}</td>
                <td>
                  <ul>
                    {rules
                      .filter(([, r]) => (r.roles as readonly Role[]).includes(role))
                      .map(([, r]) => (
                        <li>{r.label}</li>
                      ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
