/** A signatory refuses or the parties withdraw the text: back to draft, signatures dropped. */
import { cancelSignature as cancel } from '../../domain/convention/lifecycle.js';
import type { Convention } from '../../domain/convention/model.js';
import type { Context } from '../context.js';
import { mutateConvention } from './mutate-convention.js';

export async function cancelSignature(ctx: Context, id: string): Promise<Convention> {
  const { convention } = await mutateConvention(ctx, id, 'convention.cancel_signature', (c) => cancel(c));
  return convention;
}
