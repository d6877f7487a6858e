/**
 * One convention as the actor may see it. Reading writes nothing: the status of the day is computed
 * where it is shown (`statusAt`, `advance`); the calendar job stores what the dates have changed.
 */
import {
  accessFacts,
  findConvention,
  type StoredConvention,
} from '../../db/repositories/convention.repository.js';
import { can, partiesActedFor } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { CONVENTION_ID } from './mutate-convention.js';

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
  return { ...stored, canEdit, actsFor };
}
