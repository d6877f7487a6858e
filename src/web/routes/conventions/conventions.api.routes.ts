/**
 * The convention API under /api/v1 (OpenAPI at /api/docs): each route parses its input, calls one use
 * case and answers JSON; errors are the platform's JSON errors.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentAtVersion, versionHistory } from '../../../domain/convention/avenant.js';
import { CONVENTION_STATUSES, type ConventionStatus } from '../../../domain/convention/model.js';
import { AppError } from '../../../domain/shared/app-error.js';
import { attachDeliberation } from '../../../use-cases/conventions/attach-deliberation.js';
import { cancelAvenant } from '../../../use-cases/conventions/cancel-avenant.js';
import { cancelSignature } from '../../../use-cases/conventions/cancel-signature.js';
import { checkIntegrity } from '../../../use-cases/conventions/check-integrity.js';
import {
  avenantCreateInput,
  avenantEditInput,
  formalNoticeInput,
  noticeInput,
  remedyInput,
  signatureInput,
  unapprovedChangeInput,
  updateDraftInput,
} from '../../../use-cases/conventions/convention-input.js';
import { createAvenant } from '../../../use-cases/conventions/create-avenant.js';
import { createConvention, createConventionInput } from '../../../use-cases/conventions/create-convention.js';
import { deleteTemplate } from '../../../use-cases/conventions/delete-template.js';
import { editAvenant } from '../../../use-cases/conventions/edit-avenant.js';
import { getConvention } from '../../../use-cases/conventions/get-convention.js';
import { giveNotice } from '../../../use-cases/conventions/give-notice.js';
import { listConventions } from '../../../use-cases/conventions/list-conventions.js';
import { listDueItems } from '../../../use-cases/conventions/list-due-items.js';
import { listTemplates } from '../../../use-cases/conventions/list-templates.js';
import { recordSignature } from '../../../use-cases/conventions/record-signature.js';
import { remedyFormalNotice } from '../../../use-cases/conventions/remedy-formal-notice.js';
import { renewConvention } from '../../../use-cases/conventions/renew-convention.js';
import { sendFormalNotice } from '../../../use-cases/conventions/send-formal-notice.js';
import { signAvenant } from '../../../use-cases/conventions/sign-avenant.js';
import { submitAvenant } from '../../../use-cases/conventions/submit-avenant.js';
import { submitConvention } from '../../../use-cases/conventions/submit-convention.js';
import { terminateForUnapprovedChange } from '../../../use-cases/conventions/terminate-for-unapproved-change.js';
import { updateDraft } from '../../../use-cases/conventions/update-draft.js';
import { uploadTemplate } from '../../../use-cases/conventions/upload-template.js';
import { avenantView, conventionJson, conventionSummaryJson } from '../../presenters/convention.presenter.js';
import { contextOf } from '../../request-context.js';
import {
  avenantParams,
  documentQuery,
  etagOf,
  expectedVersion,
  type Form,
  file,
  idParams,
  registerUploads,
  sendDocument,
} from './route-support.js';
import type { ConventionExtensions } from './workspace.js';

export async function conventionApiRoutes(
  base: FastifyInstance,
  options: { extensions: ConventionExtensions },
) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { extensions } = options;
  await registerUploads(app);
  const today = () => app.deps.clock.today();

  const tags = ['Conventions'];

  app.get(
    '/api/v1/conventions',
    {
      config: { responseCache: true },
      schema: {
        tags,
        summary: 'Les conventions que l’appelant peut consulter',
        querystring: z.object({
          territory: z.string().max(20).optional(),
          /** The status of the day, as the answers show it. */
          status: z.enum(CONVENTION_STATUSES as [ConventionStatus, ...ConventionStatus[]]).optional(),
        }),
      },
    },
    async (request) => {
      const rows = await listConventions(contextOf(request), {
        ...(request.query.territory ? { territoryCode: request.query.territory } : {}),
        ...(request.query.status ? { status: request.query.status } : {}),
      });
      return { conventions: rows.map(conventionSummaryJson) };
    },
  );

  app.get(
    '/api/v1/conventions/:id',
    {
      schema: {
        tags,
        summary: 'Une convention entière, son état du jour et ce qui peut suivre',
        params: idParams,
      },
    },
    async (request, reply) => {
      const view = await getConvention(contextOf(request), request.params.id);
      reply.header('etag', etagOf(view.version));
      return conventionJson(view, today());
    },
  );

  const reply201 = async (request: FastifyRequest, reply: FastifyReply, id: string) =>
    reply.code(201).send(conventionJson(await getConvention(contextOf(request), id), today()));
  const current = async (request: FastifyRequest, id: string) =>
    conventionJson(await getConvention(contextOf(request), id), today());

  app.post(
    '/api/v1/conventions',
    {
      schema: {
        tags,
        summary: 'Crée le projet de convention d’une commune ou d’une intercommunalité',
        body: createConventionInput,
      },
    },
    async (request, reply) => {
      // The same `submissionToken` again answers with the convention the first request made: 200.
      const { id, existing } = await createConvention(contextOf(request), request.body);
      return existing ? current(request, id) : reply201(request, reply, id);
    },
  );

  app.patch(
    '/api/v1/conventions/:id',
    {
      schema: {
        tags,
        summary: 'Modifie un projet (articles, annexes, visas, parties, dates, modèle, lieu)',
        description:
          'Avec `If-Match: "<version>"` (l’ETag de la lecture) ou le champ `version`, une modification faite depuis par une autre personne est refusée (409 CONVENTION_STALE, qui dit qui, quand et quoi).',
        params: idParams,
        body: updateDraftInput,
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request, request.body.version);
      await updateDraft(contextOf(request), request.params.id, { ...request.body, version });
      const view = await getConvention(contextOf(request), request.params.id);
      reply.header('etag', etagOf(view.version));
      return conventionJson(view, today());
    },
  );

  app.put(
    '/api/v1/conventions/:id/deliberation',
    {
      schema: {
        tags,
        summary: 'Joint la délibération (annexe 7), fichier PDF en multipart (champ « fichier »)',
        params: idParams,
      },
    },
    async (request) => {
      const upload = file((request.body ?? {}) as Form, 'fichier');
      await attachDeliberation(
        contextOf(request),
        request.params.id,
        upload ?? { fileName: '', mediaType: '', content: new Uint8Array() },
      );
      return current(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/conventions/:id/submit',
    { schema: { tags, summary: 'Soumet le projet à la signature', params: idParams } },
    async (request) => {
      await submitConvention(contextOf(request), request.params.id);
      return current(request, request.params.id);
    },
  );
  app.post(
    '/api/v1/conventions/:id/signatures',
    {
      schema: {
        tags,
        summary: 'Enregistre la signature d’un signataire',
        params: idParams,
        body: signatureInput,
      },
    },
    async (request) => {
      await recordSignature(contextOf(request), request.params.id, request.body);
      return current(request, request.params.id);
    },
  );
  app.post(
    '/api/v1/conventions/:id/cancel-signature',
    { schema: { tags, summary: 'Annule la signature : retour au projet', params: idParams } },
    async (request) => {
      await cancelSignature(contextOf(request), request.params.id);
      return current(request, request.params.id);
    },
  );
  app.post(
    '/api/v1/conventions/:id/renew',
    {
      schema: {
        tags,
        summary:
          'Prépare la convention de la période suivante (une seule : une seconde demande répond 200 avec elle)',
        params: idParams,
      },
    },
    async (request, reply) => {
      // A second request answers with the successor already made: 200 instead of 201.
      const { id, existing } = await renewConvention(contextOf(request), request.params.id);
      return existing ? current(request, id) : reply201(request, reply, id);
    },
  );
  app.get(
    '/api/v1/conventions/:id/integrity',
    { schema: { tags, summary: 'Compare le texte enregistré à la version signée', params: idParams } },
    async (request) => checkIntegrity(contextOf(request), request.params.id),
  );
  app.get(
    '/api/v1/conventions/:id/versions',
    { schema: { tags, summary: 'Historique des versions signées', params: idParams } },
    async (request) => {
      const { convention } = await getConvention(contextOf(request), request.params.id);
      return { versions: versionHistory(convention) };
    },
  );
  app.get(
    '/api/v1/conventions/:id/versions/:number',
    {
      schema: {
        tags,
        summary: 'Texte consolidé d’une version signée',
        params: z.object({ id: z.string().max(64), number: z.coerce.number().int().min(0).max(999) }),
      },
    },
    async (request) => {
      const { convention } = await getConvention(contextOf(request), request.params.id);
      return { number: request.params.number, content: contentAtVersion(convention, request.params.number) };
    },
  );
  app.get(
    '/api/v1/conventions/:id/document',
    {
      schema: {
        tags,
        summary: 'Document de la convention (ODT, DOCX, PDF, HTML)',
        params: idParams,
        querystring: documentQuery,
      },
    },
    async (request, reply) => sendDocument(request, reply, request.params.id, request.query, extensions),
  );

  app.get(
    '/api/v1/conventions/:id/avenants',
    { schema: { tags, summary: 'Avenants avec leurs modifications (diff)', params: idParams } },
    async (request) => {
      const { convention } = await getConvention(contextOf(request), request.params.id);
      return { avenants: convention.avenants.map((a) => avenantView(convention, a)) };
    },
  );
  app.post(
    '/api/v1/conventions/:id/avenants',
    { schema: { tags, summary: 'Ouvre un avenant', params: idParams, body: avenantCreateInput } },
    async (request, reply) => {
      const { avenantId } = await createAvenant(contextOf(request), request.params.id, request.body);
      const { convention } = await getConvention(contextOf(request), request.params.id);
      return reply
        .code(201)
        .send(avenantView(convention, convention.avenants.find((a) => a.id === avenantId)!));
    },
  );
  const avenantJson = async (request: FastifyRequest, id: string, avenantId: string) => {
    const { convention } = await getConvention(contextOf(request), id);
    const avenant = convention.avenants.find((a) => a.id === avenantId);
    if (!avenant) throw new AppError('AVENANT_NOT_FOUND');
    return avenantView(convention, avenant);
  };
  app.patch(
    '/api/v1/conventions/:id/avenants/:avenantId',
    {
      schema: {
        tags,
        summary: 'Modifie un avenant (objet, articles, annexes, période)',
        description:
          'Avec `If-Match: "<version>"` (l’ETag de la convention) ou le champ `version` : 409 CONVENTION_STALE si la convention a changé depuis.',
        params: avenantParams,
        body: avenantEditInput,
      },
    },
    async (request) => {
      const version = expectedVersion(request, request.body.version);
      await editAvenant(contextOf(request), request.params.id, request.params.avenantId, {
        ...request.body,
        version,
      });
      return avenantJson(request, request.params.id, request.params.avenantId);
    },
  );
  app.post(
    '/api/v1/conventions/:id/avenants/:avenantId/submit',
    { schema: { tags, summary: 'Soumet l’avenant à la signature', params: avenantParams } },
    async (request) => {
      await submitAvenant(contextOf(request), request.params.id, request.params.avenantId);
      return avenantJson(request, request.params.id, request.params.avenantId);
    },
  );
  app.post(
    '/api/v1/conventions/:id/avenants/:avenantId/signatures',
    {
      schema: {
        tags,
        summary: 'Enregistre une signature de l’avenant',
        params: avenantParams,
        body: signatureInput,
      },
    },
    async (request) => {
      await signAvenant(contextOf(request), request.params.id, request.params.avenantId, request.body);
      return avenantJson(request, request.params.id, request.params.avenantId);
    },
  );
  app.post(
    '/api/v1/conventions/:id/avenants/:avenantId/cancel',
    { schema: { tags, summary: 'Abandonne l’avenant', params: avenantParams } },
    async (request) => {
      await cancelAvenant(contextOf(request), request.params.id, request.params.avenantId);
      return avenantJson(request, request.params.id, request.params.avenantId);
    },
  );

  app.post(
    '/api/v1/conventions/:id/formal-notices',
    {
      schema: {
        tags,
        summary: 'Mise en demeure : résiliation un mois après, sauf régularisation',
        params: idParams,
        body: formalNoticeInput,
      },
    },
    async (request) => {
      await sendFormalNotice(contextOf(request), request.params.id, request.body);
      return current(request, request.params.id);
    },
  );
  app.post(
    '/api/v1/conventions/:id/formal-notices/:procedureId/remedy',
    {
      schema: {
        tags,
        summary: 'Constate la régularisation',
        params: z.object({ id: z.string().max(64), procedureId: z.string().max(64) }),
        body: remedyInput,
      },
    },
    async (request) => {
      await remedyFormalNotice(
        contextOf(request),
        request.params.id,
        request.params.procedureId,
        request.body,
      );
      return current(request, request.params.id);
    },
  );
  app.post(
    '/api/v1/conventions/:id/notices',
    {
      schema: { tags, summary: 'Dénonciation avec préavis de six mois', params: idParams, body: noticeInput },
    },
    async (request) => {
      await giveNotice(contextOf(request), request.params.id, request.body);
      return current(request, request.params.id);
    },
  );
  app.post(
    '/api/v1/conventions/:id/unapproved-change-termination',
    {
      schema: {
        tags,
        summary: 'Résiliation sans préavis pour modification sans avenant (Caf)',
        params: idParams,
        body: unapprovedChangeInput,
      },
    },
    async (request) => {
      await terminateForUnapprovedChange(contextOf(request), request.params.id, request.body);
      return current(request, request.params.id);
    },
  );

  app.get(
    '/api/v1/due-items',
    { schema: { tags, summary: 'Échéances des conventions du périmètre de l’appelant' } },
    async (request) => listDueItems(contextOf(request), extensions.dueItems),
  );

  app.get(
    '/api/v1/templates',
    { schema: { tags, summary: 'Modèles de document de la Caf de l’appelant' } },
    async (request) => ({
      templates: await listTemplates(contextOf(request)),
    }),
  );
  app.put(
    '/api/v1/templates',
    { schema: { tags, summary: 'Dépose un modèle ODT ou DOCX (multipart, champ « fichier »)' } },
    async (request) => {
      const upload = file((request.body ?? {}) as Form, 'fichier');
      return uploadTemplate(contextOf(request), {
        fileName: upload?.fileName ?? '',
        content: upload?.content ?? new Uint8Array(),
      });
    },
  );
  app.delete(
    '/api/v1/templates/:format',
    { schema: { tags, summary: 'Retire un modèle', params: z.object({ format: z.enum(['odt', 'docx']) }) } },
    async (request, reply) => {
      await deleteTemplate(contextOf(request), request.params.format);
      return reply.code(204).send();
    },
  );
}
