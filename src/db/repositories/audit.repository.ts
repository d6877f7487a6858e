/** The audit log: who changed what, when, with the values before and after. */
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
