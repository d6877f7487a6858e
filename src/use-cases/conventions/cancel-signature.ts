/** A signatory refuses or the parties withdraw the text: back to draft, signatures dropped. */

import { partiesActedFor } from '../../domain/access/permissions.js';
import { cancelSignature as cancel } from '../../domain/convention/lifecycle.js';
import type { Convention } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { mutateConvention } from './mutate-convention.js';

export async function cancelSignature(ctx: Context, id: string): Promise<Convention> {
  const { convention } = await mutateConvention(ctx, id, 'convention.cancel_signature', (c) => {
    // Withdrawing the text is a party's decision: the person must act for one of them.
    if (c.content.parties.length && !partiesActedFor(ctx.actor, c.content.parties).length) {
      throw new AppError('FORBIDDEN', {
        message: 'Seule une personne agissant pour l’une des parties peut annuler la signature.',
      });
    }
    return cancel(c);
  });
  return convention;
}
