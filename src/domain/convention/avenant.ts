/**
 * Avenants: the only way a signed convention changes (article 11). An avenant replaces whole
 * articles or annexes (and may move the dates), shows each change as a before/after diff, is signed
 * by every party, and then yields the next consolidated version; earlier versions stay readable.
 */

import { createHash } from 'node:crypto';
import { AppError } from '../shared/app-error.js';
import { formatFrenchDate, type IsoDate } from '../shared/dates.js';
import { frenchTypography } from '../shared/typography.js';
import { diffBlocks, type SectionChange } from './block-diff.js';
import { canonicalJson, contentHash } from './canonical.js';
import { type DiffPart, diffWords, hasChanges } from './diff.js';
import { versionLabel } from './labels.js';
import {
  assertKnownPlaceholders,
  assertTransition,
  assertValidPeriod,
  replaceAnnex,
  replaceArticle,
  statusAt,
} from './lifecycle.js';
import type {
  Annex,
  AnnexKey,
  Article,
  ArticleKey,
  Avenant,
  AvenantChanges,
  Block,
  Convention,
  ConventionContent,
  ConventionVersion,
  ListItem,
} from './model.js';
import { currentVersion } from './model.js';
import { renderBlocks, renderText } from './render.js';
import { addSignature, completionDate, isComplete } from './signatures.js';

// ─── Consolidation ─────────────────────────────────────────────────────────────────────────────

/** The content once the changes are applied: each changed article or annex replaces the one with its key. */
export function consolidate(base: ConventionContent, changes: AvenantChanges): ConventionContent {
  let articles = base.articles;
  for (const article of changes.articles) articles = replaceArticle(articles, article.key, article);
  let annexes = base.annexes;
  for (const annex of changes.annexes) annexes = replaceAnnex(annexes, annex.key, annex);
  return { ...base, articles, annexes, period: changes.period ?? base.period };
}

function signedBase(convention: Convention): ConventionContent {
  const version = currentVersion(convention);
  if (!version) throw new AppError('CONVENTION_NOT_SIGNED', { details: { status: convention.status } });
  return version.content;
}

function findAvenant(convention: Convention, avenantId: string): Avenant {
  const avenant = convention.avenants.find((a) => a.id === avenantId);
  if (!avenant) throw new AppError('AVENANT_NOT_FOUND', { details: { avenantId } });
  return avenant;
}

function withAvenant(convention: Convention, avenant: Avenant): Convention {
  return { ...convention, avenants: convention.avenants.map((a) => (a.id === avenant.id ? avenant : a)) };
}

// ─── Preparation ───────────────────────────────────────────────────────────────────────────────

export function createAvenant(
  convention: Convention,
  input: { id: string; today: IsoDate; purpose: string },
): Convention {
  assertTransition(statusAt(convention, input.today), 'amend');
  if (convention.avenants.some((a) => a.status === 'draft' || a.status === 'in_signature')) {
    throw new AppError('AVENANT_ALREADY_OPEN');
  }
  const number = convention.avenants.filter((a) => a.status === 'signed').length + 1;
  const avenant: Avenant = {
    id: input.id,
    number,
    status: 'draft',
    createdOn: input.today,
    purpose: input.purpose,
    changes: { articles: [], annexes: [] },
    signature: null,
    signedOn: null,
    cancelledOn: null,
  };
  return { ...convention, avenants: [...convention.avenants, avenant] };
}

/** Replaces the avenant's changes (a change equal to the signed text is dropped: it changes nothing). */
export function editAvenant(
  convention: Convention,
  avenantId: string,
  edit: { purpose?: string; changes?: Partial<AvenantChanges> },
): Convention {
  const avenant = findAvenant(convention, avenantId);
  if (avenant.status !== 'draft')
    throw new AppError('AVENANT_NOT_DRAFT', { details: { status: avenant.status } });
  const base = signedBase(convention);
  const merged: AvenantChanges = { ...avenant.changes, ...edit.changes };
  const articles = merged.articles.filter((changed) => {
    const signed = base.articles.find((a) => a.key === changed.key);
    if (!signed) throw new AppError('CONVENTION_ARTICLE_UNKNOWN', { details: { key: changed.key } });
    return canonicalJson(signed) !== canonicalJson(changed);
  });
  const annexes = merged.annexes.filter((changed) => {
    const signed = base.annexes.find((a) => a.key === changed.key);
    if (!signed) throw new AppError('CONVENTION_ARTICLE_UNKNOWN', { details: { key: changed.key } });
    return canonicalJson(signed) !== canonicalJson(changed);
  });
  if (merged.period) assertValidPeriod(merged.period);
  const period =
    merged.period && canonicalJson(merged.period) !== canonicalJson(base.period) ? merged.period : undefined;
  assertKnownPlaceholders({ visas: [], preamble: [], articles, annexes });
  const changes: AvenantChanges = period ? { articles, annexes, period } : { articles, annexes };
  return withAvenant(convention, { ...avenant, purpose: edit.purpose ?? avenant.purpose, changes });
}

/** Current text of an article within the avenant: its pending change, or the signed text. */
function pendingArticle(convention: Convention, avenant: Avenant, key: ArticleKey): Article {
  const article =
    avenant.changes.articles.find((a) => a.key === key) ??
    signedBase(convention).articles.find((a) => a.key === key);
  if (!article) throw new AppError('CONVENTION_ARTICLE_UNKNOWN', { details: { key } });
  return article;
}

function pendingAnnex(convention: Convention, avenant: Avenant, key: AnnexKey): Annex {
  const annex =
    avenant.changes.annexes.find((a) => a.key === key) ??
    signedBase(convention).annexes.find((a) => a.key === key);
  if (!annex) throw new AppError('CONVENTION_ARTICLE_UNKNOWN', { details: { key } });
  return annex;
}

export function amendArticle(
  convention: Convention,
  avenantId: string,
  key: ArticleKey,
  change: Partial<Pick<Article, 'title' | 'blocks'>>,
): Convention {
  const avenant = findAvenant(convention, avenantId);
  const article = { ...pendingArticle(convention, avenant, key), ...change };
  const articles = [...avenant.changes.articles.filter((a) => a.key !== key), article];
  return editAvenant(convention, avenantId, { changes: { articles } });
}

export function amendAnnex(
  convention: Convention,
  avenantId: string,
  key: AnnexKey,
  change: Partial<Pick<Annex, 'title' | 'blocks' | 'attachments'>>,
): Convention {
  const avenant = findAvenant(convention, avenantId);
  const annex = { ...pendingAnnex(convention, avenant, key), ...change };
  const annexes = [...avenant.changes.annexes.filter((a) => a.key !== key), annex];
  return editAvenant(convention, avenantId, { changes: { annexes } });
}

// ─── What changes ──────────────────────────────────────────────────────────────────────────────

/** An article or annex as plain lines: headings, paragraphs, list items (indented), table rows. */
export function blocksToText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  const items = (list: ListItem[], depth: number) => {
    for (const item of list) {
      lines.push(`${'  '.repeat(depth)}– ${item.text}`);
      if (item.items) items(item.items, depth + 1);
    }
  };
  for (const block of blocks) {
    if (block.type === 'list') items(block.items, 0);
    else if (block.type === 'table') {
      lines.push(block.columns.join(' | '));
      for (const row of block.rows) lines.push(row.join(' | '));
    } else lines.push(block.text);
  }
  return lines.join('\n');
}

/** The section as people read it, placeholders filled: its title, its blocks, its attached files. */
function sectionBlocks(
  section: { title: string; blocks: Block[]; attachments?: Annex['attachments'] },
  content: ConventionContent,
): Block[] {
  const files = (section.attachments ?? []).map(
    (f): Block => ({
      type: 'paragraph',
      text: frenchTypography(`Pièce jointe : ${f.fileName} (empreinte SHA-256 ${f.sha256})`),
    }),
  );
  return [
    { type: 'paragraph', text: renderText(section.title, content) },
    ...renderBlocks(section.blocks, content),
    ...files,
  ];
}

export interface Modification {
  target: 'article' | 'annex' | 'period';
  key: string;
  /** « Article 3 – … », « Annexe 3 – … », « Durée de la convention ». */
  label: string;
  before: string;
  after: string;
  /** Word-level diff of `before` into `after`. */
  diff: DiffPart[];
  /** The same changes block by block, tables compared as tables (row by row, cell by cell). */
  changes: SectionChange[];
}

function sectionModification(
  target: 'article' | 'annex',
  key: string,
  label: string,
  beforeBlocks: Block[],
  afterBlocks: Block[],
): Modification | null {
  const before = blocksToText(beforeBlocks);
  const after = blocksToText(afterBlocks);
  const diff = diffWords(before, after);
  if (!hasChanges(diff)) return null;
  return { target, key, label, before, after, diff, changes: diffBlocks(beforeBlocks, afterBlocks) };
}

/** The changes an avenant makes to the signed text, in article then annex order. */
export function avenantModifications(convention: Convention, avenantId: string): Modification[] {
  const avenant = findAvenant(convention, avenantId);
  const base = amendedVersion(convention, avenant).content;
  const after = consolidate(base, avenant.changes);
  const modifications: Modification[] = [];
  for (const article of base.articles) {
    const changed = after.articles.find((a) => a.key === article.key)!;
    const modification = sectionModification(
      'article',
      article.key,
      `Article ${changed.number} – ${renderText(changed.title, after)}`,
      sectionBlocks(article, base),
      sectionBlocks(changed, after),
    );
    if (modification) modifications.push(modification);
  }
  for (const annex of base.annexes) {
    const changed = after.annexes.find((a) => a.key === annex.key)!;
    const modification = sectionModification(
      'annex',
      annex.key,
      `Annexe ${changed.number} – ${renderText(changed.title, after)}`,
      sectionBlocks(annex, base),
      sectionBlocks(changed, after),
    );
    if (modification) modifications.push(modification);
  }
  if (canonicalJson(base.period) !== canonicalJson(after.period)) {
    const text = (p: ConventionContent['period']) =>
      `Du ${formatFrenchDate(p.start)} au ${formatFrenchDate(p.end)}`;
    const before = text(base.period);
    const changed = text(after.period);
    const diff = diffWords(before, changed);
    modifications.push({
      target: 'period',
      key: 'period',
      label: 'Durée de la convention',
      before,
      after: changed,
      diff,
      changes: [{ kind: 'text', parts: diff }],
    });
  }
  return modifications;
}

/** The signed version an avenant amends: for a signed avenant, the one before the version it made. */
function amendedVersion(convention: Convention, avenant: Avenant): ConventionVersion {
  const index = convention.versions.findIndex((v) => v.avenantNumber === avenant.number);
  const version = index > 0 ? convention.versions[index - 1] : currentVersion(convention);
  if (!version) throw new AppError('CONVENTION_NOT_SIGNED', { details: { status: convention.status } });
  return version;
}

/** Everything the document of an avenant is made of, computed from the avenant's content alone. */
export interface AvenantText {
  avenant: Avenant;
  /** The version the avenant amends, its text and its seal. */
  amended: ConventionVersion;
  /** The convention as signed first (its date is the one the avenant refers to). */
  original: ConventionVersion;
  /** The text once the avenant applies, and the SHA-256 it is sealed with at signature. */
  consolidated: ConventionContent;
  consolidatedHash: string;
  modifications: Modification[];
  /** SHA-256 of what the avenant itself says: the version amended, its number, purpose and changes. */
  hash: string;
}

export function avenantText(convention: Convention, avenantId: string): AvenantText {
  const avenant = findAvenant(convention, avenantId);
  const amended = amendedVersion(convention, avenant);
  const consolidated = consolidate(amended.content, avenant.changes);
  const hash = createHash('sha256')
    .update(
      canonicalJson({
        formatVersion: 1,
        amends: amended.hash,
        number: avenant.number,
        purpose: avenant.purpose,
        changes: avenant.changes,
      }),
      'utf8',
    )
    .digest('hex');
  return {
    avenant,
    amended,
    original: convention.versions[0]!,
    consolidated,
    consolidatedHash: contentHash(consolidated),
    modifications: avenantModifications(convention, avenantId),
    hash,
  };
}

// ─── Signature ─────────────────────────────────────────────────────────────────────────────────

export function submitAvenant(convention: Convention, avenantId: string, today: IsoDate): Convention {
  assertTransition(statusAt(convention, today), 'amend');
  const avenant = findAvenant(convention, avenantId);
  if (avenant.status !== 'draft')
    throw new AppError('AVENANT_NOT_DRAFT', { details: { status: avenant.status } });
  if (!avenantModifications(convention, avenantId).length) throw new AppError('AVENANT_EMPTY');
  return withAvenant(convention, {
    ...avenant,
    status: 'in_signature',
    signature: { submittedOn: today, signatures: [] },
  });
}

/**
 * Records a party's signature of the avenant. Every signatory of the convention signs; the last
 * signature makes the consolidated text the convention's content and seals it as a new version.
 */
export function signAvenant(
  convention: Convention,
  avenantId: string,
  signatoryId: string,
  signedOn: IsoDate,
): Convention {
  const avenant = findAvenant(convention, avenantId);
  if (avenant.status !== 'in_signature') {
    throw new AppError('AVENANT_NOT_IN_SIGNATURE', { details: { status: avenant.status } });
  }
  assertTransition(statusAt(convention, signedOn), 'amend');
  const base = signedBase(convention);
  const round = addSignature(base, avenant.signature!, signatoryId, signedOn);
  if (!isComplete(base, round)) return withAvenant(convention, { ...avenant, signature: round });

  const concludedOn = completionDate(base, round);
  const content = consolidate(base, avenant.changes);
  const version: ConventionVersion = {
    number: convention.versions.length,
    avenantNumber: avenant.number,
    signedOn: concludedOn,
    hash: contentHash(content),
    content,
  };
  return {
    ...withAvenant(convention, { ...avenant, status: 'signed', signature: round, signedOn: concludedOn }),
    content,
    versions: [...convention.versions, version],
  };
}

export function cancelAvenant(convention: Convention, avenantId: string, today: IsoDate): Convention {
  const avenant = findAvenant(convention, avenantId);
  if (avenant.status !== 'draft' && avenant.status !== 'in_signature') {
    throw new AppError('AVENANT_NOT_DRAFT', { details: { status: avenant.status } });
  }
  return withAvenant(convention, { ...avenant, status: 'cancelled', cancelledOn: today });
}

// ─── History ───────────────────────────────────────────────────────────────────────────────────

export interface VersionSummary {
  number: number;
  /** « Convention initiale », « Avenant n° 1 ». */
  label: string;
  avenantNumber: number | null;
  avenantId: string | null;
  purpose: string | null;
  signedOn: IsoDate;
  hash: string;
}

export function versionHistory(convention: Convention): VersionSummary[] {
  return convention.versions.map((version) => {
    const avenant = convention.avenants.find(
      (a) => a.status === 'signed' && a.number === version.avenantNumber,
    );
    return {
      number: version.number,
      label: versionLabel(version.avenantNumber),
      avenantNumber: version.avenantNumber,
      avenantId: avenant?.id ?? null,
      purpose: avenant?.purpose ?? null,
      signedOn: version.signedOn,
      hash: version.hash,
    };
  });
}

/** The text as it stood at a version (0: as originally signed). */
export function contentAtVersion(convention: Convention, number: number): ConventionContent {
  const version = convention.versions.find((v) => v.number === number);
  if (!version) throw new AppError('NOT_FOUND', { details: { version: number } });
  return version.content;
}
