/**
 * One file of a convention in the format asked for: the platform's own document (ODT, DOCX, HTML, or
 * PDF through LibreOffice), or the Caf's own template filled with the convention's values when the
 * Caf has uploaded one for that format.
 */
import {
  buildConventionDocument,
  type ConventionDocumentOptions,
  templateValues,
} from '../../documents/convention-document.js';
import { DOCX_MIME_TYPE, renderDocx } from '../../documents/docx.js';
import { renderHtml } from '../../documents/html.js';
import type { DocumentModel } from '../../documents/model.js';
import { ODT_MIME_TYPE, renderOdt } from '../../documents/odt.js';
import { convertToPdf, renderPdf } from '../../documents/pdf.js';
import { fillTemplate } from '../../documents/template-fill.js';
import type { ConventionContent } from '../../domain/convention/model.js';

export const DOCUMENT_FORMATS = ['odt', 'docx', 'pdf', 'html'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  odt: ODT_MIME_TYPE,
  docx: DOCX_MIME_TYPE,
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

export interface CafTemplate {
  format: 'odt' | 'docx';
  content: Uint8Array;
}

export interface RenderOptions extends ConventionDocumentOptions {
  reference: string;
  signedOn?: string | null;
  templates?: readonly CafTemplate[];
  /** The model, when the caller renders several formats of one convention. */
  model?: DocumentModel;
}

export async function renderConventionFile(
  content: ConventionContent,
  format: DocumentFormat,
  options: RenderOptions,
): Promise<Uint8Array> {
  const template = options.templates?.find(
    (t) => t.format === format || (format === 'pdf' && t.format === 'odt'),
  );
  if (template) {
    const filled = fillTemplate(
      template.content,
      templateValues(content, { reference: options.reference, signedOn: options.signedOn ?? null }),
    );
    return format === 'pdf' ? convertToPdf(filled.bytes, filled.format) : filled.bytes;
  }
  const model = options.model ?? buildConventionDocument(content, options);
  switch (format) {
    case 'odt':
      return renderOdt(model);
    case 'docx':
      return renderDocx(model);
    case 'html':
      return new TextEncoder().encode(renderHtml(model));
    case 'pdf':
      return renderPdf(model);
  }
}

/** « convention-78124-carrieres-sur-seine-2024-2027.odt ». */
export function conventionFileName(content: ConventionContent, format: DocumentFormat, suffix = ''): string {
  const slug = content.territory.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const years = `${content.period.start.slice(0, 4)}-${content.period.end.slice(0, 4)}`;
  return `convention-${content.territory.codes[0]}-${slug}-${years}${suffix}.${format}`;
}
