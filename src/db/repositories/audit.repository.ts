/**
 * The audit log: who changed what, when, with the values before and after. Who is an account id or
 * a kind of system actor; the name is joined from the account when read.
 */
import { sql } from 'kysely';
import {
  ANONYMISED_ACCOUNT_LABEL,
  type Author,
  authorLabel,
  authorOf,
  SYSTEM_ACTOR_LABELS,
  type SystemActorKind,
} from '../../domain/access/access.js';
import type { Executor } from '../executor.js';
import { toJson } from '../executor.js';

export interface AuditEntry {
  at: Date;
  actorUserId: string | null;
  actorSystem: SystemActorKind | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditRow extends Omit<AuditEntry, 'actorSystem'> {
  id: string;
  actorSystem: string | null;
  actor: Author;
  /** « Nom <adresse> », « Personne anonymisée », « Compte supprimé » or the system actor's label. */
  actorLabel: string;
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

function auditValues(entry: AuditEntry) {
  return {
    at: entry.at,
    actor_user_id: entry.actorUserId,
    actor_system: entry.actorSystem,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === undefined || entry.before === null ? null : toJson(entry.before),
    after: entry.after === undefined || entry.after === null ? null : toJson(entry.after),
  };
}

export async function insertAudit(exec: Executor, entry: AuditEntry): Promise<void> {
  await exec.insertInto('audit_log').values(auditValues(entry)).execute();
}

/** Several audit rows in a few statements (500 rows each), in their order. */
export async function insertAudits(exec: Executor, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await exec
      .insertInto('audit_log')
      .values(entries.slice(i, i + 500).map(auditValues))
      .execute();
  }
}

export async function listAudit(
  exec: Executor,
  filter: AuditFilter,
): Promise<{ rows: AuditRow[]; total: number }> {
  let query = exec.selectFrom('audit_log as a').leftJoin('users as u', 'u.id', 'a.actor_user_id');
  if (filter.entityType) query = query.where('a.entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('a.entity_id', '=', filter.entityId);
  if (filter.action) query = query.where('a.action', '=', filter.action);
  if (filter.actor) {
    const needle = filter.actor.trim().toLowerCase();
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const systems = Object.entries(SYSTEM_ACTOR_LABELS)
      .filter(([, label]) => label.toLowerCase().includes(needle))
      .map(([kind]) => kind);
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('u.anonymised_at', 'is', null), eb('u.display_name', 'ilike', pattern)]),
        eb.and([eb('u.anonymised_at', 'is', null), eb('u.email', 'ilike', pattern)]),
        ...(systems.length ? [eb('a.actor_system', 'in', systems)] : []),
        ...(ANONYMISED_ACCOUNT_LABEL.toLowerCase().includes(needle)
          ? [eb('u.anonymised_at', 'is not', null)]
          : []),
      ]),
    );
  }
  if (filter.from) query = query.where('a.at', '>=', filter.from);
  if (filter.to) query = query.where('a.at', '<', filter.to);
  const total = await query.select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('a')
    .select(['u.display_name as actorName', 'u.email as actorEmail', 'u.anonymised_at as actorAnonymisedAt'])
    .orderBy('a.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => {
      const actor = authorOf({
        userId: r.actor_user_id,
        system: r.actor_system,
        displayName: r.actorName,
        email: r.actorEmail,
        anonymisedAt: r.actorAnonymisedAt,
      });
      return {
        id: String(r.id),
        at: r.at,
        actorUserId: r.actor_user_id,
        actorSystem: r.actor_system,
        actor,
        actorLabel: authorLabel(actor, { withEmail: true }),
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
      };
    }),
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
  /** The account's name, joined when read (« Personne anonymisée » once erased; the system actor's label). */
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
    .select(['a.at', 'a.action', 'a.before', 'a.after', 'a.actor_user_id', 'a.actor_system'])
    .select(['u.display_name as actorName', 'u.email as actorEmail', 'u.anonymised_at as actorAnonymisedAt'])
    .where('a.entity_type', '=', 'convention')
    .where('a.entity_id', '=', conventionId)
    .where(sql<boolean>`(a.after ->> 'version')::int > ${version}`)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    at: r.at,
    actorName: authorLabel(
      authorOf({
        userId: r.actor_user_id,
        system: r.actor_system,
        displayName: r.actorName,
        email: r.actorEmail,
        anonymisedAt: r.actorAnonymisedAt,
      }),
    ),
    action: r.action,
    before: r.before,
    after: r.after,
  }));
}

function regexOf(needles: string[]): string | null {
  const patterns = needles
    .filter((n) => n.length >= 3)
    // As the text appears inside a JSON string, then escaped for a PostgreSQL regular expression.
    .map((n) =>
      JSON.stringify(n)
        .slice(1, -1)
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
  return patterns.length ? patterns.join('|') : null;
}

/**
 * Replaces copies of a person's data in the snapshots of the audit log (case-insensitively), and
 * returns how many snapshots changed. The e-mail is replaced in the rows about anything but
 * conventions (whose snapshots are the convention's own text); the name, a plainer word that other
 * rows may hold by chance, only in the rows about the account, its tokens, or made by it.
 */
export async function scrubAuditSnapshots(
  exec: Executor,
  person: { userId: string; tokenIds: string[]; emails: string[]; names: string[] },
  replacement: string,
): Promise<number> {
  const safe = JSON.stringify(replacement).slice(1, -1);
  const about = sql<boolean>`(
    (entity_type = 'user' and entity_id = ${person.userId})
    or actor_user_id = ${person.userId}
    ${person.tokenIds.length ? sql`or (entity_type = 'api_token' and entity_id in (${sql.join(person.tokenIds)}))` : sql``})`;
  let changed = 0;
  for (const [needles, where] of [
    [person.emails, sql<boolean>`true`],
    [person.names, about],
  ] as const) {
    const pattern = regexOf(needles);
    if (!pattern) continue;
    for (const column of ['before', 'after'] as const) {
      const result = await sql`update audit_log
        set ${sql.ref(column)} = regexp_replace(${sql.ref(column)}::text, ${pattern}, ${safe}, 'gi')::jsonb
        where entity_type <> 'convention' and ${sql.ref(column)} is not null
          and ${sql.ref(column)}::text ~* ${pattern} and ${where}`.execute(exec);
      changed += Number(result.numAffectedRows ?? 0n);
    }
  }
  return changed;
}
