/**
 * What the platform tells an account: one row per account and event (a job that runs twice writes
 * it once). Accounts by id only; the convention's territory and the fiche's title are joined when read.
 */
import { sql } from 'kysely';
import type { Executor } from '../executor.js';

export interface NewNotification {
  id: string;
  userId: string;
  kind: string;
  conventionId: string | null;
  ficheId: string | null;
  eventId: string;
  createdAt: Date;
}

export interface NotificationRow {
  id: string;
  kind: string;
  conventionId: string | null;
  territoryName: string | null;
  ficheId: string | null;
  /** The fiche's title as it stands, or null when the fiche has been deleted since. */
  ficheTitle: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** Writes the notifications not written yet for their (event, account); how many were new. */
export async function insertNotifications(exec: Executor, rows: readonly NewNotification[]): Promise<number> {
  if (!rows.length) return 0;
  const result = await exec
    .insertInto('notifications')
    .values(
      rows.map((r) => ({
        id: r.id,
        user_id: r.userId,
        kind: r.kind,
        convention_id: r.conventionId,
        fiche_id: r.ficheId,
        event_id: r.eventId,
        created_at: r.createdAt,
      })),
    )
    .onConflict((oc) => oc.columns(['event_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function listNotifications(
  exec: Executor,
  userId: string,
  limit: number,
): Promise<NotificationRow[]> {
  const rows = await exec
    .selectFrom('notifications as n')
    .leftJoin('conventions as c', 'c.id', 'n.convention_id')
    .leftJoin('territories as t', (j) =>
      j.onRef('t.level', '=', 'c.territory_level').onRef('t.code', '=', 'c.territory_code'),
    )
    .leftJoin('plan_fiches as f', 'f.id', 'n.fiche_id')
    .select([
      'n.id',
      'n.kind',
      'n.convention_id',
      't.name as territory_name',
      'n.fiche_id',
      'f.title as fiche_title',
      'n.created_at',
      'n.read_at',
    ])
    .where('n.user_id', '=', userId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    conventionId: r.convention_id,
    territoryName: r.territory_name,
    ficheId: r.fiche_id,
    ficheTitle: r.fiche_title,
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
}

export async function countUnreadNotifications(exec: Executor, userId: string): Promise<number> {
  const row = await exec
    .selectFrom('notifications')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks one of the account's notifications read; false when it has none of that id. */
export async function markNotificationRead(
  exec: Executor,
  userId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const found = await exec
    .selectFrom('notifications')
    .select(['id'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!found) return false;
  await exec
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
  return true;
}

export async function deleteNotificationsOf(exec: Executor, userId: string): Promise<number> {
  const result = await exec.deleteFrom('notifications').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
