/**
 * The document of an avenant of a convention the actor may read, in ODT, DOCX or PDF: what the
 * parties sign. Made from the avenant's content alone (see `documents/avenant-document.ts`).
 */
import { buildAvenantDocument } from '../../documents/avenant-document.js';
import { renderDocx } from '../../documents/docx.js';
import { renderOdt } from '../../documents/odt.js';
import { renderPdf } from '../../documents/pdf.js';
import { avenantText } from '../../domain/convention/avenant.js';
import type { AvenantStatus } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { getConvention } from './get-convention.js';
import { CONTENT_TYPES, conventionFileName } from './render-convention-file.js';

export const AVENANT_DOCUMENT_FORMATS = ['odt', 'docx', 'pdf'] as const;
export type AvenantDocumentFormat = (typeof AVENANT_DOCUMENT_FORMATS)[number];

/** The line under the title of an avenant that is not (or no longer) to be signed as it stands. */
const STAMPS: Record<AvenantStatus, string | undefined> = {
  draft: 'Projet d’avenant',
  in_signature: 'Avenant soumis à la signature',
  signed: undefined,
  cancelled: 'Avenant abandonné, sans effet',
};

export async function generateAvenantDocument(
  ctx: Context,
  id: string,
  avenantId: string,
  format: AvenantDocumentFormat,
): Promise<{ fileName: string; contentType: string; bytes: Uint8Array }> {
  const { convention } = await getConvention(ctx, id);
  const avenant = convention.avenants.find((a) => a.id === avenantId);
  if (!avenant) throw new AppError('AVENANT_NOT_FOUND', { details: { avenantId } });
  const stamp = STAMPS[avenant.status];
  const model = buildAvenantDocument(avenantText(convention, avenantId), {
    today: ctx.clock.today(),
    ...(stamp ? { stamp } : {}),
  });
  const bytes =
    format === 'odt'
      ? renderOdt(model)
      : format === 'docx'
        ? await renderDocx(model)
        : await renderPdf(model);
  return {
    fileName: `avenant-${avenant.number}-${conventionFileName(convention.content, format)}`,
    contentType: CONTENT_TYPES[format],
    bytes,
  };
}
