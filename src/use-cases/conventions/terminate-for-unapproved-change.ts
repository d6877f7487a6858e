/** The Caf ends the convention at once when its signed text was changed without avenant. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Convention } from '../../domain/convention/model.js';
import { terminateForUnapprovedChange as terminate } from '../../domain/convention/termination.js';
import type { Context } from '../context.js';
import { assertActsFor, noticeParty } from './act-for-party.js';
import { parseInput, unapprovedChangeInput } from './convention-input.js';
import { mutateConvention } from './mutate-convention.js';

export async function terminateForUnapprovedChange(
  ctx: Context,
  id: string,
  raw: z.input<typeof unapprovedChangeInput>,
): Promise<Convention> {
  const input = parseInput(unapprovedChangeInput, raw);
  const { convention } = await mutateConvention(
    ctx,
    id,
    'convention.terminate_unapproved_change',
    (c, _today, _tx, stored) => {
      const party = noticeParty(c, input.byPartyId);
      if (party) assertActsFor(ctx.actor, 'convention.terminate', stored, party);
      return terminate(c, {
        id: randomUUID(),
        byPartyId: input.byPartyId,
        detectedOn: input.detectedOn,
        ...(input.reason ? { reason: input.reason } : {}),
      });
    },
  );
  return convention;
}
