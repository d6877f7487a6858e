/**
 * The plan's JSON API under /api/v1 (OpenAPI at /api/docs): the plan of a convention, its fiches
 * with their ETag (the fiche's version) and `If-Match`, comments, the project of the territory and
 * the Caf's validation. Bodies are checked with the plan's own schemas; a refused body is a French
 * 422 naming each field (PLAN_INVALID), and amounts travel as strings of cents.
 */
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOMAINS, MISSIONS } from '../../../domain/plan/model.js';
import { ficheInputSchema } from '../../../domain/plan/schema.js';
import { AppError } from '../../../domain/shared/app-error.js';
import { getConvention } from '../../../use-cases/conventions/get-convention.js';
import { commentFiche } from '../../../use-cases/plan/comment-fiche.js';
import { createFiche } from '../../../use-cases/plan/create-fiche.js';
import { getFiche } from '../../../use-cases/plan/get-fiche.js';
import { getPlan } from '../../../use-cases/plan/get-plan.js';
import { planInvalid } from '../../../use-cases/plan/plan-errors.js';
import { updateFiche } from '../../../use-cases/plan/update-fiche.js';
import { updateProject } from '../../../use-cases/plan/update-project.js';
import { validatePlan } from '../../../use-cases/plan/validate-plan.js';
import { contextOf } from '../../request-context.js';
import { etagOf, expectedVersion, idParams } from '../conventions/route-support.js';
import { publishedEvidence } from './diagnostic-evidence.js';
import { ficheJson, ficheViewJson, planJson, withJsonErrors } from './plan-json.js';
import type { PlanRoutePlugin } from './plan-module-routes.js';
import type { PlanRouteOptions as ModuleRouteOptions } from './plan-route-options.js';

const shortText = z.string().max(500);
const id = z.string().min(1).max(100);

/** The project as the API writes it: a need's evidence names diagnostic rows by their indicator id. */
export const projectBody = z.strictObject({
  needs: z
    .array(
      z.strictObject({
        id,
        title: shortText,
        description: z.string().max(20_000).default(''),
        evidence: z
          .array(
            z.strictObject({
              indicatorId: shortText,
              // Read back from GET and ignored: the figures stored are the published ones.
              label: shortText.optional(),
              value: shortText.optional(),
              year: z.number().int().nullable().optional(),
            }),
          )
          .max(100)
          .default([]),
        source: shortText.default(''),
      }),
    )
    .max(200),
  objectives: z
    .array(z.strictObject({ id, mission: z.enum(MISSIONS), title: shortText, needIds: z.array(id).max(200) }))
    .max(200),
  cafPriorities: z.array(z.strictObject({ id, text: z.string().max(20_000) })).max(100),
  localActions: z
    .array(z.strictObject({ id, domain: z.enum(DOMAINS), text: z.string().max(20_000) }))
    .max(300),
  domainResources: z
    .array(
      z.strictObject({
        domain: z.enum(DOMAINS),
        structures: z.array(shortText).max(100),
        partners: z.array(shortText).max(100),
      }),
    )
    .max(DOMAINS.length),
});

const commentBody = z.strictObject({ text: z.string().max(10_000) });
const validationBody = z.strictObject({ decision: z.enum(['validate', 'withdraw']).default('validate') });
const ficheParams = z.object({ id: z.string().max(64) });

/**
 * Path and query parameters are checked as everywhere; a body is checked with the plan's schema and
 * refused as the plan's use cases refuse it (PLAN_INVALID, 422, each field named in French). The
 * handler receives the body as sent: the use case parses it again, the one place its rules live.
 */
const planValidator: FastifySchemaCompiler<z.ZodType> = (route) => {
  if (route.httpPart !== 'body') return validatorCompiler(route);
  const schema = route.schema as z.ZodType;
  return (data: unknown) => {
    if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) {
      return {
        error: new AppError('PLAN_INVALID', {
          details: { problems: ['Le corps de la requête doit être un objet JSON.'] },
        }),
      };
    }
    const parsed = schema.safeParse(data ?? {});
    return parsed.success ? { value: data ?? {} } : { error: planInvalid(parsed.error) };
  };
};

async function plugin(app: FastifyInstance, _options: ModuleRouteOptions) {
  app.setValidatorCompiler(planValidator);
  const tags = ['Plan d’actions'];

  app.get(
    '/api/v1/conventions/:id/plan',
    {
      schema: {
        tags,
        summary: 'Le projet de territoire et le plan d’actions d’une convention',
        description:
          'Montants en chaînes de centimes (ou de centièmes d’ETP). ETag : la version du projet, à renvoyer en `If-Match` pour le modifier. Les fiches confidentielles ne figurent que pour ceux qui peuvent les lire. Un indicateur tiré du diagnostic (`diagnosticIndicatorId`) porte `diagnosticFigure` : le chiffre de sa ligne tel que le diagnostic le publiait quand il a été lié (« s » pour une donnée couverte par le secret statistique, jamais la valeur masquée), avec son année et sa source.',
        params: idParams,
      },
    },
    async (request, reply) => {
      const view = await getPlan(contextOf(request), (request.params as { id: string }).id);
      reply.header('etag', etagOf(view.plan.version));
      return planJson(view);
    },
  );

  app.put(
    '/api/v1/conventions/:id/plan/project',
    {
      schema: {
        tags,
        summary: 'Enregistre le projet de territoire (besoins, objectifs, engagements)',
        description:
          'Avec `If-Match: "<version>"` (l’ETag du plan) : 409 PLAN_STALE, avec le projet enregistré entre-temps, si quelqu’un l’a modifié depuis. Une preuve tirée du diagnostic se donne par `indicatorId` : ses chiffres sont ceux du diagnostic publié (ceux déjà cités restent tels qu’ils étaient publiés alors).',
        params: idParams,
        body: projectBody,
      },
    },
    async (request, reply) =>
      withJsonErrors(async () => {
        const ctx = contextOf(request);
        const conventionId = (request.params as { id: string }).id;
        const version = expectedVersion(request, undefined);
        // The convention is read first: another territory's convention is a 404 before anything else.
        const { convention } = await getConvention(ctx, conventionId);
        const body = projectBody.parse(request.body);
        const project = {
          ...body,
          needs: body.needs.map((n) => ({
            ...n,
            evidence: n.evidence.map((e) => ({
              indicatorId: e.indicatorId,
              label: '',
              value: '',
              year: null,
            })),
          })),
        };
        const published = await publishedEvidence(ctx, convention.content);
        await updateProject(ctx, conventionId, {
          project,
          expectedVersion: version,
          published: published.byId,
        });
        const view = await getPlan(ctx, conventionId);
        reply.header('etag', etagOf(view.plan.version));
        return planJson(view);
      }),
  );

  app.post(
    '/api/v1/conventions/:id/plan/fiches',
    {
      schema: {
        tags,
        summary: 'Crée une fiche action à la fin de son axe',
        params: idParams,
        body: ficheInputSchema,
      },
    },
    async (request, reply) =>
      withJsonErrors(async () => {
        const fiche = await createFiche(
          contextOf(request),
          (request.params as { id: string }).id,
          request.body,
        );
        reply.header('etag', etagOf(fiche.version));
        return reply.code(201).send(ficheJson(fiche));
      }),
  );

  app.get(
    '/api/v1/plan/fiches/:id',
    {
      schema: {
        tags,
        summary: 'Une fiche action, ses commentaires et ce que l’appelant peut y faire',
        description: 'ETag : la version de la fiche, à renvoyer en `If-Match` pour la modifier.',
        params: ficheParams,
      },
    },
    async (request, reply) => {
      const view = await getFiche(contextOf(request), (request.params as { id: string }).id);
      reply.header('etag', etagOf(view.fiche.version));
      return ficheViewJson(view);
    },
  );

  app.put(
    '/api/v1/plan/fiches/:id',
    {
      schema: {
        tags,
        summary: 'Enregistre une fiche action (et ses sous-actions)',
        description:
          'Avec `If-Match: "<version>"` (l’ETag de la lecture) : si la fiche a été enregistrée depuis, 409 PLAN_FICHE_STALE, qui dit qui et quand, et porte la fiche enregistrée (`details.current`). Un pilote modifie la fiche qu’il pilote, sans changer ses pilotes, son axe ni sa confidentialité.',
        params: ficheParams,
        body: ficheInputSchema,
      },
    },
    async (request, reply) =>
      withJsonErrors(async () => {
        const version = expectedVersion(request, undefined);
        const { fiche } = await updateFiche(contextOf(request), (request.params as { id: string }).id, {
          fiche: request.body,
          expectedVersion: version,
        });
        reply.header('etag', etagOf(fiche.version));
        return ficheJson(fiche);
      }),
  );

  app.post(
    '/api/v1/plan/fiches/:id/comments',
    {
      schema: {
        tags,
        summary: 'Commente une fiche action (entre la Caf, la collectivité et les partenaires)',
        params: ficheParams,
        body: commentBody,
      },
    },
    async (request, reply) =>
      withJsonErrors(async () => {
        const { text } = request.body as { text: string };
        const comment = await commentFiche(contextOf(request), (request.params as { id: string }).id, text);
        return reply.code(201).send({ ...comment, createdAt: comment.createdAt.toISOString() });
      }),
  );

  app.post(
    '/api/v1/conventions/:id/plan/validation',
    {
      schema: {
        tags,
        summary: 'Valide le plan d’actions au nom de la Caf, ou retire la validation',
        params: idParams,
        body: validationBody,
      },
    },
    async (request) =>
      withJsonErrors(async () => {
        const { decision } = validationBody.parse(request.body);
        const ctx = contextOf(request);
        const conventionId = (request.params as { id: string }).id;
        await validatePlan(ctx, conventionId, decision);
        const view = await getPlan(ctx, conventionId);
        return { validation: view.plan.validation };
      }),
  );
}

export const planApiRoutes: PlanRoutePlugin = {
  plugin,
  permissions: {
    'GET /api/v1/conventions/:id/plan': 'plan.read',
    'PUT /api/v1/conventions/:id/plan/project': 'plan.edit',
    'POST /api/v1/conventions/:id/plan/fiches': 'plan.edit',
    'GET /api/v1/plan/fiches/:id': 'plan.read',
    'PUT /api/v1/plan/fiches/:id': 'plan.edit_piloted',
    'POST /api/v1/plan/fiches/:id/comments': 'plan.comment',
    'POST /api/v1/conventions/:id/plan/validation': 'plan.validate',
  },
};
