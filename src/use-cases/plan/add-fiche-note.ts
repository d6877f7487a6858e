/** Adds a dated follow-up note to a fiche (its pilots and the territory's agents write them). */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { saveFiche } from '../../db/repositories/plan.repository.js';
import type { FollowUpNote } from '../../domain/plan/model.js';
import { isoDate } from '../../domain/plan/schema.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changeFiche } from './fiche-access.js';
import { checkSubmissionToken, planInvalid } from './plan-errors.js';

const noteInput = z.strictObject({
  date: isoDate,
  text: z.string().trim().min(1, { error: 'texte obligatoire' }).max(20_000),
});

export async function addFicheNote(
  ctx: Context,
  ficheId: string,
  input: { date?: unknown; text: unknown; submissionId?: string | undefined },
): Promise<FollowUpNote> {
  const parsed = noteInput.safeParse({ date: input.date || ctx.clock.today(), text: input.text });
  if (!parsed.success) throw planInvalid(parsed.error);
  checkSubmissionToken(input.submissionId);
  if (parsed.data.date > ctx.clock.today()) {
    throw new AppError('PLAN_INVALID', {
      details: { problems: ['Date : une note de suivi ne peut pas être datée de demain.'] },
    });
  }
  return changeFiche(ctx, ficheId, 'edit', async ({ tx, fiche, stored, now, audit }) => {
    // The form's token is the note's id: the same form sent twice adds one note.
    const earlier = input.submissionId ? fiche.notes.find((n) => n.id === input.submissionId) : undefined;
    if (earlier) return earlier;
    const note: FollowUpNote = {
      id: input.submissionId ?? randomUUID(),
      ...parsed.data,
      authorId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    };
    const notes = [...fiche.notes, note].sort((a, b) => a.date.localeCompare(b.date));
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const version = await saveFiche(tx, stored.id, { ...fiche, notes }, fiche.version, now, userId);
    await audit({
      action: 'plan.fiche.note',
      entityType: 'plan_fiche',
      entityId: ficheId,
      before: { version: fiche.version },
      after: { version, note },
    });
    return note;
  });
}
