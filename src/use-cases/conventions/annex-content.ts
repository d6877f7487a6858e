/**
 * What the platform computes for the annexes of a convention's document. The convention area holds
 * no module's data: each module hands in, through its registration (`src/modules/`), the content of
 * the annex it owns (the diagnostic annexe 1, the action plan annexe 2 …), read from its own area.
 * Annexes nobody computes keep their text, and the document says plainly what is missing.
 */

import type { ConventionDocumentOptions } from '../../documents/convention-document.js';
import type { Block } from '../../documents/model.js';
import type { AnnexKey, ConventionContent } from '../../domain/convention/model.js';
import type { Context } from '../context.js';

/** Which convention the document is generated for: null for a draft the platform has not stored. */
export interface DocumentSubject {
  conventionId: string | null;
}

/** A module's content for one annex of the convention document. */
export interface AnnexContribution {
  /**
   * Which annex of the convention it fills, by its key in the template (annexe 1 is `diagnostic`,
   * annexe 2 `action_plan` …; the number follows the template, the key does not change).
   */
  annex: AnnexKey;
  /** The document blocks for that annex, or undefined when the module holds nothing for it yet. */
  blocks(
    ctx: Context,
    content: ConventionContent,
    subject: DocumentSubject,
  ): Promise<readonly Block[] | undefined>;
}

export async function annexContentFor(
  ctx: Context,
  content: ConventionContent,
  subject: DocumentSubject,
  contributions: readonly AnnexContribution[],
): Promise<ConventionDocumentOptions['annexContent']> {
  const out: Partial<Record<AnnexKey, readonly Block[]>> = {};
  for (const contribution of contributions) {
    const blocks = await contribution.blocks(ctx, content, subject);
    if (blocks?.length) out[contribution.annex] = [...(out[contribution.annex] ?? []), ...blocks];
  }
  return Object.keys(out).length ? out : undefined;
}
