/**
 * Creates a draft convention for a commune or an EPCI: the project's default text for the variant
 * its kind and population call for, the default period (or the dates given), and as parties the Caf
 * of its département and the local authority (or the parties given). The form's submission token
 * makes a double submit create one draft: the second answers with it (`existing: true`).
 */
import { randomUUID } from 'node:crypto';
import { type Executor, inTransaction } from '../../db/executor.js';
import {
  accessFacts,
  insertConvention,
  territoryRefsOf,
} from '../../db/repositories/convention.repository.js';
import { insertOrganisation } from '../../db/repositories/organisation.repository.js';
import {
  findSubmission,
  insertSubmission,
  isUniqueViolation,
  USED_TOKEN,
} from '../../db/repositories/submission.repository.js';
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

export async function createConvention(
  ctx: Context,
  raw: CreateConventionInput,
): Promise<{ id: string; existing: boolean }> {
  const input = parseInput(createConventionInput, raw);
  try {
    return await create(ctx, input);
  } catch (error) {
    // Two submissions of one form at once: the token's primary key kept the second out.
    if (!isUniqueViolation(error) || !input.submissionToken) throw error;
    const first = await earlier(ctx, ctx.db, input.submissionToken);
    if (!first) throw new AppError('VALIDATION_FAILED', { details: [USED_TOKEN] });
    return first;
  }
}

/** The convention an earlier submission of this form made, by the same account. */
async function earlier(ctx: Context, exec: Executor, token: string | undefined) {
  const actorUserId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const prior = token ? await findSubmission(exec, token, 'convention.create', actorUserId) : undefined;
  return prior ? { id: prior.resultId, existing: true } : undefined;
}

function create(
  ctx: Context,
  input: ReturnType<typeof createConventionInput.parse>,
): Promise<{ id: string; existing: boolean }> {
  return inTransaction(ctx.db, async (tx) => {
    const already = await earlier(ctx, tx, input.submissionToken);
    if (already) return already;
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
      after: { territoryCode: row.code, status: convention.status, version: 1, convention },
    });
    if (input.submissionToken) {
      await insertSubmission(tx, {
        token: input.submissionToken,
        kind: 'convention.create',
        entityId: id,
        resultId: id,
        actorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        now: ctx.clock.now(),
      });
    }
    return { id, existing: false };
  });
}
