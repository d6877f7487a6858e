/** Turns a session cookie or an API token into the actor it stands for, or nothing. */
import {
  deleteSession,
  findApiTokenUserId,
  findUserById,
  findUserBySession,
  touchApiToken,
  type UserWithAccess,
} from '../../db/repositories/user.repository.js';
import type { Actor } from '../../domain/access/access.js';
import type { Context } from '../context.js';
import { cachedRead } from '../read-cache.js';
import { sha256 } from './secrets.js';

/**
 * Sessions read back from memory while the database has not changed (read-cache.ts): a logout, an
 * account disabled, a role taken away all write, and so empty it. Its end is checked on every hit.
 * Unknown tokens are never kept (a flood of made-up cookies fills nothing).
 */
const SESSION_CACHE = { maxEntries: 10_000 };

export function actorOf(user: UserWithAccess): Actor {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    organisation: user.organisation,
  };
}

export async function actorFromSession(
  ctx: Pick<Context, 'db' | 'clock'>,
  token: string,
): Promise<Actor | null> {
  // The session and its account in one query: this runs on every request of a logged-in person,
  // so its answer is kept until the database changes or the session ends.
  const now = ctx.clock.now();
  const id = sha256(token);
  let user = await cachedRead(ctx.db, 'session', id, SESSION_CACHE, () => findUserBySession(ctx.db, id, now));
  if (user?.sessionExpiresAt && user.sessionExpiresAt <= now) {
    user = await findUserBySession(ctx.db, id, now);
  }
  return user && !user.disabled ? actorOf(user) : null;
}

export async function actorFromApiToken(
  ctx: Pick<Context, 'db' | 'clock'>,
  token: string,
): Promise<Actor | null> {
  const hash = sha256(token);
  const userId = await findApiTokenUserId(ctx.db, hash, ctx.clock.now());
  if (!userId) return null;
  const user = await findUserById(ctx.db, userId);
  if (!user || user.disabled) return null;
  await touchApiToken(ctx.db, hash, ctx.clock.now());
  return actorOf(user);
}

export async function logOut(ctx: Pick<Context, 'db'>, token: string): Promise<void> {
  await deleteSession(ctx.db, sha256(token));
}
