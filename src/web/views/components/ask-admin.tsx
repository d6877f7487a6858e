/**
 * Who to ask when something needs the platform's administrator (an account, access to a convention,
 * a Caf to create): the administrator of the platform at the Caf, with the contact configured by
 * `CTG_ADMIN_CONTACT` (an address or a telephone number) when there is one.
 */
import { receivesGrants } from '../../../domain/access/access.js';
import { can } from '../../../domain/access/permissions.js';
import type { PageContext } from './layout.js';

export function AdminContact(props: { ctx: PageContext }) {
  const contact = props.ctx.adminContact;
  if (!contact) return <>l’administrateur·rice de la plateforme à la Caf de votre département</>;
  const href = /^[^\s@]+@[^\s@]+$/.test(contact) ? `mailto:${contact}` : null;
  return (
    <>
      l’administrateur·rice de la plateforme à la Caf de votre département (
      {href ? <a href={href}>{contact}</a> : contact})
    </>
  );
}

/** What a person who sees no convention reads: why, and what changes it. */
export function NoConventionYet(props: { ctx: PageContext }) {
  const actor = props.ctx.actor?.kind === 'user' ? props.ctx.actor : null;
  const partner = actor && (actor.roles.includes('partner') || receivesGrants(actor.organisation.kind));
  if (!actor || !partner || actor.roles.includes('admin')) {
    return <p>Aucune convention ne vous est accessible pour le moment.</p>;
  }
  return (
    <div class="alert info">
      <p>
        Aucune convention ne vous est encore ouverte. Un partenaire ({actor.organisation.name}) consulte les
        conventions que la Caf lui ouvre : la Caf décide des conventions auxquelles votre organisme est
        associé.
      </p>
      <p>
        Pour qu’une convention vous soit ouverte, demandez-le à <AdminContact ctx={props.ctx} />. Dès que
        l’accès est ouvert, la convention apparaît ici, sans autre démarche.
      </p>
    </div>
  );
}

/** A convention cannot be made where the Caf is missing: the admin creates it, others ask the admin. */
export function MissingCaf(props: { ctx: PageContext; departementCode: string; departementName: string }) {
  const actor = props.ctx.actor;
  const admin = actor && can(actor, 'organisation.manage');
  const href = `/admin/organismes?nature=caf&territoire=${encodeURIComponent(props.departementCode)}`;
  return (
    <div class="alert info">
      {admin ? (
        <p>
          <a href={href}>Créer la Caf du département {props.departementName}</a>, puis revenez préparer la
          convention.
        </p>
      ) : (
        <p>
          Demandez à <AdminContact ctx={props.ctx} /> d’enregistrer la Caf du département{' '}
          {`${props.departementName} ; vous pourrez ensuite préparer la convention.`}
        </p>
      )}
    </div>
  );
}
