/** What the convention pages and API share: uploaded files, form fields, path parameters, documents. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../domain/shared/app-error.js';
import type { AnnexContribution } from '../../../use-cases/conventions/annex-content.js';
import type { ArticleContribution } from '../../../use-cases/conventions/article-content.js';
import { generateConventionDocument } from '../../../use-cases/conventions/generate-convention-document.js';
import { DOCUMENT_FORMATS } from '../../../use-cases/conventions/render-convention-file.js';
import { contextOf } from '../../request-context.js';
import { generatedDocumentPolicy } from '../../security.js';
import { registerUploads as registerMultipart } from '../../uploads.js';

export { type Form, file, text, type UploadedFile } from '../../uploads.js';

export const idParams = z.object({ id: z.string().max(64) });
export const avenantParams = z.object({ id: z.string().max(64), avenantId: z.string().max(64) });

/** Multipart bodies of the convention forms and routes: one file of at most 15 MB. */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await registerMultipart(app, { fileSize: 15 * 1024 * 1024 });
}

/** `?format=odt|docx|pdf|html&version=N` of a convention's document. */
export const documentQuery = z.object({
  format: z.enum(DOCUMENT_FORMATS, { error: 'Format attendu : odt, docx, pdf ou html.' }).default('odt'),
  version: z.coerce.number().int().min(0).max(999).optional(),
});

/** Sends the generated document of a convention: HTML shown in the browser, other formats downloaded. */
export async function sendDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  query: z.output<typeof documentQuery>,
  modules: { annexes: readonly AnnexContribution[]; articles: readonly ArticleContribution[] },
) {
  const doc = await generateConventionDocument(contextOf(request), id, query.format, {
    annexes: modules.annexes,
    articles: modules.articles,
    ...(query.version !== undefined ? { version: query.version } : {}),
  });
  if (query.format === 'html') {
    // Shown inline: its own style element and style attributes are allowed by their hashes only.
    reply.header('content-security-policy', generatedDocumentPolicy(new TextDecoder().decode(doc.bytes)));
  }
  return reply
    .header('content-type', doc.contentType)
    .header(
      'content-disposition',
      `${query.format === 'html' ? 'inline' : 'attachment'}; filename="${doc.fileName}"`,
    )
    .send(Buffer.from(doc.bytes));
}

/** The ETag of a convention: its version, quoted. */
export const etagOf = (version: number) => `"${version}"`;

/**
 * The version an API client read: the `version` field of its body, or its `If-Match` header (the
 * ETag of the convention: `"3"`, `W/"3"`; `*` matches any version). Absent both, the save is unguarded.
 */
export function expectedVersion(
  request: FastifyRequest,
  bodyVersion: number | undefined,
): number | undefined {
  if (bodyVersion !== undefined) return bodyVersion;
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'If-Match', message: 'En-tête If-Match : la version attendue, par exemple "3".' }],
    });
  }
  return Number(match[1]);
}
