/** Opens an avenant on a signed convention (one at a time), with its purpose. */
import { randomUUID } from 'node:crypto';
import { createAvenant as open } from '../../domain/convention/avenant.js';
import type { Context } from '../context.js';
import { avenantCreateInput, parseInput } from './convention-input.js';
import { mutateConvention } from './mutate-convention.js';

export async function createAvenant(
  ctx: Context,
  id: string,
  raw: { purpose: string },
): Promise<{ avenantId: string }> {
  const input = parseInput(avenantCreateInput, raw);
  const avenantId = randomUUID();
  await mutateConvention(ctx, id, 'convention.avenant.create', (c, today) =>
    open(c, { id: avenantId, today, purpose: input.purpose }),
  );
  return { avenantId };
}
