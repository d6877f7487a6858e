/**
 * Erases a person (RGPD art. 17): their name and e-mail are replaced by placeholders in their
 * account row, which is disabled and loses its password and roles; their sessions, API tokens and
 * failed logins and the notifications addressed to them are deleted; any copy left in the snapshots of the audit log (older rows, a token's
 * label) is replaced: the e-mail wherever it appears, the name in the rows about or by the account. Everything that recorded what they did keeps the account id, which now reads
 * « Personne anonymisée ». The audit row of the erasure holds no personal data. A convention's own
 * text (its signatories) is the convention's, not the account's, and is left alone.
 */
import { inTransaction } from '../../db/executor.js';
import { scrubAuditSnapshots } from '../../db/repositories/audit.repository.js';
import { deleteNotificationsOf } from '../../db/repositories/notification.repository.js';
import {
  anonymiseUserRow,
  deleteApiTokensOfUser,
  deleteLoginFailuresOfAccount,
  deleteSessionsOfUser,
  findUserByEmail,
  findUserById,
  lockUser,
} from '../../db/repositories/user.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import { sha256 } from '../auth/secrets.js';
import type { Context } from '../context.js';

export interface AnonymiseResult {
  userId: string;
  alreadyAnonymised: boolean;
}

/**
 * What an erased account keeps instead of a name: a code, not a label (pages read « Personne
 * anonymisée » from `anonymised_at`).
 */
export function anonymisedName(userId: string): string {
  return `anonyme-${userId}`;
}

/** The address an erased account keeps: unique, and in a domain that can receive nothing. */
export function anonymisedEmail(userId: string): string {
  return `anonyme-${userId}@invalid`;
}

export async function anonymiseUser(
  ctx: Context,
  input: { email: string } | { userId: string },
): Promise<AnonymiseResult> {
  if (!can(ctx.actor, 'user.manage')) throw new AppError('FORBIDDEN');
  return inTransaction(ctx.db, async (tx) => {
    const found =
      'email' in input
        ? await findUserByEmail(tx, input.email.trim().toLowerCase())
        : await findUserById(tx, input.userId);
    if (!found)
      throw new AppError('USER_NOT_FOUND', { details: 'email' in input ? { email: input.email } : null });
    await lockUser(tx, found.id);
    const user = (await findUserById(tx, found.id))!;
    if (user.anonymisedAt) return { userId: user.id, alreadyAnonymised: true };
    if (ctx.actor.kind === 'user' && ctx.actor.userId === user.id) {
      throw new AppError('VALIDATION_FAILED', {
        message: 'Vous ne pouvez pas anonymiser votre propre compte : demandez-le à un autre administrateur.',
      });
    }
    const now = ctx.clock.now();
    const sessionsEnded = await deleteSessionsOfUser(tx, user.id);
    const tokens = await deleteApiTokensOfUser(tx, user.id);
    const email = user.email.toLowerCase();
    const failures = await deleteLoginFailuresOfAccount(tx, sha256(`account:${email}`));
    const notifications = await deleteNotificationsOf(tx, user.id);
    const scrubbed = await scrubAuditSnapshots(
      tx,
      { userId: user.id, tokenIds: tokens, emails: [email], names: [user.displayName] },
      anonymisedName(user.id),
    );
    await anonymiseUserRow(
      tx,
      user.id,
      { email: anonymisedEmail(user.id), displayName: anonymisedName(user.id) },
      now,
    );
    await recordAudit(tx, ctx, {
      action: 'user.anonymise',
      entityType: 'user',
      entityId: user.id,
      after: {
        anonymised: true,
        sessionsEnded,
        tokensDeleted: tokens.length,
        loginFailuresDeleted: failures,
        notificationsDeleted: notifications,
        auditSnapshotsScrubbed: scrubbed,
      },
    });
    return { userId: user.id, alreadyAnonymised: false };
  });
}
