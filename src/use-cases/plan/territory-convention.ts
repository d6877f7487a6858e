/**
 * The convention whose plan a territory's commands work on: the one in force, else the one being
 * signed or drafted (the next one), else the latest that ended.
 */
import { listConventions } from '../../db/repositories/convention.repository.js';
import { conventionScope } from '../../domain/access/access.js';
import { statusOn } from '../../domain/convention/lifecycle.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';

const PREFERENCE = ['in_force', 'signed', 'in_signature', 'draft', 'expired', 'terminated'] as const;

export async function currentConventionOf(ctx: Context, territoryCode: string): Promise<string> {
  // The convention area's query, in the actor's scope, with the status of the day.
  const today = ctx.clock.today();
  const conventions = (await listConventions(ctx.db, conventionScope(ctx.actor), { territoryCode })).map(
    (c) => ({ ...c, status: statusOn(c.calendar, today) }),
  );
  for (const status of PREFERENCE) {
    const found = conventions
      .filter((c) => c.status === status)
      .sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0))[0];
    if (found) return found.id;
  }
  throw new AppError('CONVENTION_NOT_FOUND', {
    message: `Aucune convention ne porte sur le territoire « ${territoryCode} ».`,
    details: { territoryCode },
  });
}
