/**
 * Opens an avenant on a signed convention (one at a time), with its purpose. The form's submission
 * token makes a double submit open one avenant: the second answers with it (`existing: true`).
 */
import { randomUUID } from 'node:crypto';
import {
  findSubmission,
  insertSubmission,
  isUniqueViolation,
  USED_TOKEN,
} from '../../db/repositories/submission.repository.js';
import { createAvenant as open } from '../../domain/convention/avenant.js';
import { AppError, isAppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { avenantCreateInput, parseInput } from './convention-input.js';
import { mutateConvention } from './mutate-convention.js';

export async function createAvenant(
  ctx: Context,
  id: string,
  raw: { purpose: string; submissionToken?: string | undefined },
): Promise<{ avenantId: string; existing: boolean }> {
  const input = parseInput(avenantCreateInput, raw);
  const token = input.submissionToken;
  const actorUserId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const earlier = async () => {
    const prior = token ? await findSubmission(ctx.db, token, 'avenant.create', actorUserId) : undefined;
    if (!prior) return undefined;
    if (prior.entityId !== id) throw new AppError('VALIDATION_FAILED', { details: [USED_TOKEN] });
    return { avenantId: prior.resultId, existing: true };
  };
  const already = await earlier();
  if (already) return already;
  const avenantId = randomUUID();
  try {
    await mutateConvention(ctx, id, 'convention.avenant.create', async (c, today, tx) => {
      const next = open(c, { id: avenantId, today, purpose: input.purpose });
      if (token) {
        await insertSubmission(tx, {
          token,
          kind: 'avenant.create',
          entityId: id,
          resultId: avenantId,
          actorUserId,
          now: ctx.clock.now(),
        });
      }
      return next;
    });
  } catch (error) {
    // The first submission won the convention's lock: its avenant is now the open one.
    if (isAppError(error) && error.code === 'AVENANT_ALREADY_OPEN') {
      const first = await earlier();
      if (first) return first;
    }
    if (isUniqueViolation(error)) throw new AppError('VALIDATION_FAILED', { details: [USED_TOKEN] });
    throw error;
  }
  return { avenantId, existing: false };
}
