/** The audit log: who changed what, when, with the values before and after. */
import { sql } from 'kysely';
import type { Executor } from '../executor.js';
import { toJson } from '../executor.js';

export interface AuditEntry {
  at: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditRow extends AuditEntry {
  id: string;
}

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

export async function insertAudit(exec: Executor, entry: AuditEntry): Promise<void> {
  await exec
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_user_id: entry.actorUserId,
      actor_label: entry.actorLabel,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined || entry.before === null ? null : toJson(entry.before),
      after: entry.after === undefined || entry.after === null ? null : toJson(entry.after),
    })
    .execute();
}

export async function listAudit(
  exec: Executor,
  filter: AuditFilter,
): Promise<{ rows: AuditRow[]; total: number }> {
  let query = exec.selectFrom('audit_log');
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.actor)
    query = query.where('actor_label', 'ilike', `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  const total = await query.select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      actorUserId: r.actor_user_id,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    })),
  };
}

export async function listAuditActions(exec: Executor): Promise<{ action: string; entityType: string }[]> {
  const rows = await exec
    .selectFrom('audit_log')
    .select(['action', 'entity_type'])
    .distinct()
    .orderBy('entity_type')
    .orderBy('action')
    .execute();
  return rows.map((r) => ({ action: r.action, entityType: r.entity_type }));
}

export interface ConventionChange {
  at: Date;
  /** The account's name, joined when read (the label written at the time for system actors). */
  actorName: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** The audit rows of a convention's saves after `version` (each save records the version it made), oldest first. */
export async function listConventionChangesSince(
  exec: Executor,
  conventionId: string,
  version: number,
): Promise<ConventionChange[]> {
  const rows = await exec
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.at', 'a.action', 'a.before', 'a.after', 'a.actor_label', 'u.display_name'])
    .where('a.entity_type', '=', 'convention')
    .where('a.entity_id', '=', conventionId)
    .where(sql<boolean>`(a.after ->> 'version')::int > ${version}`)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    at: r.at,
    actorName: r.display_name ?? r.actor_label,
    action: r.action,
    before: r.before,
    after: r.after,
  }));
}
