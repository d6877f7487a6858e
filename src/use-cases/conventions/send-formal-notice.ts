/** Records a formal notice (registered letter): the convention ends one month later unless remedied. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Convention } from '../../domain/convention/model.js';
import { sendFormalNotice as send } from '../../domain/convention/termination.js';
import type { Context } from '../context.js';
import { assertActsFor, noticeParty } from './act-for-party.js';
import { formalNoticeInput, parseInput } from './convention-input.js';
import { mutateConvention } from './mutate-convention.js';

export async function sendFormalNotice(
  ctx: Context,
  id: string,
  raw: z.input<typeof formalNoticeInput>,
): Promise<Convention> {
  const input = parseInput(formalNoticeInput, raw);
  const { convention } = await mutateConvention(
    ctx,
    id,
    'convention.formal_notice',
    (c, _today, _tx, stored) => {
      const party = noticeParty(c, input.byPartyId);
      if (party) assertActsFor(ctx.actor, 'convention.terminate', stored, party);
      return send(c, { id: randomUUID(), ...input });
    },
  );
  return convention;
}
