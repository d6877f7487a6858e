/**
 * One convention as the actor may see it, with its status of the day. A status the dates have
 * brought about (in force, expired, terminated) is recorded then, by the platform's schedule.
 */
import {
  accessFacts,
  findConvention,
  type StoredConvention,
} from '../../db/repositories/convention.repository.js';
import { can, partiesActedFor } from '../../domain/access/permissions.js';
import { dueTransitions } from '../../domain/convention/lifecycle.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { CONVENTION_ID, mutateConvention } from './mutate-convention.js';

export interface ConventionView extends StoredConvention {
  canEdit: boolean;
  /** Ids of the parties the actor acts for (signatures, notices): what the pages offer. */
  actsFor: string[];
}

export async function getConvention(ctx: Context, id: string): Promise<ConventionView> {
  const stored = CONVENTION_ID.test(id) ? await findConvention(ctx.db, id) : undefined;
  if (!stored) throw new AppError('CONVENTION_NOT_FOUND', { details: { id } });
  const facts = accessFacts(stored);
  // What the actor may not see is answered as what does not exist.
  if (!can(ctx.actor, 'convention.read', { convention: facts })) {
    throw new AppError('CONVENTION_NOT_FOUND', { details: { id } });
  }
  const canEdit = can(ctx.actor, 'convention.edit', { convention: facts });
  const c = stored.convention;
  const parties = [...c.content.parties, ...(c.versions.at(-1)?.content.parties ?? [])];
  const actsFor = canEdit ? [...new Set(partiesActedFor(ctx.actor, parties).map((p) => p.id))] : [];
  const [due] = dueTransitions([stored.convention], ctx.clock.today());
  if (due) {
    const schedule = { ...ctx, actor: { kind: 'system' as const, system: 'schedule' as const } };
    const action = `convention.${due.event}`;
    const { convention } = await mutateConvention(schedule, id, action, (c) => c);
    return { ...stored, convention, canEdit, actsFor };
  }
  return { ...stored, canEdit, actsFor };
}
