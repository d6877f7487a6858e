/**
 * The pages of the project of the territory and of the Caf's validation of the plan, under
 * `/conventions/:id/plan/…` in the convention workspace. Each form posts back: « Ajouter une ligne »
 * draws it again with one more row and everything typed; « Enregistrer » saves the section guarded
 * by the version the page read, then returns to the project with a confirmation, or draws the form
 * again with the French error (and, when someone saved in between, their version above it).
 *
 * The evidence a need cites is read here through the diagnostic area's use case (which applies
 * statistical secrecy) and handed to the plan's use case: a plan use case does not call another
 * area's use case, and reading the diagnostic's tables from the plan area would mean protecting
 * figures a second time, where one mistake publishes a secret value.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DOMAINS, type Domain, type Project } from '../../../domain/plan/model.js';
import { AppError, isAppError } from '../../../domain/shared/app-error.js';
import { getConvention } from '../../../use-cases/conventions/get-convention.js';
import { getPlan } from '../../../use-cases/plan/get-plan.js';
import { updateProject } from '../../../use-cases/plan/update-project.js';
import { validatePlan } from '../../../use-cases/plan/validate-plan.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import { idParams } from '../conventions/route-support.js';
import { publishedEvidence } from './diagnostic-evidence.js';
import type { PlanRoutePlugin } from './plan-module-routes.js';
import type { PlanRouteOptions as ModuleRouteOptions } from './plan-route-options.js';
import {
  emptyNeed,
  emptyObjective,
  engagementDrafts,
  engagementsFromForm,
  type FormBody,
  field,
  isMission,
  needDrafts,
  needsFromForm,
  objectiveDrafts,
  objectivesFromForm,
  withEngagements,
  withNeeds,
  withObjectives,
} from './project-form.js';
import {
  EngagementsFormPage,
  type FramePropsBase,
  NeedsFormPage,
  ObjectivesFormPage,
  ProjectPage,
  type StaleProject,
  ValidationPage,
} from './project-pages.js';

const NOTICES: Record<string, string> = {
  besoins: 'Besoins du territoire enregistrés.',
  objectifs: 'Objectifs partagés enregistrés.',
  engagements: 'Engagements enregistrés.',
  validation: 'Le plan d’actions est validé au nom de la Caf.',
  retrait: 'La validation du plan d’actions est retirée.',
};

/** The French lines of an error: its message and the problems it names. */
function errorLines(error: AppError): string[] {
  const details = error.details as { problems?: unknown } | null;
  const problems = Array.isArray(details?.problems) ? (details.problems as string[]) : [];
  return [error.message, ...problems];
}

/** Errors shown on the form again; the others (not found, forbidden, server) go to the error page. */
const shownOnForm = (error: unknown): error is AppError =>
  isAppError(error) &&
  error.status < 500 &&
  error.code !== 'FORBIDDEN' &&
  error.code !== 'CONVENTION_NOT_FOUND' &&
  error.code !== 'NOT_FOUND';

type Section = 'besoins' | 'objectifs' | 'engagements';

async function plugin(base: FastifyInstance, options: ModuleRouteOptions) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { extensions } = options;
  const today = () => app.deps.clock.today();

  async function frame(request: FastifyRequest, reply: FastifyReply, id: string): Promise<FramePropsBase> {
    const ctx = contextOf(request);
    // The convention first: another territory's convention is a 404 whatever follows.
    const view = await getConvention(ctx, id);
    const plan = await getPlan(ctx, id);
    const notice = NOTICES[(request.query as { fait?: string } | undefined)?.fait ?? ''];
    return { ctx: pageContext(request, reply), view, today: today(), extensions, plan, notice };
  }

  const mustEdit = (f: FramePropsBase) => {
    if (!f.plan.rights.edit) throw new AppError('FORBIDDEN');
  };

  app.get(
    '/conventions/:id/plan/projet',
    { schema: { hide: true, params: idParams } },
    async (request, reply) =>
      sendPage(reply, <ProjectPage {...(await frame(request, reply, request.params.id))} />),
  );

  /** Draws a section's form: from the stored project, or from what was posted (with errors, a stale version). */
  async function showForm(
    section: Section,
    f: FramePropsBase,
    request: FastifyRequest,
    posted?: { form: FormBody; add?: string; errors?: string[]; stale?: StaleProject },
  ) {
    const project = f.plan.plan.project;
    const extra = {
      ...(posted?.errors ? { errors: posted.errors } : {}),
      ...(posted?.stale ? { stale: posted.stale } : {}),
    };
    if (section === 'besoins') {
      const drafts = posted ? needsFromForm(posted.form) : needDrafts(project);
      if (posted?.add || !drafts.length) drafts.push(emptyNeed());
      const diagnostic = await publishedEvidence(contextOf(request), f.view.convention.content);
      return <NeedsFormPage {...f} {...extra} drafts={drafts} diagnostic={diagnostic.groups} />;
    }
    if (section === 'objectifs') {
      const drafts = posted ? objectivesFromForm(posted.form) : objectiveDrafts(project);
      const mission = posted?.add?.replace(/^ajouter:/, '') ?? '';
      if (posted?.add && isMission(mission)) drafts.push(emptyObjective(mission));
      return <ObjectivesFormPage {...f} {...extra} drafts={drafts} />;
    }
    const draft = posted ? engagementsFromForm(posted.form) : engagementDrafts(project);
    const target = posted?.add?.replace(/^ajouter:/, '') ?? '';
    const blank = { id: '', text: '', remove: false };
    if (target === 'priorite') draft.priorities.push(blank);
    else if ((DOMAINS as readonly string[]).includes(target)) draft.actions[target as Domain].push(blank);
    if (!draft.priorities.length) draft.priorities.push(blank);
    return <EngagementsFormPage {...f} {...extra} draft={draft} />;
  }

  function changed(section: Section, project: Project, form: FormBody) {
    if (section === 'besoins') return withNeeds(project, needsFromForm(form));
    if (section === 'objectifs') return withObjectives(project, objectivesFromForm(form));
    return withEngagements(project, engagementsFromForm(form));
  }

  for (const section of ['besoins', 'objectifs', 'engagements'] as const) {
    const path = `/conventions/:id/plan/projet/${section}`;
    app.get(path, { schema: { hide: true, params: idParams } }, async (request, reply) => {
      const f = await frame(request, reply, request.params.id);
      mustEdit(f);
      return sendPage(reply, await showForm(section, f, request));
    });

    app.post(path, { schema: { hide: true, params: idParams } }, async (request, reply) => {
      const id = request.params.id;
      const form = (request.body ?? {}) as FormBody;
      const f = await frame(request, reply, id);
      mustEdit(f);
      const action = field(form, 'action');
      if (action.startsWith('ajouter')) {
        return sendPage(reply, await showForm(section, f, request, { form, add: action }));
      }
      const ctx = contextOf(request);
      const versionText = field(form, 'version');
      const version = /^\d{1,9}$/.test(versionText) ? Number(versionText) : undefined;
      try {
        // A post without the form's row count (not sent by this form) would empty the section.
        if (!/^\d{1,9}$/.test(field(form, section === 'engagements' ? 'priorities' : 'rows'))) {
          throw new AppError('VALIDATION_FAILED', {
            message:
              'Le formulaire envoyé est incomplet : rechargez la page et recommencez. Rien n’a été enregistré.',
          });
        }
        const { project, problems } = changed(section, f.plan.plan.project, form);
        if (problems.length) throw new AppError('PLAN_INVALID', { details: { problems } });
        const published =
          section === 'besoins' ? (await publishedEvidence(ctx, f.view.convention.content)).byId : undefined;
        await updateProject(ctx, id, { project, expectedVersion: version, published });
      } catch (error) {
        if (!shownOnForm(error)) throw error;
        // Drawn again from the plan as it is now (its new version), with what was typed.
        const again = await frame(request, reply, id);
        const current = (error.details as { current?: Project } | null)?.current;
        const lines = errorLines(error);
        const posted = {
          form,
          errors: lines,
          ...(error.code === 'PLAN_STALE' && current ? { stale: { current } } : {}),
        };
        return sendPage(
          reply,
          await showForm(section, { ...again, notice: undefined }, request, posted),
          error.status,
        );
      }
      return reply.redirect(`/conventions/${id}/plan/projet?fait=${section}`, 303);
    });
  }

  app.get(
    '/conventions/:id/plan/validation',
    { schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const f = await frame(request, reply, request.params.id);
      if (!f.plan.rights.validate) throw new AppError('FORBIDDEN');
      return sendPage(reply, <ValidationPage {...f} />);
    },
  );

  app.post(
    '/conventions/:id/plan/validation',
    { schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const id = request.params.id;
      const form = (request.body ?? {}) as FormBody;
      const f = await frame(request, reply, id);
      if (!f.plan.rights.validate) throw new AppError('FORBIDDEN');
      const decision = field(form, 'decision') === 'withdraw' ? 'withdraw' : 'validate';
      try {
        if (field(form, 'confirmation') !== '1') {
          throw new AppError('VALIDATION_FAILED', {
            message:
              decision === 'validate'
                ? 'Cochez « Je confirme la validation du plan d’actions » pour valider le plan.'
                : 'Cochez « Je confirme le retrait de la validation » pour la retirer.',
          });
        }
        await validatePlan(contextOf(request), id, decision);
      } catch (error) {
        if (!shownOnForm(error)) throw error;
        return sendPage(
          reply,
          <ValidationPage {...f} notice={undefined} errors={errorLines(error)} />,
          error.status,
        );
      }
      return reply.redirect(
        `/conventions/${id}/plan/projet?fait=${decision === 'validate' ? 'validation' : 'retrait'}`,
        303,
      );
    },
  );
}

export const projectRoutes: PlanRoutePlugin = {
  plugin,
  permissions: {
    'GET /conventions/:id/plan/projet': 'plan.read',
    'GET /conventions/:id/plan/projet/besoins': 'plan.edit',
    'POST /conventions/:id/plan/projet/besoins': 'plan.edit',
    'GET /conventions/:id/plan/projet/objectifs': 'plan.edit',
    'POST /conventions/:id/plan/projet/objectifs': 'plan.edit',
    'GET /conventions/:id/plan/projet/engagements': 'plan.edit',
    'POST /conventions/:id/plan/projet/engagements': 'plan.edit',
    'GET /conventions/:id/plan/validation': 'plan.validate',
    'POST /conventions/:id/plan/validation': 'plan.validate',
  },
};
