/**
 * A small RFC 4180 reader for the diagnostic imports: `;` or `,` separated, double quotes,
 * UTF-8 with or without BOM, CRLF or LF. It keeps the physical line number of each record so
 * that every error can name the line a person sees in a spreadsheet or a text editor.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

export type CsvDecodeResult = { ok: true; text: string } | { ok: false; message: string };

/** Decodes bytes as strict UTF-8 (a Latin-1 export would otherwise turn "é" into garbage silently). */
export function decodeUtf8(input: string | Uint8Array): CsvDecodeResult {
  if (typeof input === 'string') return { ok: true, text: input.replace(/^\uFEFF/, '') };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    return { ok: true, text: text.replace(/^\uFEFF/, '') };
  } catch {
    return {
      ok: false,
      message:
        'Le fichier n’est pas encodé en UTF-8 : enregistrez-le en « CSV UTF-8 » puis importez-le à nouveau.',
    };
  }
}

/** The first line decides: a `;` in it means semicolons (the French spreadsheet default), else commas. */
export function detectDelimiter(text: string): ';' | ',' {
  const end = text.search(/\r?\n/);
  const first = end < 0 ? text : text.slice(0, end);
  return first.includes(';') ? ';' : ',';
}

export function parseCsv(text: string, delimiter: ';' | ',' = detectDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    // Blank lines (often left at the end of an export) carry nothing to validate.
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += c;
    }
    i++;
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
