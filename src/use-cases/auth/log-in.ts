/**
 * Checks an e-mail and password and opens a session stored in the database. The error never says
 * which of the two was wrong. Failed attempts are counted in the database per account and per
 * client address: after 10 in 15 minutes both are refused, the right password too, until the
 * oldest of them leaves the window. Unknown e-mails are counted like known ones, so that the
 * limit tells nothing about which accounts exist. An attempt counts as a failure from the moment it
 * is checked until its password proves right.
 */
import { inTransaction } from '../../db/executor.js';
import {
  deleteLoginFailure,
  deleteLoginFailuresBefore,
  findUserByEmail,
  findUserById,
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

export async function logIn(
  ctx: Pick<Context, 'db' | 'clock'>,
  input: { email: string; password: string; address: string },
): Promise<{ sessionToken: string; userId: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  const accountKey = sha256(`account:${email}`);
  const addressKey = sha256(`address:${input.address}`);
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  // Under the keys' lock, the limit is checked and the attempt counted as a failure until its
  // password proves right, so that parallel attempts each count the others. The password is
  // verified once this has committed: argon2 takes a thread for about 12 ms, during which the
  // embedded database, which has one connection, would have served nobody.
  const counted = await inTransaction(ctx.db, async (tx) => {
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
    if (retryAt) return { kind: 'locked', retryAt } as const;
    const failureId = await insertLoginFailure(tx, { accountKey, addressKey, failedAt: now });
    const user = email ? await findUserByEmail(tx, email) : undefined;
    return { kind: 'counted', failureId, user } as const;
  });
  if (counted.kind === 'locked') {
    throw new AppError('LOGIN_THROTTLED', {
      message: tooManyAttemptsMessage(counted.retryAt),
      details: { retryAt: counted.retryAt.toISOString() },
    });
  }
  const user = counted.user;
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !ok || user.disabled || !user.passwordHash) {
    // The failure is already counted; only the ones that have left the window go.
    await deleteLoginFailuresBefore(ctx.db, since);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const opened = await inTransaction(ctx.db, async (tx) => {
    // The account as it was verified: not disabled, nor given another password, meanwhile.
    const current = await findUserById(tx, user.id);
    if (!current || current.disabled || current.passwordHash !== user.passwordHash) return undefined;
    await deleteLoginFailure(tx, counted.failureId);
    const sessionToken = newSecret('');
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
    await insertSession(tx, { id: sha256(sessionToken), userId: current.id, createdAt: now, expiresAt });
    await recordAudit(
      tx,
      { ...ctx, actor: actorOf(current) },
      { action: 'session.open', entityType: 'user', entityId: current.id },
    );
    return { sessionToken, userId: current.id, expiresAt };
  });
  if (!opened) throw new AppError('INVALID_CREDENTIALS');
  return opened;
}
