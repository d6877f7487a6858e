/** An attached file of a convention the actor may read, by its SHA-256. */
import { findFile } from '../../db/repositories/convention.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { getConvention } from './get-convention.js';

export async function getConventionFile(ctx: Context, id: string, sha256: string) {
  await getConvention(ctx, id);
  const file = /^[0-9a-f]{64}$/.test(sha256) ? await findFile(ctx.db, id, sha256) : undefined;
  if (!file) throw new AppError('NOT_FOUND', { details: { sha256 } });
  return file;
}
