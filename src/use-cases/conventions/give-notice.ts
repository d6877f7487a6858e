/** Records a party's notice: the convention ends six months after it. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Convention } from '../../domain/convention/model.js';
import { giveNotice as give } from '../../domain/convention/termination.js';
import type { Context } from '../context.js';
import { assertActsFor, noticeParty } from './act-for-party.js';
import { noticeInput, parseInput } from './convention-input.js';
import { mutateConvention } from './mutate-convention.js';

export async function giveNotice(
  ctx: Context,
  id: string,
  raw: z.input<typeof noticeInput>,
): Promise<Convention> {
  const input = parseInput(noticeInput, raw);
  const { convention } = await mutateConvention(ctx, id, 'convention.notice', (c, _today, _tx, stored) => {
    const party = noticeParty(c, input.byPartyId);
    if (party) assertActsFor(ctx.actor, 'convention.terminate', stored, party);
    return give(c, { id: randomUUID(), ...input });
  });
  return convention;
}
