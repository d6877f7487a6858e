/**
 * What changed between two states of a convention, in the words a person reads when their page is
 * stale: « Article 3 modifié », « Période modifiée », with the text now saved for an article or an
 * annex, so they can compare it with what they were typing.
 */
import { formatFrenchDateTime } from '../shared/dates.js';
import { canonicalJson } from './canonical.js';
import { STATUS_LABELS } from './labels.js';
import type { Block, Convention, ListItem } from './model.js';

export interface ChangedPart {
  /** « Article 3 », « Annexe 2 », « Période ». */
  label: string;
  /** The past participle agreeing with the label: « modifié », « modifiée », « modifiés ». */
  participle: string;
  /** The text as saved by the change, for articles, annexes and avenant purposes. */
  text?: string;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function listText(items: readonly ListItem[], depth: number): string[] {
  return items.flatMap((item) => [
    `${'  '.repeat(depth)}- ${item.text}`,
    ...listText(item.items ?? [], depth + 1),
  ]);
}

/** Blocks as plain text, one block per paragraph, the way the edit forms show them. */
export function blocksAsText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
          return `## ${b.text}`;
        case 'paragraph':
          return b.text;
        case 'list':
          return listText(b.items, 0).join('\n');
        default:
          return [b.columns, ...b.rows].map((row) => row.join(' | ')).join('\n');
      }
    })
    .join('\n\n');
}

/** The parts of the convention that differ between `before` and `after`, in the order of the text. */
export function changedParts(before: Convention, after: Convention): ChangedPart[] {
  const parts: ChangedPart[] = [];
  const b = before.content;
  const a = after.content;
  if (before.status !== after.status) {
    parts.push({
      label: `État de la convention (${STATUS_LABELS[before.status]} → ${STATUS_LABELS[after.status]})`,
      participle: 'modifié',
    });
  }
  if (b.variant !== a.variant) parts.push({ label: 'Modèle de convention', participle: 'modifié' });
  if (!same(b.period, a.period)) parts.push({ label: 'Période', participle: 'modifiée' });
  if (b.placeOfSignature !== a.placeOfSignature)
    parts.push({ label: 'Lieu de signature', participle: 'modifié', text: a.placeOfSignature });
  if (!same(b.parties, a.parties)) parts.push({ label: 'Parties et signataires', participle: 'modifiés' });
  if (!same(b.visas, a.visas)) parts.push({ label: 'Visas', participle: 'modifiés' });
  if (!same(b.preamble, a.preamble))
    parts.push({ label: 'Préambule', participle: 'modifié', text: blocksAsText(a.preamble) });
  for (const article of a.articles) {
    const old = b.articles.find((x) => x.key === article.key);
    if (!old || old.title !== article.title || !same(old.blocks, article.blocks)) {
      parts.push({
        label: `Article ${article.number}`,
        participle: 'modifié',
        text: blocksAsText(article.blocks),
      });
    }
  }
  for (const annex of a.annexes) {
    const old = b.annexes.find((x) => x.key === annex.key);
    if (!old || !same(old, annex)) {
      parts.push({
        label: `Annexe ${annex.number}`,
        participle: 'modifiée',
        text: blocksAsText(annex.blocks),
      });
    }
  }
  for (const avenant of after.avenants) {
    const old = before.avenants.find((x) => x.id === avenant.id);
    if (!old) {
      parts.push({ label: `Avenant n° ${avenant.number}`, participle: 'ouvert', text: avenant.purpose });
    } else if (!same(old, avenant)) {
      parts.push({ label: `Avenant n° ${avenant.number}`, participle: 'modifié' });
    }
  }
  if (
    !same(before.signature, after.signature) &&
    before.status === after.status &&
    after.signature !== null
  ) {
    parts.push({ label: 'Signatures', participle: 'modifiées' });
  }
  if (!same(before.terminations, after.terminations))
    parts.push({ label: 'Procédures de résiliation', participle: 'modifiées' });
  return parts;
}

/** « Article 3 modifié par Marie Dupont le 1er décembre 2026 à 10 h 42 ». */
export function changeSentence(part: ChangedPart, by: string, at: Date): string {
  return `${part.label} ${part.participle} par ${by} le ${formatFrenchDateTime(at)}`;
}
