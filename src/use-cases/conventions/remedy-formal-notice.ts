/** The breach was put right before the month ran out: the formal notice no longer ends the convention. */

import type { Convention } from '../../domain/convention/model.js';
import { markRemedied } from '../../domain/convention/termination.js';
import type { Context } from '../context.js';
import { assertActsFor, noticeParty } from './act-for-party.js';
import { parseInput, remedyInput } from './convention-input.js';
import { mutateConvention } from './mutate-convention.js';

export async function remedyFormalNotice(
  ctx: Context,
  id: string,
  procedureId: string,
  raw: { remediedOn: string },
): Promise<Convention> {
  const input = parseInput(remedyInput, raw);
  const { convention } = await mutateConvention(ctx, id, 'convention.remedy', (c, _today, _tx, stored) => {
    // The party that sent the formal notice is the one that finds the breach put right.
    const procedure = c.terminations.find((t) => t.id === procedureId);
    const party = procedure ? noticeParty(c, procedure.byPartyId) : undefined;
    if (party) assertActsFor(ctx.actor, 'convention.terminate', stored, party);
    return markRemedied(c, procedureId, input.remediedOn);
  });
  return convention;
}
