/**
 * Lists the conventions the actor may see (the scope is filtered in SQL), each with its status of
 * the day computed from the stored facts: an expired convention reads "Expirée" whether or not the
 * calendar job has stored it yet. Reading writes nothing.
 */
import { listConventions as listRows } from '../../db/repositories/convention.repository.js';
import { conventionScope } from '../../domain/access/access.js';
import { statusOn, storedStatusesReading } from '../../domain/convention/lifecycle.js';
import type { ConventionStatus } from '../../domain/convention/model.js';
import type { TerritoryLevel } from '../../domain/territory/territory.js';
import type { Context } from '../context.js';

export interface ConventionSummary {
  id: string;
  territoryLevel: TerritoryLevel;
  territoryCode: string;
  territoryName: string;
  /** The status of the day (`statusOn`). */
  status: ConventionStatus;
  variant: string;
  startDate: string;
  endDate: string;
}

export interface ListConventionsFilter {
  territoryCode?: string | undefined;
  /** The status of the day. */
  status?: ConventionStatus | undefined;
  departementCode?: string | undefined;
}

export async function listConventions(
  ctx: Context,
  filter: ListConventionsFilter = {},
): Promise<ConventionSummary[]> {
  const today = ctx.clock.today();
  const rows = await listRows(ctx.db, conventionScope(ctx.actor), {
    territoryCode: filter.territoryCode,
    departementCode: filter.departementCode,
    // The database narrows to the stored statuses that can read as the one asked; the status of
    // the day decides.
    storedStatuses: filter.status ? storedStatusesReading(filter.status) : undefined,
  });
  return rows
    .map(({ calendar, ...row }) => ({ ...row, status: statusOn(calendar, today) }))
    .filter((row) => !filter.status || row.status === filter.status);
}
