/**
 * Turns a convention's stored content into the text people read: placeholders filled from the
 * convention, French typography applied, headings numbered, the closing lines and a page estimate.
 * The document renderers (ODT, DOCX, HTML, PDF) start from this, never from the raw template.
 */

import { formatFrenchDate } from '../shared/dates.js';
import { formatCount } from '../shared/money.js';
import { frenchTypography } from '../shared/typography.js';
import {
  AUTHORITY_LABELS,
  EPCI_NATURE_LABELS,
  functionLabel,
  numberInWords,
  signatoryName,
  VARIANT_LABELS,
} from './labels.js';
import {
  type AnnexKey,
  type ArticleKey,
  type Attachment,
  type AuthorityKind,
  type Block,
  type ConventionContent,
  cafParty,
  FORMAL_NOTICE_MONTHS,
  type ListItem,
  localAuthorities,
  NOTICE_MONTHS,
  type Party,
  type PartyRole,
} from './model.js';

// ─── Placeholders ──────────────────────────────────────────────────────────────────────────────

/** The placeholders a text may use, with what they stand for (shown to editors and in « à compléter »). */
export const PLACEHOLDERS = {
  caf: 'désignation de la Caf',
  collectivite: 'désignation de la ou des collectivités signataires',
  la_collectivite: 'la commune, la communauté ou les communes',
  de_la_collectivite: 'de la commune, de la communauté ou des communes',
  le_conseil: 'l’assemblée délibérante de la collectivité, avec son article',
  conseil: 'l’assemblée délibérante de la collectivité',
  territoire: 'nom du territoire',
  partenaires: 'désignation de toutes les parties',
  date_debut: 'date de début de la convention',
  date_fin: 'date de fin de la convention',
  seuil_zone: 'seuil de secret statistique par zone',
  seuil_valeur: 'seuil de secret statistique par valeur',
  delai_mise_en_demeure: 'délai de résiliation après mise en demeure',
  preavis: 'préavis de dénonciation',
  lieu: 'lieu de signature',
  date_deliberation_caf: 'date de la délibération du conseil d’administration de la Caf',
  deliberations_collectivite: 'délibération de l’assemblée délibérante de la collectivité, avec sa date',
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDERS;

/** `{name}`, `{Name}` (capitalised value) and `{accord:singulier|pluriel}` (agreement with the number of local authorities). */
const PLACEHOLDER = /\{([A-Za-z_]+)(?::([^{}|]*)\|([^{}]*))?\}/g;

const isPlaceholderName = (name: string): name is PlaceholderName => Object.hasOwn(PLACEHOLDERS, name);

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Placeholder names used in `text` that the platform does not know (a typo would otherwise print as is). */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!.toLowerCase();
    const agreement = match[2] !== undefined;
    if (agreement ? name !== 'accord' : !isPlaceholderName(name)) unknown.add(match[1]!);
  }
  return [...unknown];
}

export interface PlaceholderContext {
  values: Record<PlaceholderName, string | null>;
  /** True when several local authorities sign (verbs and pronouns agree in the plural). */
  plural: boolean;
}

function months(n: number): string {
  return n === 1 ? 'un mois' : `${numberInWords(n)} mois`;
}

/** « A », « A et B », « A, B et C ». */
export function joinFrench(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}`;
}

interface AuthorityWords {
  la: string;
  ofThe: string;
  council: string;
  theCouncil: string;
}

function genericAuthority(content: ConventionContent): AuthorityWords {
  const { territory } = content;
  if (territory.kind === 'communes') {
    return {
      la: 'les communes',
      ofThe: 'des communes',
      council: 'conseils municipaux',
      theCouncil: 'les conseils municipaux',
    };
  }
  if (territory.kind === 'epci') {
    const nature = territory.epciNature ?? 'other';
    const la =
      nature === 'metropole' ? 'la métropole' : nature === 'other' ? 'l’intercommunalité' : 'la communauté';
    const council = nature === 'metropole' ? 'conseil de la métropole' : 'conseil communautaire';
    return { la, ofThe: `de ${la}`, council, theCouncil: `le ${council}` };
  }
  return {
    la: 'la commune',
    ofThe: 'de la commune',
    council: 'conseil municipal',
    theCouncil: 'le conseil municipal',
  };
}

const DELIBERATION_KINDS: AuthorityKind[] = [
  'municipal_council_deliberation',
  'community_council_deliberation',
  'departmental_council_deliberation',
];

function partyDeliberation(party: Party): string | null {
  const signatory = party.signatories.find((s) => DELIBERATION_KINDS.includes(s.authority.kind));
  if (!signatory?.authority.date) return null;
  return `la ${AUTHORITY_LABELS[signatory.authority.kind]} de ${party.designation} en date du ${formatFrenchDate(signatory.authority.date)}`;
}

export function placeholderContext(content: ConventionContent): PlaceholderContext {
  const caf = cafParty(content);
  const authorities = localAuthorities(content);
  const generic = genericAuthority(content);
  const cafBoard = caf?.signatories.find(
    (s) => s.authority.kind === 'board_deliberation' && s.authority.date,
  );
  const deliberations = authorities.map(partyDeliberation);
  return {
    plural: authorities.length > 1,
    values: {
      caf: caf?.designation ?? null,
      collectivite: authorities.length ? joinFrench(authorities.map((a) => a.designation)) : null,
      la_collectivite: generic.la,
      de_la_collectivite: generic.ofThe,
      le_conseil: generic.theCouncil,
      conseil: generic.council,
      territoire: content.territory.name || null,
      partenaires: content.parties.length
        ? joinFrench(content.parties.map((party) => party.designation))
        : null,
      date_debut: formatFrenchDate(content.period.start),
      date_fin: formatFrenchDate(content.period.end),
      seuil_zone: formatCount(content.secrecy.minZoneAllocataires),
      seuil_valeur: formatCount(content.secrecy.minCount),
      delai_mise_en_demeure: months(FORMAL_NOTICE_MONTHS),
      preavis: months(NOTICE_MONTHS),
      lieu: content.placeOfSignature.trim() || null,
      date_deliberation_caf: cafBoard?.authority.date ? formatFrenchDate(cafBoard.authority.date) : null,
      deliberations_collectivite:
        deliberations.length && deliberations.every((d) => d !== null)
          ? joinFrench(deliberations as string[])
          : null,
    },
  };
}

export interface FilledText {
  text: string;
  /** Placeholders with no value yet (each shown as « [à compléter : …] » in the text). */
  missing: PlaceholderName[];
}

export function fillPlaceholders(text: string, context: PlaceholderContext): FilledText {
  const missing = new Set<PlaceholderName>();
  const filled = text.replace(PLACEHOLDER, (whole, rawName: string, singular?: string, plural?: string) => {
    const name = rawName.toLowerCase();
    const upper = rawName !== name;
    if (singular !== undefined && plural !== undefined) {
      if (name !== 'accord') return whole;
      const chosen = context.plural ? plural : singular;
      return upper ? capitalise(chosen) : chosen;
    }
    if (!isPlaceholderName(name)) return whole;
    const value = context.values[name];
    if (value === null) {
      missing.add(name);
      return `[à compléter : ${PLACEHOLDERS[name]}]`;
    }
    return upper ? capitalise(value) : value;
  });
  return { text: frenchTypography(filled), missing: [...missing] };
}

// ─── Rendering ─────────────────────────────────────────────────────────────────────────────────

/** Blocks with their placeholders filled from `content` (missing values shown as « [à compléter : …] »). */
export function renderBlocks(blocks: Block[], content: ConventionContent): Block[] {
  return fillBlocks(blocks, placeholderContext(content), new Set());
}

/** A title or a line with its placeholders filled from `content`. */
export function renderText(text: string, content: ConventionContent): string {
  return fillPlaceholders(text, placeholderContext(content)).text;
}

export interface RenderedParty {
  id: string;
  role: PartyRole;
  name: string;
  /** « la Caf des Yvelines, représentée par … dûment autorisés à signer la présente convention, » */
  representation: string;
  /** The defined term: « ci-après dénommée « la Caf » ». */
  definedAs: string;
}

export interface RenderedSection {
  number: number;
  heading: string;
  title: string;
  blocks: Block[];
}

export interface RenderedArticle extends RenderedSection {
  key: ArticleKey;
}

export interface RenderedAnnex extends RenderedSection {
  key: AnnexKey;
  source: 'text' | 'diagnostic' | 'upload';
  attachments: Attachment[];
}

export interface SignatureBlock {
  partyName: string;
  signatories: Array<{ name: string; function: string }>;
}

export interface RenderedConvention {
  title: string;
  variantLabel: string;
  parties: RenderedParty[];
  visas: string[];
  preamble: Block[];
  articles: RenderedArticle[];
  annexes: RenderedAnnex[];
  closing: string[];
  signatureBlocks: SignatureBlock[];
  annexCount: number;
  /** An estimate (see `estimatePages`), printed in the closing lines as « environ N pages ». */
  pageEstimate: number;
  missing: PlaceholderName[];
}

function fillBlocks(blocks: Block[], context: PlaceholderContext, missing: Set<PlaceholderName>): Block[] {
  const fill = (text: string) => {
    const result = fillPlaceholders(text, context);
    for (const name of result.missing) missing.add(name);
    return result.text;
  };
  const fillItems = (items: ListItem[]): ListItem[] =>
    items.map((item) =>
      item.items?.length
        ? { text: fill(item.text), items: fillItems(item.items) }
        : { text: fill(item.text) },
    );
  return blocks.map((block): Block => {
    if (block.type === 'list') return { type: 'list', items: fillItems(block.items) };
    if (block.type === 'table') {
      return {
        type: 'table',
        columns: block.columns.map(fill),
        rows: block.rows.map((row) => row.map(fill)),
      };
    }
    return { type: block.type, text: fill(block.text) };
  });
}

/** Feminine parties are represented « représentée », the Département and the State « représenté ». */
function representedWord(party: Party): string {
  return party.kind === 'departement' || party.kind === 'state' ? 'représenté' : 'représentée';
}

function definedTerm(party: Party, content: ConventionContent): string {
  const feminine = representedWord(party) === 'représentée';
  const term =
    party.role === 'caf'
      ? 'la Caf'
      : party.role === 'local_authority' && localAuthorities(content).length === 1
        ? genericAuthority(content).la
        : party.designation;
  return `ci-après ${feminine ? 'dénommée' : 'dénommé'} « ${term} »`;
}

function representation(party: Party): string {
  const people = party.signatories.map((s) => `${signatoryName(s)}, ${functionLabel(s)}`);
  const allWomen = party.signatories.every((s) => s.civility === 'madame');
  const authorised =
    party.signatories.length > 1
      ? allWomen
        ? 'dûment autorisées'
        : 'dûment autorisés'
      : allWomen
        ? 'dûment autorisée'
        : 'dûment autorisé';
  const who = people.length
    ? `, ${representedWord(party)} par ${people.join(', et par ')}, ${authorised} à signer la présente convention`
    : '';
  return `${party.designation}${who}`;
}

/** Characters of body text a page of the printed convention holds (12-point text, usual margins). */
export const CHARACTERS_PER_PAGE = 2800;
/** Table rows a printed page holds. */
export const TABLE_ROWS_PER_PAGE = 25;

function blocksSize(blocks: Block[]): { characters: number; rows: number } {
  let characters = 0;
  let rows = 0;
  const items = (list: ListItem[]) => {
    for (const item of list) {
      characters += item.text.length;
      if (item.items) items(item.items);
    }
  };
  for (const block of blocks) {
    if (block.type === 'list') items(block.items);
    else if (block.type === 'table') rows += block.rows.length + 1;
    else characters += block.text.length;
  }
  return { characters, rows };
}

/**
 * An estimate of the printed length, not a measure: body text at `CHARACTERS_PER_PAGE` a page,
 * tables at `TABLE_ROWS_PER_PAGE` rows a page, one page for the signatures, and each annex starting
 * on a new page. Uploaded annexes count one page each (their own length is not known here).
 */
export function estimatePages(parts: { body: Block[][]; annexes: Block[][] }): number {
  const pagesOf = (blocks: Block[]) => {
    const { characters, rows } = blocksSize(blocks);
    return characters / CHARACTERS_PER_PAGE + rows / TABLE_ROWS_PER_PAGE;
  };
  const body = Math.ceil(parts.body.reduce((sum, blocks) => sum + pagesOf(blocks), 0));
  const annexes = parts.annexes.reduce((sum, blocks) => sum + Math.max(1, Math.ceil(pagesOf(blocks))), 0);
  return body + 1 + annexes;
}

/**
 * The closing line that gives the length of the convention. The generated document replaces the
 * estimate of `renderConvention` with one made on its real layout (`documents/page-estimate.ts`).
 */
export function pageCountLine(pages: number, annexCount: number): string {
  return frenchTypography(
    `La présente convention comporte environ ${pages} pages paraphées par les parties et ${numberInWords(annexCount)} annexe${annexCount > 1 ? 's' : ''}.`,
  );
}

export function renderConvention(content: ConventionContent): RenderedConvention {
  const context = placeholderContext(content);
  const missing = new Set<PlaceholderName>();
  const fill = (text: string) => fillBlocks([{ type: 'paragraph', text }], context, missing)[0]!;
  const textOf = (block: Block) => (block.type === 'paragraph' ? block.text : '');

  const parties = content.parties.map((party) => ({
    id: party.id,
    role: party.role,
    name: party.name,
    representation: textOf(fill(representation(party))),
    definedAs: textOf(fill(definedTerm(party, content))),
  }));
  const visas = content.visas.map((visa) => textOf(fill(visa.text)));
  const preamble = fillBlocks(content.preamble, context, missing);
  const articles = content.articles.map((article) => {
    const title = textOf(fill(article.title));
    return {
      number: article.number,
      key: article.key,
      title,
      heading: `Article ${article.number} – ${title}`,
      blocks: fillBlocks(article.blocks, context, missing),
    };
  });
  const annexes = content.annexes.map((annex) => {
    const title = textOf(fill(annex.title));
    return {
      number: annex.number,
      key: annex.key,
      title,
      heading: `Annexe ${annex.number} – ${title}`,
      source: annex.source,
      attachments: annex.attachments,
      blocks: fillBlocks(annex.blocks, context, missing),
    };
  });

  const partyBlocks: Block[] = parties.map((party) => ({
    type: 'paragraph',
    text: `${party.representation} ; ${party.definedAs}`,
  }));
  const pageEstimate = estimatePages({
    body: [
      partyBlocks,
      visas.map((text) => ({ type: 'paragraph', text })),
      preamble,
      ...articles.map((a) => a.blocks),
    ],
    annexes: annexes.map((a) => a.blocks),
  });
  const annexCount = annexes.length;
  const place = context.values.lieu;
  if (place === null) missing.add('lieu');
  const closing = [
    `Fait à ${place ?? `[à compléter : ${PLACEHOLDERS.lieu}]`}, le`,
    'En autant d’exemplaires originaux que de signataires.',
    pageCountLine(pageEstimate, annexCount),
  ].map((line) => frenchTypography(line));

  return {
    title: 'Convention territoriale globale',
    variantLabel: VARIANT_LABELS[content.variant],
    parties,
    visas,
    preamble,
    articles,
    annexes,
    closing,
    signatureBlocks: content.parties.map((party) => ({
      partyName: party.name,
      signatories: party.signatories.map((s) => ({ name: signatoryName(s), function: functionLabel(s) })),
    })),
    annexCount,
    pageEstimate,
    missing: [...missing],
  };
}

/** The page estimate of the printed convention (see `estimatePages`): an order of size, not a count. */
export function estimateConventionPages(content: ConventionContent): number {
  return renderConvention(content).pageEstimate;
}

/** The EPCI's designation when none is given: « la communauté d'agglomération Saint Germain Boucles de Seine ». */
export function defaultDesignation(content: Pick<ConventionContent, 'territory'>): string {
  const { territory } = content;
  if (territory.kind === 'epci') {
    const nature = EPCI_NATURE_LABELS[territory.epciNature ?? 'other'];
    return `la ${nature} ${territory.name}`.replace(/^la intercommunalité/, 'l’intercommunalité');
  }
  if (territory.kind === 'communes') return `les communes de ${territory.name}`;
  return `la commune de ${territory.name}`;
}
