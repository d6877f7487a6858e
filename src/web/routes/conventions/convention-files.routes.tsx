/**
 * Files of a convention people download: the attached délibération (annex 7) and the document of
 * an avenant (ODT, DOCX, PDF). Each is read through the convention: whoever may not read the
 * convention gets 404, as for the convention itself.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AVENANT_DOCUMENT_FORMATS,
  generateAvenantDocument,
} from '../../../use-cases/conventions/generate-avenant-document.js';
import { getConventionFile } from '../../../use-cases/conventions/get-convention-file.js';
import { attachmentDisposition } from '../../download.js';
import { contextOf } from '../../request-context.js';
import { avenantParams } from './route-support.js';

const fileParams = z.object({ id: z.string().max(64), sha256: z.string().max(64) });
const avenantDocumentQuery = z.object({
  format: z.enum(AVENANT_DOCUMENT_FORMATS, { error: 'Format attendu : odt, docx ou pdf.' }).default('odt'),
});

function sendFile(
  reply: FastifyReply,
  file: { fileName: string; contentType: string; extension: string; bytes: Uint8Array },
) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName, file.extension))
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.bytes));
}

export async function conventionFileRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/conventions/:id/fichiers/:sha256',
    { schema: { hide: true, params: fileParams } },
    async (request, reply) => {
      const stored = await getConventionFile(contextOf(request), request.params.id, request.params.sha256);
      // Only PDF files are accepted at upload; the type sent is that one, never a client's claim.
      return sendFile(reply, {
        fileName: stored.fileName,
        contentType: 'application/pdf',
        extension: 'pdf',
        bytes: stored.content,
      });
    },
  );

  app.get(
    '/conventions/:id/avenants/:avenantId/document',
    { schema: { hide: true, params: avenantParams, querystring: avenantDocumentQuery } },
    async (request, reply) => {
      const doc = await generateAvenantDocument(
        contextOf(request),
        request.params.id,
        request.params.avenantId,
        request.query.format,
      );
      return sendFile(reply, { ...doc, extension: request.query.format });
    },
  );

  app.get(
    '/api/v1/conventions/:id/avenants/:avenantId/document',
    {
      schema: {
        tags: ['Conventions'],
        summary: 'Document de l’avenant à signer (ODT, DOCX, PDF)',
        params: avenantParams,
        querystring: avenantDocumentQuery,
      },
    },
    async (request, reply) => {
      const doc = await generateAvenantDocument(
        contextOf(request),
        request.params.id,
        request.params.avenantId,
        request.query.format,
      );
      return sendFile(reply, { ...doc, extension: request.query.format });
    },
  );
}
