/**
 * Changes an avenant in preparation: its purpose, the articles and annexes it rewrites (whole, by
 * key) and the period. A change equal to the signed text is dropped by the domain.
 */
import type { z } from 'zod';
import { amendAnnex, amendArticle, editAvenant as edit } from '../../domain/convention/avenant.js';
import type { Convention } from '../../domain/convention/model.js';
import type { Context } from '../context.js';
import { avenantEditInput, parseInput } from './convention-input.js';
import { mutateConvention } from './mutate-convention.js';

export async function editAvenant(
  ctx: Context,
  id: string,
  avenantId: string,
  raw: z.input<typeof avenantEditInput>,
): Promise<Convention> {
  const input = parseInput(avenantEditInput, raw);
  const action = { action: 'convention.avenant.edit', expectedVersion: input.version };
  const { convention } = await mutateConvention(ctx, id, action, (c) => {
    let next = c;
    for (const { key, title, blocks } of input.articles ?? []) {
      next = amendArticle(next, avenantId, key, {
        ...(title !== undefined ? { title } : {}),
        ...(blocks ? { blocks } : {}),
      });
    }
    for (const { key, title, blocks } of input.annexes ?? []) {
      next = amendAnnex(next, avenantId, key, {
        ...(title !== undefined ? { title } : {}),
        ...(blocks ? { blocks } : {}),
      });
    }
    return edit(next, avenantId, {
      ...(input.purpose ? { purpose: input.purpose } : {}),
      ...(input.period ? { changes: { period: input.period } } : {}),
    });
  });
  return convention;
}
