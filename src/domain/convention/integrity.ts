/**
 * Tamper detection: the stored content of a signed convention must hash to the value sealed at its
 * last signature (original or avenant). A difference is a change made without avenant, which
 * article 12 sanctions by termination without notice.
 */

import { canonicalJson, contentHash } from './canonical.js';
import { type Convention, type ConventionContent, currentVersion } from './model.js';
import { renderText } from './render.js';

export interface ContentDifference {
  target: 'article' | 'annex' | 'field';
  key: string;
  /** French label of what differs: « Article 3 – … », « Annexe 3 – … », « Dates de la convention ». */
  label: string;
}

export interface IntegrityReport {
  /** `not_signed`: nothing sealed yet; `intact`: the content is the signed one; `modified`: it is not. */
  state: 'not_signed' | 'intact' | 'modified';
  expectedHash: string | null;
  actualHash: string;
  /** False when the sealed snapshot itself no longer matches its own hash. */
  snapshotIntact: boolean;
  differences: ContentDifference[];
}

const FIELD_LABELS: Record<Exclude<keyof ConventionContent, 'articles' | 'annexes'>, string> = {
  territory: 'Territoire',
  variant: 'Modèle de convention',
  parties: 'Parties et signataires',
  visas: 'Visas',
  preamble: 'Préambule',
  period: 'Dates de la convention',
  placeOfSignature: 'Lieu de signature',
  secrecy: 'Règles de secret statistique',
};

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** What differs between two contents, article by article and annex by annex. */
export function contentDifferences(before: ConventionContent, after: ConventionContent): ContentDifference[] {
  const differences: ContentDifference[] = [];
  for (const field of Object.keys(FIELD_LABELS) as Array<keyof typeof FIELD_LABELS>) {
    if (!same(before[field], after[field])) {
      differences.push({ target: 'field', key: field, label: FIELD_LABELS[field] });
    }
  }
  const articleKeys = new Set([...before.articles, ...after.articles].map((a) => a.key));
  for (const key of articleKeys) {
    const a = before.articles.find((x) => x.key === key);
    const b = after.articles.find((x) => x.key === key);
    if (!same(a, b)) {
      const ref = (b ?? a)!;
      differences.push({
        target: 'article',
        key,
        label: `Article ${ref.number} – ${renderText(ref.title, after)}`,
      });
    }
  }
  const annexKeys = new Set([...before.annexes, ...after.annexes].map((a) => a.key));
  for (const key of annexKeys) {
    const a = before.annexes.find((x) => x.key === key);
    const b = after.annexes.find((x) => x.key === key);
    if (!same(a, b)) {
      const ref = (b ?? a)!;
      differences.push({
        target: 'annex',
        key,
        label: `Annexe ${ref.number} – ${renderText(ref.title, after)}`,
      });
    }
  }
  return differences;
}

export function verifyIntegrity(convention: Convention): IntegrityReport {
  const actualHash = contentHash(convention.content);
  const version = currentVersion(convention);
  if (!version) {
    return { state: 'not_signed', expectedHash: null, actualHash, snapshotIntact: true, differences: [] };
  }
  const snapshotIntact = contentHash(version.content) === version.hash;
  const intact = actualHash === version.hash && snapshotIntact;
  return {
    state: intact ? 'intact' : 'modified',
    expectedHash: version.hash,
    actualHash,
    snapshotIntact,
    differences: intact ? [] : contentDifferences(version.content, convention.content),
  };
}
