/**
 * A small longest-common-subsequence diff, by word or by line, to show what an avenant changes
 * (« avant / après »). Written here rather than pulled from a package: the texts are a few pages
 * long, and the output shape is the one the pages and documents need.
 */

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** One step of an alignment: an item kept (both indexes), deleted (`before`) or inserted (`after`). */
export interface AlignStep {
  op: DiffOp;
  before?: number;
  after?: number;
}

/** Aligns two sequences by their longest common subsequence, item by item (nothing merged). */
export function alignSequences(before: readonly string[], after: readonly string[]): AlignStep[] {
  // Common ends are taken out first: an avenant usually changes a few words of a long text.
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  const a = before.slice(prefix, before.length - suffix);
  const b = after.slice(prefix, after.length - suffix);

  // lengths[i][j] = LCS length of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }

  const steps: AlignStep[] = [];
  for (let k = 0; k < prefix; k++) steps.push({ op: 'equal', before: k, after: k });
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      steps.push({ op: 'equal', before: prefix + i++, after: prefix + j++ });
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      steps.push({ op: 'delete', before: prefix + i++ });
    } else {
      steps.push({ op: 'insert', after: prefix + j++ });
    }
  }
  while (i < a.length) steps.push({ op: 'delete', before: prefix + i++ });
  while (j < b.length) steps.push({ op: 'insert', after: prefix + j++ });
  for (let k = 0; k < suffix; k++) {
    steps.push({ op: 'equal', before: before.length - suffix + k, after: after.length - suffix + k });
  }
  return steps;
}

/** Diffs two token sequences; adjacent parts of the same kind are merged. */
export function diffTokens(before: readonly string[], after: readonly string[]): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const step of alignSequences(before, after)) {
    const text = step.op === 'insert' ? after[step.after!]! : before[step.before!]!;
    const last = parts.at(-1);
    if (last && last.op === step.op) last.text += text;
    else parts.push({ op: step.op, text });
  }
  return parts;
}

/** Words and the spaces between them are separate tokens, so the diff rebuilds both texts exactly. */
export function tokenizeWords(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

export function diffWords(before: string, after: string): DiffPart[] {
  return diffTokens(tokenizeWords(before), tokenizeWords(after));
}

/** Each line keeps its line break, so joining the parts gives back the texts. */
export function diffLines(before: string, after: string): DiffPart[] {
  const lines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return diffTokens(lines(before), lines(after));
}

/** The text on one side of a diff: `before` drops insertions, `after` drops deletions. */
export function sideOf(parts: readonly DiffPart[], side: 'before' | 'after'): string {
  const skipped: DiffOp = side === 'before' ? 'insert' : 'delete';
  return parts
    .filter((part) => part.op !== skipped)
    .map((part) => part.text)
    .join('');
}

export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((part) => part.op !== 'equal');
}
