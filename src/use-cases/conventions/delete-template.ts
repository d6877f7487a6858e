/** Removes a Caf template: its conventions go back to the platform's own document in that format. */
import { inTransaction } from '../../db/executor.js';
import { deleteTemplate as remove } from '../../db/repositories/convention.repository.js';
import { AppError } from '../../domain/shared/app-error.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Context } from '../context.js';
import { templateOwner } from './upload-template.js';

export async function deleteTemplate(ctx: Context, format: 'odt' | 'docx'): Promise<void> {
  const organisationId = templateOwner(ctx);
  await inTransaction(ctx.db, async (tx) => {
    if (!(await remove(tx, organisationId, format))) throw new AppError('NOT_FOUND', { details: { format } });
    await recordAudit(tx, ctx, {
      action: 'template.delete',
      entityType: 'organisation',
      entityId: organisationId,
      before: { format },
    });
  });
}
