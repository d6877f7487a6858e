/** The page where a person reads what the platform told them, and marks a notification read. */
import type { NotificationView } from '../../../use-cases/notifications/notifications.js';
import { Layout, type PageContext } from '../../views/components/layout.js';
import { TableScroll } from '../../views/components/table-scroll.js';

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export function NotificationsPage(props: {
  ctx: PageContext;
  notifications: NotificationView[];
  marked?: boolean;
}) {
  const { notifications } = props;
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <Layout ctx={props.ctx} title="Mes notifications">
      <h1>Mes notifications</h1>
      {props.marked ? (
        <p class="alert info" role="status">
          La notification est marquée comme lue.
        </p>
      ) : null}
      <p>
        La plateforme vous prévient ici de ce qui vous concerne, par exemple d’une fiche action dont vous
        devenez pilote.{' '}
        {unread === 0
          ? 'Vous n’avez aucune notification non lue.'
          : `Vous avez ${unread} notification${unread > 1 ? 's' : ''} non lue${unread > 1 ? 's' : ''}.`}
      </p>
      {notifications.length === 0 ? (
        <p>Vous n’avez reçu aucune notification.</p>
      ) : (
        <TableScroll label="Vos notifications">
          <table>
            <caption>Vos notifications, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Reçue le</th>
                <th scope="col">Objet</th>
                <th scope="col">Message</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {notifications.map((n) => (
                <tr class={n.readAt ? 'read' : 'unread'}>
                  <td>{dateTime.format(n.createdAt)}</td>
                  <th scope="row">{n.kindLabel}</th>
                  <td>{n.href ? <a href={n.href}>{n.text}</a> : n.text}</td>
                  <td>
                    {n.readAt ? (
                      `Lue le ${dateTime.format(n.readAt)}`
                    ) : (
                      <form method="post" action={`/compte/notifications/${n.id}/lue`}>
                        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
                        <button
                          type="submit"
                          class="button light"
                          aria-label={`Marquer comme lue : ${n.text}`}
                        >
                          Marquer comme lue
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
