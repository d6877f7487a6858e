/**
 * Checks an uploaded ZIP package (ODT, DOCX, XLSX) from its central directory alone, before a single byte
 * is inflated: the number of entries, the declared decompressed size, and entry names that would escape
 * the package (`..`, absolute paths). fflate inflates each entry into a buffer of the size the central
 * directory declares, so bounding those sizes bounds the memory of any later unzip.
 */
import { AppError } from './app-error.js';

export interface ZipLimits {
  /** Most entries accepted. */
  readonly maxEntries: number;
  /** Largest total of the declared decompressed sizes, in bytes. */
  readonly maxUncompressedBytes: number;
}

/** What a Caf template (ODT/DOCX) or a diagnostic workbook (XLSX) may hold once decompressed. */
export const UPLOAD_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxUncompressedBytes: 100 * 1024 * 1024 };

export interface ZipEntryInfo {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

function refuse(reason: string): AppError {
  return new AppError('ARCHIVE_REFUSED', {
    message: `Le fichier compressé est refusé : ${reason}.`,
    details: [{ field: 'fichier', message: reason }],
  });
}

function unsafeName(name: string): boolean {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[/\\]/).some((segment) => segment === '..');
}

/** The entries of a ZIP package, read from its central directory, or a French refusal. */
export function checkZip(bytes: Uint8Array, limits: ZipLimits = UPLOAD_ZIP_LIMITS): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes, then a comment of at most 65 535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw refuse('ce n’est pas une archive ZIP lisible');
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw refuse('les archives ZIP64 ne sont pas acceptées');
  }
  if (count > limits.maxEntries) {
    throw refuse(`l’archive contient ${count} fichiers (${limits.maxEntries} au plus)`);
  }
  if (offset + size > end) throw refuse('le répertoire de l’archive est incohérent');
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let p = offset;
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || view.getUint32(p, true) !== 0x02014b50) {
      throw refuse('le répertoire de l’archive est incohérent');
    }
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength > end) throw refuse('le répertoire de l’archive est incohérent');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) {
      throw refuse('les archives ZIP64 ne sont pas acceptées');
    }
    if (unsafeName(name)) throw refuse(`l’archive contient un chemin interdit (${name.slice(0, 100)})`);
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      throw refuse(
        `une fois décompressé, il dépasserait ${Math.round(limits.maxUncompressedBytes / (1024 * 1024))} Mo`,
      );
    }
    entries.push({ name, compressedSize, uncompressedSize });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
