/**
 * A Caf's own convention template (ODT/OTT or DOCX/DOTX), checked for unknown fields and stored
 * for the Caf organisation: its conventions are then produced from it in that format.
 */
import { createHash } from 'node:crypto';
import { inTransaction } from '../../db/executor.js';
import { upsertTemplate } from '../../db/repositories/convention.repository.js';
import { checkTemplateUpload } from '../../documents/template-fill.js';
import { authorRefOf } from '../../domain/access/access.js';
import { can } from '../../domain/access/permissions.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';

export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

/** The Caf organisation whose templates the actor manages, or FORBIDDEN. */
export function templateOwner(ctx: Context): string {
  const actor = ctx.actor;
  // The templates of a Caf belong to a person of that Caf: the platform itself has none.
  if (actor.kind !== 'user' || !can(actor, 'template.manage', { organisationId: actor.organisation.id })) {
    throw new AppError('FORBIDDEN');
  }
  return actor.organisation.id;
}

export async function uploadTemplate(
  ctx: Context,
  file: { fileName: string; content: Uint8Array },
): Promise<{ format: 'odt' | 'docx'; placeholders: readonly string[] }> {
  const organisationId = templateOwner(ctx);
  if (!file.content.length) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Choisissez le fichier du modèle (ODT ou DOCX).',
      details: [{ field: 'fichier', message: 'Le fichier est obligatoire.' }],
    });
  }
  if (file.content.length > MAX_TEMPLATE_BYTES) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'Le modèle dépasse 10 Mo.',
      details: [{ field: 'fichier', message: 'Fichier trop volumineux.' }],
    });
  }
  const inspection = checkTemplateUpload(file.content);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  await inTransaction(ctx.db, async (tx) => {
    await upsertTemplate(tx, {
      organisationId,
      format: inspection.format,
      fileName: file.fileName || `modele.${inspection.format}`,
      sha256,
      placeholders: [...inspection.placeholders],
      content: file.content,
      uploadedAt: ctx.clock.now(),
      uploadedBy: authorRefOf(ctx.actor),
    });
    await recordAudit(tx, ctx, {
      action: 'template.upload',
      entityType: 'organisation',
      entityId: organisationId,
      after: {
        format: inspection.format,
        fileName: file.fileName,
        sha256,
        placeholders: inspection.placeholders,
      },
    });
  });
  return { format: inspection.format, placeholders: inspection.placeholders };
}
