/** Diagnostic downloads (CSV and XLSX), built only from the protected diagnostic. */
import { diagnosticToCsv } from '../../domain/diagnostic/index.js';
import type { Context } from '../context.js';
import { diagnosticToXlsx } from './diagnostic-xlsx.js';
import { getDiagnostic } from './get-diagnostic.js';

export interface DiagnosticFile {
  fileName: string;
  contentType: string;
  body: Uint8Array | string;
}

export async function exportDiagnostic(
  ctx: Context,
  code: string,
  options: { format: 'csv' | 'xlsx'; year?: number },
): Promise<DiagnosticFile> {
  const result = await getDiagnostic(ctx, code, options.year ? { year: options.year } : {});
  const base = `diagnostic-${result.territory.code}${options.year ? `-${options.year}` : ''}`;
  if (options.format === 'csv') {
    return {
      fileName: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: diagnosticToCsv(result.protectedDiagnostic),
    };
  }
  return {
    fileName: `${base}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await diagnosticToXlsx(result.json),
  };
}
