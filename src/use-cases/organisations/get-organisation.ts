/**
 * One organisation as its administration page shows it: its accounts, the conventions it was given
 * access to, and (for a partner) the conventions that may still be opened to it.
 */
import { listConventions } from '../../db/repositories/convention.repository.js';
import { listConventionAccessOfOrganisation } from '../../db/repositories/convention-access.repository.js';
import { findOrganisation } from '../../db/repositories/organisation.repository.js';
import { listUsers } from '../../db/repositories/user.repository.js';
import { receivesGrants } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';
import { statusOn } from '../../domain/convention/lifecycle.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';

export async function getOrganisation(ctx: Context, id: string) {
  if (!can(ctx.actor, 'organisation.manage')) throw new AppError('FORBIDDEN');
  const organisation = await findOrganisation(ctx.db, id);
  if (!organisation) throw new AppError('ORGANISATION_NOT_FOUND', { details: { organisationId: id } });
  const accounts = (await listUsers(ctx.db, { organisationId: id })).map(({ passwordHash: _p, ...u }) => u);
  const grantable = receivesGrants(organisation.kind);
  const access = grantable ? await listConventionAccessOfOrganisation(ctx.db, id) : [];
  const granted = new Set(access.map((a) => a.conventionId));
  const others = grantable
    ? (await listConventions(ctx.db, { kind: 'all' }))
        .filter((c) => !granted.has(c.id))
        // The status of the day, as every list shows it.
        .map(({ calendar, ...c }) => ({ ...c, status: statusOn(calendar, ctx.clock.today()) }))
    : [];
  return { organisation, accounts, grantable, access, others };
}
