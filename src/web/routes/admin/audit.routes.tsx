/** The audit log, for administrators and data-protection officers: a filtered page and its JSON. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../domain/shared/app-error.js';
import { addDays, isIsoDate } from '../../../domain/shared/dates.js';
import { listAudit } from '../../../use-cases/audit/list-audit.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import { AuditPage } from './audit-page.js';

const PAGE_SIZE = 50;

const filterSchema = z.object({
  entite: z.string().max(50).optional(),
  identifiant: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  auteur: z.string().max(200).optional(),
  du: z.string().max(10).optional(),
  au: z.string().max(10).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export type AuditQuery = z.infer<typeof filterSchema>;

function toFilter(q: AuditQuery) {
  const errors: string[] = [];
  const date = (value: string | undefined, label: string) => {
    if (!value) return undefined;
    if (!isIsoDate(value)) {
      errors.push(`Le champ « ${label} » doit être une date valide (AAAA-MM-JJ).`);
      return undefined;
    }
    return value;
  };
  const from = date(q.du, 'Du');
  const to = date(q.au, 'Au');
  return {
    errors,
    filter: {
      entityType: q.entite || undefined,
      entityId: q.identifiant || undefined,
      action: q.action || undefined,
      actor: q.auteur || undefined,
      from: from ? new Date(`${from}T00:00:00Z`) : undefined,
      to: to ? new Date(`${addDays(to, 1)}T00:00:00Z`) : undefined,
      limit: PAGE_SIZE,
      offset: (q.page - 1) * PAGE_SIZE,
    },
  };
}

export async function auditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/admin/journal', { schema: { hide: true, querystring: filterSchema } }, async (request, reply) => {
    const ctx = contextOf(request);
    const { errors, filter } = toFilter(request.query);
    const result = await listAudit(ctx, filter);
    return sendPage(
      reply,
      <AuditPage
        ctx={pageContext(request, reply)}
        query={request.query}
        errors={errors}
        result={result}
        pageSize={PAGE_SIZE}
      />,
      errors.length ? 400 : 200,
    );
  });

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['Journal d’audit'],
        summary: 'Le journal d’audit, filtré (administrateurs et DPO)',
        querystring: filterSchema,
      },
    },
    async (request) => {
      const { errors, filter } = toFilter(request.query);
      if (errors.length) {
        throw new AppError('VALIDATION_FAILED', { message: errors.join(' '), details: errors });
      }
      const result = await listAudit(contextOf(request), filter);
      return { total: result.total, entries: result.rows };
    },
  );
}
