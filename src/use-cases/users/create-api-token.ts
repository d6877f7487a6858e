/**
 * Creates an API token for a user; the token is returned once and only its hash is stored, with
 * its first characters to tell it apart. Every token expires: after 90 days unless told otherwise.
 */
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/executor.js';
import { findUserByEmail, insertApiToken } from '../../db/repositories/user.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import { newSecret, sha256 } from '../auth/secrets.js';
import type { Context } from '../context.js';

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 366;
/** `ctg_` and 8 random characters: enough to recognise a token, far too little to guess it. */
const PREFIX_LENGTH = 12;

export async function createApiToken(
  ctx: Context,
  input: { email: string; label?: string; expiresInDays?: number },
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  const self = ctx.actor.kind === 'user' && ctx.actor.email === email;
  if (!self && !can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
  const days = input.expiresInDays ?? TOKEN_DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS) {
    const message = `La durée de validité d’un jeton est un nombre entier de jours, de 1 à ${TOKEN_MAX_DAYS}.`;
    throw new AppError('VALIDATION_FAILED', { message, details: [{ field: 'expiresInDays', message }] });
  }
  return inTransaction(ctx.db, async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) throw new AppError('USER_NOT_FOUND', { details: { email } });
    const token = newSecret('ctg_');
    const id = randomUUID();
    const label = input.label?.trim() || `Jeton créé le ${ctx.clock.today()}`;
    const createdAt = ctx.clock.now();
    const expiresAt = new Date(createdAt.getTime() + days * 86_400_000);
    await insertApiToken(tx, {
      id,
      userId: user.id,
      tokenHash: sha256(token),
      label,
      prefix: token.slice(0, PREFIX_LENGTH),
      createdAt,
      expiresAt,
    });
    await recordAudit(tx, ctx, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: id,
      after: { userId: user.id, label, expiresAt: expiresAt.toISOString() },
    });
    return { token, id, expiresAt };
  });
}
