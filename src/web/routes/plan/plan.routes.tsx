/**
 * The action plan's pages, registered by the plan module: the plan with its views and filters, the
 * axes, the fiches (create, view, edit, delete, notes, comments, bulk changes) and the indicators.
 * Forms post back; a success redirects with a French confirmation, a refusal draws the form again
 * with what was typed and the French errors linked to their fields, having changed nothing.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FICHE_STATUS_LABELS } from '../../../domain/plan/labels.js';
import { AppError, isAppError } from '../../../domain/shared/app-error.js';
import type { Context } from '../../../use-cases/context.js';
import { getConvention } from '../../../use-cases/conventions/get-convention.js';
import { addFicheNote } from '../../../use-cases/plan/add-fiche-note.js';
import { changeFiches } from '../../../use-cases/plan/change-fiches.js';
import { commentFiche } from '../../../use-cases/plan/comment-fiche.js';
import { createFicheOnce } from '../../../use-cases/plan/create-fiche.js';
import { deleteAxe } from '../../../use-cases/plan/delete-axe.js';
import { deleteFiche } from '../../../use-cases/plan/delete-fiche.js';
import { deleteIndicator } from '../../../use-cases/plan/delete-indicator.js';
import { type FicheView, getFiche } from '../../../use-cases/plan/get-fiche.js';
import { getPlan } from '../../../use-cases/plan/get-plan.js';
import { resolvePilotEmails } from '../../../use-cases/plan/resolve-pilots.js';
import { saveAxe } from '../../../use-cases/plan/save-axe.js';
import { saveIndicator } from '../../../use-cases/plan/save-indicator.js';
import { updateFiche } from '../../../use-cases/plan/update-fiche.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import type { ConventionExtensions } from '../conventions/workspace.js';
import { publishedEvidence } from './diagnostic-evidence.js';
import { ficheFileRoutes } from './fiche-files.routes.js';
import {
  draftFromFiche,
  draftFromForm,
  emptyDraft,
  type FicheDraft,
  type FieldError,
  inputFromDraft,
  values,
  withBlankRows,
  withPilotIds,
} from './fiche-form.js';
import { FicheForm } from './fiche-form-page.js';
import { DeleteFichePage, FichePage } from './fiche-page.js';
import {
  gridYears,
  IndicatorFormPage,
  IndicatorPage,
  indicatorDraft,
  indicatorDraftFromForm,
  indicatorInput,
} from './indicator-pages.js';
import { errorMessages, type PlanFrame, PlanPageFrame, planBase } from './plan-components.js';
import { planFileRoutes } from './plan-files.routes.js';
import { PlanContent, planQuery } from './plan-page.js';
import type { PlanRouteOptions } from './plan-route-options.js';

type Form = Record<string, unknown>;
type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, unknown> }>;

const NOTICES: Record<string, string> = {
  axe: 'Axe enregistré.',
  'axe-supprime': 'Axe supprimé.',
  lot: 'Les fiches cochées sont modifiées.',
  fiche: 'Fiche enregistrée.',
  'deja-creee':
    'Ce formulaire avait déjà été envoyé : voici la fiche créée par le premier envoi, aucune autre n’a été créée.',
  supprimee: 'Fiche supprimée.',
  note: 'Note de suivi ajoutée.',
  commentaire: 'Commentaire ajouté.',
  document: 'Document joint à la fiche.',
  'deja-joint':
    'Ce formulaire avait déjà été envoyé : le document n’a été joint qu’une fois, par le premier envoi.',
  'document-supprime': 'Document joint supprimé.',
  indicateur: 'Indicateur enregistré.',
  'indicateur-supprime': 'Indicateur supprimé.',
  import:
    'Le plan d’actions a été importé : ses axes, fiches actions et indicateurs sont désormais ceux du fichier.',
  'deja-importe':
    'Ce fichier avait déjà été envoyé par ce formulaire : il a été importé une seule fois, le plan est celui du premier envoi.',
};

const NOT_PILOT =
  'Vous ne pilotez pas cette fiche action : seuls ses pilotes et les agents de la collectivité peuvent la modifier.';

const str = (form: Form, name: string) => values(form, name)[0] ?? '';
const fieldless = (messages: string[]): FieldError[] => messages.map((message) => ({ field: null, message }));

/** A refusal a form shows again (422, 409, 404 of a named item…); a 403, a hidden convention or a failure is thrown on. */
function formError(error: unknown): AppError {
  if (
    !isAppError(error) ||
    error.status >= 500 ||
    error.code === 'FORBIDDEN' ||
    error.code === 'CONVENTION_NOT_FOUND'
  )
    throw error;
  return error;
}

export async function planRoutes(app: FastifyInstance, options: PlanRouteOptions) {
  // The composed modules' extensions, handed by the app: the convention frame draws their tabs.
  const extensionsOf = async (): Promise<ConventionExtensions> => options.extensions;

  async function frameOf(request: Req, reply: FastifyReply, ctx: Context): Promise<PlanFrame> {
    return {
      ctx: pageContext(request, reply),
      view: await getConvention(ctx, request.params.id!),
      today: app.deps.clock.today(),
      extensions: await extensionsOf(),
    };
  }
  const noticeOf = (request: Req) => NOTICES[str(request.query ?? {}, 'fait')];

  /** The fiche of this convention, as the actor may see it; another convention's is a 404. */
  async function ficheOf(ctx: Context, request: Req): Promise<FicheView> {
    const view = await getFiche(ctx, request.params.ficheId!);
    if (view.conventionId !== request.params.id) throw new AppError('PLAN_FICHE_NOT_FOUND');
    return view;
  }

  async function showPlan(request: Req, reply: FastifyReply, errors?: FieldError[], status = 200) {
    const ctx = contextOf(request);
    const frame = await frameOf(request, reply, ctx);
    const view = await getPlan(ctx, request.params.id!);
    return sendPage(
      reply,
      <PlanPageFrame frame={frame} notice={noticeOf(request)} {...(errors ? { errors } : {})}>
        <PlanContent ctx={frame.ctx} view={view} today={frame.today} query={planQuery(request.query ?? {})} />
      </PlanPageFrame>,
      status,
    );
  }

  app.get('/conventions/:id/plan/fiches', { schema: { hide: true } }, (request, reply) =>
    showPlan(request as Req, reply),
  );

  // The upload page, the exports and the fiche sheets: a scope of their own for multipart bodies.
  await app.register((scope) => planFileRoutes(scope, { frameOf, ficheOf, showPlan }));
  // The documents attached to a fiche: a scope of its own too, with its own size limit.
  await app.register((scope) => ficheFileRoutes(scope, { frameOf, ficheOf }));

  // ─── Axes ──────────────────────────────────────────────────────────────────────────────────
  const planAction =
    (run: (ctx: Context, request: Req, form: Form) => Promise<unknown>, done: string) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      try {
        await run(ctx, request, (request.body ?? {}) as Form);
      } catch (error) {
        const e = formError(error);
        return showPlan(request, reply, fieldless(errorMessages(e)), e.status);
      }
      return reply.redirect(`${planBase(request.params.id!)}/fiches?fait=${done}`, 303);
    };

  app.post(
    '/conventions/:id/plan/axes',
    { schema: { hide: true } },
    planAction(
      (ctx, r, form) =>
        saveAxe(ctx, r.params.id!, {
          title: str(form, 'title'),
          submissionId: str(form, 'submissionToken') || undefined,
        }),
      'axe',
    ),
  );
  app.post(
    '/conventions/:id/plan/axes/:axeId',
    { schema: { hide: true } },
    planAction(
      (ctx, r, form) => saveAxe(ctx, r.params.id!, { id: r.params.axeId!, title: str(form, 'title') }),
      'axe',
    ),
  );
  app.post(
    '/conventions/:id/plan/axes/:axeId/suppression',
    { schema: { hide: true } },
    planAction((ctx, r) => deleteAxe(ctx, r.params.id!, r.params.axeId!), 'axe-supprime'),
  );
  app.post(
    '/conventions/:id/plan/fiches/lot',
    { schema: { hide: true } },
    planAction(async (ctx, r, form) => {
      const status = str(form, 'status');
      const pilotText = str(form, 'pilot').trim();
      let pilot: { kind: 'account'; userId: string } | { kind: 'person'; name: string } | undefined;
      if (pilotText.includes('@')) {
        const ids = await resolvePilotEmails(ctx, [{ where: 'Nouveau pilote', email: pilotText }]);
        pilot = { kind: 'account', userId: ids.get(pilotText.toLowerCase())! };
      } else if (pilotText) pilot = { kind: 'person', name: pilotText };
      return changeFiches(ctx, r.params.id!, {
        ficheIds: values(form, 'fiches'),
        ...(status ? { status: status as never } : {}),
        ...(pilot ? { pilot } : {}),
      });
    }, 'lot'),
  );

  // ─── Fiches ────────────────────────────────────────────────────────────────────────────────
  async function showFicheForm(
    request: Req,
    reply: FastifyReply,
    ctx: Context,
    input: {
      draft: FicheDraft;
      ficheId?: string;
      version?: number;
      byPilot: boolean;
      errors?: FieldError[];
      grow?: string;
      status?: number;
      submissionId?: string;
      current?: FicheView['fiche'];
    },
  ) {
    const frame = await frameOf(request, reply, ctx);
    const { plan } = await getPlan(ctx, request.params.id!);
    const base = planBase(request.params.id!);
    const heading = input.ficheId
      ? `Modifier la fiche « ${input.draft.title || 'sans titre'} »`
      : 'Nouvelle fiche action';
    return sendPage(
      reply,
      <PlanPageFrame frame={frame} heading={heading} {...(input.errors ? { errors: input.errors } : {})}>
        {input.current ? <StaleFiche fiche={input.current} /> : null}
        <FicheForm
          draft={withBlankRows(input.draft, input.grow)}
          plan={plan}
          ficheId={input.ficheId}
          byPilot={input.byPilot}
          errors={input.errors}
          action={input.ficheId ? `${base}/fiches/${input.ficheId}` : `${base}/fiches`}
          cancel={input.ficheId ? `${base}/fiches/${input.ficheId}` : `${base}/fiches`}
          version={input.version}
          submissionId={input.submissionId}
          csrf={frame.ctx.csrfToken}
        />
      </PlanPageFrame>,
      input.status ?? 200,
    );
  }

  app.get('/conventions/:id/plan/fiches/nouvelle', { schema: { hide: true } }, async (req, reply) => {
    const request = req as Req;
    const ctx = contextOf(request);
    const view = await getPlan(ctx, request.params.id!);
    if (!view.rights.edit) throw new AppError('FORBIDDEN');
    const axeId = str(request.query ?? {}, 'axe');
    if (!view.plan.axes.length)
      throw new AppError('PLAN_AXE_NOT_FOUND', {
        message: 'Créez d’abord un axe : une fiche action se range dans un axe.',
      });
    const axe = view.plan.axes.find((a) => a.id === axeId) ?? view.plan.axes[0]!;
    return showFicheForm(request, reply, ctx, {
      draft: emptyDraft(axe.id),
      byPilot: false,
      submissionId: crypto.randomUUID(),
    });
  });

  /** The form's input, its pilots' addresses resolved; errors by field when something is wrong. */
  async function readFiche(ctx: Context, draft: FicheDraft) {
    const read = inputFromDraft(draft);
    if (read.errors.length) return { errors: read.errors };
    try {
      const ids = read.emails.length ? await resolvePilotEmails(ctx, read.emails) : new Map<string, string>();
      return { input: withPilotIds(read.input, ids) };
    } catch (error) {
      return { errors: fieldless(errorMessages(formError(error))) };
    }
  }

  app.post('/conventions/:id/plan/fiches', { schema: { hide: true } }, async (req, reply) => {
    const request = req as Req;
    const ctx = contextOf(request);
    const form = (request.body ?? {}) as Form;
    const draft = draftFromForm(form as never);
    const submissionId = str(form, 'submissionToken') || undefined;
    const grow = str(form, 'ajouter');
    if (grow)
      return showFicheForm(request, reply, ctx, {
        draft,
        byPilot: false,
        grow,
        ...(submissionId ? { submissionId } : {}),
      });
    const read = await readFiche(ctx, draft);
    if (read.errors)
      return showFicheForm(request, reply, ctx, {
        draft,
        byPilot: false,
        errors: read.errors,
        status: 422,
        ...(submissionId ? { submissionId } : {}),
      });
    try {
      const { fiche, existing } = await createFicheOnce(ctx, request.params.id!, read.input, submissionId);
      return reply.redirect(
        `${planBase(request.params.id!)}/fiches/${fiche.id}?fait=${existing ? 'deja-creee' : 'fiche'}`,
        303,
      );
    } catch (error) {
      const e = formError(error);
      return showFicheForm(request, reply, ctx, {
        draft,
        byPilot: false,
        errors: fieldless(errorMessages(e)),
        status: e.status,
        ...(submissionId ? { submissionId } : {}),
      });
    }
  });

  app.get('/conventions/:id/plan/fiches/:ficheId', { schema: { hide: true } }, async (req, reply) => {
    const request = req as Req;
    const ctx = contextOf(request);
    const fiche = await ficheOf(ctx, request);
    return sendPage(
      reply,
      <FichePage frame={await frameOf(request, reply, ctx)} fiche={fiche} notice={noticeOf(request)} />,
    );
  });

  app.get(
    '/conventions/:id/plan/fiches/:ficheId/modifier',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const view = await ficheOf(ctx, request);
      if (!view.mayEdit) throw new AppError('FORBIDDEN', { message: NOT_PILOT });
      return showFicheForm(request, reply, ctx, {
        draft: draftFromFiche(view.fiche),
        ficheId: view.fiche.id,
        version: view.fiche.version,
        byPilot: view.byPilot,
      });
    },
  );

  app.post('/conventions/:id/plan/fiches/:ficheId', { schema: { hide: true } }, async (req, reply) => {
    const request = req as Req;
    const ctx = contextOf(request);
    const view = await ficheOf(ctx, request);
    if (!view.mayEdit) throw new AppError('FORBIDDEN', { message: NOT_PILOT });
    const form = (request.body ?? {}) as Form;
    const draft = draftFromForm(form as never);
    const version = Number(str(form, 'version')) || undefined;
    const common = { ficheId: view.fiche.id, byPilot: view.byPilot, ...(version ? { version } : {}) };
    const grow = str(form, 'ajouter');
    if (grow) return showFicheForm(request, reply, ctx, { draft, grow, ...common });
    const read = await readFiche(ctx, draft);
    if (read.errors)
      return showFicheForm(request, reply, ctx, { draft, errors: read.errors, status: 422, ...common });
    try {
      await updateFiche(ctx, view.fiche.id, {
        fiche: read.input,
        ...(version ? { expectedVersion: version } : {}),
      });
    } catch (error) {
      const e = formError(error);
      if (e.code === 'PLAN_FICHE_STALE') {
        const details = e.details as { current: FicheView['fiche']; currentVersion: number };
        // The page comes back with the other person's fiche above and the person's own input kept;
        // saving again (from the new version) replaces it.
        return showFicheForm(request, reply, ctx, {
          draft,
          errors: fieldless([
            e.message,
            'Votre saisie est conservée dans le formulaire ci-dessous : comparez-la avec la fiche enregistrée, puis enregistrez à nouveau pour la remplacer.',
          ]),
          status: 409,
          current: details.current,
          ...common,
          version: details.currentVersion,
        });
      }
      return showFicheForm(request, reply, ctx, {
        draft,
        errors: fieldless(errorMessages(e)),
        status: e.status,
        ...common,
      });
    }
    return reply.redirect(`${planBase(request.params.id!)}/fiches/${view.fiche.id}?fait=fiche`, 303);
  });

  app.get(
    '/conventions/:id/plan/fiches/:ficheId/suppression',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const view = await ficheOf(ctx, request);
      if (!view.rights.edit) throw new AppError('FORBIDDEN');
      return sendPage(reply, <DeleteFichePage frame={await frameOf(request, reply, ctx)} fiche={view} />);
    },
  );

  app.post(
    '/conventions/:id/plan/fiches/:ficheId/suppression',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const view = await ficheOf(ctx, request);
      const version = Number(str((request.body ?? {}) as Form, 'version')) || undefined;
      try {
        await deleteFiche(ctx, view.fiche.id, { expectedVersion: version });
      } catch (error) {
        const e = formError(error);
        return sendPage(
          reply,
          <FichePage
            frame={await frameOf(request, reply, ctx)}
            fiche={await ficheOf(ctx, request)}
            errors={fieldless(errorMessages(e))}
          />,
          e.status,
        );
      }
      return reply.redirect(`${planBase(request.params.id!)}/fiches?fait=supprimee`, 303);
    },
  );

  const ficheAction =
    (run: (ctx: Context, ficheId: string, form: Form) => Promise<unknown>, done: string, anchor: string) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const view = await ficheOf(ctx, request);
      try {
        await run(ctx, view.fiche.id, (request.body ?? {}) as Form);
      } catch (error) {
        const e = formError(error);
        return sendPage(
          reply,
          <FichePage
            frame={await frameOf(request, reply, ctx)}
            fiche={view}
            errors={fieldless(errorMessages(e))}
          />,
          e.status,
        );
      }
      return reply.redirect(
        `${planBase(request.params.id!)}/fiches/${view.fiche.id}?fait=${done}#${anchor}`,
        303,
      );
    };
  app.post(
    '/conventions/:id/plan/fiches/:ficheId/notes',
    { schema: { hide: true } },
    ficheAction(
      (ctx, id, form) =>
        addFicheNote(ctx, id, {
          date: str(form, 'date'),
          text: str(form, 'text'),
          submissionId: str(form, 'submissionToken') || undefined,
        }),
      'note',
      'notes',
    ),
  );
  app.post(
    '/conventions/:id/plan/fiches/:ficheId/commentaires',
    { schema: { hide: true } },
    ficheAction(
      (ctx, id, form) => commentFiche(ctx, id, str(form, 'text'), str(form, 'submissionToken') || undefined),
      'commentaire',
      'commentaires',
    ),
  );

  // ─── Indicators ────────────────────────────────────────────────────────────────────────────
  app.get('/conventions/:id/plan/indicateurs/nouveau', { schema: { hide: true } }, async (req, reply) => {
    const request = req as Req;
    const ctx = contextOf(request);
    const { plan, rights, convention } = await getPlan(ctx, request.params.id!);
    const ficheId = str(request.query ?? {}, 'fiche');
    const objectiveId = str(request.query ?? {}, 'objectif');
    const fiche = plan.fiches.find((f) => f.id === ficheId);
    const objective = plan.project.objectives.find((o) => o.id === objectiveId);
    if (!fiche && !objective)
      throw new AppError('NOT_FOUND', {
        message: 'Un indicateur suit une fiche ou un objectif : ouvrez ce formulaire depuis l’un d’eux.',
      });
    if (fiche && !(await getFiche(ctx, fiche.id)).mayEdit)
      throw new AppError('FORBIDDEN', { message: NOT_PILOT });
    if (!fiche && !rights.edit) throw new AppError('FORBIDDEN');
    const draft = {
      ficheId: fiche?.id ?? '',
      objectiveId: fiche ? '' : objectiveId,
      title: '',
      unit: '',
      baselineValue: '',
      baselineDate: '',
      source: '',
      comment: '',
      diagnosticIndicatorId: '',
      refreshFigure: false,
      grid: {},
    };
    const frame = await frameOf(request, reply, ctx);
    return sendPage(
      reply,
      <IndicatorFormPage
        frame={frame}
        plan={plan}
        draft={draft}
        years={gridYears({ start: convention.startDate, end: convention.endDate })}
        mayDelete={false}
        diagnostic={(await diagnosticOf(ctx, frame)).choices}
      />,
    );
  });

  /**
   * The territory's published diagnostic as an indicator may use it: read here through the
   * diagnostic area (figures after statistical secrecy) and handed to the plan's use case.
   */
  async function diagnosticOf(ctx: Context, frame: PlanFrame) {
    const published = await publishedEvidence(ctx, frame.view.convention.content);
    return {
      choices: published.groups.map((g) => ({
        title: g.title,
        rows: g.rows.map((r) => ({ id: r.indicatorId, label: r.label, value: r.value, year: r.year })),
      })),
      figures: published.figures,
    };
  }

  async function saveIndicatorForm(request: Req, reply: FastifyReply, indicatorId?: string) {
    const ctx = contextOf(request);
    const { plan, convention, rights } = await getPlan(ctx, request.params.id!);
    const before = indicatorId ? plan.indicators.find((i) => i.id === indicatorId) : undefined;
    if (indicatorId && !before) throw new AppError('PLAN_INDICATOR_NOT_FOUND');
    const years = gridYears({ start: convention.startDate, end: convention.endDate }, before);
    const draft = indicatorDraftFromForm((request.body ?? {}) as never, years);
    const frame = await frameOf(request, reply, ctx);
    const diagnostic = await diagnosticOf(ctx, frame);
    // A row of the diagnostic left without title or unit takes the catalogue's, as published.
    const row = diagnostic.figures.get(draft.diagnosticIndicatorId);
    if (row && !draft.title.trim()) draft.title = row.label;
    if (row && !draft.unit.trim()) draft.unit = row.unit;
    const page = async (errors: FieldError[], status: number) =>
      sendPage(
        reply,
        <IndicatorFormPage
          frame={frame}
          plan={plan}
          draft={draft}
          years={years}
          indicatorId={indicatorId}
          mayDelete={rights.edit}
          diagnostic={diagnostic.choices}
          linked={before}
          errors={errors}
        />,
        status,
      );
    const { input, errors } = indicatorInput(draft, years);
    if (errors.length) return page(errors, 422);
    let saved: { id: string; ficheId: string | null };
    try {
      saved = await saveIndicator(ctx, request.params.id!, {
        ...(indicatorId ? { id: indicatorId } : {}),
        indicator: input,
        published: diagnostic.figures,
        refreshFigure: draft.refreshFigure,
      });
    } catch (error) {
      if (isAppError(error) && error.code === 'FORBIDDEN')
        throw new AppError('FORBIDDEN', { message: NOT_PILOT });
      const e = formError(error);
      // The use case names the field in its message: the form puts it beside the select.
      const messages = errorMessages(e).map((message) => ({
        field: message.startsWith('Indicateur du diagnostic') ? 'diagnosticIndicatorId' : null,
        message,
      }));
      return page(messages, e.status);
    }
    return reply.redirect(`${planBase(request.params.id!)}/indicateurs/${saved.id}?fait=indicateur`, 303);
  }
  app.post('/conventions/:id/plan/indicateurs', { schema: { hide: true } }, (req, reply) =>
    saveIndicatorForm(req as Req, reply),
  );
  app.post('/conventions/:id/plan/indicateurs/:indicatorId', { schema: { hide: true } }, (req, reply) =>
    saveIndicatorForm(req as Req, reply, (req as Req).params.indicatorId),
  );

  async function indicatorOf(ctx: Context, request: Req) {
    const view = await getPlan(ctx, request.params.id!);
    const indicator = view.plan.indicators.find((i) => i.id === request.params.indicatorId);
    if (!indicator) throw new AppError('PLAN_INDICATOR_NOT_FOUND');
    const fiche = indicator.ficheId ? view.plan.fiches.find((f) => f.id === indicator.ficheId) : undefined;
    const mayEdit = view.rights.edit || (fiche ? (await getFiche(ctx, fiche.id)).mayEdit : false);
    return { view, indicator, mayEdit };
  }

  app.get(
    '/conventions/:id/plan/indicateurs/:indicatorId',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const { view, indicator, mayEdit } = await indicatorOf(ctx, request);
      return sendPage(
        reply,
        <IndicatorPage
          frame={await frameOf(request, reply, ctx)}
          plan={view.plan}
          indicator={indicator}
          mayEdit={mayEdit}
          notice={noticeOf(request)}
        />,
      );
    },
  );

  app.get(
    '/conventions/:id/plan/indicateurs/:indicatorId/modifier',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const { view, indicator, mayEdit } = await indicatorOf(ctx, request);
      if (!mayEdit) throw new AppError('FORBIDDEN', { message: NOT_PILOT });
      const frame = await frameOf(request, reply, ctx);
      return sendPage(
        reply,
        <IndicatorFormPage
          frame={frame}
          plan={view.plan}
          draft={indicatorDraft(indicator)}
          years={gridYears({ start: view.convention.startDate, end: view.convention.endDate }, indicator)}
          indicatorId={indicator.id}
          mayDelete={view.rights.edit}
          diagnostic={(await diagnosticOf(ctx, frame)).choices}
          linked={indicator}
        />,
      );
    },
  );

  app.post(
    '/conventions/:id/plan/indicateurs/:indicatorId/suppression',
    { schema: { hide: true } },
    async (req, reply) => {
      const request = req as Req;
      const ctx = contextOf(request);
      const { indicator } = await indicatorOf(ctx, request);
      await deleteIndicator(ctx, request.params.id!, indicator.id);
      return reply.redirect(
        indicator.ficheId
          ? `${planBase(request.params.id!)}/fiches/${indicator.ficheId}?fait=indicateur-supprime#indicateurs`
          : `${planBase(request.params.id!)}/fiches?fait=indicateur-supprime`,
        303,
      );
    },
  );
}

/** The fiche as the other person saved it, shown above the form of a stale save. */
function StaleFiche(props: { fiche: FicheView['fiche'] }) {
  const f = props.fiche;
  return (
    <section class="stale-fiche" aria-labelledby="fiche-enregistree">
      <h3 id="fiche-enregistree">La fiche telle qu’elle est enregistrée</h3>
      <dl class="facts">
        <dt>Titre</dt>
        <dd>{f.title}</dd>
        <dt>Statut</dt>
        <dd>{FICHE_STATUS_LABELS[f.status]}</dd>
        <dt>Description</dt>
        <dd class="pre-line">{f.description || '—'}</dd>
        <dt>Pilotes</dt>
        <dd>{f.pilots.map((p) => p.name).join(', ') || '—'}</dd>
        <dt>Dates</dt>
        <dd>
          {f.startDate ?? '…'} → {f.recurring ? 'reconduite chaque année' : (f.endDate ?? '…')}
        </dd>
        <dt>Lignes de budget</dt>
        <dd>{f.budget.length}</dd>
      </dl>
    </section>
  );
}
