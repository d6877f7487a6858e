/**
 * The plan's files: the upload page of a plan file (XLSX, ODS or CSV, all-or-nothing, every error
 * with its line and column, a double submit imports once), the plan's export in the same three
 * formats, and the fiche sheets (one fiche, or the fiches ticked in the plan's table) as ODT, DOCX
 * or PDF. Downloads carry what the person may see, under a French file name.
 */
import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../domain/shared/app-error.js';
import { PLAN_FILE_FORMATS, PLAN_FILE_LIMITS, type PlanFileFormat } from '../../../imports/plan/index.js';
import type { PlanImportError } from '../../../imports/plan/types.js';
import type { Context } from '../../../use-cases/context.js';
import { exportPlan } from '../../../use-cases/plan/export-plan.js';
import {
  FICHE_SHEET_FORMATS,
  type FicheSheetFormat,
  generateFicheSheet,
} from '../../../use-cases/plan/generate-fiche-sheet.js';
import type { FicheView } from '../../../use-cases/plan/get-fiche.js';
import { getPlan } from '../../../use-cases/plan/get-plan.js';
import { importPlan, previewPlanFile } from '../../../use-cases/plan/import-plan.js';
import { attachmentDisposition } from '../../download.js';
import { sendPage } from '../../render.js';
import { contextOf } from '../../request-context.js';
import { type Form, file as formFile, registerUploads, text } from '../../uploads.js';
import { values } from './fiche-form.js';
import { errorMessages, type PlanFrame, planBase } from './plan-components.js';
import { type PlanCounts, type PlanImportOutcome, PlanImportPage } from './plan-import-page.js';

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, unknown> }>;

export interface PlanFileHelpers {
  frameOf(request: Req, reply: FastifyReply, ctx: Context): Promise<PlanFrame>;
  ficheOf(ctx: Context, request: Req): Promise<FicheView>;
  /** The plan page again, with these messages above it. */
  showPlan(
    request: Req,
    reply: FastifyReply,
    errors: { field: null; message: string }[],
    status: number,
  ): unknown;
}

/** The file's format, from its name's extension. */
function formatOfName(fileName: string): PlanFileFormat | null {
  const ext = extname(fileName).slice(1).toLowerCase();
  return (PLAN_FILE_FORMATS as readonly string[]).includes(ext) ? (ext as PlanFileFormat) : null;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  const v = values({ v: value }, 'v')[0] ?? '';
  if (!v) return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new AppError('VALIDATION_FAILED', {
    message: `Format inconnu « ${v.slice(0, 20)} » : ${allowed.join(', ')} attendu.`,
    details: [{ field: 'format', message: 'Format inconnu.' }],
  });
}

function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; bytes: Uint8Array }) {
  const ext = extname(file.fileName).slice(1);
  return reply
    .type(file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName, ext))
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.bytes));
}

export async function planFileRoutes(app: FastifyInstance, helpers: PlanFileHelpers) {
  // Fields land in the body before the CSRF check reads `_csrf`; the file keeps its name. The
  // reader refuses a larger file too; the form's limit answers before the body is held whole.
  await registerUploads(app, { fileSize: PLAN_FILE_LIMITS.maxBytes, fields: 5 });

  async function importPage(
    request: Req,
    reply: FastifyReply,
    ctx: Context,
    outcome?: PlanImportOutcome,
    status = 200,
  ) {
    const view = await getPlan(ctx, request.params.id!);
    if (!view.rights.edit) throw new AppError('FORBIDDEN');
    const current: PlanCounts = {
      axes: view.plan.axes.length,
      fiches: view.plan.fiches.length + view.hiddenFiches,
      subActions: view.plan.fiches.reduce((n, f) => n + f.subActions.length, 0),
      indicators: view.plan.indicators.length,
    };
    return sendPage(
      reply,
      <PlanImportPage
        frame={await helpers.frameOf(request, reply, ctx)}
        conventionId={request.params.id!}
        current={current}
        submissionToken={randomUUID()}
        {...(outcome ? { outcome } : {})}
      />,
      status,
    );
  }

  app.get('/conventions/:id/plan/import', { schema: { hide: true } }, (req, reply) =>
    importPage(req as Req, reply, contextOf(req)),
  );

  app.post('/conventions/:id/plan/import', { schema: { hide: true } }, async (req, reply) => {
    const request = req as Req;
    const ctx = contextOf(request);
    const conventionId = request.params.id!;
    // The right to import is checked before the file is read.
    const { rights } = await getPlan(ctx, conventionId);
    if (!rights.edit) throw new AppError('FORBIDDEN');
    const form = (request.body ?? {}) as Form;
    const upload = formFile(form, 'fichier');
    const refused = (outcome: PlanImportOutcome, status = 422) =>
      importPage(request, reply, ctx, outcome, status);
    if (!upload?.content.length) {
      return refused({
        fileName: upload?.fileName ?? '',
        message: upload
          ? 'Le fichier envoyé est vide.'
          : 'Choisissez un fichier XLSX, ODS ou CSV à importer.',
      });
    }
    const format = formatOfName(upload.fileName);
    if (!format) {
      return refused({
        fileName: upload.fileName,
        message:
          'Format de fichier inconnu : le nom du fichier doit finir par .xlsx, .ods ou .csv (rien n’a été importé).',
      });
    }
    const input = { fileName: upload.fileName, bytes: upload.content, format };
    const fileErrors = (error: unknown): PlanImportOutcome => {
      if (!isAppError(error) || error.status >= 500 || error.code === 'FORBIDDEN') throw error;
      if (error.code === 'PLAN_IMPORT_REFUSED') {
        const errors = error.details as PlanImportError[];
        return {
          fileName: upload.fileName,
          message: `Le fichier contient ${errors.length === 1 ? 'une erreur' : `${errors.length} erreurs`} ; rien n’a été importé ni modifié.`,
          errors,
        };
      }
      return { fileName: upload.fileName, message: errorMessages(error).join(' ') };
    };
    if (text(form, 'confirmation') !== 'oui') {
      // Not imported; the file is read all the same, to tell what it holds or what is wrong in it.
      try {
        const preview = await previewPlanFile(input);
        return refused({
          fileName: upload.fileName,
          message:
            'Cochez la case de confirmation pour remplacer le plan actuel par celui du fichier : rien n’a été importé.',
          preview: { ...preview },
        });
      } catch (error) {
        return refused(fileErrors(error));
      }
    }
    const token = text(form, 'submissionToken');
    let existing = false;
    try {
      const result = await importPlan(ctx, {
        conventionId,
        ...input,
        ...(token ? { submissionToken: token } : {}),
      });
      existing = result.existing === true;
    } catch (error) {
      const outcome = fileErrors(error);
      return refused(outcome, isAppError(error) ? error.status : 422);
    }
    return reply.redirect(
      `${planBase(conventionId)}/fiches?fait=${existing ? 'deja-importe' : 'import'}`,
      303,
    );
  });

  app.get('/conventions/:id/plan/export', { schema: { hide: true } }, async (req, reply) => {
    const request = req as Req;
    const format = oneOf(request.query?.format, PLAN_FILE_FORMATS, 'xlsx');
    return sendFile(reply, await exportPlan(contextOf(request), request.params.id!, format));
  });

  const sheetFormat = (value: unknown): FicheSheetFormat => oneOf(value, FICHE_SHEET_FORMATS, 'odt');

  app.get(
    '/conventions/:id/plan/fiches/:ficheId/document',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const format = sheetFormat(request.query?.format);
      const view = await helpers.ficheOf(ctx, request);
      return sendFile(
        reply,
        await generateFicheSheet(ctx, request.params.id!, { format, ficheIds: [view.fiche.id] }),
      );
    },
  );

  // The second submit button of the plan table's form (or the readers' own form): the ticked fiches.
  app.post('/conventions/:id/plan/fiches/document', { schema: { hide: true } }, async (req, reply) => {
    const request = req as Req;
    const ctx = contextOf(request);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const format = sheetFormat(form.format);
    const ficheIds = values(form, 'fiches').slice(0, 1000);
    if (!ficheIds.length) {
      // The plan must be readable before it is told anything about it.
      await getPlan(ctx, request.params.id!);
      return helpers.showPlan(
        request,
        reply,
        [
          {
            field: null,
            message: 'Cochez au moins une fiche dans le tableau pour télécharger leurs fiches.',
          },
        ],
        422,
      );
    }
    try {
      return sendFile(reply, await generateFicheSheet(ctx, request.params.id!, { format, ficheIds }));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'PLAN_FICHE_NOT_FOUND') throw error;
      return helpers.showPlan(
        request,
        reply,
        [
          {
            field: null,
            message:
              'Une des fiches cochées n’existe plus ou ne vous est pas accessible : rechargez le plan et cochez-les à nouveau.',
          },
        ],
        404,
      );
    }
  });
}
