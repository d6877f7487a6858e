/**
 * What a document attached to a fiche may be: a PDF, an office file (OpenDocument or Office Open
 * XML, checked as a ZIP package before anything is inflated), a CSV or plain text file in UTF-8, a
 * PNG or JPEG image; 15 Mo at most, 50 per fiche. The type is the platform's, from the name's
 * extension and the bytes' signature, never the sender's claim. Also the file's size in French units.
 */
import { AppError } from '../shared/app-error.js';
import { checkZip } from '../shared/zip-guard.js';

export const MAX_FICHE_FILE_BYTES = 15 * 1024 * 1024;
export const MAX_FILES_PER_FICHE = 50;
const MAX_NAME_LENGTH = 200;

type Signature = 'pdf' | 'zip' | 'text' | 'png' | 'jpeg';

export const FICHE_FILE_TYPES: Record<string, { mediaType: string; signature: Signature }> = {
  pdf: { mediaType: 'application/pdf', signature: 'pdf' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', signature: 'zip' },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', signature: 'zip' },
  odp: { mediaType: 'application/vnd.oasis.opendocument.presentation', signature: 'zip' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    signature: 'zip',
  },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', signature: 'zip' },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    signature: 'zip',
  },
  csv: { mediaType: 'text/csv; charset=utf-8', signature: 'text' },
  txt: { mediaType: 'text/plain; charset=utf-8', signature: 'text' },
  png: { mediaType: 'image/png', signature: 'png' },
  jpg: { mediaType: 'image/jpeg', signature: 'jpeg' },
  jpeg: { mediaType: 'image/jpeg', signature: 'jpeg' },
};

/** The extensions accepted, as the upload form lists them. */
export const FICHE_FILE_EXTENSIONS = Object.keys(FICHE_FILE_TYPES);

export interface CheckedFicheFile {
  fileName: string;
  extension: string;
  mediaType: string;
}

function refuse(message: string, code: 'VALIDATION_FAILED' | 'UPLOAD_TOO_LARGE' = 'VALIDATION_FAILED') {
  return new AppError(code, { message, details: [{ field: 'fichier', message }] });
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

function matches(signature: Signature, bytes: Uint8Array): boolean {
  switch (signature) {
    case 'pdf':
      return startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]);
    case 'zip':
      return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
    case 'png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'text':
      if (bytes.includes(0)) return false;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
  }
}

/** The name as sent, without a path; refused when empty, too long or holding a control character. */
export function ficheFileName(raw: string): string {
  const name = raw.normalize('NFC').split(/[/\\]/).pop()!.trim();
  if (!name) throw refuse('Choisissez un fichier à joindre à la fiche.');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) {
    throw refuse(
      'Le nom du fichier contient un caractère de contrôle (caractère nul, retour à la ligne…) : renommez-le.',
    );
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw refuse(`Le nom du fichier dépasse ${MAX_NAME_LENGTH} caractères : raccourcissez-le.`);
  }
  return name;
}

/** Checks a document before it is attached to a fiche; a French refusal says what is wrong. */
export function checkFicheFile(file: { fileName: string; content: Uint8Array }): CheckedFicheFile {
  const fileName = ficheFileName(file.fileName);
  if (file.content.length === 0) throw refuse(`Le fichier « ${fileName} » est vide.`);
  if (file.content.length > MAX_FICHE_FILE_BYTES) {
    throw refuse(
      `Le fichier « ${fileName} » dépasse ${fileSizeText(MAX_FICHE_FILE_BYTES)}.`,
      'UPLOAD_TOO_LARGE',
    );
  }
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const type = FICHE_FILE_TYPES[extension];
  if (!type) {
    throw refuse(
      `Le type du fichier « ${fileName} » n’est pas accepté : joignez un fichier ${FICHE_FILE_EXTENSIONS.join(', ')}.`,
    );
  }
  if (!matches(type.signature, file.content)) {
    throw refuse(
      type.signature === 'text'
        ? `Le fichier « ${fileName} » n’est pas un texte en UTF-8 (il contient des octets nuls ou invalides).`
        : `Le contenu du fichier « ${fileName} » n’est pas celui d’un fichier ${extension.toUpperCase()}.`,
    );
  }
  // An office file is a ZIP package: its directory is read before anything could inflate it.
  if (type.signature === 'zip') checkZip(file.content);
  return { fileName, extension, mediaType: type.mediaType };
}

// Made once: `toLocaleString` with options builds a new ICU formatter on every call.
const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const decimal = (value: number) => oneDecimal.format(value).replace(/\u202f|\u00a0/g, '\u00a0');

/** « 820 octets », « 12,5 ko », « 3,2 Mo » (1 ko = 1 024 octets). */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes}\u00a0octet${bytes > 1 ? 's' : ''}`;
  if (bytes < 1024 * 1024) return `${decimal(bytes / 1024)}\u00a0ko`;
  return `${decimal(bytes / (1024 * 1024))}\u00a0Mo`;
}
