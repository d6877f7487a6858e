/**
 * Creates an organisation: a Caf (for a département), a commune or an EPCI as local authority,
 * or a partner. Its territory must exist in the referential.
 */
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/executor.js';
import {
  findOrganisationForTerritory,
  insertOrganisation,
  type OrganisationRow,
} from '../../db/repositories/organisation.repository.js';
import { findTerritory } from '../../db/repositories/territory.repository.js';
import { ORGANISATION_KIND_LABELS, type OrganisationKind } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { TerritoryLevel } from '../../domain/territory/territory.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

const EXPECTED_LEVEL: Partial<Record<OrganisationKind, TerritoryLevel>> = {
  caf: 'departement',
  commune: 'commune',
  epci: 'epci',
  departement: 'departement',
};

export async function createOrganisation(
  ctx: Context,
  input: { kind: OrganisationKind; name?: string; territoryCode?: string | null; siren?: string | null },
): Promise<OrganisationRow> {
  if (!can(ctx.actor, 'organisation.manage')) throw new AppError('FORBIDDEN');
  const level = EXPECTED_LEVEL[input.kind] ?? null;
  return inTransaction(ctx.db, async (tx) => {
    let name = input.name?.trim() ?? '';
    let siren = input.siren ?? null;
    if (level) {
      if (!input.territoryCode) {
        throw new AppError('VALIDATION_FAILED', {
          message: 'Le code du territoire de l’organisme est obligatoire.',
          details: [{ field: 'territoryCode', message: 'Le code du territoire est obligatoire.' }],
        });
      }
      const territory = await findTerritory(tx, level, input.territoryCode);
      if (!territory)
        throw new AppError('TERRITORY_NOT_FOUND', { details: { code: input.territoryCode, level } });
      // One Caf per département, one organisation per commune or EPCI: the one the platform finds.
      const existing = await findOrganisationForTerritory(tx, input.kind, level, input.territoryCode);
      if (existing) {
        const message = `${ORGANISATION_KIND_LABELS[input.kind]} : « ${existing.name} » existe déjà pour ce territoire.`;
        throw new AppError('VALIDATION_FAILED', {
          message,
          details: [{ field: 'territoryCode', message }],
        });
      }
      if (!name) name = defaultName(input.kind, territory.name);
      siren ??= territory.siren;
    }
    if (!name) {
      throw new AppError('VALIDATION_FAILED', {
        message: 'Le nom de l’organisme est obligatoire.',
        details: [{ field: 'name', message: 'Le nom est obligatoire.' }],
      });
    }
    const org: OrganisationRow = {
      id: randomUUID(),
      kind: input.kind,
      name,
      territoryLevel: level,
      territoryCode: level ? (input.territoryCode ?? null) : null,
      siren,
    };
    await insertOrganisation(tx, org);
    await recordAudit(tx, ctx, {
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: org.id,
      after: org,
    });
    return org;
  });
}

function defaultName(kind: OrganisationKind, territoryName: string): string {
  switch (kind) {
    case 'caf':
      return `Caf — ${territoryName}`;
    case 'commune':
      return `Commune de ${territoryName}`;
    case 'departement':
      return `Conseil départemental — ${territoryName}`;
    default:
      return territoryName;
  }
}
