/**
 * A comment on a fiche, between the Caf and the local authority (and the partners who take part):
 * the discussion while the fiche is drafted, kept with the fiche and audited.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ficheOfComment,
  insertComment,
  listComments,
  type PlanComment,
} from '../../db/repositories/plan.repository.js';
import type { Context } from '../context.js';
import { changeFiche } from './fiche-access.js';
import { checkSubmissionToken, planInvalid, usedTokenError } from './plan-errors.js';

const commentInput = z.string().trim().min(1, { error: 'texte obligatoire' }).max(10_000);

export async function commentFiche(
  ctx: Context,
  ficheId: string,
  text: unknown,
  submissionId?: string,
): Promise<Pick<PlanComment, 'id' | 'text' | 'createdAt'>> {
  const parsed = commentInput.safeParse(text);
  if (!parsed.success) throw planInvalid(parsed.error);
  checkSubmissionToken(submissionId);
  return changeFiche(ctx, ficheId, 'comment', async ({ tx, now, audit }) => {
    // The form's token is the comment's id: the same form sent twice posts one comment.
    if (submissionId) {
      const on = await ficheOfComment(tx, submissionId);
      if (on === ficheId) {
        const earlier = (await listComments(tx, ficheId)).find((c) => c.id === submissionId)!;
        return { id: earlier.id, text: earlier.text, createdAt: earlier.createdAt };
      }
      if (on) throw usedTokenError();
    }
    const id = submissionId ?? randomUUID();
    await insertComment(tx, {
      id,
      ficheId,
      authorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      authorSystem: ctx.actor.kind === 'system' ? ctx.actor.system : null,
      createdAt: now,
      text: parsed.data,
    });
    await audit({
      action: 'plan.fiche.comment',
      entityType: 'plan_fiche',
      entityId: ficheId,
      after: { commentId: id },
    });
    return { id, text: parsed.data, createdAt: now };
  });
}
