/**
 * Changes a draft: variant, period, place, visas, preamble, articles, annexes, parties and their
 * signatories. Anything but a draft is refused by the domain (a signed text changes only by avenant).
 */
import { changeVariant, editDraft, replaceAnnex, replaceArticle } from '../../domain/convention/lifecycle.js';
import type { Convention, ConventionContent } from '../../domain/convention/model.js';
import type { Context } from '../context.js';
import { buildParties } from './build-parties.js';
import { parseInput, type UpdateDraftInput, updateDraftInput } from './convention-input.js';
import { mutateConvention } from './mutate-convention.js';

export async function updateDraft(ctx: Context, id: string, raw: UpdateDraftInput): Promise<Convention> {
  const input = parseInput(updateDraftInput, raw);
  const action = { action: 'convention.edit', expectedVersion: input.version };
  const { convention } = await mutateConvention(ctx, id, action, async (current, _today, tx) => {
    let next = input.variant ? changeVariant(current, input.variant) : current;
    const patch: Partial<ConventionContent> = {};
    if (input.period) patch.period = input.period;
    if (input.placeOfSignature !== undefined) patch.placeOfSignature = input.placeOfSignature;
    if (input.visas) patch.visas = input.visas;
    if (input.preamble) patch.preamble = input.preamble;
    if (input.articles) {
      let articles = next.content.articles;
      for (const { key, ...change } of input.articles) {
        articles = replaceArticle(articles, key, {
          ...(change.title !== undefined ? { title: change.title } : {}),
          ...(change.blocks ? { blocks: change.blocks } : {}),
        });
      }
      patch.articles = articles;
    }
    if (input.annexes) {
      let annexes = next.content.annexes;
      for (const { key, ...change } of input.annexes) {
        annexes = replaceAnnex(annexes, key, {
          ...(change.title !== undefined ? { title: change.title } : {}),
          ...(change.blocks ? { blocks: change.blocks } : {}),
        });
      }
      patch.annexes = annexes;
    }
    if (input.parties) {
      patch.parties = await buildParties(tx, next.content.territory, input.parties, next.content.parties);
    }
    // Always through the domain, even for an empty patch: a signed convention is refused here.
    next = editDraft(next, patch);
    return next;
  });
  return convention;
}
