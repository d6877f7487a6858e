/**
 * Gives every commune of a département, or of an EPCI, that has no diagnostic figure yet plausible
 * synthetic values (`syntheticCommuneValues`), flagged synthetic so that every output says « données
 * synthétiques ». Idempotent (communes with figures are left alone) and in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { type Executor, inTransaction } from '../../db/executor.js';
import {
  codesWithValues,
  departementsHoldingTerritories,
  insertImport,
  upsertValues,
} from '../../db/repositories/diagnostic.repository.js';
import {
  findTerritory,
  listCommunesOfEpci,
  listTerritoriesOfDepartement,
} from '../../db/repositories/territory.repository.js';
import { authorRefOf } from '../../domain/access/access.js';
import { syntheticCommuneValues } from '../../domain/diagnostic/index.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { territoriesOutsideImportScope } from './diagnostic-access.js';
import { importPatternsAhead, periodKey, storedKind } from './import-diagnostic.js';
import { protectDepartements } from './protect-departement.js';
import { warmProtectionWorker } from './protection-pool.js';

export interface SyntheticResult {
  /** The département or EPCI whose communes were completed. */
  scope: { level: 'departement' | 'epci'; code: string; name: string };
  communes: number;
  skipped: number;
  values: number;
  importId: string | null;
}

const COMMUNES_PER_STATEMENT = 25;

export async function generateSyntheticDiagnostic(
  ctx: Context,
  input: ({ departement: string; epci?: undefined } | { epci: string; departement?: undefined }) & {
    onProgress?: (done: number, total: number) => void;
  },
): Promise<SyntheticResult> {
  // The worker that computes the secrecy patterns before the transaction starts while the communes
  // are read (a process alone on its database computes them in the transaction).
  if (!ctx.alone) warmProtectionWorker();
  const level = input.epci !== undefined ? 'epci' : 'departement';
  const code = input.epci ?? input.departement!;
  const territory = await findTerritory(ctx.db, level, code);
  if (!territory) throw new AppError('TERRITORY_NOT_FOUND', { details: { code } });
  const departements = level === 'departement' ? [territory.code] : territory.departementCodes;
  const outside = territoriesOutsideImportScope(
    ctx.actor,
    new Map([[`${level}:${territory.code}`, departements]]),
  );
  if (outside === 'forbidden' || outside.length > 0) throw new AppError('FORBIDDEN');
  const scope = { level, code: territory.code, name: territory.name } as const;
  const label =
    level === 'departement'
      ? `du département ${territory.code}`
      : `de l’EPCI ${territory.name} (${territory.code})`;

  const communesOf = (exec: Executor) =>
    level === 'departement'
      ? listTerritoriesOfDepartement(exec, territory.code, 'commune')
      : listCommunesOfEpci(exec, territory.code);
  // The secrecy patterns, computed before the transaction from the communes that have no figure
  // yet (the transaction checks again which communes those are, and takes a pattern computed ahead
  // only for the very same values).
  const patternsAhead = async () => {
    const communes = await communesOf(ctx.db);
    const present = await codesWithValues(
      ctx.db,
      'commune',
      communes.map((c) => c.code),
    );
    const missing = communes.filter((c) => !present.has(c.code));
    if (!missing.length) return undefined;
    return importPatternsAhead(
      ctx,
      missing.map((c) => ({ level: 'commune' as const, code: c.code })),
      missing.flatMap((c) => syntheticCommuneValues(c.code, c.population ?? 0)),
    );
  };
  const ahead = ctx.alone ? undefined : await patternsAhead();

  return inTransaction(ctx.db, async (tx) => {
    const communes = await communesOf(tx);
    const present = await codesWithValues(
      tx,
      'commune',
      communes.map((c) => c.code),
    );
    const todo = communes.filter((c) => !present.has(c.code));
    if (todo.length === 0) {
      return { scope, communes: 0, skipped: present.size, values: 0, importId: null };
    }
    const importId = randomUUID();
    const rowsOf = todo.map((c) => syntheticCommuneValues(c.code, c.population ?? 0));
    const dates = [...new Set(rowsOf.flat().map((r) => r.date))].sort();
    const indicators = [...new Set(rowsOf.flat().map((r) => r.indicator))].sort();
    const codes = todo.map((c) => c.code).sort();
    await insertImport(tx, {
      id: importId,
      fileName: `Données synthétiques ${label}`,
      format: 'synthetic',
      importedAt: ctx.clock.now(),
      importedByUserId: authorRefOf(ctx.actor).userId,
      importedBySystem: authorRefOf(ctx.actor).system,
      rowCount: rowsOf.reduce((n, rows) => n + rows.length, 0),
      territoryCodes: codes,
      referenceDates: dates,
      indicators,
      periodKey: `synthetic:${periodKey(codes, dates, indicators)}`,
    });
    // Written a few dozen communes at a time: one statement per commune would be hundreds of round
    // trips, one for all of them would leave the progress bar still until the end.
    let values = 0;
    for (let start = 0; start < rowsOf.length; start += COMMUNES_PER_STATEMENT) {
      const rows = rowsOf.slice(start, start + COMMUNES_PER_STATEMENT).flat();
      await upsertValues(
        tx,
        rows.map((row) => ({
          level: 'commune' as const,
          code: row.territory,
          indicator: row.indicator,
          date: row.date,
          kind: storedKind(row.indicator),
          value: row.value,
          source: row.source ?? null,
          synthetic: true,
          importId,
          line: null,
          note: null,
        })),
      );
      values += rows.length;
      input.onProgress?.(Math.min(start + COMMUNES_PER_STATEMENT, todo.length), todo.length);
    }
    // Same transaction: the new values are never readable without the secrecy pattern made for them.
    await protectDepartements(
      ctx,
      tx,
      await departementsHoldingTerritories(
        tx,
        todo.map((c) => ({ level: 'commune' as const, code: c.code })),
      ),
      'replace',
      ahead,
    );
    await recordAudit(tx, ctx, {
      action: 'diagnostic.synthetic',
      entityType: 'diagnostic_import',
      entityId: importId,
      after: { [level]: territory.code, communes: todo.length, values },
    });
    return { scope, communes: todo.length, skipped: present.size, values, importId };
  });
}
