/**
 * The canonical form of what the parties sign, and its SHA-256 fingerprint. The hash is taken at
 * signature and after each avenant; recomputing it later tells whether the stored text was changed
 * without an avenant (article 12: termination without notice).
 */

import { createHash } from 'node:crypto';
import type { ConventionContent } from './model.js';

/**
 * JSON with object keys sorted and `undefined` members dropped, so that the same content always
 * gives the same bytes whatever the order its fields were set in. Arrays keep their order: the
 * order of articles, list items and visas is part of the text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('Nombre non fini dans le contenu');
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The signed content in canonical JSON: territory, variant, parties and their signatories, visas,
 * preamble, articles, annexes (with the fingerprints of attached files), dates, place and the
 * secrecy thresholds. Signature dates are not part of it: they are recorded after the text is frozen.
 */
export function canonicalContent(content: ConventionContent): string {
  const signed = {
    formatVersion: 1,
    territory: content.territory,
    variant: content.variant,
    parties: content.parties,
    visas: content.visas,
    preamble: content.preamble,
    articles: content.articles,
    annexes: content.annexes,
    period: content.period,
    placeOfSignature: content.placeOfSignature,
    secrecy: content.secrecy,
  } satisfies Record<keyof ConventionContent | 'formatVersion', unknown>;
  return canonicalJson(signed);
}

/** SHA-256 of the canonical content, lowercase hex. */
export function contentHash(content: ConventionContent): string {
  return createHash('sha256').update(canonicalContent(content), 'utf8').digest('hex');
}
