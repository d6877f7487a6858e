/**
 * Convention pages: the list, the due items, the templates, and the workspace of one convention (its
 * summary, one page per part, one edit page per form, and the modules' tabs handed in as
 * `extensions`). Forms post back, a redirect after success to the page they belong to with a French
 * confirmation, the form again with the French error otherwise. Each route parses its input, calls
 * one use case and renders a view. The API is in conventions.api.routes.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyIntegrity } from '../../../domain/convention/integrity.js';
import { AppError, isAppError } from '../../../domain/shared/app-error.js';
import { annexSectionsFor } from '../../../use-cases/conventions/annex-content.js';
import { articleSectionsFor } from '../../../use-cases/conventions/article-content.js';
import { attachDeliberation } from '../../../use-cases/conventions/attach-deliberation.js';
import { cancelAvenant } from '../../../use-cases/conventions/cancel-avenant.js';
import { cancelSignature } from '../../../use-cases/conventions/cancel-signature.js';
import { fieldName } from '../../../use-cases/conventions/convention-input.js';
import { createAvenant } from '../../../use-cases/conventions/create-avenant.js';
import { createConvention } from '../../../use-cases/conventions/create-convention.js';
import { deleteTemplate } from '../../../use-cases/conventions/delete-template.js';
import { editAvenant } from '../../../use-cases/conventions/edit-avenant.js';
import type { ConventionView } from '../../../use-cases/conventions/get-convention.js';
import { getConvention } from '../../../use-cases/conventions/get-convention.js';
import { getConventionSummary } from '../../../use-cases/conventions/get-convention-summary.js';
import { giveNotice } from '../../../use-cases/conventions/give-notice.js';
import { listConventions } from '../../../use-cases/conventions/list-conventions.js';
import { listDueItems } from '../../../use-cases/conventions/list-due-items.js';
import { listTemplates } from '../../../use-cases/conventions/list-templates.js';
import { recordSignature } from '../../../use-cases/conventions/record-signature.js';
import { remedyFormalNotice } from '../../../use-cases/conventions/remedy-formal-notice.js';
import { renewConvention } from '../../../use-cases/conventions/renew-convention.js';
import { sendFormalNotice } from '../../../use-cases/conventions/send-formal-notice.js';
import { signAvenant } from '../../../use-cases/conventions/sign-avenant.js';
import type { StaleDetails } from '../../../use-cases/conventions/stale-convention.js';
import { submitAvenant } from '../../../use-cases/conventions/submit-avenant.js';
import { submitConvention } from '../../../use-cases/conventions/submit-convention.js';
import { terminateForUnapprovedChange } from '../../../use-cases/conventions/terminate-for-unapproved-change.js';
import type { TerritoryCandidate } from '../../../use-cases/conventions/territory-for-convention.js';
import { updateDraft } from '../../../use-cases/conventions/update-draft.js';
import { uploadTemplate } from '../../../use-cases/conventions/upload-template.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import { AvenantPage, VersionPage } from './avenant-pages.js';
import { editableTextToBlocks } from './block-text.js';
import type { KeptInput } from './convention-components.js';
import { ConventionDocumentsPage } from './convention-documents-page.js';
import { EditGeneralPage, EditSignatoriesPage } from './convention-edit-pages.js';
import { ConventionSummaryPage } from './convention-page.js';
import { ChooseTerritoryPage, ConventionListPage, DueItemsPage, TemplatesPage } from './convention-pages.js';
import { ConventionTerminationPage } from './convention-termination-page.js';
import {
  ConventionTextPage,
  EditSectionPage,
  isEditableSection,
  type SectionKind,
} from './convention-text-page.js';
import {
  avenantParams,
  documentQuery,
  type Form,
  file,
  idParams,
  registerUploads,
  sendDocument,
  text,
} from './route-support.js';
import { type ConventionExtensions, WorkspaceLayout } from './workspace.js';

const NOTICES: Record<string, string> = {
  enregistre: 'Modifications enregistrées.',
  generalites: 'Généralités enregistrées.',
  signataires: 'Signataires enregistrés.',
  article: 'Article enregistré.',
  annexe: 'Annexe enregistrée.',
  soumise: 'La convention est soumise à la signature : son contenu est figé.',
  signature: 'Signature enregistrée.',
  annulee: 'La signature est annulée : la convention revient à l’état de projet.',
  deliberation: 'Délibération jointe.',
  resiliation: 'Procédure de résiliation enregistrée.',
  regularisee: 'Régularisation enregistrée : la mise en demeure ne produira pas d’effet.',
  modele: 'Modèle enregistré.',
  retire: 'Modèle retiré.',
  'deja-creee':
    'Ce formulaire avait déjà été envoyé : la convention créée par le premier envoi est celle-ci, aucune autre n’a été créée.',
  'deja-renouvelee':
    'La convention suivante était déjà préparée : la voici. Aucun autre projet n’a été créé.',
  'deja-ouvert': 'Ce formulaire avait déjà été envoyé : l’avenant ouvert par le premier envoi est celui-ci.',
};

/** The version a form was drawn from (hidden field `version`); absent, the save is not guarded. */
function versionOf(form: Form): number | undefined {
  const raw = text(form, 'version');
  return raw ? Number(raw) : undefined;
}

/** The text fields of a refused form, to draw it again with them (`_csrf` and files left out). */
function keptOf(formName: string, form: Form): KeptInput {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    if (typeof value === 'string' && name !== '_csrf' && name !== 'version') values[name] = value;
  }
  return { form: formName, values };
}

/** The French lines of an error: its message and the fields or items it names. */
/** The département whose Caf is missing, from the error of a convention that could not be created. */
function missingCafOf(error: AppError) {
  const details = error.details as {
    missingCaf?: { departementCode: string; departementName: string };
  } | null;
  return error.code === 'ORGANISATION_NOT_FOUND' && details?.missingCaf
    ? { missingCaf: details.missingCaf }
    : {};
}

function errorLines(error: AppError): string[] {
  const details = error.details as unknown;
  const lines = [error.message];
  if (Array.isArray(details)) {
    for (const d of details as { field?: string; message?: string }[]) {
      if (d?.message && d.message !== error.message)
        lines.push(d.field ? `${fieldName(d.field)} : ${d.message}` : d.message);
    }
  } else if (details && typeof details === 'object' && 'missing' in details) {
    for (const m of (details as { missing: { label?: string }[] }).missing) if (m.label) lines.push(m.label);
  } else if (error.code === 'CONVENTION_STALE') {
    for (const change of (details as StaleDetails).changes) {
      if (change.text !== undefined)
        lines.push(`${change.label}, texte enregistré par ${change.by} : « ${change.text} »`);
    }
    lines.push(
      'Votre saisie est conservée dans le formulaire ci-dessous : comparez-la, puis enregistrez à nouveau pour remplacer ce texte.',
    );
  }
  return lines;
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

const sectionParams = z.object({ id: z.string().max(64), key: z.string().max(64) });

export async function conventionRoutes(base: FastifyInstance, options: { extensions: ConventionExtensions }) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { extensions } = options;
  await registerUploads(app);

  const today = () => app.deps.clock.today();
  const noticeOf = (request: FastifyRequest) =>
    NOTICES[(request.query as { fait?: string } | undefined)?.fait ?? ''];
  type Extra = { errors?: string[]; status?: number; kept?: KeptInput };
  const withErrors = (extra: Extra) => ({
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.kept ? { kept: extra.kept } : {}),
  });

  async function showConvention(request: FastifyRequest, reply: FastifyReply, id: string, extra: Extra = {}) {
    const summary = await getConventionSummary(contextOf(request), id, extensions.dueItems);
    const notice = noticeOf(request);
    return sendPage(
      reply,
      <ConventionSummaryPage
        ctx={pageContext(request, reply)}
        view={summary.view}
        today={today()}
        integrity={verifyIntegrity(summary.view.convention)}
        extensions={extensions}
        dueItems={summary.dueItems}
        changes={summary.changes}
        {...withErrors(extra)}
        {...(notice ? { notice } : {})}
      />,
      extra.status ?? 200,
    );
  }

  /** What every page of a convention's workspace is drawn with: the person, the convention, the day, the modules. */
  const frame = (view: ConventionView, request: FastifyRequest, reply: FastifyReply) => ({
    ctx: pageContext(request, reply),
    view,
    today: today(),
    extensions,
  });

  /** One page of the workspace, from the convention as the actor may see it. */
  function workspacePage(
    render: (
      view: ConventionView,
      request: FastifyRequest,
      reply: FastifyReply,
      extra: Extra,
    ) => preact.JSX.Element | Promise<preact.JSX.Element>,
  ) {
    return async (request: FastifyRequest, reply: FastifyReply, id: string, extra: Extra = {}) => {
      const view = await getConvention(contextOf(request), id);
      return sendPage(reply, await render(view, request, reply, extra), extra.status ?? 200);
    };
  }

  /** An edit page is offered only while the convention is a draft the actor may edit. */
  const assertEditable = (view: ConventionView) => {
    if (!view.canEdit) throw new AppError('FORBIDDEN');
    if (view.convention.status !== 'draft') throw new AppError('CONVENTION_NOT_DRAFT');
  };

  /**
   * What the modules write in the convention's articles and add to its annexes, as the actor would
   * have them printed; `only` limits the reading to one section (its edit page).
   */
  async function moduleSectionsOf(
    request: FastifyRequest,
    view: ConventionView,
    only?: { kind: SectionKind; key: string },
  ) {
    const ctx = contextOf(request);
    const content = view.convention.content;
    const subject = { conventionId: view.convention.id };
    const articles = extensions.articles.filter(
      (a) => !only || (only.kind === 'article' && a.article === only.key),
    );
    const annexes = extensions.annexes.filter(
      (a) => !only || (only.kind === 'annex' && a.annex === only.key),
    );
    return {
      articles: await articleSectionsFor(ctx, content, subject, articles),
      annexes: await annexSectionsFor(ctx, content, subject, annexes),
    };
  }

  const showText = workspacePage(async (view, request, reply) => {
    const notice = noticeOf(request);
    return (
      <ConventionTextPage
        {...frame(view, request, reply)}
        modules={await moduleSectionsOf(request, view)}
        {...(notice ? { notice } : {})}
      />
    );
  });
  const showDocuments = workspacePage((view, request, reply, extra) => {
    const notice = noticeOf(request);
    return (
      <ConventionDocumentsPage
        {...frame(view, request, reply)}
        {...withErrors(extra)}
        {...(notice ? { notice } : {})}
      />
    );
  });
  const showTermination = workspacePage((view, request, reply, extra) => {
    const notice = noticeOf(request);
    return (
      <ConventionTerminationPage
        {...frame(view, request, reply)}
        {...withErrors(extra)}
        {...(notice ? { notice } : {})}
      />
    );
  });
  const showEditGeneral = workspacePage((view, request, reply, extra) => {
    assertEditable(view);
    return <EditGeneralPage {...frame(view, request, reply)} {...withErrors(extra)} />;
  });
  const showEditSignatories = workspacePage((view, request, reply, extra) => {
    assertEditable(view);
    return <EditSignatoriesPage {...frame(view, request, reply)} {...withErrors(extra)} />;
  });
  const showEditSection = (kind: SectionKind, key: string, posted?: { title: string; text: string }) =>
    workspacePage(async (view, request, reply, extra) => {
      assertEditable(view);
      const item = (
        kind === 'article' ? view.convention.content.articles : view.convention.content.annexes
      ).find((x) => x.key === key);
      if (!item || !isEditableSection(kind, key)) throw new AppError('NOT_FOUND');
      const held = await moduleSectionsOf(request, view, { kind, key });
      const modules =
        kind === 'article'
          ? Object.values(held.articles).flatMap((s) => (s ? [s] : []))
          : Object.values(held.annexes).flatMap((s) => s ?? []);
      return (
        <EditSectionPage
          {...frame(view, request, reply)}
          kind={kind}
          item={item}
          modules={modules}
          {...(posted ? { posted } : {})}
          {...withErrors(extra)}
        />
      );
    });

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
    // The name or code typed (`code` is the field of pages served before names were accepted), and
    // on the second step the territory chosen among the candidates, as "commune:78133".
    const search = (text(form, 'recherche') || text(form, 'code')).trim();
    const chosen = /^(commune|epci):([0-9AB]{5,9})$/i.exec(text(form, 'territoire'));
    const submissionToken = text(form, 'submissionToken');
    const listWithErrors = async (
      errors: string[],
      status: number,
      extra: { missingCaf?: { departementCode: string; departementName: string } } = {},
    ) =>
      sendPage(
        reply,
        <ConventionListPage
          ctx={pageContext(request, reply)}
          conventions={await listConventions(ctx)}
          canCreate
          errors={errors}
          search={search}
          {...extra}
        />,
        status,
      );
    if (!chosen && !search)
      return listWithErrors(['Donnez le nom ou le code de la commune ou de l’intercommunalité.'], 400);
    try {
      const { id, existing } = await createConvention(ctx, {
        ...(submissionToken ? { submissionToken } : {}),
        territory: chosen
          ? { level: chosen[1]!.toLowerCase() as 'commune' | 'epci', code: chosen[2]!.toUpperCase() }
          : { search },
      });
      return reply.redirect(`/conventions/${id}${existing ? '?fait=deja-creee' : ''}`, 303);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      if (error.code === 'TERRITORY_AMBIGUOUS') {
        const details = error.details as { total: number; candidates: TerritoryCandidate[] };
        return sendPage(
          reply,
          <ChooseTerritoryPage
            ctx={pageContext(request, reply)}
            search={search}
            message={error.message}
            total={details.total}
            candidates={details.candidates}
            submissionToken={submissionToken}
            {...(text(form, 'etape') === 'choix'
              ? { errors: ['Choisissez un territoire dans la liste, ou cherchez un autre nom.'] }
              : {})}
          />,
          text(form, 'etape') === 'choix' ? 400 : 200,
        );
      }
      return listWithErrors(errorLines(error), error.status, missingCafOf(error));
    }
  });

  app.get(
    '/echeances',
    { config: { responseCache: true }, schema: { hide: true } },
    async (request, reply) => {
      const { today: day, items } = await listDueItems(contextOf(request), extensions.dueItems);
      return sendPage(reply, <DueItemsPage ctx={pageContext(request, reply)} today={day} items={items} />);
    },
  );

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

  // ─── The workspace of one convention ───────────────────────────────────────────────────────

  app.get(
    '/conventions/:id',
    { config: { responseCache: true }, schema: { hide: true, params: idParams } },
    async (request, reply) => showConvention(request, reply, request.params.id),
  );
  const page = (path: string, show: (r: FastifyRequest, p: FastifyReply, id: string) => Promise<unknown>) =>
    app.get(
      `/conventions/:id/${path}`,
      { schema: { hide: true, params: idParams } },
      async (request, reply) => show(request, reply, request.params.id),
    );
  page('texte', showText);
  page('documents', showDocuments);
  page('resiliation', showTermination);
  page('generalites/modifier', showEditGeneral);
  page('signataires/modifier', showEditSignatories);
  for (const kind of ['article', 'annex'] as const) {
    app.get(
      `/conventions/:id/${kind === 'article' ? 'articles' : 'annexes'}/:key/modifier`,
      { schema: { hide: true, params: sectionParams } },
      async (request, reply) => showEditSection(kind, request.params.key)(request, reply, request.params.id),
    );
  }

  // A module's tab: the workspace draws the frame, the module its content (see src/modules/).
  for (const tab of extensions.tabs) {
    app.get(
      `/conventions/:id/${tab.segment}`,
      { schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const ctx = contextOf(request);
        const view = await getConvention(ctx, request.params.id);
        if (!tab.shows(view)) throw new AppError('NOT_FOUND');
        const pageCtx = pageContext(request, reply);
        const content = await tab.render({
          ctx,
          view,
          page: pageCtx,
          query: (request.query ?? {}) as Record<string, string | string[] | undefined>,
        });
        return sendPage(
          reply,
          <WorkspaceLayout
            ctx={pageCtx}
            view={view}
            today={today()}
            extensions={extensions}
            current={tab.segment}
          >
            {content}
          </WorkspaceLayout>,
        );
      },
    );
  }

  const pagePost = (
    path: string,
    run: (request: FastifyRequest<{ Params: { id: string } }>, form: Form) => Promise<unknown>,
    done: (id: string, form: Form) => string,
    page: (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      form: Form,
    ) => (errors: string[], status: number) => Promise<FastifyReply> = (request, reply, id) =>
      (errors, status) =>
        showConvention(request, reply, id, { errors, status }),
  ) =>
    app.post(
      `/conventions/:id/${path}`,
      { schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const id = request.params.id;
        const form = (request.body ?? {}) as Form;
        return formAction(
          request,
          reply,
          id,
          () => run(request, form),
          done(id, form),
          page(request, reply, id, form),
        );
      },
    );
  const summary =
    (fait: string, anchor = '') =>
    (id: string) =>
      `/conventions/${id}?fait=${fait}${anchor}`;
  /** The page of a refused form, drawn again with the person's input (`formName`) so nothing is lost. */
  const on =
    (
      show: (r: FastifyRequest, p: FastifyReply, id: string, extra: Extra) => Promise<unknown>,
      formName?: string,
    ) =>
    (request: FastifyRequest, reply: FastifyReply, id: string, form: Form) =>
    async (errors: string[], status: number) =>
      (await show(request, reply, id, {
        errors,
        status,
        ...(formName ? { kept: keptOf(formName, form) } : {}),
      })) as FastifyReply;
  const sectionAnchor = (kind: SectionKind, form: Form) =>
    `#${kind}-${text(form, 'key').replace(/[^a-z_]/g, '')}`;
  const onSection =
    (kind: SectionKind) =>
    (request: FastifyRequest, reply: FastifyReply, id: string, form: Form) =>
    async (errors: string[], status: number) =>
      (await showEditSection(kind, text(form, 'key'), {
        title: text(form, 'title'),
        text: text(form, 'text'),
      })(request, reply, id, { errors, status })) as FastifyReply;

  pagePost(
    'general',
    (r, f) =>
      updateDraft(contextOf(r), r.params.id, {
        variant: text(f, 'variant') as 'commune_over_5000',
        period: { start: text(f, 'start'), end: text(f, 'end') },
        placeOfSignature: text(f, 'place'),
        version: versionOf(f),
      }),
    summary('generalites'),
    on(showEditGeneral, 'general'),
  );
  pagePost(
    'signataires',
    (r, f) =>
      updateDraft(contextOf(r), r.params.id, { parties: partiesFromForm(f) as never, version: versionOf(f) }),
    summary('signataires', '#parties'),
    on(showEditSignatories, 'signataires'),
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
        version: versionOf(f),
      }),
    (id, f) => `/conventions/${id}/texte?fait=article${sectionAnchor('article', f)}`,
    onSection('article'),
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
        version: versionOf(f),
      }),
    (id, f) => `/conventions/${id}/texte?fait=annexe${sectionAnchor('annex', f)}`,
    onSection('annex'),
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
    (id) => `/conventions/${id}/documents?fait=deliberation#deliberation`,
    on(showDocuments),
  );
  pagePost('soumettre', (r) => submitConvention(contextOf(r), r.params.id), summary('soumise'));
  pagePost(
    'signatures',
    (r, f) =>
      recordSignature(contextOf(r), r.params.id, {
        signatoryId: text(f, 'signatoryId'),
        signedOn: text(f, 'signedOn'),
      }),
    summary('signature', '#parties'),
  );
  pagePost('annuler-signature', (r) => cancelSignature(contextOf(r), r.params.id), summary('annulee'));
  pagePost(
    'mise-en-demeure',
    (r, f) =>
      sendFormalNotice(contextOf(r), r.params.id, {
        byPartyId: text(f, 'byPartyId'),
        sentOn: text(f, 'sentOn'),
        ground: text(f, 'ground') as 'contract_breach',
        reason: text(f, 'reason'),
      }),
    (id) => `/conventions/${id}/resiliation?fait=resiliation`,
    on(showTermination),
  );
  pagePost(
    'denonciation',
    (r, f) =>
      giveNotice(contextOf(r), r.params.id, {
        byPartyId: text(f, 'byPartyId'),
        sentOn: text(f, 'sentOn'),
        reason: text(f, 'reason'),
      }),
    (id) => `/conventions/${id}/resiliation?fait=resiliation`,
    on(showTermination),
  );
  pagePost(
    'resiliation-modification',
    (r, f) =>
      terminateForUnapprovedChange(contextOf(r), r.params.id, {
        byPartyId: text(f, 'byPartyId'),
        detectedOn: text(f, 'detectedOn'),
      }),
    (id) => `/conventions/${id}/resiliation?fait=resiliation`,
    on(showTermination),
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
        `/conventions/${id}/resiliation?fait=regularisee`,
        async (errors, status) =>
          (await showTermination(request, reply, id, { errors, status })) as FastifyReply,
      );
    },
  );

  app.post(
    '/conventions/:id/renouveler',
    { schema: { hide: true, params: idParams } },
    async (request, reply) => {
      let created = { id: '', existing: false };
      return formAction(
        request,
        reply,
        request.params.id,
        async () => {
          created = await renewConvention(contextOf(request), request.params.id);
        },
        () => `/conventions/${created.id}${created.existing ? '?fait=deja-renouvelee' : ''}`,
      );
    },
  );

  app.post(
    '/conventions/:id/avenants',
    { schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const id = request.params.id;
      const form = (request.body ?? {}) as Form;
      const submissionToken = text(form, 'submissionToken');
      let opened = { avenantId: '', existing: false };
      return formAction(
        request,
        reply,
        id,
        async () => {
          opened = await createAvenant(contextOf(request), id, {
            purpose: text(form, 'purpose'),
            ...(submissionToken ? { submissionToken } : {}),
          });
        },
        () => `/conventions/${id}/avenants/${opened.avenantId}${opened.existing ? '?fait=deja-ouvert' : ''}`,
      );
    },
  );

  async function showAvenant(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    avenantId: string,
    extra: { errors?: string[]; status?: number; cible?: string; kept?: KeptInput } = {},
  ) {
    const view = await getConvention(contextOf(request), id);
    if (!view.convention.avenants.some((a) => a.id === avenantId)) throw new AppError('AVENANT_NOT_FOUND');
    const notice = NOTICES[(request.query as { fait?: string } | undefined)?.fait ?? ''];
    const [kind, key] = (extra.cible ?? '').split(':');
    const edit = (kind === 'article' || kind === 'annex') && key ? { kind, key } : undefined;
    return sendPage(
      reply,
      <AvenantPage
        ctx={pageContext(request, reply)}
        view={view}
        avenantId={avenantId}
        today={today()}
        extensions={extensions}
        {...(edit ? { edit: edit as { kind: 'article' | 'annex'; key: string } } : {})}
        {...(extra.errors ? { errors: extra.errors } : {})}
        {...(extra.kept ? { kept: extra.kept } : {})}
        {...(notice ? { notice } : {})}
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
          (errors, status) =>
            showAvenant(request, reply, id, avenantId, {
              errors,
              status,
              // The refused text stays in the edit form it came from.
              ...(path === 'articles' || path === 'annexes'
                ? {
                    cible: `${path === 'articles' ? 'article' : 'annex'}:${text(form, 'key')}`,
                    kept: keptOf(path, form),
                  }
                : {}),
            }),
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
      version: versionOf(f),
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
      version: versionOf(f),
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
        <VersionPage
          ctx={pageContext(request, reply)}
          view={view}
          number={request.params.number}
          today={today()}
          extensions={extensions}
        />,
      );
    },
  );

  app.get(
    '/conventions/:id/document',
    { schema: { hide: true, params: idParams, querystring: documentQuery } },
    async (request, reply) => sendDocument(request, reply, request.params.id, request.query, extensions),
  );
}
