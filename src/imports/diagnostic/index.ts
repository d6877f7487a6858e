/**
 * Readers of diagnostic data files (long layout in CSV or XLSX, CAFDATA commune exports) into
 * validated value rows.
 */

export { CAFDATA_COLUMNS, CAFDATA_SOURCE, parseCafdataCommuneCsv } from './cafdata.js';
export {
  type ImportResult,
  LONG_LAYOUT_COLUMNS,
  parseLongLayoutCsv,
  parseLongLayoutXlsx,
  validateLongLayout,
} from './long-layout.js';
export type { ImportError } from './values.js';
