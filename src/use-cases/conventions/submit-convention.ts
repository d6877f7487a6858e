/** Sends a complete draft to signature: its content is frozen from today. */
import { submitForSignature } from '../../domain/convention/lifecycle.js';
import type { Convention } from '../../domain/convention/model.js';
import type { Context } from '../context.js';
import { mutateConvention } from './mutate-convention.js';

export async function submitConvention(ctx: Context, id: string): Promise<Convention> {
  const { convention } = await mutateConvention(ctx, id, 'convention.submit', (c, today) =>
    submitForSignature(c, today),
  );
  return convention;
}
