/**
 * The documents attached to a fiche action: the upload form of the fiche page (multipart, without
 * JavaScript, a one-time token so that a form sent twice stores one file), the download of each
 * file under its own name and the platform's type (never shown inline, never sniffed), and its
 * removal after a confirmation page. Whoever may edit the fiche attaches and removes; whoever may
 * see it downloads; a fiche (or a file) the person may not see does not exist. A refused file
 * draws the fiche page again with the French reason, having stored nothing.
 */

import { extname } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileSizeText, MAX_FICHE_FILE_BYTES } from '../../../domain/plan/fiche-file.js';
import { ficheReference } from '../../../domain/plan/rules.js';
import { AppError, isAppError } from '../../../domain/shared/app-error.js';
import { formatFrenchDateTime } from '../../../domain/shared/dates.js';
import type { Context } from '../../../use-cases/context.js';
import { attachFicheFile } from '../../../use-cases/plan/attach-fiche-file.js';
import { deleteFicheFile } from '../../../use-cases/plan/delete-fiche-file.js';
import type { FicheView } from '../../../use-cases/plan/get-fiche.js';
import { ficheFileNotFound, getFicheFile } from '../../../use-cases/plan/get-fiche-file.js';
import { attachmentDisposition } from '../../download.js';
import { sendPage } from '../../render.js';
import { contextOf } from '../../request-context.js';
import { type Form, file as formFile, registerUploads, text } from '../../uploads.js';
import { FichePage } from './fiche-page.js';
import { errorMessages, type PlanFrame, PlanPageFrame, planBase } from './plan-components.js';

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, unknown> }>;

export interface FicheFileHelpers {
  frameOf(request: Req, reply: FastifyReply, ctx: Context): Promise<PlanFrame>;
  ficheOf(ctx: Context, request: Req): Promise<FicheView>;
}

export const ficheFilesHref = (conventionId: string, ficheId: string) =>
  `${planBase(conventionId)}/fiches/${ficheId}/documents-joints`;

const NOT_EDITOR =
  'Vous ne pouvez pas modifier cette fiche action : seuls ses pilotes et les agents de la collectivité y joignent ou en retirent des documents.';

/** A refusal the fiche page shows (422, 413, 409, 404 of a file…); a 403, a hidden fiche or a failure is thrown on. */
function shownOnPage(error: unknown): AppError {
  if (
    !isAppError(error) ||
    error.status >= 500 ||
    error.code === 'FORBIDDEN' ||
    error.code === 'CONVENTION_NOT_FOUND' ||
    error.code === 'PLAN_FICHE_NOT_FOUND'
  )
    throw error;
  return error;
}

export async function ficheFileRoutes(app: FastifyInstance, helpers: FicheFileHelpers) {
  // Fields land in the body before the CSRF check reads `_csrf`; a larger file is a French 413
  // before the body is held whole.
  await registerUploads(app, { fileSize: MAX_FICHE_FILE_BYTES, fields: 4 });

  async function editable(ctx: Context, request: Req): Promise<FicheView> {
    const view = await helpers.ficheOf(ctx, request);
    if (!view.mayEdit) throw new AppError('FORBIDDEN', { message: NOT_EDITOR });
    return view;
  }

  async function ficheWithErrors(
    request: Req,
    reply: FastifyReply,
    ctx: Context,
    error: AppError,
    field: 'fichier' | null,
  ) {
    return sendPage(
      reply,
      <FichePage
        frame={await helpers.frameOf(request, reply, ctx)}
        fiche={await helpers.ficheOf(ctx, request)}
        errors={errorMessages(error).map((message) => ({ field, message }))}
      />,
      error.status,
    );
  }

  app.post(
    '/conventions/:id/plan/fiches/:ficheId/documents-joints',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      // Who may not edit the fiche is told so before the file is read.
      const view = await editable(ctx, request);
      const form = (request.body ?? {}) as Form;
      const upload = formFile(form, 'fichier');
      let existing = false;
      try {
        const result = await attachFicheFile(
          ctx,
          view.fiche.id,
          upload ?? { fileName: '', content: new Uint8Array() },
          text(form, 'submissionToken'),
        );
        existing = result.existing;
      } catch (error) {
        return ficheWithErrors(request, reply, ctx, shownOnPage(error), 'fichier');
      }
      return reply.redirect(
        `${planBase(request.params.id!)}/fiches/${view.fiche.id}?fait=${existing ? 'deja-joint' : 'document'}#documents`,
        303,
      );
    },
  );

  app.get(
    '/conventions/:id/plan/fiches/:ficheId/documents-joints/:fileId',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const view = await helpers.ficheOf(ctx, request);
      const file = await getFicheFile(ctx, view.fiche.id, request.params.fileId!);
      // The type is the one recognised at upload; the file is always saved, never opened in the page.
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', attachmentDisposition(file.fileName, extname(file.fileName).slice(1)))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(Buffer.from(file.content));
    },
  );

  app.get(
    '/conventions/:id/plan/fiches/:ficheId/documents-joints/:fileId/suppression',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const view = await editable(ctx, request);
      const file = view.files.find((f) => f.id === request.params.fileId);
      if (!file) throw ficheFileNotFound(request.params.fileId!);
      const base = planBase(view.conventionId);
      const ref = ficheReference(view.plan.axes, view.fiche);
      const frame = await helpers.frameOf(request, reply, ctx);
      return sendPage(
        reply,
        <PlanPageFrame frame={frame} heading={`Retirer un document de la fiche ${ref}`}>
          <p>
            Le document « {file.fileName} » ({fileSizeText(file.byteLength)}, joint le{' '}
            {formatFrenchDateTime(file.uploadedAt)} par {file.uploadedByLabel}) sera supprimé de la fiche «
            {view.fiche.title} ». Le journal d’audit garde son nom et son empreinte, pas son contenu.
          </p>
          <form
            method="post"
            action={`${ficheFilesHref(view.conventionId, view.fiche.id)}/${file.id}/suppression`}
            class="form"
          >
            <input type="hidden" name="_csrf" value={frame.ctx.csrfToken} />
            <p class="actions">
              <button type="submit" class="button danger">
                Supprimer définitivement « {file.fileName} »
              </button>
              <a href={`${base}/fiches/${view.fiche.id}#documents`}>Annuler</a>
            </p>
          </form>
        </PlanPageFrame>,
      );
    },
  );

  app.post(
    '/conventions/:id/plan/fiches/:ficheId/documents-joints/:fileId/suppression',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const view = await editable(ctx, request);
      try {
        await deleteFicheFile(ctx, view.fiche.id, request.params.fileId!);
      } catch (error) {
        return ficheWithErrors(request, reply, ctx, shownOnPage(error), null);
      }
      return reply.redirect(
        `${planBase(request.params.id!)}/fiches/${view.fiche.id}?fait=document-supprime#documents`,
        303,
      );
    },
  );
}
