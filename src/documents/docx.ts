/**
 * Word (DOCX) documents. The renderer (docx-render.ts, over the `docx` package) is loaded with the
 * first Word document asked for, not with the server: the package holds about 5 MB of the heap of
 * every process that imports it, and most never write a Word file.
 */
import type { DocumentModel } from './model.js';

export const DOCX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function renderDocx(model: DocumentModel): Promise<Uint8Array> {
  const { renderDocx: render } = await import('./docx-render.js');
  return render(model);
}
