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
import { sha256 } from './secrets.js';

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
  // The session and its account in one query: this runs on every request of a logged-in person.
  const user = await findUserBySession(ctx.db, sha256(token), ctx.clock.now());
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
