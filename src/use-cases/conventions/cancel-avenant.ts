/** Abandons an avenant in preparation or in signature. */
import { cancelAvenant as cancel } from '../../domain/convention/avenant.js';
import type { Convention } from '../../domain/convention/model.js';
import type { Context } from '../context.js';
import { mutateConvention } from './mutate-convention.js';

export async function cancelAvenant(ctx: Context, id: string, avenantId: string): Promise<Convention> {
  const { convention } = await mutateConvention(ctx, id, 'convention.avenant.cancel', (c, today) =>
    cancel(c, avenantId, today),
  );
  return convention;
}
