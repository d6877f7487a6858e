/**
 * Convention pages (forms posting back, redirect after success, the page again with the French
 * error otherwise) and the convention API under /api/v1/conventions. Each route parses its input,
 * calls one use case and renders a view or JSON.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentAtVersion, versionHistory } from '../../../domain/convention/avenant.js';
import { verifyIntegrity } from '../../../domain/convention/integrity.js';
import { AppError, isAppError } from '../../../domain/shared/app-error.js';
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
import { generateConventionDocument } from '../../../use-cases/conventions/generate-convention-document.js';
import { getConvention } from '../../../use-cases/conventions/get-convention.js';
import { getConventionFile } from '../../../use-cases/conventions/get-convention-file.js';
import { giveNotice } from '../../../use-cases/conventions/give-notice.js';
import { listConventions } from '../../../use-cases/conventions/list-conventions.js';
import { listDueItems } from '../../../use-cases/conventions/list-due-items.js';
import { listTemplates } from '../../../use-cases/conventions/list-templates.js';
import { recordSignature } from '../../../use-cases/conventions/record-signature.js';
import { remedyFormalNotice } from '../../../use-cases/conventions/remedy-formal-notice.js';
import { DOCUMENT_FORMATS } from '../../../use-cases/conventions/render-convention-file.js';
import { renewConvention } from '../../../use-cases/conventions/renew-convention.js';
import { sendFormalNotice } from '../../../use-cases/conventions/send-formal-notice.js';
import { signAvenant } from '../../../use-cases/conventions/sign-avenant.js';
import { submitAvenant } from '../../../use-cases/conventions/submit-avenant.js';
import { submitConvention } from '../../../use-cases/conventions/submit-convention.js';
import { terminateForUnapprovedChange } from '../../../use-cases/conventions/terminate-for-unapproved-change.js';
import { updateDraft } from '../../../use-cases/conventions/update-draft.js';
import { uploadTemplate } from '../../../use-cases/conventions/upload-template.js';
import { avenantView, conventionJson, conventionSummaryJson } from '../../presenters/convention.presenter.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import { editableTextToBlocks } from './block-text.js';
import {
  AvenantPage,
  ConventionListPage,
  ConventionPage,
  DueItemsPage,
  TemplatesPage,
  VersionPage,
} from './convention-pages.js';

interface UploadedFile {
  fileName: string;
  mediaType: string;
  content: Uint8Array;
}

type Form = Record<string, string | UploadedFile | undefined>;

const idParams = z.object({ id: z.string().max(64) });
const avenantParams = z.object({ id: z.string().max(64), avenantId: z.string().max(64) });

const NOTICES: Record<string, string> = {
  enregistre: 'Modifications enregistrées.',
  soumise: 'La convention est soumise à la signature : son contenu est figé.',
  signature: 'Signature enregistrée.',
  annulee: 'La signature est annulée : la convention revient à l’état de projet.',
  deliberation: 'Délibération jointe.',
  resiliation: 'Procédure de résiliation enregistrée.',
  regularisee: 'Régularisation enregistrée : la mise en demeure ne produira pas d’effet.',
  modele: 'Modèle enregistré.',
  retire: 'Modèle retiré.',
};

/** The French lines of an error: its message and the fields or items it names. */
function errorLines(error: AppError): string[] {
  const details = error.details as unknown;
  const lines = [error.message];
  if (Array.isArray(details)) {
    for (const d of details as { field?: string; message?: string }[]) {
      if (d?.message && d.message !== error.message)
        lines.push(d.field ? `${d.field} : ${d.message}` : d.message);
    }
  } else if (details && typeof details === 'object' && 'missing' in details) {
    for (const m of (details as { missing: { label?: string }[] }).missing) if (m.label) lines.push(m.label);
  }
  return lines;
}

function text(form: Form, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

function file(form: Form, name: string): UploadedFile | null {
  const value = form[name];
  return value && typeof value === 'object' && 'content' in value ? value : null;
}

/** The signatories form: `p0_organisationId`, `p0_s1_firstName` … back to the parties input. */
export function partiesFromForm(form: Form) {
  const parties = [];
  for (let p = 0; form[`p${p}_organisationId`] !== undefined; p++) {
    const signatories = [];
    for (let s = 0; s < 20; s++) {
      const id = `p${p}_s${s}`;
      const firstName = text(form, `${id}_firstName`).trim();
      const lastName = text(form, `${id}_lastName`).trim();
      const known = text(form, `${id}_id`);
      if (!firstName && !lastName && !known) continue;
      if (text(form, `${id}_remove`)) continue;
      signatories.push({
        ...(known ? { id: known } : {}),
        civility: text(form, `${id}_civility`),
        firstName,
        lastName,
        function: text(form, `${id}_function`),
        functionText: text(form, `${id}_functionText`),
        authority: {
          kind: text(form, `${id}_authority`),
          date: text(form, `${id}_authorityDate`) || null,
        },
      });
    }
    parties.push({
      organisationId: text(form, `p${p}_organisationId`),
      role: text(form, `p${p}_role`),
      signatories,
    });
  }
  return parties;
}

export async function conventionRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
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

  const today = () => app.deps.clock.today();

  async function showConvention(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { errors?: string[]; status?: number } = {},
  ) {
    const view = await getConvention(contextOf(request), id);
    const notice = NOTICES[(request.query as { fait?: string } | undefined)?.fait ?? ''];
    return sendPage(
      reply,
      <ConventionPage
        ctx={pageContext(request, reply)}
        view={view}
        today={today()}
        integrity={verifyIntegrity(view.convention)}
        {...(extra.errors ? { errors: extra.errors } : {})}
        {...(notice ? { notice } : {})}
      />,
      extra.status ?? 200,
    );
  }

  /** Runs a form's use case; on a French error, shows the page again with it, having changed nothing. */
  async function formAction(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    work: () => Promise<unknown>,
    done: string | (() => string),
    page: (errors: string[], status: number) => Promise<FastifyReply> = (errors, status) =>
      showConvention(request, reply, id, { errors, status }),
  ) {
    try {
      await work();
    } catch (error) {
      if (
        !isAppError(error) ||
        error.status >= 500 ||
        error.code === 'FORBIDDEN' ||
        error.code === 'CONVENTION_NOT_FOUND'
      )
        throw error;
      return page(errorLines(error), error.status);
    }
    return reply.redirect(typeof done === 'string' ? done : done(), 303);
  }

  // ─── Pages ──────────────────────────────────────────────────────────────────────────────────

  app.get('/conventions', { schema: { hide: true } }, async (request, reply) => {
    const ctx = contextOf(request);
    const conventions = await listConventions(ctx);
    const canCreate =
      ctx.actor.kind === 'user' &&
      ctx.actor.roles.some((r) => r === 'caf_agent' || r === 'admin' || r === 'territory_agent');
    return sendPage(
      reply,
      <ConventionListPage
        ctx={pageContext(request, reply)}
        conventions={conventions}
        canCreate={canCreate}
      />,
    );
  });

  app.post('/conventions', { schema: { hide: true } }, async (request, reply) => {
    const ctx = contextOf(request);
    const form = (request.body ?? {}) as Form;
    const code = text(form, 'code').trim();
    try {
      const { id } = await createConvention(ctx, {
        territory: { level: /^\d{9}$/.test(code) ? 'epci' : 'commune', code },
      });
      return reply.redirect(`/conventions/${id}`, 303);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      const conventions = await listConventions(ctx);
      return sendPage(
        reply,
        <ConventionListPage
          ctx={pageContext(request, reply)}
          conventions={conventions}
          canCreate
          errors={errorLines(error)}
          code={code}
        />,
        error.status,
      );
    }
  });

  app.get('/echeances', { schema: { hide: true } }, async (request, reply) => {
    const { today: day, items } = await listDueItems(contextOf(request));
    return sendPage(reply, <DueItemsPage ctx={pageContext(request, reply)} today={day} items={items} />);
  });

  app.get('/conventions/modeles', { schema: { hide: true } }, async (request, reply) => {
    const templates = await listTemplates(contextOf(request));
    const notice = NOTICES[(request.query as { fait?: string }).fait ?? ''];
    return sendPage(
      reply,
      <TemplatesPage
        ctx={pageContext(request, reply)}
        templates={templates}
        {...(notice ? { notice } : {})}
      />,
    );
  });

  app.post('/conventions/modeles', { schema: { hide: true } }, async (request, reply) => {
    const ctx = contextOf(request);
    const upload = file((request.body ?? {}) as Form, 'fichier');
    return formAction(
      request,
      reply,
      '',
      () =>
        uploadTemplate(ctx, {
          fileName: upload?.fileName ?? '',
          content: upload?.content ?? new Uint8Array(),
        }),
      '/conventions/modeles?fait=modele',
      async (errors, status) =>
        sendPage(
          reply,
          <TemplatesPage
            ctx={pageContext(request, reply)}
            templates={await listTemplates(ctx)}
            errors={errors}
          />,
          status,
        ),
    );
  });

  app.post(
    '/conventions/modeles/:format/supprimer',
    { schema: { hide: true, params: z.object({ format: z.enum(['odt', 'docx']) }) } },
    async (request, reply) => {
      await deleteTemplate(contextOf(request), request.params.format);
      return reply.redirect('/conventions/modeles?fait=retire', 303);
    },
  );

  app.get('/conventions/:id', { schema: { hide: true, params: idParams } }, async (request, reply) =>
    showConvention(request, reply, request.params.id),
  );

  const pagePost = (
    path: string,
    run: (request: FastifyRequest<{ Params: { id: string } }>, form: Form) => Promise<unknown>,
    done: string,
  ) =>
    app.post(
      `/conventions/:id/${path}`,
      { schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const id = request.params.id;
        return formAction(
          request,
          reply,
          id,
          () => run(request, (request.body ?? {}) as Form),
          `/conventions/${id}?fait=${done}`,
        );
      },
    );

  pagePost(
    'general',
    (r, f) =>
      updateDraft(contextOf(r), r.params.id, {
        variant: text(f, 'variant') as 'commune_over_5000',
        period: { start: text(f, 'start'), end: text(f, 'end') },
        placeOfSignature: text(f, 'place'),
      }),
    'enregistre',
  );
  pagePost(
    'signataires',
    (r, f) => updateDraft(contextOf(r), r.params.id, { parties: partiesFromForm(f) as never }),
    'enregistre',
  );
  pagePost(
    'articles',
    (r, f) =>
      updateDraft(contextOf(r), r.params.id, {
        articles: [
          {
            key: text(f, 'key') as 'object',
            title: text(f, 'title'),
            blocks: editableTextToBlocks(text(f, 'text')),
          },
        ],
      }),
    'enregistre',
  );
  pagePost(
    'annexes',
    (r, f) =>
      updateDraft(contextOf(r), r.params.id, {
        annexes: [
          {
            key: text(f, 'key') as 'diagnostic',
            title: text(f, 'title'),
            blocks: editableTextToBlocks(text(f, 'text')),
          },
        ],
      }),
    'enregistre',
  );
  pagePost(
    'deliberation',
    (r, f) => {
      const upload = file(f, 'fichier');
      return attachDeliberation(
        contextOf(r),
        r.params.id,
        upload ?? { fileName: '', mediaType: '', content: new Uint8Array() },
      );
    },
    'deliberation',
  );
  pagePost('soumettre', (r) => submitConvention(contextOf(r), r.params.id), 'soumise');
  pagePost(
    'signatures',
    (r, f) =>
      recordSignature(contextOf(r), r.params.id, {
        signatoryId: text(f, 'signatoryId'),
        signedOn: text(f, 'signedOn'),
      }),
    'signature',
  );
  pagePost('annuler-signature', (r) => cancelSignature(contextOf(r), r.params.id), 'annulee');
  pagePost(
    'mise-en-demeure',
    (r, f) =>
      sendFormalNotice(contextOf(r), r.params.id, {
        byPartyId: text(f, 'byPartyId'),
        sentOn: text(f, 'sentOn'),
        ground: text(f, 'ground') as 'contract_breach',
        reason: text(f, 'reason'),
      }),
    'resiliation',
  );
  pagePost(
    'denonciation',
    (r, f) =>
      giveNotice(contextOf(r), r.params.id, {
        byPartyId: text(f, 'byPartyId'),
        sentOn: text(f, 'sentOn'),
        reason: text(f, 'reason'),
      }),
    'resiliation',
  );
  pagePost(
    'resiliation-modification',
    (r, f) =>
      terminateForUnapprovedChange(contextOf(r), r.params.id, {
        byPartyId: text(f, 'byPartyId'),
        detectedOn: text(f, 'detectedOn'),
      }),
    'resiliation',
  );

  app.post(
    '/conventions/:id/resiliations/:procedureId/regularisation',
    { schema: { hide: true, params: z.object({ id: z.string().max(64), procedureId: z.string().max(64) }) } },
    async (request, reply) => {
      const { id, procedureId } = request.params;
      const form = (request.body ?? {}) as Form;
      return formAction(
        request,
        reply,
        id,
        () =>
          remedyFormalNotice(contextOf(request), id, procedureId, { remediedOn: text(form, 'remediedOn') }),
        `/conventions/${id}?fait=regularisee`,
      );
    },
  );

  app.post(
    '/conventions/:id/renouveler',
    { schema: { hide: true, params: idParams } },
    async (request, reply) => {
      let created = '';
      return formAction(
        request,
        reply,
        request.params.id,
        async () => {
          created = (await renewConvention(contextOf(request), request.params.id)).id;
        },
        () => `/conventions/${created}`,
      );
    },
  );

  app.post(
    '/conventions/:id/avenants',
    { schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const id = request.params.id;
      let avenantId = '';
      return formAction(
        request,
        reply,
        id,
        async () => {
          avenantId = (
            await createAvenant(contextOf(request), id, {
              purpose: text((request.body ?? {}) as Form, 'purpose'),
            })
          ).avenantId;
        },
        () => `/conventions/${id}/avenants/${avenantId}`,
      );
    },
  );

  async function showAvenant(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    avenantId: string,
    extra: { errors?: string[]; status?: number; cible?: string } = {},
  ) {
    const view = await getConvention(contextOf(request), id);
    if (!view.convention.avenants.some((a) => a.id === avenantId)) throw new AppError('AVENANT_NOT_FOUND');
    const [kind, key] = (extra.cible ?? '').split(':');
    const edit = (kind === 'article' || kind === 'annex') && key ? { kind, key } : undefined;
    return sendPage(
      reply,
      <AvenantPage
        ctx={pageContext(request, reply)}
        view={view}
        avenantId={avenantId}
        today={today()}
        {...(edit ? { edit: edit as { kind: 'article' | 'annex'; key: string } } : {})}
        {...(extra.errors ? { errors: extra.errors } : {})}
      />,
      extra.status ?? 200,
    );
  }

  app.get(
    '/conventions/:id/avenants/:avenantId',
    {
      schema: {
        hide: true,
        params: avenantParams,
        querystring: z.object({ cible: z.string().max(80).optional() }),
      },
    },
    async (request, reply) =>
      showAvenant(request, reply, request.params.id, request.params.avenantId, {
        ...(request.query.cible ? { cible: request.query.cible } : {}),
      }),
  );

  const avenantPost = (
    path: string,
    run: (
      request: FastifyRequest<{ Params: { id: string; avenantId: string } }>,
      form: Form,
    ) => Promise<unknown>,
  ) =>
    app.post(
      `/conventions/:id/avenants/:avenantId/${path}`,
      { schema: { hide: true, params: avenantParams } },
      async (request, reply) => {
        const { id, avenantId } = request.params;
        const form = (request.body ?? {}) as Form;
        return formAction(
          request,
          reply,
          id,
          () => run(request, form),
          `/conventions/${id}/avenants/${avenantId}`,
          (errors, status) => showAvenant(request, reply, id, avenantId, { errors, status }),
        );
      },
    );

  avenantPost('articles', (r, f) =>
    editAvenant(contextOf(r), r.params.id, r.params.avenantId, {
      articles: [
        {
          key: text(f, 'key') as 'object',
          title: text(f, 'title'),
          blocks: editableTextToBlocks(text(f, 'text')),
        },
      ],
    }),
  );
  avenantPost('annexes', (r, f) =>
    editAvenant(contextOf(r), r.params.id, r.params.avenantId, {
      annexes: [
        {
          key: text(f, 'key') as 'diagnostic',
          title: text(f, 'title'),
          blocks: editableTextToBlocks(text(f, 'text')),
        },
      ],
    }),
  );
  avenantPost('soumettre', (r) => submitAvenant(contextOf(r), r.params.id, r.params.avenantId));
  avenantPost('signatures', (r, f) =>
    signAvenant(contextOf(r), r.params.id, r.params.avenantId, {
      signatoryId: text(f, 'signatoryId'),
      signedOn: text(f, 'signedOn'),
    }),
  );
  avenantPost('abandonner', (r) => cancelAvenant(contextOf(r), r.params.id, r.params.avenantId));

  app.get(
    '/conventions/:id/versions/:number',
    {
      schema: {
        hide: true,
        params: z.object({ id: z.string().max(64), number: z.coerce.number().int().min(0).max(999) }),
      },
    },
    async (request, reply) => {
      const view = await getConvention(contextOf(request), request.params.id);
      if (!view.convention.versions.some((v) => v.number === request.params.number))
        throw new AppError('NOT_FOUND');
      return sendPage(
        reply,
        <VersionPage ctx={pageContext(request, reply)} view={view} number={request.params.number} />,
      );
    },
  );

  const documentQuery = z.object({
    format: z.enum(DOCUMENT_FORMATS, { error: 'Format attendu : odt, docx, pdf ou html.' }).default('odt'),
    version: z.coerce.number().int().min(0).max(999).optional(),
  });

  async function sendDocument(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    query: z.output<typeof documentQuery>,
  ) {
    const doc = await generateConventionDocument(contextOf(request), id, query.format, {
      ...(query.version !== undefined ? { version: query.version } : {}),
    });
    return reply
      .header('content-type', doc.contentType)
      .header(
        'content-disposition',
        `${query.format === 'html' ? 'inline' : 'attachment'}; filename="${doc.fileName}"`,
      )
      .send(Buffer.from(doc.bytes));
  }

  app.get(
    '/conventions/:id/document',
    { schema: { hide: true, params: idParams, querystring: documentQuery } },
    async (request, reply) => sendDocument(request, reply, request.params.id, request.query),
  );

  app.get(
    '/conventions/:id/fichiers/:sha256',
    { schema: { hide: true, params: z.object({ id: z.string().max(64), sha256: z.string().max(64) }) } },
    async (request, reply) => {
      const stored = await getConventionFile(contextOf(request), request.params.id, request.params.sha256);
      return reply
        .header('content-type', stored.mediaType)
        .header('content-disposition', `attachment; filename="${stored.fileName.replace(/["\\\r\n]/g, '_')}"`)
        .send(Buffer.from(stored.content));
    },
  );

  // ─── API ────────────────────────────────────────────────────────────────────────────────────

  const tags = ['Conventions'];

  app.get(
    '/api/v1/conventions',
    {
      schema: {
        tags,
        summary: 'Les conventions que l’appelant peut consulter',
        querystring: z.object({
          territory: z.string().max(20).optional(),
          status: z.string().max(20).optional(),
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
    async (request) => conventionJson(await getConvention(contextOf(request), request.params.id), today()),
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
    async (request, reply) =>
      reply201(request, reply, (await createConvention(contextOf(request), request.body)).id),
  );

  app.patch(
    '/api/v1/conventions/:id',
    {
      schema: {
        tags,
        summary: 'Modifie un projet (articles, annexes, visas, parties, dates, modèle, lieu)',
        params: idParams,
        body: updateDraftInput,
      },
    },
    async (request) => {
      await updateDraft(contextOf(request), request.params.id, request.body);
      return current(request, request.params.id);
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
    { schema: { tags, summary: 'Prépare la convention de la période suivante', params: idParams } },
    async (request, reply) =>
      reply201(request, reply, (await renewConvention(contextOf(request), request.params.id)).id),
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
    async (request, reply) => sendDocument(request, reply, request.params.id, request.query),
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
        params: avenantParams,
        body: avenantEditInput,
      },
    },
    async (request) => {
      await editAvenant(contextOf(request), request.params.id, request.params.avenantId, request.body);
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
    async (request) => listDueItems(contextOf(request)),
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
