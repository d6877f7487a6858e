/**
 * A document attached to a fiche, with its bytes, for whoever may see the fiche (a confidential
 * fiche's files only for those who may read it, as the fiche itself); otherwise it does not exist.
 */

import { findFiche } from '../../db/repositories/plan.repository.js';
import { type FicheFileContent, findFicheFile } from '../../db/repositories/plan-file.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { conventionOfFiche } from './fiche-access.js';
import { maySeeFiche, readableConvention } from './plan-access.js';

const FILE_ID = /^[0-9a-f-]{36}$/;

export const ficheFileNotFound = (fileId: string) =>
  new AppError('NOT_FOUND', {
    message: 'Aucun document joint de cette fiche ne correspond à cet identifiant.',
    details: { id: fileId },
  });

export async function getFicheFile(ctx: Context, ficheId: string, fileId: string): Promise<FicheFileContent> {
  const conventionId = await conventionOfFiche(ctx, ficheId);
  const { rights } = await readableConvention(ctx.db, ctx.actor, conventionId);
  const found = await findFiche(ctx.db, ficheId);
  if (!found || !maySeeFiche(ctx.actor, rights, found.fiche)) {
    throw new AppError('PLAN_FICHE_NOT_FOUND', { details: { id: ficheId } });
  }
  const file = FILE_ID.test(fileId) ? await findFicheFile(ctx.db, fileId) : undefined;
  if (!file || file.ficheId !== ficheId) throw ficheFileNotFound(fileId);
  return file;
}
