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

/**
 * Where a module's content for an article or an annex comes from, shown beside it in the workspace
 * (the « Texte et annexes » page, the section's edit page) so that a person knows the document prints
 * it and where it is changed.
 */
export interface ContributionSource {
  /** A short French sentence: « Rédigé à partir du projet de territoire (plan d’actions) ». */
  label: string;
  /** The module's page where that content is read and changed (`/conventions/:id/plan/projet`). */
  href(conventionId: string): string;
}

/** A module's content for one article or annex, as the workspace shows it beside the stored text. */
export interface ModuleSection {
  blocks: readonly Block[];
  source?: ContributionSource;
}

/** A module's content for one annex of the convention document. */
export interface AnnexContribution {
  /**
   * Which annex of the convention it fills, by its key in the template (annexe 1 is `diagnostic`,
   * annexe 2 `action_plan` …; the number follows the template, the key does not change).
   */
  annex: AnnexKey;
  /** Where its content comes from, for the workspace. */
  source?: ContributionSource;
  /** The document blocks for that annex, or undefined when the module holds nothing for it yet. */
  blocks(
    ctx: Context,
    content: ConventionContent,
    subject: DocumentSubject,
  ): Promise<readonly Block[] | undefined>;
}

/**
 * What the modules hold for each annex, with where it comes from: the document prints it after the
 * annex's stored text, and the workspace shows it there too. An annex no module holds anything for
 * is absent.
 */
export async function annexSectionsFor(
  ctx: Context,
  content: ConventionContent,
  subject: DocumentSubject,
  contributions: readonly AnnexContribution[],
): Promise<Partial<Record<AnnexKey, ModuleSection[]>>> {
  const out: Partial<Record<AnnexKey, ModuleSection[]>> = {};
  for (const contribution of contributions) {
    const blocks = await contribution.blocks(ctx, content, subject);
    if (!blocks?.length) continue;
    const section = { blocks, ...(contribution.source ? { source: contribution.source } : {}) };
    out[contribution.annex] = [...(out[contribution.annex] ?? []), section];
  }
  return out;
}

export async function annexContentFor(
  ctx: Context,
  content: ConventionContent,
  subject: DocumentSubject,
  contributions: readonly AnnexContribution[],
): Promise<ConventionDocumentOptions['annexContent']> {
  const sections = await annexSectionsFor(ctx, content, subject, contributions);
  const out: Partial<Record<AnnexKey, readonly Block[]>> = {};
  for (const [key, list] of Object.entries(sections) as [AnnexKey, ModuleSection[]][])
    out[key] = list.flatMap((s) => s.blocks);
  return Object.keys(out).length ? out : undefined;
}
