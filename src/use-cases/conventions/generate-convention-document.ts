/**
 * The document of a convention the actor may read, in one format: its current text (or a signed
 * version of it), with the Caf's own template when it has one for that format, and the annex content
 * and article bodies the installed modules compute.
 */
import { findTemplates } from '../../db/repositories/convention.repository.js';
import { contentAtVersion } from '../../domain/convention/avenant.js';
import { STATUS_LABELS, versionLabel } from '../../domain/convention/labels.js';
import { statusAt } from '../../domain/convention/lifecycle.js';
import { cafParty, currentVersion } from '../../domain/convention/model.js';
import type { Context } from '../context.js';
import { type AnnexContribution, annexContentFor } from './annex-content.js';
import { type ArticleContribution, articleContentFor } from './article-content.js';
import { getConvention } from './get-convention.js';
import {
  CONTENT_TYPES,
  conventionFileName,
  type DocumentFormat,
  renderConventionFile,
} from './render-convention-file.js';

export async function generateConventionDocument(
  ctx: Context,
  id: string,
  format: DocumentFormat,
  options: {
    /** The modules' annex content (`src/modules/`), handed in by the caller. */
    annexes: readonly AnnexContribution[];
    /**
     * The modules' article bodies. Used for the current text only: the document of a signed version
     * asked by its number prints its articles as they were signed.
     */
    articles?: readonly ArticleContribution[];
    version?: number;
    platformTemplate?: boolean;
  },
): Promise<{ fileName: string; contentType: string; bytes: Uint8Array }> {
  const { convention } = await getConvention(ctx, id);
  const version =
    options.version === undefined ? undefined : convention.versions.find((v) => v.number === options.version);
  const content =
    options.version === undefined ? convention.content : contentAtVersion(convention, options.version);
  const caf = cafParty(content);
  const templates = caf && !options.platformTemplate ? await findTemplates(ctx.db, caf.id) : [];
  const signed = version ?? currentVersion(convention);
  const status = statusAt(convention, ctx.clock.today());
  const stamp = version
    ? versionLabel(version.avenantNumber)
    : status === 'draft' || status === 'in_signature'
      ? STATUS_LABELS[status]
      : undefined;
  const subject = { conventionId: convention.id };
  const annexContent = await annexContentFor(ctx, content, subject, options.annexes);
  const articleContent =
    options.version === undefined
      ? await articleContentFor(ctx, content, subject, options.articles ?? [])
      : undefined;
  const bytes = await renderConventionFile(content, format, {
    today: ctx.clock.today(),
    ...(annexContent ? { annexContent } : {}),
    ...(articleContent ? { articleContent } : {}),
    reference: `CTG-${content.territory.codes[0]}-${content.period.start.slice(0, 4)}`,
    signedOn: signed?.signedOn ?? null,
    templates,
    ...(stamp ? { stamp } : {}),
  });
  return {
    fileName: conventionFileName(content, format, version ? `-v${version.number}` : ''),
    contentType: CONTENT_TYPES[format],
    bytes,
  };
}
