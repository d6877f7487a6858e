/**
 * Records one signatory's signature date. The last one seals the content (version 0); the status
 * then follows the dates at once (in force when the start date has come).
 */
import { advance, recordSignature as sign } from '../../domain/convention/lifecycle.js';
import type { Convention } from '../../domain/convention/model.js';
import type { Context } from '../context.js';
import { assertActsFor, partyOfSignatory } from './act-for-party.js';
import { parseInput, signatureInput } from './convention-input.js';
import { mutateConvention } from './mutate-convention.js';

export async function recordSignature(
  ctx: Context,
  id: string,
  raw: { signatoryId: string; signedOn: string },
): Promise<Convention> {
  const input = parseInput(signatureInput, raw);
  const { convention } = await mutateConvention(ctx, id, 'convention.sign', (c, today, _tx, stored) => {
    const party = partyOfSignatory(c.content.parties, input.signatoryId);
    if (party) assertActsFor(ctx.actor, 'convention.sign', stored, party);
    return advance(sign(c, input.signatoryId, input.signedOn), today);
  });
  return convention;
}
