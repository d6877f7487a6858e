/**
 * The convention territoriale globale as data: the territory it covers, its parties and their
 * signatories, the visas, the template variant, the period, its structured text, and the records
 * of its life (signature rounds, signed versions, avenants, termination procedures).
 * Everything a user reads is stored as a code here; the French wording lives in `labels.ts`.
 */

import type { SecrecyThresholds } from '../secrecy/types.js';
import { type IsoDate, parseIsoDate, toIsoDate } from '../shared/dates.js';

// ─── Territory and template variant ────────────────────────────────────────────────────────────

/** A single commune, an EPCI, or several communes signing one convention together. */
export type TerritoryKind = 'commune' | 'epci' | 'communes';

/** Legal nature of an EPCI; it decides how the text names it (« la communauté d'agglomération … »). */
export type EpciNature = 'cc' | 'ca' | 'cu' | 'metropole' | 'other';

export interface ConventionTerritory {
  kind: TerritoryKind;
  /** INSEE codes of the communes (5 characters) or the SIREN of the EPCI (9 digits). */
  codes: string[];
  /** Proper name as written in the text: « Carrières-sur-Seine », « Saint Germain Boucles de Seine ». */
  name: string;
  /** Municipal population (Insee) of the whole territory. */
  population: number;
  epciNature?: EpciNature;
}

export type TemplateVariant = 'commune_over_5000' | 'commune_under_5000' | 'intercommunality';

export const TEMPLATE_VARIANTS: readonly TemplateVariant[] = [
  'commune_over_5000',
  'commune_under_5000',
  'intercommunality',
];

/** The population from which a commune takes the « plus de 5 000 habitants » template. */
export const LARGE_COMMUNE_THRESHOLD = 5000;

/**
 * The template a territory starts with. Several communes signing together are worded like an
 * intercommunality: the text speaks of a territory made of several communes, not of one town hall.
 * The caller may still change the variant afterwards.
 */
export function chooseVariant(territory: Pick<ConventionTerritory, 'kind' | 'population'>): TemplateVariant {
  if (territory.kind !== 'commune') return 'intercommunality';
  return territory.population >= LARGE_COMMUNE_THRESHOLD ? 'commune_over_5000' : 'commune_under_5000';
}

// ─── Parties and signatories ───────────────────────────────────────────────────────────────────

export type PartyRole = 'caf' | 'local_authority' | 'partner';
export type PartyKind = 'caf' | 'commune' | 'epci' | 'departement' | 'state' | 'msa' | 'other';
export type Civility = 'madame' | 'monsieur';

export type SignatoryFunction =
  | 'board_chair'
  | 'director'
  | 'mayor'
  | 'epci_president'
  | 'departement_president'
  | 'prefect'
  | 'msa_president'
  | 'msa_director'
  | 'other';

/** What entitles a signatory to sign: a deliberation of an assembly (dated) or the office itself. */
export type AuthorityKind =
  | 'board_deliberation'
  | 'municipal_council_deliberation'
  | 'community_council_deliberation'
  | 'departmental_council_deliberation'
  | 'office';

export interface SignatoryAuthority {
  kind: AuthorityKind;
  /** Date of the deliberation; null while it is not yet taken. */
  date: IsoDate | null;
  /** Optional reference of the act (« n° 2024-112 »). */
  reference?: string;
}

export interface Signatory {
  id: string;
  civility: Civility;
  firstName: string;
  lastName: string;
  function: SignatoryFunction;
  /** Free wording, used only when `function` is `other`. */
  functionText?: string;
  authority: SignatoryAuthority;
}

export interface Party {
  id: string;
  role: PartyRole;
  kind: PartyKind;
  /** Full legal name: « Caisse d'allocations familiales des Yvelines », « Commune de Carrières-sur-Seine ». */
  name: string;
  /** How the text names the party, with its article: « la Caf des Yvelines », « la commune de Carrières-sur-Seine ». */
  designation: string;
  signatories: Signatory[];
}

// ─── Text ──────────────────────────────────────────────────────────────────────────────────────

export interface ListItem {
  text: string;
  items?: ListItem[];
}

/**
 * A piece of text. Strings may hold placeholders (`{collectivite}`, `{date_fin}` …) filled from the
 * convention when rendered, so that a change of dates or names never leaves stale wording behind.
 */
export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: ListItem[] }
  | { type: 'table'; columns: string[]; rows: string[][] };

export type ArticleKey =
  | 'object'
  | 'caf_fields'
  | 'local_authority_fields'
  | 'shared_objectives'
  | 'commitments'
  | 'collaboration'
  | 'data_exchange'
  | 'communication'
  | 'evaluation'
  | 'duration'
  | 'formal_execution'
  | 'termination'
  | 'disputes'
  | 'confidentiality';

export interface Article {
  number: number;
  key: ArticleKey;
  title: string;
  blocks: Block[];
}

export type AnnexKey =
  | 'diagnostic'
  | 'action_plan'
  | 'facilities'
  | 'steering'
  | 'cooperation_officer'
  | 'evaluation'
  | 'deliberation';

/** Where an annex's content comes from: written in the platform, produced by the diagnostic, or uploaded. */
export type AnnexSource = 'text' | 'diagnostic' | 'upload';

export interface Attachment {
  fileName: string;
  mediaType: string;
  byteLength: number;
  /** SHA-256 of the file, hex; it enters the convention's hash so a swapped file is detected. */
  sha256: string;
}

export interface Annex {
  number: number;
  key: AnnexKey;
  title: string;
  source: AnnexSource;
  blocks: Block[];
  attachments: Attachment[];
}

export interface Visa {
  id: string;
  text: string;
}

export interface ConventionPeriod {
  start: IsoDate;
  end: IsoDate;
}

/** Everything the parties sign: what the hash covers and what an avenant may change. */
export interface ConventionContent {
  territory: ConventionTerritory;
  variant: TemplateVariant;
  parties: Party[];
  visas: Visa[];
  preamble: Block[];
  articles: Article[];
  annexes: Annex[];
  period: ConventionPeriod;
  placeOfSignature: string;
  /** Article 7's statistical secrecy rules, as parameters. */
  secrecy: SecrecyThresholds;
}

// ─── Life of the convention ────────────────────────────────────────────────────────────────────

export type ConventionStatus = 'draft' | 'in_signature' | 'signed' | 'in_force' | 'expired' | 'terminated';

export const CONVENTION_STATUSES: readonly ConventionStatus[] = [
  'draft',
  'in_signature',
  'signed',
  'in_force',
  'expired',
  'terminated',
];

export interface SignatureRecord {
  partyId: string;
  signatoryId: string;
  signedOn: IsoDate;
}

/** One round of signature: the content is frozen from `submittedOn` until every signatory has signed. */
export interface SignatureRound {
  submittedOn: IsoDate;
  signatures: SignatureRecord[];
}

/** A signed state of the content: the original convention (number 0) or the result of avenant n. */
export interface ConventionVersion {
  number: number;
  avenantNumber: number | null;
  signedOn: IsoDate;
  hash: string;
  content: ConventionContent;
}

export type AvenantStatus = 'draft' | 'in_signature' | 'signed' | 'cancelled';

/** What an avenant replaces: whole articles and annexes (by key) and, optionally, the period. */
export interface AvenantChanges {
  articles: Article[];
  annexes: Annex[];
  period?: ConventionPeriod;
}

export interface Avenant {
  id: string;
  number: number;
  status: AvenantStatus;
  createdOn: IsoDate;
  /** Why the parties amend the convention, in their words. */
  purpose: string;
  changes: AvenantChanges;
  signature: SignatureRound | null;
  signedOn: IsoDate | null;
  cancelledOn: IsoDate | null;
}

/** Article 12's three ways out. */
export type TerminationKind = 'formal_notice' | 'notice' | 'unapproved_change';

/** A formal notice answers either a breach of the convention or a breach of law (the latter: by the Caf only). */
export type BreachGround = 'contract_breach' | 'legal_breach';

export interface TerminationProcedure {
  id: string;
  kind: TerminationKind;
  byPartyId: string;
  /** Date the registered letter was sent, or the date the unapproved change was found. */
  startedOn: IsoDate;
  effectiveOn: IsoDate;
  ground: BreachGround | null;
  reason: string;
  remediedOn: IsoDate | null;
}

export interface Convention {
  id: string;
  /** Stored status; the status on a given day is `statusAt()` (dates move a convention on). */
  status: ConventionStatus;
  createdOn: IsoDate;
  content: ConventionContent;
  signature: SignatureRound | null;
  /** Signed versions, oldest first; empty until the original is signed. */
  versions: ConventionVersion[];
  avenants: Avenant[];
  terminations: TerminationProcedure[];
  /** Day the convention stopped applying (expiry: the day after its end; termination: its effective date). */
  closedOn: IsoDate | null;
  /** The convention this one renews, if any. */
  renewalOf: string | null;
}

// ─── Period ────────────────────────────────────────────────────────────────────────────────────

export const DEFAULT_DURATION_YEARS = 4;

/** Four calendar years starting on 1 January of the year after `today`. */
export function defaultPeriod(today: IsoDate): ConventionPeriod {
  const { year } = parseIsoDate(today);
  return {
    start: toIsoDate(year + 1, 1, 1),
    end: toIsoDate(year + DEFAULT_DURATION_YEARS, 12, 31),
  };
}

export function localAuthorities(content: Pick<ConventionContent, 'parties'>): Party[] {
  return content.parties.filter((p) => p.role === 'local_authority');
}

export function cafParty(content: Pick<ConventionContent, 'parties'>): Party | undefined {
  return content.parties.find((p) => p.role === 'caf');
}

export function allSignatories(
  content: Pick<ConventionContent, 'parties'>,
): Array<{ party: Party; signatory: Signatory }> {
  return content.parties.flatMap((party) => party.signatories.map((signatory) => ({ party, signatory })));
}

/** Number of annexes, as printed in the closing lines (« … et sept annexes »). */
export function annexCount(content: Pick<ConventionContent, 'annexes'>): number {
  return content.annexes.length;
}

/** The signed version in force (the last one), or undefined before the first signature. */
export function currentVersion(convention: Pick<Convention, 'versions'>): ConventionVersion | undefined {
  return convention.versions.at(-1);
}

// ─── Article 12's delays ───────────────────────────────────────────────────────────────────────

/** A formal notice left without effect ends the convention this many months after it was sent. */
export const FORMAL_NOTICE_MONTHS = 1;
/** A party may end the convention with this many months' notice. */
export const NOTICE_MONTHS = 6;
/** Conventions ending within this many months are flagged for an explicit renewal decision. */
export const RENEWAL_WARNING_MONTHS = 6;

/** What a convention's id looks like (a UUID): anything else is answered as a convention that does not exist. */
export const CONVENTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
