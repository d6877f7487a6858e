/**
 * How the default template is checked for text copied from the seed convention: both texts are cut
 * into normalised sentences (eight words or more) and runs of ten consecutive words, and compared by
 * fingerprint. The seed itself stays out of the repository (it names real people); only the
 * fingerprints of its sentences and runs are kept (`fixtures/seed-fingerprints.txt`, made by
 * `scripts/extract-seed-fingerprints.ts`).
 */

export const RUN_LENGTH = 10;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/[*_«»"“”()[\]{}]/g, ' ')
    .replace(/[^\S\n]+/g, ' ')
    .trim();
}

/** Sentences, and the pieces between semicolons and colons, as the seed's lists are built of them. */
export function sentences(text: string): string[] {
  return normalise(text)
    .split(/[.;:!?\n]|\s[-–•▪▶]\s/)
    .map((s) =>
      s
        .replace(/^[\s\-–•▪▶\d]+/, '')
        .replace(/[,\s]+$/, '')
        .trim(),
    )
    .filter((s) => s.split(' ').length >= 8);
}

function words(text: string): string[] {
  return normalise(text)
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

/**
 * Official names and titles both texts must use as they are: the name of a law, of an authority,
 * of a departmental scheme.
 */
const OFFICIAL_NAMES = [
  'loi n° 78-17 du 6 janvier 1978',
  'Commission nationale de l’informatique et des libertés',
  'schéma départemental des services aux familles et de l’animation de la vie sociale',
].map((name) => words(name).join(' '));

/** Every run of `size` consecutive words, official names cut out. */
export function runs(text: string, size = RUN_LENGTH): Set<string> {
  let joined = words(text).join(' ');
  for (const name of OFFICIAL_NAMES) joined = joined.split(name).join(' | ');
  const out = new Set<string>();
  for (const segment of joined.split('|')) {
    const w = segment.split(' ').filter(Boolean);
    for (let i = 0; i + size <= w.length; i++) out.add(w.slice(i, i + size).join(' '));
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A 48-bit fingerprint of a normalised piece of text, 8 characters: two independent 32-bit FNV-1a
 * hashes (different offsets), of which 48 bits are kept. Among the template's few thousand pieces
 * and the seed's tens of thousands, a chance collision is about one in a million.
 */
export function fingerprint(piece: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = (b ^ (b >>> 15)) >>> 0;
  }
  let bits = (BigInt(a) << 16n) | BigInt(b & 0xffff);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[Number(bits & 63n)] + out;
    bits >>= 6n;
  }
  return out;
}

export interface Fingerprints {
  sentences: Set<string>;
  runs: Set<string>;
}

/** The fingerprints of a text's sentences and runs. */
export function fingerprintsOf(text: string): Fingerprints {
  return {
    sentences: new Set(sentences(text).map(fingerprint)),
    runs: new Set([...runs(text)].map(fingerprint)),
  };
}

/** Written form: comment lines (`#`), then `[sentences]` and `[runs]` sections, one fingerprint a line. */
export function formatFingerprints(prints: Fingerprints, comments: string[]): string {
  return [
    ...comments.map((c) => `# ${c}`),
    '[sentences]',
    ...[...prints.sentences].sort(),
    '[runs]',
    ...[...prints.runs].sort(),
    '',
  ].join('\n');
}

export function parseFingerprints(text: string): Fingerprints {
  const out: Fingerprints = { sentences: new Set(), runs: new Set() };
  let section: Set<string> | null = null;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    if (line === '[sentences]') section = out.sentences;
    else if (line === '[runs]') section = out.runs;
    else if (section && /^[A-Za-z0-9_-]{8}$/.test(line)) section.add(line);
    else throw new Error(`Empreinte illisible : ${line}`);
  }
  return out;
}
