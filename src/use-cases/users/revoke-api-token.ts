/**
 * Revokes an API token: its owner may, an administrator may revoke anyone's. A token one may not
 * revoke is answered like one that does not exist. Revoking a revoked token changes nothing.
 */
import { inTransaction } from '../../db/executor.js';
import { findApiTokenForUpdate, revokeApiTokenRow } from '../../db/repositories/user.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

export async function revokeApiToken(
  ctx: Context,
  input: { id: string },
): Promise<{ id: string; label: string; alreadyRevoked: boolean }> {
  return inTransaction(ctx.db, async (tx) => {
    const token = await findApiTokenForUpdate(tx, input.id);
    const own = token && ctx.actor.kind === 'user' && ctx.actor.userId === token.userId;
    if (!token || (!own && !can(ctx.actor, 'user.manage'))) {
      throw new AppError('API_TOKEN_NOT_FOUND', { details: { id: input.id } });
    }
    if (token.revokedAt) return { id: token.id, label: token.label, alreadyRevoked: true };
    const now = ctx.clock.now();
    await revokeApiTokenRow(tx, token.id, now);
    await recordAudit(tx, ctx, {
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: token.id,
      before: { userId: token.userId, label: token.label, revokedAt: null },
      after: { revokedAt: now.toISOString() },
    });
    return { id: token.id, label: token.label, alreadyRevoked: false };
  });
}
