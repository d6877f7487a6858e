/** One convention with its parties and signatories, if the actor may read it. */
import { accessFacts, findConvention } from '../../db/repositories/convention.repository.js';
import { canOnConvention } from '../../domain/access/access.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';

export async function getConvention(ctx: Context, id: string) {
  const convention = /^[0-9a-f-]{36}$/i.test(id) ? await findConvention(ctx.db, id) : undefined;
  if (!convention) throw new AppError('CONVENTION_NOT_FOUND', { details: { id } });
  const facts = accessFacts(convention);
  if (!canOnConvention(ctx.actor, 'read', facts)) throw new AppError('FORBIDDEN');
  return { convention, canEdit: canOnConvention(ctx.actor, 'edit', facts) };
}
