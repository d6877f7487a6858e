/**
 * The shape of every change to a convention: one transaction that re-reads and locks the row,
 * checks the actor may edit it, refuses a change made from a stale page (the version the page was
 * read at is not the row's: 409 naming the other person's change), first records any status the dates
 * have brought about, applies the domain operation, writes the aggregate back (guarded by the status
 * and version it was read at, the version incremented) and the audit row with the state and version
 * before and after.
 */
import { type Executor, inTransaction } from '../../db/executor.js';
import {
  accessFacts,
  lockConvention,
  type StoredConvention,
  saveConvention,
} from '../../db/repositories/convention.repository.js';
import { can } from '../../domain/access/permissions.js';
import { advance } from '../../domain/convention/lifecycle.js';
import { CONVENTION_ID, type Convention } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { IsoDate } from '../../domain/shared/dates.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { staleConventionError } from './stale-convention.js';

export { CONVENTION_ID } from '../../domain/convention/model.js';

export interface Mutation<T> {
  convention: Convention;
  result?: T;
}

/** An action guarded by the version its client read (absent: the change applies to the latest). */
export interface GuardedAction {
  action: string;
  expectedVersion: number | undefined;
}

export async function mutateConvention<T = undefined>(
  ctx: Context,
  id: string,
  /** The audit action, or the action and the version the person's page or the API client read. */
  guarded: string | GuardedAction,
  change: (
    convention: Convention,
    today: IsoDate,
    tx: Executor,
    stored: StoredConvention,
  ) => Convention | Mutation<T> | Promise<Convention | Mutation<T>>,
): Promise<{ convention: Convention; result: T | undefined; version: number }> {
  if (!CONVENTION_ID.test(id)) throw new AppError('CONVENTION_NOT_FOUND', { details: { id } });
  const { action, expectedVersion } =
    typeof guarded === 'string' ? { action: guarded, expectedVersion: undefined } : guarded;
  return inTransaction(ctx.db, async (tx) => {
    const stored = await lockConvention(tx, id);
    // What the actor may not see is answered as what does not exist.
    const facts = stored ? accessFacts(stored) : undefined;
    if (!stored || !can(ctx.actor, 'convention.read', { convention: facts! })) {
      throw new AppError('CONVENTION_NOT_FOUND', { details: { id } });
    }
    if (!can(ctx.actor, 'convention.edit', { convention: facts! })) throw new AppError('FORBIDDEN');
    if (expectedVersion !== undefined && expectedVersion !== stored.version) {
      throw await staleConventionError(tx, id, expectedVersion, stored.version);
    }
    const today = ctx.clock.today();
    const before = stored.convention;
    // The dates may have moved the convention on since it was last written: that comes first.
    const current = advance(before, today);
    const outcome = await change(current, today, tx, stored);
    const after = 'content' in outcome ? outcome : outcome.convention;
    const result = 'content' in outcome ? undefined : outcome.result;
    const version = await saveConvention(tx, after, {
      now: ctx.clock.now(),
      expectedStatus: before.status,
      expectedVersion: stored.version,
    });
    await recordAudit(tx, ctx, {
      action,
      entityType: 'convention',
      entityId: id,
      before: { status: before.status, version: stored.version, convention: before },
      after: { status: after.status, version, convention: after },
    });
    return { convention: after, result, version };
  });
}
