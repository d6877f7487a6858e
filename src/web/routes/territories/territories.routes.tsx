/** Territory search and territory pages, and the same as JSON under /api/v1/territories. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchPage } from '../../../domain/territory/search.js';
import type { TerritoryLevel } from '../../../domain/territory/territory.js';
import { listConventions } from '../../../use-cases/conventions/list-conventions.js';
import { findTerritories } from '../../../use-cases/territories/find-territories.js';
import { getTerritory } from '../../../use-cases/territories/get-territory.js';
import { territoryJson, territoryViewJson } from '../../presenters/territory.presenter.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import { SEARCH_PAGE_SIZE, TerritoryPage, TerritorySearchPage } from './territory-pages.js';

const levelParam = z.enum(['commune', 'epci', 'departement', 'region']).optional();

const territoryJsonSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  population: z.number().nullable(),
  siren: z.string().nullable(),
  postalCodes: z.array(z.string()),
  epci: z.string().nullable(),
  departement: z.string().nullable(),
  departements: z.array(z.string()),
  region: z.string().nullable(),
});

export async function territoryRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/territoires',
    {
      config: { responseCache: true },
      schema: {
        hide: true,
        querystring: z.object({
          q: z.string().max(200).optional(),
          // A page number that makes no sense shows the first page.
          page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query.q?.trim() ?? '';
      const page = searchPage(request.query.page ?? 1, SEARCH_PAGE_SIZE);
      const result = q ? await findTerritories({ db: app.deps.db }, q, page) : null;
      return sendPage(
        reply,
        <TerritorySearchPage ctx={pageContext(request, reply)} query={q} result={result} />,
      );
    },
  );

  app.get(
    '/territoires/:code',
    {
      config: { responseCache: true },
      schema: {
        hide: true,
        params: z.object({ code: z.string().max(20) }),
        querystring: z.object({ niveau: levelParam }),
      },
    },
    async (request, reply) => {
      const view = await getTerritory(
        { db: app.deps.db },
        request.params.code,
        request.query.niveau as TerritoryLevel,
      );
      const conventions = request.actor
        ? await listConventions(contextOf(request), { territoryCode: view.territory.code })
        : null;
      return sendPage(
        reply,
        <TerritoryPage ctx={pageContext(request, reply)} view={view} conventions={conventions} />,
      );
    },
  );

  app.get(
    '/api/v1/territories',
    {
      schema: {
        tags: ['Territoires'],
        summary: 'Recherche de territoires par nom (sans accents ni casse) ou par code',
        querystring: z.object({
          q: z.string().min(1).max(200),
          level: levelParam,
          limit: z.coerce.number().int().min(1).max(200).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: {
          200: z.object({
            territories: z.array(
              territoryJsonSchema.extend({
                matchedBy: z.array(
                  z.object({
                    kind: z.enum(['code', 'siren', 'postal_code', 'name']),
                    postalCode: z.string().optional(),
                  }),
                ),
              }),
            ),
            total: z.number().int(),
            offset: z.number().int(),
            limit: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const { q, level, limit, offset } = request.query;
      const result = await findTerritories({ db: app.deps.db }, q, {
        limit,
        offset,
        ...(level ? { levels: [level] } : {}),
      });
      return {
        ...result,
        territories: result.territories.map((t) => ({ ...territoryJson(t), matchedBy: t.matchedBy })),
      };
    },
  );

  app.get(
    '/api/v1/territories/:code',
    {
      schema: {
        tags: ['Territoires'],
        summary: 'Un territoire avec son EPCI, son département, sa région et, pour un EPCI, ses communes',
        params: z.object({ code: z.string().max(20) }),
        querystring: z.object({ level: levelParam }),
      },
    },
    async (request) => {
      const view = await getTerritory({ db: app.deps.db }, request.params.code, request.query.level);
      return territoryViewJson(view);
    },
  );
}
