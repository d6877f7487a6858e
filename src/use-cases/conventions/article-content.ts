/**
 * What the platform computes for the articles of a convention's document. Like the annexes
 * (`annex-content.ts`), the convention area holds no module's data: a module hands in, through its
 * registration (`src/modules/`), the body of an article it writes from its own area (the project of
 * the territory writes articles 2, 3 and 4 …).
 *
 * A module's blocks replace the stored article's whole body in the document; its number and title
 * stay the convention's. An article nobody computes, or one the module holds nothing for yet, keeps
 * its stored text. The stored text itself never changes: only the generated document differs.
 */

import type { ConventionDocumentOptions } from '../../documents/convention-document.js';
import type { Block } from '../../documents/model.js';
import type { ArticleKey, ConventionContent } from '../../domain/convention/model.js';
import type { Context } from '../context.js';
import type { ContributionSource, DocumentSubject, ModuleSection } from './annex-content.js';

/** A module's body for one article of the convention document. */
export interface ArticleContribution {
  /** Which article it writes, by its key in the template (`caf_fields` is article 2 …). */
  article: ArticleKey;
  /** Where its body comes from, for the workspace (shown beside the article, linking there). */
  source?: ContributionSource;
  /** The article's body as document blocks, or undefined when the module holds nothing for it yet. */
  blocks(
    ctx: Context,
    content: ConventionContent,
    subject: DocumentSubject,
  ): Promise<readonly Block[] | undefined>;
}

/**
 * The body each module writes for the convention's articles, with where it comes from: what the
 * document prints in place of the stored text, and what the workspace shows. An article no module
 * writes, or one its module holds nothing for, is absent.
 */
export async function articleSectionsFor(
  ctx: Context,
  content: ConventionContent,
  subject: DocumentSubject,
  contributions: readonly ArticleContribution[],
): Promise<Partial<Record<ArticleKey, ModuleSection>>> {
  const out: Partial<Record<ArticleKey, ModuleSection>> = {};
  for (const contribution of contributions) {
    if (!content.articles.some((a) => a.key === contribution.article)) continue;
    const blocks = await contribution.blocks(ctx, content, subject);
    if (blocks?.length)
      out[contribution.article] = { blocks, ...(contribution.source ? { source: contribution.source } : {}) };
  }
  return out;
}

export async function articleContentFor(
  ctx: Context,
  content: ConventionContent,
  subject: DocumentSubject,
  contributions: readonly ArticleContribution[],
): Promise<ConventionDocumentOptions['articleContent']> {
  const sections = await articleSectionsFor(ctx, content, subject, contributions);
  const out: Partial<Record<ArticleKey, readonly Block[]>> = {};
  for (const [key, section] of Object.entries(sections) as [ArticleKey, ModuleSection][])
    out[key] = section.blocks;
  return Object.keys(out).length ? out : undefined;
}
