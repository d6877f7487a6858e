/**
 * Who may do what on the plan of one convention, and the one shape of every change to a plan: a
 * transaction that locks the plan row (made on first use), checks the actor's rights on the
 * convention's perimeter, refuses a change to the plan of a convention that has ended, applies the
 * change and writes its audit row.
 */
import { randomUUID } from 'node:crypto';
import { type Executor, inTransaction } from '../../db/executor.js';
import {
  accessFacts,
  findConvention,
  type StoredConvention,
} from '../../db/repositories/convention.repository.js';
import { insertOutboxRows, OUTBOX_JOB } from '../../db/repositories/outbox.repository.js';
import { ensurePlan, lockPlan, type PlanHeader } from '../../db/repositories/plan.repository.js';
import { findUserById, type UserWithAccess } from '../../db/repositories/user.repository.js';
import type { Actor, ConventionAccessFacts } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';
import { statusAt } from '../../domain/convention/lifecycle.js';
import { CONVENTION_ID } from '../../domain/convention/model.js';
import { EMPTY_PROJECT, type Fiche, type Plan } from '../../domain/plan/model.js';
import { PLAN_PERMISSIONS, type PlanPermission } from '../../domain/plan/permissions.js';
import { maySeeFiche as maySee, pilotedBy, visiblePlan as visibleTo } from '../../domain/plan/rules.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit, recordAudits } from '../audit/record-audit.js';
import type { Context } from '../context.js';

export interface PlanRights {
  read: boolean;
  edit: boolean;
  editPiloted: boolean;
  comment: boolean;
  readConfidential: boolean;
  validate: boolean;
}

export function planRights(actor: Actor, facts: ConventionAccessFacts): PlanRights {
  const has = (p: PlanPermission) => can(actor, PLAN_PERMISSIONS[p], { convention: facts });
  return {
    read: has('plan.read'),
    edit: has('plan.edit'),
    editPiloted: has('plan.edit_piloted'),
    comment: has('plan.comment'),
    readConfidential: has('plan.read_confidential'),
    validate: has('plan.validate'),
  };
}

const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

export function mayEditFiche(actor: Actor, rights: PlanRights, fiche: Pick<Fiche, 'pilots' | 'subActions'>) {
  const id = userIdOf(actor);
  return rights.edit || (rights.editPiloted && id !== null && pilotedBy(fiche, id));
}

const readerOf = (actor: Actor, rights: PlanRights) => ({
  userId: userIdOf(actor),
  mayReadConfidential: rights.readConfidential,
});

export function maySeeFiche(actor: Actor, rights: PlanRights, fiche: Fiche) {
  return maySee(fiche, readerOf(actor, rights));
}

/** The plan as this actor may see it: confidential fiches only for those allowed, and their pilots. */
export function visiblePlan(actor: Actor, rights: PlanRights, plan: Plan): Plan {
  return visibleTo(plan, readerOf(actor, rights));
}

export function emptyPlan(conventionId: string): Plan {
  return {
    conventionId,
    project: EMPTY_PROJECT,
    axes: [],
    fiches: [],
    indicators: [],
    validation: null,
    version: 0,
  };
}

/** The convention a plan hangs on, if the actor may read its plan; what they may not see does not exist. */
export async function readableConvention(
  exec: Executor,
  actor: Actor,
  conventionId: string,
): Promise<{ stored: StoredConvention; facts: ConventionAccessFacts; rights: PlanRights }> {
  const stored = CONVENTION_ID.test(conventionId) ? await findConvention(exec, conventionId) : undefined;
  const facts = stored ? accessFacts(stored) : undefined;
  const rights = facts ? planRights(actor, facts) : undefined;
  if (!stored || !facts || !rights?.read || !can(actor, 'convention.read', { convention: facts })) {
    throw new AppError('CONVENTION_NOT_FOUND', { details: { id: conventionId } });
  }
  return { stored, facts, rights };
}

export interface PlanAuditEntry {
  action: string;
  entityType: 'plan' | 'plan_fiche' | 'plan_indicator';
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface PlanChange {
  tx: Executor;
  stored: StoredConvention;
  facts: ConventionAccessFacts;
  header: PlanHeader;
  rights: PlanRights;
  now: Date;
  audit(entry: PlanAuditEntry): Promise<void>;
  /** Several audit rows in one statement (a bulk change writes one per fiche). */
  auditAll(entries: readonly PlanAuditEntry[]): Promise<void>;
  /**
   * Asks, in this transaction, for jobs to run once the change commits (the outbox, ADR 9), in one
   * statement (a bulk change asks for one per fiche).
   */
  enqueueAll(jobs: readonly { jobName: string; payload: object }[]): Promise<string[]>;
}

/**
 * Runs a change to the plan of a convention in one transaction, the plan row locked. `needs` is
 * checked before the change runs; a finer rule (a pilot and their fiche) is the change's to check.
 */
export async function changePlan<T>(
  ctx: Context,
  conventionId: string,
  needs: 'edit' | 'edit_or_pilot' | 'comment' | 'validate',
  change: (c: PlanChange) => Promise<T>,
): Promise<T> {
  let enqueued = 0;
  const result = await inTransaction(ctx.db, async (tx) => {
    const { stored, facts, rights } = await readableConvention(tx, ctx.actor, conventionId);
    const allowed =
      needs === 'edit'
        ? rights.edit
        : needs === 'edit_or_pilot'
          ? rights.edit || rights.editPiloted
          : needs === 'comment'
            ? rights.comment
            : rights.validate;
    if (!allowed) throw new AppError('FORBIDDEN');
    const status = statusAt(stored.convention, ctx.clock.today());
    if (status === 'expired' || status === 'terminated') throw new AppError('PLAN_CLOSED');
    const now = ctx.clock.now();
    await ensurePlan(tx, conventionId, EMPTY_PROJECT, now);
    const header = (await lockPlan(tx, conventionId))!;
    return change({
      tx,
      stored,
      facts,
      header,
      rights,
      now,
      audit: (entry) => recordAudit(tx, ctx, entry),
      auditAll: (entries) => recordAudits(tx, ctx, entries),
      enqueueAll: async (jobs) => {
        enqueued += jobs.length;
        const rows = jobs.map((job) => ({ ...job, id: randomUUID(), createdAt: now }));
        await insertOutboxRows(tx, rows);
        return rows.map((r) => r.id);
      },
    });
  });
  // Committed: the jobs it asked for are handed to the queue now, where this process runs it (the
  // outbox's hourly pass, or the next start, hands them over otherwise, or if this fails).
  if (enqueued && ctx.jobs) await ctx.jobs.send(OUTBOX_JOB).catch(() => undefined);
  return result;
}

/** Whether an account may pilot a fiche of this convention: active, and may read its plan. */
export function mayPilot(user: UserWithAccess | undefined, facts: ConventionAccessFacts): boolean {
  if (!user || user.disabled || user.anonymisedAt) return false;
  const actor: Actor = {
    kind: 'user',
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    organisation: user.organisation,
  };
  return planRights(actor, facts).read;
}

/**
 * The accounts named as pilots, checked: each exists, is active and may read this convention's plan
 * (a pilot edits their fiche, so they must reach it). Their names, for the fiche returned.
 */
export async function checkPilotAccounts(
  exec: Executor,
  facts: ConventionAccessFacts,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const userId of userIds) {
    const user = await findUserById(exec, userId);
    if (!mayPilot(user, facts)) throw new AppError('PLAN_PILOT_UNKNOWN', { details: { userId } });
    names.set(userId, user!.displayName);
  }
  return names;
}
