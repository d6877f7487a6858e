/**
 * Renewal is never tacit: a new draft for the following period, from the last consolidated text,
 * in its own row; the running convention keeps its status. The audit row names both.
 */
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/executor.js';
import {
  accessFacts,
  insertConvention,
  lockConvention,
} from '../../db/repositories/convention.repository.js';
import { authorRefOf } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';
import { renew } from '../../domain/convention/lifecycle.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { CONVENTION_ID } from './mutate-convention.js';

export async function renewConvention(ctx: Context, id: string): Promise<{ id: string }> {
  if (!CONVENTION_ID.test(id)) throw new AppError('CONVENTION_NOT_FOUND', { details: { id } });
  return inTransaction(ctx.db, async (tx) => {
    const stored = await lockConvention(tx, id);
    const facts = stored ? accessFacts(stored) : undefined;
    if (!stored || !can(ctx.actor, 'convention.read', { convention: facts! })) {
      throw new AppError('CONVENTION_NOT_FOUND', { details: { id } });
    }
    if (!can(ctx.actor, 'convention.edit', { convention: facts! })) throw new AppError('FORBIDDEN');
    const renewal = renew(stored.convention, { id: randomUUID(), today: ctx.clock.today() });
    await insertConvention(tx, renewal, { now: ctx.clock.now(), createdBy: authorRefOf(ctx.actor) });
    await recordAudit(tx, ctx, {
      action: 'convention.renew',
      entityType: 'convention',
      entityId: renewal.id,
      before: { renewalOf: id },
      after: { territoryCode: stored.territoryCode, status: renewal.status, convention: renewal },
    });
    return { id: renewal.id };
  });
}
