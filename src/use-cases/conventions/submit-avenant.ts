/** Sends an avenant to signature: it must change something. */
import { submitAvenant as submit } from '../../domain/convention/avenant.js';
import type { Convention } from '../../domain/convention/model.js';
import type { Context } from '../context.js';
import { mutateConvention } from './mutate-convention.js';

export async function submitAvenant(ctx: Context, id: string, avenantId: string): Promise<Convention> {
  const { convention } = await mutateConvention(ctx, id, 'convention.avenant.submit', (c, today) =>
    submit(c, avenantId, today),
  );
  return convention;
}
