/** What the convention pages and API share: uploaded files, form fields, path parameters, documents. */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { generateConventionDocument } from '../../../use-cases/conventions/generate-convention-document.js';
import { DOCUMENT_FORMATS } from '../../../use-cases/conventions/render-convention-file.js';
import { contextOf } from '../../request-context.js';
import { generatedDocumentPolicy } from '../../security.js';

export interface UploadedFile {
  fileName: string;
  mediaType: string;
  content: Uint8Array;
}

export type Form = Record<string, string | UploadedFile | undefined>;

export const idParams = z.object({ id: z.string().max(64) });
export const avenantParams = z.object({ id: z.string().max(64), avenantId: z.string().max(64) });

export function text(form: Form, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

export function file(form: Form, name: string): UploadedFile | null {
  const value = form[name];
  return value && typeof value === 'object' && 'content' in value ? value : null;
}

/** Multipart bodies (one file of at most 15 MB), each file kept with its name and type. */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 15 * 1024 * 1024, files: 1 },
    // Keep the file's name and type beside its bytes.
    onFile: async (part) => {
      const content = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = {
        fileName: part.filename,
        mediaType: part.mimetype,
        content: new Uint8Array(content),
      };
    },
  });
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
) {
  const doc = await generateConventionDocument(contextOf(request), id, query.format, {
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
