/**
 * Checks an e-mail and password and opens a session stored in the database. The error never says
 * which of the two was wrong.
 */
import { inTransaction } from '../../db/executor.js';
import { findUserByEmail, insertSession } from '../../db/repositories/user.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { decoyPasswordHash, newSecret, sha256, verifyPassword } from './secrets.js';

export const SESSION_DAYS = 7;

export async function logIn(
  ctx: Pick<Context, 'db' | 'clock'>,
  input: { email: string; password: string },
): Promise<{ sessionToken: string; userId: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  const user = email ? await findUserByEmail(ctx.db, email) : undefined;
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !ok || user.disabled || !user.passwordHash) throw new AppError('INVALID_CREDENTIALS');
  const sessionToken = newSecret('');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await inTransaction(ctx.db, async (tx) => {
    await insertSession(tx, { id: sha256(sessionToken), userId: user.id, createdAt: now, expiresAt });
    await recordAudit(
      tx,
      {
        ...ctx,
        actor: {
          kind: 'user',
          userId: user.id,
          email: user.email,
          displayName: user.displayName,
          roles: user.roles,
          organisation: user.organisation,
        },
      },
      { action: 'session.open', entityType: 'user', entityId: user.id },
    );
  });
  return { sessionToken, userId: user.id, expiresAt };
}
