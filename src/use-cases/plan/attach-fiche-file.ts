/**
 * Attaches a document to a fiche action: the territory's agents and the fiche's pilots (whoever may
 * edit the fiche). The file is checked whole before the transaction (type from its name and bytes,
 * size, office files as ZIP packages); the fiche is locked while it is stored and audited. A form
 * sent twice (a double click, a page sent again) carries the same one-time token, which becomes the
 * file's id: the second send finds the first file and stores nothing.
 */
import { createHash } from 'node:crypto';
import {
  countFicheFiles,
  type FicheFileInfo,
  findFicheFileInfo,
  insertFicheFile,
} from '../../db/repositories/plan-file.repository.js';
import { authorRefOf } from '../../domain/access/access.js';
import { checkFicheFile, MAX_FILES_PER_FICHE } from '../../domain/plan/fiche-file.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { changeFiche } from './fiche-access.js';

const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const reused = () =>
  new AppError('VALIDATION_FAILED', {
    message: 'Ce formulaire a déjà servi pour un autre fichier : rechargez la page de la fiche.',
    details: [{ field: 'fichier', message: 'Formulaire déjà utilisé.' }],
  });

/** What the audit and the pages say of a file: never its bytes. */
export function fileSummary(f: FicheFileInfo) {
  return {
    id: f.id,
    fileName: f.fileName,
    mediaType: f.mediaType,
    byteLength: f.byteLength,
    sha256: f.sha256,
  };
}

export async function attachFicheFile(
  ctx: Context,
  ficheId: string,
  file: { fileName: string; content: Uint8Array },
  submissionId: string,
): Promise<{ file: FicheFileInfo; existing: boolean }> {
  if (!SUBMISSION_ID.test(submissionId)) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Jeton de formulaire invalide : rechargez la page de la fiche.',
      details: [{ field: 'submissionToken', message: 'Jeton invalide.' }],
    });
  }
  const checked = checkFicheFile(file);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return changeFiche(ctx, ficheId, 'edit', async ({ tx, now, audit }) => {
    // The fiche row is locked: a second send waits for the first and finds its file here.
    // Its bytes are not read back: the hash tells the same file.
    const earlier = await findFicheFileInfo(tx, submissionId);
    if (earlier) {
      if (earlier.ficheId === ficheId && earlier.sha256 === sha256 && earlier.fileName === checked.fileName) {
        return { file: earlier, existing: true };
      }
      throw reused();
    }
    if ((await countFicheFiles(tx, ficheId)) >= MAX_FILES_PER_FICHE) {
      throw new AppError('VALIDATION_FAILED', {
        message: `La fiche a déjà ${MAX_FILES_PER_FICHE} documents joints, le maximum : supprimez-en un avant d’en joindre un autre.`,
        details: [{ field: 'fichier', message: 'Trop de documents.' }],
      });
    }
    const stored = {
      id: submissionId,
      ficheId,
      fileName: checked.fileName,
      mediaType: checked.mediaType,
      byteLength: file.content.length,
      sha256,
      content: file.content,
      uploadedAt: now,
    };
    await insertFicheFile(tx, { ...stored, uploadedBy: authorRefOf(ctx.actor) });
    const summary = (await findFicheFileInfo(tx, stored.id))!;
    await audit({
      action: 'plan.fiche.file_attach',
      entityType: 'plan_fiche',
      entityId: ficheId,
      after: { file: fileSummary(summary) },
    });
    return { file: summary, existing: false };
  });
}
