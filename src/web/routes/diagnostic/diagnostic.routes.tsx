/**
 * The diagnostic of a territory as a page, as JSON (/api/v1/territories/{code}/diagnostic) and as
 * CSV or XLSX downloads, and the import form of Caf agents. Every route calls a use case whose
 * output went through statistical secrecy.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../../../domain/shared/app-error.js';
import type { ImportError } from '../../../imports/diagnostic/index.js';
import { territoriesOutsideImportScope } from '../../../use-cases/diagnostic/diagnostic-access.js';
import { exportDiagnostic } from '../../../use-cases/diagnostic/export-diagnostic.js';
import type { DiagnosticJson } from '../../../use-cases/diagnostic/get-diagnostic.js';
import { getPublishedDiagnostic } from '../../../use-cases/diagnostic/get-published-diagnostic.js';
import { importDiagnostic } from '../../../use-cases/diagnostic/import-diagnostic.js';
import { listDiagnosticImports } from '../../../use-cases/diagnostic/list-diagnostic-imports.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import { notModified } from '../../response-cache.js';
import { type Form, file as formFile, registerUploads } from '../../uploads.js';
import { DIAGNOSTIC_CSS } from './diagnostic-document.js';
import { DiagnosticPage, type ImportOutcome, ImportPage } from './diagnostic-pages.js';

const MAX_UPLOAD = 20 * 1024 * 1024;
const codeParams = z.object({ code: z.string().min(2).max(20) });
const yearField = z.coerce.number().int().min(1990).max(2100).optional();

/** A blanked figure is "secret" with a null value, whatever the reason: no reader is told why. */
const status = z.enum(['published', 'secret', 'absent']);
const rowSchema = z.object({
  id: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  share: z.number().nullable(),
  referenceValue: z.number().nullable(),
  referenceShare: z.number().nullable(),
  status,
  notable: z.enum(['higher', 'lower']).nullable(),
  notableLabel: z.string().nullable(),
  statuses: z.object({ value: status, share: status, referenceValue: status, referenceShare: status }),
  shareOfReference: z.boolean(),
  unit: z.string(),
  date: z.string().nullable(),
  source: z.string().nullable(),
  synthetic: z.boolean(),
  series: z.array(z.object({ date: z.string(), value: z.number().nullable(), status })).optional(),
});

/**
 * The API's bytes of a cached diagnostic, encoded once by its response schema as the serializer
 * would: the same object comes back from the cache until its version changes.
 */
const encoded = new WeakMap<DiagnosticJson, string>();
function encodedDiagnostic(json: DiagnosticJson): string {
  let bytes = encoded.get(json);
  if (bytes === undefined) {
    bytes = JSON.stringify(z.encode(diagnosticSchema, json));
    encoded.set(json, bytes);
  }
  return bytes;
}

const territorySchema = z.object({ code: z.string(), name: z.string(), level: z.string() });
const diagnosticSchema = z.object({
  territory: territorySchema,
  reference: territorySchema,
  synthetic: z.boolean(),
  year: z.number().nullable(),
  years: z.array(z.number()),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      rows: z.array(rowSchema),
      sources: z.array(z.string()),
      notes: z.array(z.string()),
    }),
  ),
  coverage: z
    .object({ communes: z.number().int(), withFigures: z.number().int(), text: z.string() })
    .nullable()
    .describe('Pour un EPCI ou un département : combien de communes membres ont des chiffres.'),
  notes: z.array(
    z.object({ code: z.string(), territory: z.string(), indicator: z.string(), text: z.string() }),
  ),
  sources: z.array(
    z.object({
      fileName: z.string(),
      importedAt: z.string(),
      importedBy: z.string(),
      synthetic: z.boolean(),
    }),
  ),
});

export async function diagnosticRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  // Fields land in the body before the CSRF check reads `_csrf`; the file keeps its name.
  await registerUploads(app, { fileSize: MAX_UPLOAD, fields: 5 });

  app.get('/diagnostic/diagnostic.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(DIAGNOSTIC_CSS),
  );

  app.get(
    '/api/v1/territories/:code/diagnostic',
    {
      config: { responseCache: true },
      schema: {
        tags: ['Diagnostic'],
        summary:
          'Diagnostic partagé (annexe 1) d’une commune, d’un EPCI (SIREN) ou d’un département, comparé au département ; lisible par tout utilisateur connecté, car chaque valeur est un agrégat protégé par le secret statistique (valeur couverte par le secret : null, statut « secret » ; sources et notes de chaque tableau)',
        params: codeParams,
        querystring: z.object({ year: yearField }),
        response: {
          200: diagnosticSchema,
          304: z.null().describe('Inchangé depuis la version nommée par If-None-Match (ETag)'),
        },
      },
    },
    async (request, reply) => {
      const year = request.query.year;
      const { json, etag } = await getPublishedDiagnostic(
        contextOf(request),
        request.params.code,
        year ? { year } : {},
      );
      // Revalidated on every use: the answer is the same until figures are imported again.
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (notModified(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
      // A string of JSON is sent as it is (the schema's serializer is for objects).
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(encodedDiagnostic(json));
    },
  );

  app.get(
    '/territoires/:code/diagnostic',
    {
      config: { responseCache: true },
      schema: {
        hide: true,
        params: codeParams,
        querystring: z.object({ annee: yearField.or(z.literal('')) }),
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const year = request.query.annee || undefined;
      const { json } = await getPublishedDiagnostic(ctx, request.params.code, year ? { year } : {});
      const canImport = territoriesOutsideImportScope(ctx.actor, new Map()) !== 'forbidden';
      return sendPage(
        reply,
        <DiagnosticPage ctx={pageContext(request, reply)} view={json} canImport={canImport} />,
      );
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/territoires/:code/diagnostic.${format}`,
      {
        schema: {
          hide: true,
          params: codeParams,
          querystring: z.object({ annee: yearField.or(z.literal('')) }),
        },
      },
      async (request, reply) => {
        const year = request.query.annee || undefined;
        const file = await exportDiagnostic(contextOf(request), request.params.code, {
          format,
          ...(year ? { year } : {}),
        });
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(typeof file.body === 'string' ? file.body : Buffer.from(file.body));
      },
    );
  }

  app.get('/diagnostic/import', { schema: { hide: true } }, async (request, reply) => {
    const imports = await listDiagnosticImports(contextOf(request));
    return sendPage(reply, <ImportPage ctx={pageContext(request, reply)} outcome={null} imports={imports} />);
  });

  app.post('/diagnostic/import', { schema: { hide: true } }, async (request, reply) => {
    const ctx = contextOf(request);
    const upload = formFile((request.body ?? {}) as Form, 'fichier');
    const file = upload?.content.length ? upload : null;
    let outcome: ImportOutcome;
    let code = 200;
    if (!file) {
      outcome = { fileName: '', message: 'Choisissez un fichier CSV ou XLSX à importer.' };
      code = 422;
    } else {
      try {
        const result = await importDiagnostic(ctx, { fileName: file.fileName, bytes: file.content });
        outcome = { fileName: file.fileName, result };
      } catch (error) {
        if (
          !isAppError(error) ||
          (error.code === 'FORBIDDEN' &&
            !Array.isArray((error.details as { territories?: unknown })?.territories))
        ) {
          throw error;
        }
        outcome = {
          fileName: file.fileName,
          message:
            error.code === 'IMPORT_INVALID'
              ? `Le fichier contient ${(error.details as ImportError[]).length} erreur(s) ; rien n’a été modifié.`
              : error.message,
          ...(error.code === 'IMPORT_INVALID' ? { errors: error.details as ImportError[] } : {}),
        };
        code = error.status;
      }
    }
    const imports = await listDiagnosticImports(ctx);
    return sendPage(
      reply,
      <ImportPage ctx={pageContext(request, reply)} outcome={outcome} imports={imports} />,
      code,
    );
  });
}
