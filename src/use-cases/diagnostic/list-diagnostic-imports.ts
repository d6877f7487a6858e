/** The latest diagnostic imports, for those who may import (Caf agents, administrators). */
import { type ImportSummary, listImports } from '../../db/repositories/diagnostic.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { territoriesOutsideImportScope } from './diagnostic-access.js';

export async function listDiagnosticImports(ctx: Context, limit = 20): Promise<ImportSummary[]> {
  if (territoriesOutsideImportScope(ctx.actor, new Map()) === 'forbidden') throw new AppError('FORBIDDEN');
  return listImports(ctx.db, limit);
}
