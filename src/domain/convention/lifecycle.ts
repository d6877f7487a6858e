/**
 * The life of a convention, from draft to expiry or termination: the status enum's transition
 * table, the one `assertTransition` that maps every illegal move to an error code, and the pure
 * operations (create, edit, submit, sign, cancel, move on with the dates, renew). Each operation
 * returns a new convention; the use cases persist it and write the audit row.
 */

import { DEFAULT_THRESHOLDS, type SecrecyThresholds } from '../secrecy/types.js';
import { AppError, type ErrorCode } from '../shared/app-error.js';
import { addDays, addMonths, compareDates, type IsoDate, isIsoDate } from '../shared/dates.js';
import { frenchTypography } from '../shared/typography.js';
import { contentHash } from './canonical.js';
import { PARTY_KIND_LABELS } from './labels.js';
import {
  type Annex,
  type AnnexKey,
  type Article,
  type ArticleKey,
  allSignatories,
  type Block,
  type Convention,
  type ConventionContent,
  type ConventionPeriod,
  type ConventionStatus,
  type ConventionTerritory,
  chooseVariant,
  currentVersion,
  DEFAULT_DURATION_YEARS,
  defaultPeriod,
  type ListItem,
  localAuthorities,
  type Party,
  type TemplateVariant,
  type TerminationProcedure,
} from './model.js';
import { fillPlaceholders, PLACEHOLDERS, placeholderContext, unknownPlaceholders } from './render.js';
import { addSignature, completionDate, isComplete } from './signatures.js';
import { defaultAnnexes, defaultArticles, defaultPreamble, defaultVisas } from './template.js';

// ─── Transition table ──────────────────────────────────────────────────────────────────────────

export type ConventionEvent =
  | 'edit'
  | 'submit'
  | 'sign'
  | 'complete_signatures'
  | 'cancel_signature'
  | 'enter_into_force'
  | 'expire'
  | 'amend'
  | 'send_formal_notice'
  | 'give_notice'
  | 'remedy'
  | 'terminate'
  | 'renew';

/** Events a signed convention accepts without changing status (its life goes on through them). */
const WHILE_SIGNED = ['amend', 'send_formal_notice', 'give_notice', 'remedy'] as const;

export const TRANSITIONS: Readonly<
  Record<ConventionStatus, Partial<Record<ConventionEvent, ConventionStatus>>>
> = {
  draft: { edit: 'draft', submit: 'in_signature' },
  in_signature: { sign: 'in_signature', complete_signatures: 'signed', cancel_signature: 'draft' },
  signed: {
    ...Object.fromEntries(WHILE_SIGNED.map((e) => [e, 'signed'])),
    enter_into_force: 'in_force',
    expire: 'expired',
    terminate: 'terminated',
  },
  in_force: {
    ...Object.fromEntries(WHILE_SIGNED.map((e) => [e, 'in_force'])),
    expire: 'expired',
    terminate: 'terminated',
    // Renewal creates a new convention; this one keeps its status.
    renew: 'in_force',
  },
  expired: { renew: 'expired' },
  terminated: {},
};

export function canTransition(from: ConventionStatus, event: ConventionEvent): boolean {
  return TRANSITIONS[from][event] !== undefined;
}

/** Why `event` is refused in status `from`: the most helpful code for the person who tried. */
function refusal(from: ConventionStatus, event: ConventionEvent): ErrorCode {
  if (from === 'expired' || from === 'terminated') {
    return event === 'renew' ? 'CONVENTION_NOT_RENEWABLE' : 'CONVENTION_CLOSED';
  }
  switch (event) {
    case 'edit':
      return from === 'in_signature' ? 'CONVENTION_IN_SIGNATURE' : 'CONVENTION_NOT_DRAFT';
    case 'submit':
      return from === 'in_signature' ? 'CONVENTION_IN_SIGNATURE' : 'CONVENTION_NOT_DRAFT';
    case 'sign':
    case 'complete_signatures':
    case 'cancel_signature':
      return from === 'draft' ? 'CONVENTION_NOT_IN_SIGNATURE' : 'CONVENTION_ALREADY_SIGNED';
    case 'enter_into_force':
    case 'expire':
    case 'amend':
    case 'send_formal_notice':
    case 'give_notice':
    case 'remedy':
    case 'terminate':
      return from === 'draft' || from === 'in_signature' ? 'CONVENTION_NOT_SIGNED' : 'ILLEGAL_TRANSITION';
    case 'renew':
      return 'CONVENTION_NOT_RENEWABLE';
  }
}

/** The status after `event`, or an `AppError` saying why the move is not allowed. */
export function assertTransition(from: ConventionStatus, event: ConventionEvent): ConventionStatus {
  const to = TRANSITIONS[from][event];
  if (to === undefined) throw new AppError(refusal(from, event), { details: { from, event } });
  return to;
}

// ─── Creation and editing ──────────────────────────────────────────────────────────────────────

export interface NewConventionInput {
  id: string;
  today: IsoDate;
  territory: ConventionTerritory;
  parties: Party[];
  /** Defaults to `chooseVariant(territory)`. */
  variant?: TemplateVariant;
  /** Defaults to `defaultPeriod(today)`. */
  period?: ConventionPeriod;
  placeOfSignature?: string;
  secrecy?: SecrecyThresholds;
  renewalOf?: string | null;
}

export function assertValidPeriod(period: ConventionPeriod): void {
  if (!isIsoDate(period.start) || !isIsoDate(period.end) || compareDates(period.end, period.start) <= 0) {
    throw new AppError('CONVENTION_PERIOD_INVALID', { details: period });
  }
}

/** A new draft holding the project's default text for its variant. */
export function createConvention(input: NewConventionInput): Convention {
  const variant = input.variant ?? chooseVariant(input.territory);
  const period = input.period ?? defaultPeriod(input.today);
  assertValidPeriod(period);
  const content: ConventionContent = {
    territory: input.territory,
    variant,
    parties: input.parties,
    visas: defaultVisas(),
    preamble: defaultPreamble(variant),
    articles: defaultArticles(variant),
    annexes: defaultAnnexes(variant),
    period,
    placeOfSignature: input.placeOfSignature ?? '',
    secrecy: input.secrecy ?? DEFAULT_THRESHOLDS,
  };
  assertKnownPlaceholders(content);
  return {
    id: input.id,
    status: 'draft',
    createdOn: input.today,
    content,
    signature: null,
    versions: [],
    avenants: [],
    terminations: [],
    closedOn: null,
    renewalOf: input.renewalOf ?? null,
  };
}

function itemTexts(items: ListItem[]): string[] {
  return items.flatMap((item) => [item.text, ...itemTexts(item.items ?? [])]);
}

export function blockTexts(blocks: Block[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === 'list') return itemTexts(block.items);
    if (block.type === 'table') return [...block.columns, ...block.rows.flat()];
    return [block.text];
  });
}

/** Every editable string of the content (titles, visas, blocks), for placeholder checks. */
export function contentTexts(
  content: Pick<ConventionContent, 'visas' | 'preamble' | 'articles' | 'annexes'>,
): string[] {
  return [
    ...content.visas.map((v) => v.text),
    ...blockTexts(content.preamble),
    ...content.articles.flatMap((a) => [a.title, ...blockTexts(a.blocks)]),
    ...content.annexes.flatMap((a) => [a.title, ...blockTexts(a.blocks)]),
  ];
}

export function assertKnownPlaceholders(
  content: Pick<ConventionContent, 'visas' | 'preamble' | 'articles' | 'annexes'>,
): void {
  const unknown = [...new Set(contentTexts(content).flatMap(unknownPlaceholders))];
  if (unknown.length) throw new AppError('CONVENTION_PLACEHOLDER_UNKNOWN', { details: { unknown } });
}

/** Changes a draft's content; anything else is refused (a signed convention changes only by avenant). */
export function editDraft(convention: Convention, patch: Partial<ConventionContent>): Convention {
  assertTransition(convention.status, 'edit');
  const content = { ...convention.content, ...patch };
  assertValidPeriod(content.period);
  assertKnownPlaceholders(content);
  return { ...convention, content };
}

export function replaceArticle(
  articles: Article[],
  key: ArticleKey,
  change: Partial<Omit<Article, 'key'>>,
): Article[] {
  if (!articles.some((a) => a.key === key))
    throw new AppError('CONVENTION_ARTICLE_UNKNOWN', { details: { key } });
  return articles.map((a) => (a.key === key ? { ...a, ...change, key } : a));
}

export function replaceAnnex(annexes: Annex[], key: AnnexKey, change: Partial<Omit<Annex, 'key'>>): Annex[] {
  if (!annexes.some((a) => a.key === key))
    throw new AppError('CONVENTION_ARTICLE_UNKNOWN', { details: { key } });
  return annexes.map((a) => (a.key === key ? { ...a, ...change, key } : a));
}

export function updateArticle(
  convention: Convention,
  key: ArticleKey,
  change: Partial<Pick<Article, 'title' | 'blocks'>>,
): Convention {
  return editDraft(convention, { articles: replaceArticle(convention.content.articles, key, change) });
}

export function updateAnnex(
  convention: Convention,
  key: AnnexKey,
  change: Partial<Pick<Annex, 'title' | 'blocks' | 'attachments'>>,
): Convention {
  return editDraft(convention, { annexes: replaceAnnex(convention.content.annexes, key, change) });
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Switches the template variant. Text the parties have not touched follows the new variant's
 * default; text they edited is kept as they wrote it.
 */
export function changeVariant(convention: Convention, variant: TemplateVariant): Convention {
  const old = convention.content.variant;
  if (old === variant) return convention;
  const oldArticles = defaultArticles(old);
  const newArticles = defaultArticles(variant);
  const oldAnnexes = defaultAnnexes(old);
  const newAnnexes = defaultAnnexes(variant);
  const preamble = sameJson(convention.content.preamble, defaultPreamble(old))
    ? defaultPreamble(variant)
    : convention.content.preamble;
  const articles = convention.content.articles.map((article) => {
    const before = oldArticles.find((a) => a.key === article.key);
    const after = newArticles.find((a) => a.key === article.key);
    if (!before || !after) return article;
    return {
      ...article,
      title: article.title === before.title ? after.title : article.title,
      blocks: sameJson(article.blocks, before.blocks) ? after.blocks : article.blocks,
    };
  });
  const annexes = convention.content.annexes.map((annex) => {
    const before = oldAnnexes.find((a) => a.key === annex.key);
    const after = newAnnexes.find((a) => a.key === annex.key);
    if (!before || !after) return annex;
    return {
      ...annex,
      title: annex.title === before.title ? after.title : annex.title,
      blocks: sameJson(annex.blocks, before.blocks) ? after.blocks : annex.blocks,
    };
  });
  return editDraft(convention, { variant, preamble, articles, annexes });
}

// ─── Completeness and signature ────────────────────────────────────────────────────────────────

export interface MissingInformation {
  code: string;
  label: string;
}

/** What must be filled in before the convention can go to signature, in French. */
export function missingInformation(content: ConventionContent): MissingInformation[] {
  const missing: MissingInformation[] = [];
  if (!content.parties.some((p) => p.role === 'caf')) {
    missing.push({ code: 'caf_party', label: 'La Caf signataire n’est pas renseignée.' });
  }
  if (!localAuthorities(content).length) {
    missing.push({
      code: 'local_authority_party',
      label: 'La collectivité signataire n’est pas renseignée.',
    });
  }
  for (const party of content.parties) {
    if (!party.signatories.length) {
      missing.push({
        code: `signatories:${party.id}`,
        label: `Aucun signataire n’est désigné pour ${party.name} (${PARTY_KIND_LABELS[party.kind]}).`,
      });
    }
  }
  const ids = allSignatories(content).map(({ signatory }) => signatory.id);
  if (new Set(ids).size !== ids.length) {
    missing.push({ code: 'signatory_ids', label: 'Deux signataires portent le même identifiant.' });
  }
  const context = placeholderContext(content);
  const names = new Set(contentTexts(content).flatMap((text) => fillPlaceholders(text, context).missing));
  if (context.values.lieu === null) names.add('lieu');
  for (const name of names) {
    missing.push({
      code: `placeholder:${name}`,
      label: frenchTypography(`À compléter : ${PLACEHOLDERS[name]}.`),
    });
  }
  const deliberation = content.annexes.find((a) => a.key === 'deliberation');
  if (deliberation && !deliberation.attachments.length) {
    missing.push({
      code: 'deliberation_attachment',
      label: `La délibération de l’assemblée délibérante n’est pas jointe (annexe ${deliberation.number}).`,
    });
  }
  return missing;
}

/** Freezes the content and opens the signature round. */
export function submitForSignature(convention: Convention, today: IsoDate): Convention {
  const status = assertTransition(convention.status, 'submit');
  const missing = missingInformation(convention.content);
  if (missing.length) throw new AppError('CONVENTION_INCOMPLETE', { details: { missing } });
  return { ...convention, status, signature: { submittedOn: today, signatures: [] } };
}

/**
 * Records one signatory's signature. The last one makes the convention `signed` and seals its
 * content as version 0 with its SHA-256 hash.
 */
export function recordSignature(convention: Convention, signatoryId: string, signedOn: IsoDate): Convention {
  assertTransition(convention.status, 'sign');
  const round = addSignature(convention.content, convention.signature!, signatoryId, signedOn);
  const next = { ...convention, signature: round };
  return isComplete(convention.content, round) ? completeSignatures(next) : next;
}

/** Seals a fully signed round; refused with `SIGNATURES_MISSING` while someone has not signed. */
export function completeSignatures(convention: Convention): Convention {
  const status = assertTransition(convention.status, 'complete_signatures');
  const signedOn = completionDate(convention.content, convention.signature!);
  return {
    ...convention,
    status,
    versions: [
      {
        number: 0,
        avenantNumber: null,
        signedOn,
        hash: contentHash(convention.content),
        content: convention.content,
      },
    ],
  };
}

/** A signatory refuses or the parties withdraw the text: back to draft, signatures collected so far dropped. */
export function cancelSignature(convention: Convention): Convention {
  const status = assertTransition(convention.status, 'cancel_signature');
  return { ...convention, status, signature: null };
}

// ─── Dates move the convention on ──────────────────────────────────────────────────────────────

/** The period as signed; a later change of the stored text does not move the legal dates. */
export function signedPeriod(convention: Convention): ConventionPeriod {
  return currentVersion(convention)?.content.period ?? convention.content.period;
}

/** The earliest date an outstanding termination procedure takes effect (remedied notices excluded). */
export function terminationEffectiveOn(
  procedures: readonly Pick<TerminationProcedure, 'effectiveOn' | 'remediedOn'>[],
): IsoDate | null {
  const dates = procedures.filter((p) => p.remediedOn === null).map((p) => p.effectiveOn);
  return dates.length ? dates.reduce((a, b) => (compareDates(a, b) <= 0 ? a : b)) : null;
}

/**
 * What the calendar needs to know of a convention to tell its status on a given day: the stored
 * status, the period as signed, and the termination procedures. Lists read only these (not the whole
 * text) from the database.
 */
export interface CalendarFacts {
  status: ConventionStatus;
  signedPeriod: ConventionPeriod;
  terminations: readonly Pick<TerminationProcedure, 'effectiveOn' | 'remediedOn'>[];
}

export function calendarFacts(convention: Convention): CalendarFacts {
  return {
    status: convention.status,
    signedPeriod: signedPeriod(convention),
    terminations: convention.terminations,
  };
}

/**
 * The status a person sees on `today`, from the stored facts alone; every list, page, API answer,
 * document and due item shows this one, and reads never write it back (the calendar job does).
 * A signed convention is in force from its start date, expired the day after its end date,
 * terminated from the day an outstanding termination takes effect (if that comes first); once in
 * force, it never reads as merely signed again. Any other
 * stored status (draft, in signature, expired, terminated) is the status of every day.
 */
export function statusOn(facts: CalendarFacts, today: IsoDate): ConventionStatus {
  if (facts.status !== 'signed' && facts.status !== 'in_force') return facts.status;
  const { start, end } = facts.signedPeriod;
  const terminationOn = terminationEffectiveOn(facts.terminations);
  if (terminationOn && compareDates(terminationOn, today) <= 0 && compareDates(terminationOn, end) <= 0) {
    return 'terminated';
  }
  if (compareDates(today, end) > 0) return 'expired';
  // A convention once in force stays so (a clock read earlier, an avenant moving the start later).
  if (compareDates(today, start) >= 0 || facts.status === 'in_force') return 'in_force';
  return 'signed';
}

/** `statusOn` for a whole convention. */
export function statusAt(convention: Convention, today: IsoDate): ConventionStatus {
  return statusOn(calendarFacts(convention), today);
}

/**
 * The stored statuses a convention may have while it reads `status` on some day: what a list
 * filtered by the status of the day asks the database for before it computes that status.
 */
export function storedStatusesReading(status: ConventionStatus): ConventionStatus[] {
  switch (status) {
    case 'signed':
      return ['signed'];
    case 'in_force':
      return ['signed', 'in_force'];
    case 'expired':
      return ['signed', 'in_force', 'expired'];
    case 'terminated':
      return ['signed', 'in_force', 'terminated'];
    default:
      return [status];
  }
}

export interface DueTransition {
  conventionId: string;
  from: ConventionStatus;
  to: ConventionStatus;
  event: ConventionEvent;
  /** The day the new status began. */
  effectiveOn: IsoDate;
}

/** The change the dates have brought about and that the stored facts do not show yet, if any. */
export function calendarTransition(
  facts: CalendarFacts,
  today: IsoDate,
): Omit<DueTransition, 'conventionId'> | null {
  const to = statusOn(facts, today);
  if (to === facts.status) return null;
  const { start, end } = facts.signedPeriod;
  const event: ConventionEvent =
    to === 'in_force' ? 'enter_into_force' : to === 'expired' ? 'expire' : 'terminate';
  const effectiveOn =
    to === 'in_force'
      ? start
      : to === 'expired'
        ? addDays(end, 1)
        : terminationEffectiveOn(facts.terminations)!;
  assertTransition(facts.status, event);
  return { from: facts.status, to, event, effectiveOn };
}

function dueTransition(convention: Convention, today: IsoDate): DueTransition | null {
  const due = calendarTransition(calendarFacts(convention), today);
  return due ? { conventionId: convention.id, ...due } : null;
}

/** The status changes the dates have brought about and that are not stored yet. */
export function dueTransitions(conventions: readonly Convention[], today: IsoDate): DueTransition[] {
  return conventions.flatMap((c) => dueTransition(c, today) ?? []);
}

/**
 * The convention as it stands on `today`: the due status change applied, with its closing day. Reads
 * show it; a write (`mutateConvention`) stores it before its own change; the calendar job stores it.
 */
export function advance(convention: Convention, today: IsoDate): Convention {
  const due = dueTransition(convention, today);
  if (!due) return convention;
  return {
    ...convention,
    status: due.to,
    closedOn: due.to === 'expired' || due.to === 'terminated' ? due.effectiveOn : convention.closedOn,
  };
}

// ─── Renewal ───────────────────────────────────────────────────────────────────────────────────

/** The period following `period`: four years from the day after its end. */
export function followingPeriod(period: ConventionPeriod): ConventionPeriod {
  const start = addDays(period.end, 1);
  return { start, end: addDays(addMonths(start, DEFAULT_DURATION_YEARS * 12), -1) };
}

/**
 * Renewal is never tacit (article 10): this creates a new draft for the following period from the
 * last consolidated version. The local authorities must deliberate again, so their deliberation
 * dates and the attached deliberation are cleared.
 */
export function renew(convention: Convention, input: { id: string; today: IsoDate }): Convention {
  assertTransition(statusAt(convention, input.today), 'renew');
  const base = currentVersion(convention)?.content ?? convention.content;
  const parties = base.parties.map((party) =>
    party.role === 'local_authority'
      ? {
          ...party,
          signatories: party.signatories.map((s) =>
            s.authority.kind === 'office' ? s : { ...s, authority: { ...s.authority, date: null } },
          ),
        }
      : party,
  );
  const annexes = base.annexes.map((annex) =>
    annex.key === 'deliberation' ? { ...annex, attachments: [] } : annex,
  );
  const period = followingPeriod(signedPeriod(convention));
  return {
    id: input.id,
    status: 'draft',
    createdOn: input.today,
    content: { ...base, parties, annexes, period },
    signature: null,
    versions: [],
    avenants: [],
    terminations: [],
    closedOn: null,
    renewalOf: convention.id,
  };
}

/**
 * A convention is renewed once: when its successor draft exists, a second request (a double click,
 * a second person) is answered with that draft and nothing new is made.
 */
export function renewOnce(
  convention: Convention,
  existingSuccessorId: string | undefined,
  input: { id: string; today: IsoDate },
): { existing: true; id: string } | { existing: false; id: string; renewal: Convention } {
  if (existingSuccessorId) return { existing: true, id: existingSuccessorId };
  const renewal = renew(convention, input);
  return { existing: false, id: renewal.id, renewal };
}
