/**
 * Writes the fingerprints of the seed convention's sentences and runs of ten words into
 * src/domain/convention/fixtures/seed-fingerprints.txt, which the template test compares the default
 * template against. Run again when the seed or the way of cutting text changes:
 * `npx tsx scripts/extract-seed-fingerprints.ts [PATH_TO_SEED]` (default: ../shared/seeds/… beside the clone).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprintsOf, formatFingerprints, RUN_LENGTH } from '../src/domain/convention/copy-check.js';

const seedPath =
  process.argv[2] ?? fileURLToPath(new URL('../../shared/seeds/000_59c0d9eef38894a1.txt', import.meta.url));
const out = fileURLToPath(
  new URL('../src/domain/convention/fixtures/seed-fingerprints.txt', import.meta.url),
);
const seed = readFileSync(seedPath, 'utf8');
const prints = fingerprintsOf(seed);
writeFileSync(
  out,
  formatFingerprints(prints, [
    `Fingerprints of the seed convention shared/seeds/${basename(seedPath)}`,
    `(sha256 ${createHash('sha256').update(seed).digest('hex')}): its sentences of eight words or more`,
    `and its runs of ${RUN_LENGTH} consecutive words, normalised and hashed by src/domain/convention/copy-check.ts.`,
    'Made by scripts/extract-seed-fingerprints.ts; the seed itself is not in the repository.',
  ]),
);
console.log(`${prints.sentences.size} phrases, ${prints.runs.size} suites de ${RUN_LENGTH} mots : ${out}`);
