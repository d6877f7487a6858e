/**
 * The schema of the stored convention aggregate (the `state` column): every read parses the row
 * with it, so a row that drifted from the model is named (convention, path of the field) instead of
 * travelling through the platform as a wrong type. zod is a pure library (no I/O), the one place
 * the domain uses it. The `Convention` type stays the hand-written interface of `model.ts`, the
 * reference the domain reads; the assertion at the end makes the schema and the type agree both ways
 * at compile time, so neither can change without the other.
 */
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.js';
import type { AnnexKey, ArticleKey, Convention } from './model.js';
import { ANNEX_KEYS, ARTICLE_KEYS } from './template.js';

const isoDate = z.string().refine(isIsoDate, { error: 'date AAAA-MM-JJ attendue' });
const nullableDate = isoDate.nullable();

interface StoredListItem {
  text: string;
  items?: StoredListItem[] | undefined;
}
const listItem: z.ZodType<StoredListItem> = z.lazy(() =>
  z.strictObject({ text: z.string(), items: z.array(listItem).optional() }),
);

const block = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('heading'), text: z.string() }),
  z.strictObject({ type: z.literal('paragraph'), text: z.string() }),
  z.strictObject({ type: z.literal('list'), items: z.array(listItem) }),
  z.strictObject({
    type: z.literal('table'),
    columns: z.array(z.string()),
    rows: z.array(z.array(z.string())),
  }),
]);

// The keys the default template writes, one list each (template.ts), not a copy of them.
const articleKey = z.enum(ARTICLE_KEYS as readonly [ArticleKey, ...ArticleKey[]]);
const annexKey = z.enum(ANNEX_KEYS as readonly [AnnexKey, ...AnnexKey[]]);

const article = z.strictObject({
  number: z.number().int(),
  key: articleKey,
  title: z.string(),
  blocks: z.array(block),
});

const attachment = z.strictObject({
  fileName: z.string(),
  mediaType: z.string(),
  byteLength: z.number().int().nonnegative(),
  sha256: z.string(),
});

const annex = z.strictObject({
  number: z.number().int(),
  key: annexKey,
  title: z.string(),
  source: z.enum(['text', 'diagnostic', 'upload']),
  blocks: z.array(block),
  attachments: z.array(attachment),
});

const signatory = z.strictObject({
  id: z.string(),
  civility: z.enum(['madame', 'monsieur']),
  firstName: z.string(),
  lastName: z.string(),
  function: z.enum([
    'board_chair',
    'director',
    'mayor',
    'epci_president',
    'departement_president',
    'prefect',
    'msa_president',
    'msa_director',
    'other',
  ]),
  functionText: z.string().optional(),
  authority: z.strictObject({
    kind: z.enum([
      'board_deliberation',
      'municipal_council_deliberation',
      'community_council_deliberation',
      'departmental_council_deliberation',
      'office',
    ]),
    date: nullableDate,
    reference: z.string().optional(),
  }),
});

const party = z.strictObject({
  id: z.string(),
  role: z.enum(['caf', 'local_authority', 'partner']),
  kind: z.enum(['caf', 'commune', 'epci', 'departement', 'state', 'msa', 'other']),
  name: z.string(),
  designation: z.string(),
  signatories: z.array(signatory),
});

const period = z.strictObject({ start: isoDate, end: isoDate });

const content = z.strictObject({
  territory: z.strictObject({
    kind: z.enum(['commune', 'epci', 'communes']),
    codes: z.array(z.string()).min(1),
    name: z.string(),
    population: z.number(),
    epciNature: z.enum(['cc', 'ca', 'cu', 'metropole', 'other']).optional(),
  }),
  variant: z.enum(['commune_over_5000', 'commune_under_5000', 'intercommunality']),
  parties: z.array(party),
  visas: z.array(z.strictObject({ id: z.string(), text: z.string() })),
  preamble: z.array(block),
  articles: z.array(article),
  annexes: z.array(annex),
  period,
  placeOfSignature: z.string(),
  secrecy: z.strictObject({ minZoneAllocataires: z.number(), minCount: z.number() }),
});

const signatureRound = z.strictObject({
  submittedOn: isoDate,
  signatures: z.array(z.strictObject({ partyId: z.string(), signatoryId: z.string(), signedOn: isoDate })),
});

const avenant = z.strictObject({
  id: z.string(),
  number: z.number().int(),
  status: z.enum(['draft', 'in_signature', 'signed', 'cancelled']),
  createdOn: isoDate,
  purpose: z.string(),
  changes: z.strictObject({
    articles: z.array(article),
    annexes: z.array(annex),
    period: period.optional(),
  }),
  signature: signatureRound.nullable(),
  signedOn: nullableDate,
  cancelledOn: nullableDate,
});

const termination = z.strictObject({
  id: z.string(),
  kind: z.enum(['formal_notice', 'notice', 'unapproved_change']),
  byPartyId: z.string(),
  startedOn: isoDate,
  effectiveOn: isoDate,
  ground: z.enum(['contract_breach', 'legal_breach']).nullable(),
  reason: z.string(),
  remediedOn: nullableDate,
});

export const storedConventionSchema = z.strictObject({
  id: z.string(),
  status: z.enum(['draft', 'in_signature', 'signed', 'in_force', 'expired', 'terminated']),
  createdOn: isoDate,
  content,
  signature: signatureRound.nullable(),
  versions: z.array(
    z.strictObject({
      number: z.number().int(),
      avenantNumber: z.number().int().nullable(),
      signedOn: isoDate,
      hash: z.string(),
      content,
    }),
  ),
  avenants: z.array(avenant),
  terminations: z.array(termination),
  closedOn: nullableDate,
  renewalOf: z.string().nullable(),
});

// ─── The schema and the model agree, both ways (a compile error otherwise) ───────────────────────

/** True only when A and B are the same type (a property added, removed or retyped on one side fails). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesModel: Same<z.output<typeof storedConventionSchema>, Convention> = true;
void schemaMatchesModel;

/** The first problem of a stored aggregate that does not parse: the dotted path and zod's reason. */
export interface StoredShapeProblem {
  path: string;
  reason: string;
}

/** Parses a stored aggregate; returns the convention or the first invalid field. */
export function parseStoredConvention(
  value: unknown,
): { ok: true; convention: Convention } | { ok: false; problem: StoredShapeProblem } {
  const result = storedConventionSchema.safeParse(value);
  if (result.success) return { ok: true, convention: result.data };
  const issue = result.error.issues[0]!;
  return {
    ok: false,
    problem: { path: issue.path.map(String).join('.') || '(racine)', reason: issue.message },
  };
}
