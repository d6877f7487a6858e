/**
 * Partners' access to conventions: an organisation that is not a party (a partner, the MSA, the
 * State's services, the département) sees the conventions the Caf opened to it. Who opened it is an
 * account id or a system kind, its name joined when read.
 */
import { type AuthorRef, authorLabel, authorOf } from '../../domain/access/access.js';
import type { TerritoryLevel } from '../../domain/territory/territory.js';
import type { Executor } from '../executor.js';

export interface ConventionAccessRow {
  conventionId: string;
  organisationId: string;
  territoryLevel: TerritoryLevel;
  territoryCode: string;
  territoryName: string;
  status: string;
  startDate: string;
  endDate: string;
  grantedAt: Date;
  grantedByLabel: string;
}

/** Gives access; false when the organisation had it already. */
export async function insertConventionAccess(
  exec: Executor,
  access: { conventionId: string; organisationId: string; grantedAt: Date; grantedBy: AuthorRef },
): Promise<boolean> {
  const rows = await exec
    .insertInto('convention_access')
    .values({
      convention_id: access.conventionId,
      organisation_id: access.organisationId,
      granted_at: access.grantedAt,
      granted_by_user_id: access.grantedBy.userId,
      granted_by_system: access.grantedBy.system,
    })
    .onConflict((oc) => oc.columns(['convention_id', 'organisation_id']).doNothing())
    .returning('convention_id')
    .execute();
  return rows.length === 1;
}

/** Withdraws access; false when the organisation did not have it. */
export async function deleteConventionAccess(
  exec: Executor,
  conventionId: string,
  organisationId: string,
): Promise<boolean> {
  const result = await exec
    .deleteFrom('convention_access')
    .where('convention_id', '=', conventionId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listConventionAccessOfOrganisation(
  exec: Executor,
  organisationId: string,
): Promise<ConventionAccessRow[]> {
  const rows = await exec
    .selectFrom('convention_access as g')
    .innerJoin('conventions as c', 'c.id', 'g.convention_id')
    .leftJoin('territories as t', (j) =>
      j.onRef('t.level', '=', 'c.territory_level').onRef('t.code', '=', 'c.territory_code'),
    )
    .leftJoin('users as u', 'u.id', 'g.granted_by_user_id')
    .select([
      'g.convention_id as conventionId',
      'g.organisation_id as organisationId',
      'c.territory_level as territoryLevel',
      'c.territory_code as territoryCode',
      't.name as territoryName',
      'c.status',
      'c.start_date as startDate',
      'c.end_date as endDate',
      'g.granted_at as grantedAt',
      'g.granted_by_user_id as grantedByUserId',
      'g.granted_by_system as grantedBySystem',
      'u.display_name as granterName',
      'u.email as granterEmail',
      'u.anonymised_at as granterAnonymisedAt',
    ])
    .where('g.organisation_id', '=', organisationId)
    .orderBy('t.name')
    .orderBy('c.start_date', 'desc')
    .execute();
  return rows.map((r) => ({
    conventionId: r.conventionId,
    organisationId: r.organisationId,
    territoryLevel: r.territoryLevel,
    territoryCode: r.territoryCode,
    territoryName: r.territoryName ?? r.territoryCode,
    status: r.status,
    startDate: r.startDate,
    endDate: r.endDate,
    grantedAt: r.grantedAt,
    grantedByLabel: authorLabel(
      authorOf({
        userId: r.grantedByUserId,
        system: r.grantedBySystem,
        displayName: r.granterName,
        email: r.granterEmail,
        anonymisedAt: r.granterAnonymisedAt,
      }),
    ),
  }));
}
