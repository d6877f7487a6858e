/**
 * Checks an e-mail and password and opens a session stored in the database. The error never says
 * which of the two was wrong. Failed attempts are counted in the database per account and per
 * client address: after 10 in 15 minutes both are refused, the right password too, until the
 * oldest of them leaves the window. Unknown e-mails are counted like known ones, so that the
 * limit tells nothing about which accounts exist.
 */
import { inTransaction } from '../../db/executor.js';
import {
  deleteLoginFailuresBefore,
  findUserByEmail,
  insertLoginFailure,
  insertSession,
  listLoginFailures,
  lockLoginKeys,
} from '../../db/repositories/user.repository.js';
import { LOGIN_WINDOW_MS, lockedUntil, tooManyAttemptsMessage } from '../../domain/access/login-throttle.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { actorOf } from './authenticate.js';
import { decoyPasswordHash, newSecret, sha256, verifyPassword } from './secrets.js';

export const SESSION_DAYS = 7;

type Outcome =
  | { kind: 'ok'; sessionToken: string; userId: string; expiresAt: Date }
  | { kind: 'invalid' }
  | { kind: 'locked'; retryAt: Date };

export async function logIn(
  ctx: Pick<Context, 'db' | 'clock'>,
  input: { email: string; password: string; address: string },
): Promise<{ sessionToken: string; userId: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  const accountKey = sha256(`account:${email}`);
  const addressKey = sha256(`address:${input.address}`);
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  // The failure row must survive a refused login, so the transaction returns the outcome and the
  // error is thrown once it has committed.
  const outcome = await inTransaction(ctx.db, async (tx): Promise<Outcome> => {
    await lockLoginKeys(tx, [accountKey, addressKey]);
    const failures = await listLoginFailures(tx, { accountKey, addressKey }, since);
    const retryAt = [
      lockedUntil(
        failures.filter((f) => f.accountKey === accountKey).map((f) => f.failedAt),
        now,
      ),
      lockedUntil(
        failures.filter((f) => f.addressKey === addressKey).map((f) => f.failedAt),
        now,
      ),
    ].reduce<Date | null>((a, b) => (a && b ? (a > b ? a : b) : (a ?? b)), null);
    if (retryAt) return { kind: 'locked', retryAt };

    const user = email ? await findUserByEmail(tx, email) : undefined;
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
    if (!user || !ok || user.disabled || !user.passwordHash) {
      await deleteLoginFailuresBefore(tx, since);
      await insertLoginFailure(tx, { accountKey, addressKey, failedAt: now });
      return { kind: 'invalid' };
    }
    const sessionToken = newSecret('');
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
    await insertSession(tx, { id: sha256(sessionToken), userId: user.id, createdAt: now, expiresAt });
    await recordAudit(
      tx,
      { ...ctx, actor: actorOf(user) },
      { action: 'session.open', entityType: 'user', entityId: user.id },
    );
    return { kind: 'ok', sessionToken, userId: user.id, expiresAt };
  });
  if (outcome.kind === 'locked') {
    throw new AppError('LOGIN_THROTTLED', {
      message: tooManyAttemptsMessage(outcome.retryAt),
      details: { retryAt: outcome.retryAt.toISOString() },
    });
  }
  if (outcome.kind === 'invalid') throw new AppError('INVALID_CREDENTIALS');
  return { sessionToken: outcome.sessionToken, userId: outcome.userId, expiresAt: outcome.expiresAt };
}
