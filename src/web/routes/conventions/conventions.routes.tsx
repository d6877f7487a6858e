/** Convention list and page, and the convention API under /api/v1/conventions. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createConvention, createConventionInput } from '../../../use-cases/conventions/create-convention.js';
import { getConvention } from '../../../use-cases/conventions/get-convention.js';
import { listConventions } from '../../../use-cases/conventions/list-conventions.js';
import { contextOf, pageContext } from '../../app.js';
import { conventionJson, conventionSummaryJson } from '../../presenters/convention.presenter.js';
import { sendPage } from '../../render.js';
import { ConventionListPage, ConventionPage } from './convention-pages.js';

export async function conventionRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/conventions', { schema: { hide: true } }, async (request, reply) => {
    const conventions = await listConventions(contextOf(request));
    return sendPage(
      reply,
      <ConventionListPage ctx={pageContext(request, reply)} conventions={conventions} />,
    );
  });

  app.get(
    '/conventions/:id',
    { schema: { hide: true, params: z.object({ id: z.string().max(64) }) } },
    async (request, reply) => {
      const { convention, canEdit } = await getConvention(contextOf(request), request.params.id);
      return sendPage(
        reply,
        <ConventionPage ctx={pageContext(request, reply)} convention={convention} canEdit={canEdit} />,
      );
    },
  );

  app.get(
    '/api/v1/conventions',
    {
      schema: {
        tags: ['Conventions'],
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
        tags: ['Conventions'],
        summary: 'Une convention, ses parties et ses signataires',
        params: z.object({ id: z.string().max(64) }),
      },
    },
    async (request) => {
      const { convention } = await getConvention(contextOf(request), request.params.id);
      return conventionJson(convention);
    },
  );

  app.post(
    '/api/v1/conventions',
    {
      schema: {
        tags: ['Conventions'],
        summary: 'Crée un projet de convention',
        body: createConventionInput,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { id } = await createConvention(ctx, request.body);
      const { convention } = await getConvention(ctx, id);
      return reply.code(201).send(conventionJson(convention));
    },
  );
}
