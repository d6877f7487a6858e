/**
 * What the platform tells an account (no e-mail yet), written by the areas' jobs through the
 * notification repository, one per account and event (a job run twice writes it once): each person
 * reads theirs, counts the unread ones, and marks one read. Nobody reads another's.
 */
import {
  countUnreadNotifications,
  listNotifications,
  markNotificationRead as markRead,
  type NotificationRow,
} from '../../db/repositories/notification.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { cachedRead } from '../read-cache.js';

/** The kinds of notification, with their French label (`<module>.<kind>`). */
export const NOTIFICATION_KINDS = {
  'plan.fiche_assigned': 'Fiche action confiée',
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export interface NotificationView extends NotificationRow {
  kindLabel: string;
  /** What it says, in French. */
  text: string;
  /** Where it leads, if the thing it is about still exists. */
  href: string | null;
}

const SHOWN = 200;

function userOf(ctx: Context): string {
  if (ctx.actor.kind !== 'user') throw new AppError('FORBIDDEN');
  return ctx.actor.userId;
}

function viewOf(row: NotificationRow): NotificationView {
  const kindLabel = NOTIFICATION_KINDS[row.kind as NotificationKind] ?? row.kind;
  const territory = row.territoryName ? ` (convention de ${row.territoryName})` : '';
  if (row.kind === 'plan.fiche_assigned') {
    return {
      ...row,
      kindLabel,
      text: row.ficheTitle
        ? `La fiche action « ${row.ficheTitle} » vous a été confiée : vous en êtes pilote${territory}.`
        : `Une fiche action vous avait été confiée${territory} ; elle a été supprimée depuis.`,
      href:
        row.ficheTitle && row.conventionId && row.ficheId
          ? `/conventions/${row.conventionId}/plan/fiches/${row.ficheId}`
          : null,
    };
  }
  return { ...row, kindLabel, text: `${kindLabel}${territory}.`, href: null };
}

export async function listMyNotifications(ctx: Context): Promise<NotificationView[]> {
  return (await listNotifications(ctx.db, userOf(ctx), SHOWN)).map(viewOf);
}

/** The header's count, on every page: kept until the database changes (read-cache.ts). */
const UNREAD_CACHE = { maxEntries: 10_000 };

export async function countMyUnreadNotifications(ctx: Context): Promise<number> {
  if (ctx.actor.kind !== 'user') return 0;
  const userId = ctx.actor.userId;
  return cachedRead(ctx.db, 'unread-notifications', userId, UNREAD_CACHE, () =>
    countUnreadNotifications(ctx.db, userId),
  );
}

/** Marks one of the actor's notifications read; another's, or none of that id, is a 404. */
export async function markNotificationRead(ctx: Context, id: string): Promise<void> {
  const userId = userOf(ctx);
  const done = /^[0-9a-f-]{36}$/.test(id) && (await markRead(ctx.db, userId, id, ctx.clock.now()));
  if (!done) throw new AppError('NOT_FOUND');
}
