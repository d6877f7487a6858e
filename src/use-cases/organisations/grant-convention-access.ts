/**
 * Opens a convention to a partner's organisation: its accounts then see the convention, its
 * documents and its diagnostic, as every reader of the convention does. Giving it twice changes nothing.
 */
import { inTransaction } from '../../db/executor.js';
import { findConvention } from '../../db/repositories/convention.repository.js';
import { insertConventionAccess } from '../../db/repositories/convention-access.repository.js';
import { findOrganisation } from '../../db/repositories/organisation.repository.js';
import { authorRefOf, ORGANISATION_KIND_LABELS, receivesGrants } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';
import { CONVENTION_ID } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

export async function grantConventionAccess(
  ctx: Context,
  input: { organisationId: string; conventionId: string },
): Promise<{ changed: boolean }> {
  if (!can(ctx.actor, 'convention.grant')) throw new AppError('FORBIDDEN');
  if (!CONVENTION_ID.test(input.conventionId)) {
    const message = 'Choisissez une convention dans la liste.';
    throw new AppError('VALIDATION_FAILED', { message, details: [{ field: 'conventionId', message }] });
  }
  return inTransaction(ctx.db, async (tx) => {
    const organisation = await findOrganisation(tx, input.organisationId);
    if (!organisation) throw new AppError('ORGANISATION_NOT_FOUND');
    if (!receivesGrants(organisation.kind)) {
      throw new AppError('VALIDATION_FAILED', {
        message: `${ORGANISATION_KIND_LABELS[organisation.kind]} : cet organisme voit déjà les conventions de son territoire, sans accès à ouvrir.`,
      });
    }
    const convention = await findConvention(tx, input.conventionId);
    if (!convention) throw new AppError('CONVENTION_NOT_FOUND', { details: { id: input.conventionId } });
    const changed = await insertConventionAccess(tx, {
      conventionId: convention.id,
      organisationId: organisation.id,
      grantedAt: ctx.clock.now(),
      grantedBy: authorRefOf(ctx.actor),
    });
    if (changed) {
      await recordAudit(tx, ctx, {
        action: 'convention.access_grant',
        entityType: 'convention',
        entityId: convention.id,
        after: { organisationId: organisation.id },
      });
    }
    return { changed };
  });
}
