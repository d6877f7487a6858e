/**
 * The accounts a fiche form names by e-mail address as pilots: each address to its account id. An
 * address with no account is refused in French, naming the row; whether the account may pilot the
 * fiche (active, reaching the convention) is checked by the save itself.
 */
import { findUserByEmail } from '../../db/repositories/user.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';

export interface PilotAddress {
  /** Where the address was typed, for the message (« Pilotes, ligne 2 »). */
  where: string;
  email: string;
}

export async function resolvePilotEmails(
  ctx: Context,
  addresses: readonly PilotAddress[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const problems: string[] = [];
  for (const { where, email } of addresses) {
    const key = email.trim().toLowerCase();
    if (ids.has(key)) continue;
    const user = await findUserByEmail(ctx.db, key);
    if (!user || user.disabled || user.anonymisedAt) {
      problems.push(`${where} : aucun compte actif n’a l’adresse « ${email.trim()} ».`);
      continue;
    }
    ids.set(key, user.id);
  }
  if (problems.length) throw new AppError('PLAN_INVALID', { details: { problems } });
  return ids;
}
