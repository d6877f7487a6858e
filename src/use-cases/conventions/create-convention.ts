/**
 * Creates a draft convention for a commune or an EPCI: the project's default text for the variant
 * its kind and population call for, the default period (or the dates given), and as parties the Caf
 * of its département and the local authority (or the parties given).
 */
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/executor.js';
import {
  accessFacts,
  insertConvention,
  territoryRefsOf,
} from '../../db/repositories/convention.repository.js';
import { insertOrganisation } from '../../db/repositories/organisation.repository.js';
import { findTerritory } from '../../db/repositories/territory.repository.js';
import { authorRefOf } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';
import { editDraft } from '../../domain/convention/lifecycle.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { buildParties } from './build-parties.js';
import { type CreateConventionInput, createConventionInput, parseInput } from './convention-input.js';
import { draftForTerritory } from './draft-for-territory.js';
import { territoryForConvention } from './territory-for-convention.js';

export type { CreateConventionInput };
export { createConventionInput };

export async function createConvention(ctx: Context, raw: CreateConventionInput): Promise<{ id: string }> {
  const input = parseInput(createConventionInput, raw);
  return inTransaction(ctx.db, async (tx) => {
    const row = await territoryForConvention(tx, ctx.actor, input.territory);
    const id = randomUUID();
    const draft = await draftForTerritory(tx, row, {
      id,
      today: ctx.clock.today(),
      ...(input.variant ? { variant: input.variant } : {}),
      ...(input.startDate && input.endDate ? { period: { start: input.startDate, end: input.endDate } } : {}),
      ...(input.placeOfSignature ? { placeOfSignature: input.placeOfSignature } : {}),
    });
    if (!draft.caf && !input.parties) {
      const code = row.departementCode ?? '';
      const departement = code ? await findTerritory(tx, 'departement', code) : undefined;
      const where = departement ? `${departement.name} (${code})` : code;
      throw new AppError('ORGANISATION_NOT_FOUND', {
        message: `La Caf du département ${where} n’est pas encore enregistrée dans la plateforme : une convention se prépare avec elle, il faut donc d’abord l’enregistrer.`,
        details: {
          field: 'territory.code',
          missingCaf: { departementCode: code, departementName: departement?.name ?? code },
        },
      });
    }
    let convention = draft.convention;
    if (input.parties) {
      convention = editDraft(convention, {
        parties: await buildParties(tx, convention.content.territory, input.parties),
      });
    }
    const facts = accessFacts({
      territories: territoryRefsOf(convention).map((t) => ({
        ...t,
        name: row.name,
        departementCodes: row.departementCodes,
      })),
      partyOrganisationIds: convention.content.parties.map((p) => p.id),
    });
    if (!can(ctx.actor, 'convention.create', { convention: facts })) throw new AppError('FORBIDDEN');

    // The local authority becomes an organisation of the platform the day its convention is drafted.
    const local = convention.content.parties.find((p) => p.role === 'local_authority');
    if (local && !draft.localAuthority && !input.parties) {
      const org = {
        id: randomUUID(),
        kind: row.level === 'epci' ? ('epci' as const) : ('commune' as const),
        name: local.name,
        territoryLevel: row.level,
        territoryCode: row.code,
        siren: row.siren,
      };
      await insertOrganisation(tx, org);
      await recordAudit(tx, ctx, {
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: org.id,
        after: org,
      });
      convention = {
        ...convention,
        content: {
          ...convention.content,
          parties: convention.content.parties.map((p) => (p === local ? { ...p, id: org.id } : p)),
        },
      };
    }
    await insertConvention(tx, convention, { now: ctx.clock.now(), createdBy: authorRefOf(ctx.actor) });
    await recordAudit(tx, ctx, {
      action: 'convention.create',
      entityType: 'convention',
      entityId: id,
      after: { territoryCode: row.code, status: convention.status, convention },
    });
    return { id };
  });
}
