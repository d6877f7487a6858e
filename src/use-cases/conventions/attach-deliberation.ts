/**
 * Attaches the local authority's deliberation (annex 7) to a draft: the file is stored in the
 * database and the annex names it by its SHA-256, which enters the convention's hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import { insertFile } from '../../db/repositories/convention.repository.js';
import { authorRefOf } from '../../domain/access/access.js';
import { updateAnnex } from '../../domain/convention/lifecycle.js';
import type { Attachment, Convention } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { mutateConvention } from './mutate-convention.js';

export const MAX_DELIBERATION_BYTES = 15 * 1024 * 1024;

export async function attachDeliberation(
  ctx: Context,
  id: string,
  file: { fileName: string; mediaType: string; content: Uint8Array },
): Promise<Convention> {
  const fileName = file.fileName.trim();
  if (!fileName) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Choisissez le fichier de la délibération.',
      details: [{ field: 'fichier', message: 'Le fichier est obligatoire.' }],
    });
  }
  const isPdf =
    file.content.length >= 5 && Buffer.from(file.content.subarray(0, 5)).toString('latin1') === '%PDF-';
  if (!isPdf) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'La délibération doit être un fichier PDF.',
      details: [{ field: 'fichier', message: 'Le fichier n’est pas un PDF.' }],
    });
  }
  if (file.content.length > MAX_DELIBERATION_BYTES) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'La délibération dépasse 15 Mo.',
      details: [{ field: 'fichier', message: 'Fichier trop volumineux.' }],
    });
  }
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const attachment: Attachment = {
    fileName,
    mediaType: 'application/pdf',
    byteLength: file.content.length,
    sha256,
  };
  const { convention } = await mutateConvention(
    ctx,
    id,
    'convention.attach_deliberation',
    async (c, _today, tx) => {
      const next = updateAnnex(c, 'deliberation', { attachments: [attachment] });
      await insertFile(tx, {
        id: randomUUID(),
        conventionId: id,
        annexKey: 'deliberation',
        fileName,
        mediaType: attachment.mediaType,
        byteLength: attachment.byteLength,
        sha256,
        content: file.content,
        uploadedAt: ctx.clock.now(),
        uploadedBy: authorRefOf(ctx.actor),
      });
      return next;
    },
  );
  return convention;
}
