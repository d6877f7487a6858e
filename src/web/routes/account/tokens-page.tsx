/** The page where a person sees their own API tokens and revokes one. */
import type { ApiTokenStatus, ApiTokenView } from '../../../use-cases/users/list-api-tokens.js';
import { Layout, type PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';

const STATUS_LABELS: Record<ApiTokenStatus, string> = {
  active: 'Actif',
  expired: 'Expiré',
  revoked: 'Révoqué',
};

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export function TokensPage(props: { ctx: PageContext; tokens: ApiTokenView[]; revoked?: string }) {
  const { tokens } = props;
  return (
    <Layout ctx={props.ctx} title="Mes jetons d’accès à l’API">
      <h1>Mes jetons d’accès à l’API</h1>
      {props.revoked ? (
        <p class="alert info" role="status">
          Le jeton « {props.revoked} » est révoqué : il est refusé dès maintenant.
        </p>
      ) : null}
      <p>
        Un jeton permet à un script d’utiliser l’API en votre nom. Il expire à la date indiquée ; révoquez
        sans attendre un jeton dont vous n’avez plus l’usage ou qui a pu être divulgué. Un jeton se crée avec
        la commande « ctg token create ».
      </p>
      {tokens.length === 0 ? (
        <p>Vous n’avez aucun jeton d’accès.</p>
      ) : (
        <TableScroll label="Vos jetons d’accès">
          <table>
            <caption>Vos jetons d’accès, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Libellé</th>
                <th scope="col">Début du jeton</th>
                <th scope="col">Créé le</th>
                <th scope="col">Expire le</th>
                <th scope="col">Dernière utilisation</th>
                <th scope="col">État</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr>
                  <th scope="row">{t.label}</th>
                  <td>{t.prefix ? <code>{t.prefix}…</code> : '—'}</td>
                  <td>{dateTime.format(t.createdAt)}</td>
                  <td>{dateTime.format(t.expiresAt)}</td>
                  <td>{t.lastUsedAt ? dateTime.format(t.lastUsedAt) : 'Jamais'}</td>
                  <td>{STATUS_LABELS[t.status]}</td>
                  <td>
                    {t.status === 'revoked' ? (
                      '—'
                    ) : (
                      <form method="post" action={`/compte/jetons/${encodeURIComponent(t.id)}/revocation`}>
                        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
                        <button type="submit" class="button" aria-label={`Révoquer le jeton « ${t.label} »`}>
                          Révoquer
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
