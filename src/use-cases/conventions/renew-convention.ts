/**
 * Renewal is never tacit: a new draft for the following period, from the last consolidated text,
 * in its own row; the running convention keeps its status. The audit row names both. A convention
 * has at most one successor (`renewOnce`, and a unique index on `successor_of`): a second request
 * answers with the draft already made (`existing: true`).
 */
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/executor.js';
import {
  accessFacts,
  findSuccessorId,
  insertConvention,
  lockConvention,
} from '../../db/repositories/convention.repository.js';
import { isUniqueViolation } from '../../db/repositories/submission.repository.js';
import { authorRefOf } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';
import { renewOnce } from '../../domain/convention/lifecycle.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { CONVENTION_ID } from './mutate-convention.js';

export async function renewConvention(ctx: Context, id: string): Promise<{ id: string; existing: boolean }> {
  if (!CONVENTION_ID.test(id)) throw new AppError('CONVENTION_NOT_FOUND', { details: { id } });
  try {
    return await renewIn(ctx, id);
  } catch (error) {
    // Past the lock, only the unique index can still refuse a second successor: answer with the first.
    if (!isUniqueViolation(error)) throw error;
    const successor = await findSuccessorId(ctx.db, id);
    if (!successor) throw error;
    return { id: successor, existing: true };
  }
}

function renewIn(ctx: Context, id: string): Promise<{ id: string; existing: boolean }> {
  return inTransaction(ctx.db, async (tx) => {
    // The predecessor's lock makes a second request wait for the first, then see its draft.
    const stored = await lockConvention(tx, id);
    const facts = stored ? accessFacts(stored) : undefined;
    if (!stored || !can(ctx.actor, 'convention.read', { convention: facts! })) {
      throw new AppError('CONVENTION_NOT_FOUND', { details: { id } });
    }
    if (!can(ctx.actor, 'convention.edit', { convention: facts! })) throw new AppError('FORBIDDEN');
    const outcome = renewOnce(stored.convention, await findSuccessorId(tx, id), {
      id: randomUUID(),
      today: ctx.clock.today(),
    });
    if (outcome.existing) return { id: outcome.id, existing: true };
    const renewal = outcome.renewal;
    await insertConvention(tx, renewal, { now: ctx.clock.now(), createdBy: authorRefOf(ctx.actor) });
    await recordAudit(tx, ctx, {
      action: 'convention.renew',
      entityType: 'convention',
      entityId: renewal.id,
      before: { renewalOf: id },
      after: { territoryCode: stored.territoryCode, status: renewal.status, version: 1, convention: renewal },
    });
    return { id: renewal.id, existing: false };
  });
}
