/** Creates a draft convention for a territory with its parties and signatories. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { inTransaction } from '../../db/executor.js';
import {
  accessFacts,
  findConvention,
  insertConvention,
} from '../../db/repositories/convention.repository.js';
import { findOrganisation } from '../../db/repositories/organisation.repository.js';
import { findTerritory } from '../../db/repositories/territory.repository.js';
import { canOnConvention } from '../../domain/access/access.js';
import { AppError } from '../../domain/shared/app-error.js';
import { isIsoDate } from '../../domain/shared/dates.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

const isoDate = z.string().refine(isIsoDate, { error: 'Date invalide (format attendu AAAA-MM-JJ).' });

const signatory = z.object({
  civility: z.string().trim().nullable().default(null),
  fullName: z.string().trim().min(1, { error: 'Le nom du signataire est obligatoire.' }),
  functionTitle: z.string().trim().min(1, { error: 'La fonction du signataire est obligatoire.' }),
  authority: z.string().trim().nullable().default(null),
  authorityDate: isoDate.nullable().default(null),
});

export const createConventionInput = z
  .object({
    territory: z.object({ level: z.enum(['commune', 'epci', 'departement']), code: z.string().min(1) }),
    otherTerritories: z
      .array(z.object({ level: z.enum(['commune', 'epci']), code: z.string().min(1) }))
      .default([]),
    variant: z.string().min(1),
    startDate: isoDate,
    endDate: isoDate,
    placeOfSignature: z.string().trim().nullable().default(null),
    parties: z
      .array(
        z.object({
          organisationId: z.string().min(1),
          role: z.enum(['caf', 'local_authority', 'other']),
          signatories: z.array(signatory).default([]),
        }),
      )
      .min(2, { error: 'Une convention lie au moins la Caf et une collectivité.' }),
  })
  .refine((c) => c.startDate <= c.endDate, {
    error: 'La date de fin précède la date de début.',
    path: ['endDate'],
  });

export type CreateConventionInput = z.input<typeof createConventionInput>;

export async function createConvention(ctx: Context, raw: CreateConventionInput): Promise<{ id: string }> {
  const parsed = createConventionInput.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      details: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  const input = parsed.data;
  return inTransaction(ctx.db, async (tx) => {
    const territories = [input.territory, ...input.otherTerritories];
    const found = [];
    for (const t of territories) {
      const row = await findTerritory(tx, t.level, t.code);
      if (!row) throw new AppError('TERRITORY_NOT_FOUND', { details: t });
      found.push(row);
    }
    for (const p of input.parties) {
      if (!(await findOrganisation(tx, p.organisationId))) {
        throw new AppError('ORGANISATION_NOT_FOUND', { details: { organisationId: p.organisationId } });
      }
    }
    const facts = {
      territories: found.map((t) => ({ level: t.level, code: t.code, departementCodes: t.departementCodes })),
      partyOrganisationIds: input.parties.map((p) => p.organisationId),
    };
    if (!canOnConvention(ctx.actor, 'edit', facts)) throw new AppError('FORBIDDEN');
    const id = randomUUID();
    await insertConvention(tx, {
      id,
      territoryLevel: input.territory.level,
      territoryCode: input.territory.code,
      territories,
      status: 'draft',
      variant: input.variant,
      startDate: input.startDate,
      endDate: input.endDate,
      placeOfSignature: input.placeOfSignature,
      parties: input.parties.map((p) => ({
        id: randomUUID(),
        organisationId: p.organisationId,
        role: p.role,
        signatories: p.signatories.map((s) => ({ id: randomUUID(), ...s })),
      })),
      now: ctx.clock.now(),
    });
    const created = await findConvention(tx, id);
    if (!created || !canOnConvention(ctx.actor, 'edit', accessFacts(created)))
      throw new AppError('FORBIDDEN');
    await recordAudit(tx, ctx, {
      action: 'convention.create',
      entityType: 'convention',
      entityId: id,
      after: created,
    });
    return { id };
  });
}
