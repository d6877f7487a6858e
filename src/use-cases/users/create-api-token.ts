/** Creates an API token for a user; the token is returned once and only its hash is stored. */
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/executor.js';
import { findUserByEmail, insertApiToken } from '../../db/repositories/user.repository.js';
import { canManageUsers } from '../../domain/access/access.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import { newSecret, sha256 } from '../auth/secrets.js';
import type { Context } from '../context.js';

export async function createApiToken(
  ctx: Context,
  input: { email: string; label?: string },
): Promise<{ token: string; id: string }> {
  const email = input.email.trim().toLowerCase();
  const self = ctx.actor.kind === 'user' && ctx.actor.email === email;
  if (!self && !canManageUsers(ctx.actor)) throw new AppError('FORBIDDEN');
  return inTransaction(ctx.db, async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) throw new AppError('USER_NOT_FOUND', { details: { email } });
    const token = newSecret('ctg_');
    const id = randomUUID();
    const label = input.label?.trim() || `Jeton créé le ${ctx.clock.today()}`;
    await insertApiToken(tx, {
      id,
      userId: user.id,
      tokenHash: sha256(token),
      label,
      createdAt: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: id,
      after: { userId: user.id, label },
    });
    return { token, id };
  });
}
