/** The API tokens of one account, newest first: a person sees their own, an administrator anyone's. */
import {
  type ApiTokenRow,
  findUserByEmail,
  listApiTokensOfUser,
} from '../../db/repositories/user.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';

export type ApiTokenStatus = 'active' | 'expired' | 'revoked';

export interface ApiTokenView extends ApiTokenRow {
  status: ApiTokenStatus;
}

export function tokenStatus(token: ApiTokenRow, now: Date): ApiTokenStatus {
  if (token.revokedAt) return 'revoked';
  return token.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export async function listApiTokens(ctx: Context, input: { email?: string } = {}): Promise<ApiTokenView[]> {
  let userId: string;
  if (input.email === undefined) {
    if (ctx.actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    userId = ctx.actor.userId;
  } else {
    const email = input.email.trim().toLowerCase();
    const self = ctx.actor.kind === 'user' && ctx.actor.email === email;
    if (!self && !can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
    const user = await findUserByEmail(ctx.db, email);
    if (!user) throw new AppError('USER_NOT_FOUND', { details: { email } });
    userId = user.id;
  }
  const now = ctx.clock.now();
  return (await listApiTokensOfUser(ctx.db, userId)).map((t) => ({ ...t, status: tokenStatus(t, now) }));
}
