/**
 * Imports the official referential of territories. Idempotent: a second run updates rows in place,
 * and territories that left the referential (merged communes) are removed. One transaction.
 */
import { inTransaction } from '../../db/executor.js';
import {
  countTerritories,
  deleteTerritoriesNotInEdition,
  recordEdition,
  upsertTerritories,
} from '../../db/repositories/territory.repository.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import {
  countByLevel,
  REFERENTIAL_SOURCE,
  readReferential,
} from '../../imports/territories/decoupage-administratif.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

export interface ImportTerritoriesResult {
  edition: string;
  counts: Record<string, number>;
  removed: number;
  before: Record<string, number>;
}

export async function importTerritories(
  ctx: Context,
  options: { departements?: string[] } = {},
): Promise<ImportTerritoriesResult> {
  if (!can(ctx.actor, 'referential.import')) throw new AppError('FORBIDDEN');
  const { edition, rows } = readReferential(options);
  const counts = countByLevel(rows);
  return inTransaction(ctx.db, async (tx) => {
    const before = await countTerritories(tx);
    const now = ctx.clock.now();
    await upsertTerritories(tx, rows, now);
    // A partial import (some départements) must not delete the others.
    const removed = options.departements ? 0 : await deleteTerritoriesNotInEdition(tx, edition);
    await recordEdition(tx, REFERENTIAL_SOURCE, edition, counts, now);
    await recordAudit(tx, ctx, {
      action: 'territories.import',
      entityType: 'referential',
      entityId: edition,
      before,
      after: { ...counts, removed, departements: options.departements ?? 'all' },
    });
    return { edition, counts, removed, before };
  });
}
