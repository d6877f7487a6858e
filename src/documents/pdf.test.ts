/**
 * PDF conversion without LibreOffice: the platform must say, in French, how to install it. And the
 * executable lookup the conversion relies on.
 */

import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../domain/shared/app-error.js';
import { convertFilesToPdf, findOnPath, PDF_CONVERT_TO_FILTER, renderPdf } from './pdf.js';
import { buildSampleDocument } from './sample-document.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctg-pdf-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('findOnPath', () => {
  it('finds an executable file and ignores a plain one', async () => {
    await writeFile(join(dir, 'soffice'), '#!/bin/sh\n');
    expect(findOnPath('soffice', dir)).toBeNull();
    await chmod(join(dir, 'soffice'), 0o755);
    expect(findOnPath('soffice', `/nonexistent:${dir}`)).toBe(join(dir, 'soffice'));
  });
});

describe('without LibreOffice', () => {
  it('explains in French how to install it', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(dir, 'empty');
    try {
      const error = await renderPdf(buildSampleDocument()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('PDF_CONVERTER_MISSING');
      expect((error as AppError).status).toBe(503);
      expect((error as AppError).message).toBe(
        'La génération PDF nécessite LibreOffice : installez le paquet libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui) puis relancez.',
      );
      await expect(convertFilesToPdf(['a.odt'], dir)).rejects.toMatchObject({
        code: 'PDF_CONVERTER_MISSING',
      });
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('conversion options', () => {
  it('asks for PDF/A-2 in the JSON filter syntax', () => {
    expect(PDF_CONVERT_TO_FILTER).toBe(
      'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},"UseTaggedPDF":{"type":"boolean","value":"true"},"ExportBookmarks":{"type":"boolean","value":"true"}}',
    );
  });
});
