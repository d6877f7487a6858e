/**
 * Input schemas of the convention use cases (the API validates with the same ones), and the one
 * parse step that turns a zod failure into a French `VALIDATION_FAILED` naming each field.
 */
import { z } from 'zod';
import { MAX_LIST_DEPTH } from '../../documents/model.js';
import { ANNEX_KEYS, ARTICLE_KEYS, TEMPLATE_VARIANTS } from '../../domain/convention/index.js';
import type { AnnexKey, ArticleKey, TemplateVariant } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import { isIsoDate } from '../../domain/shared/dates.js';

export const isoDate = z
  .string({ error: 'Date attendue au format AAAA-MM-JJ.' })
  .refine(isIsoDate, { error: 'Date invalide (format attendu AAAA-MM-JJ).' });

export const variantSchema = z.enum(TEMPLATE_VARIANTS as [TemplateVariant, ...TemplateVariant[]], {
  error: 'Modèle inconnu : commune_over_5000, commune_under_5000 ou intercommunality.',
});
export const articleKeySchema = z.enum(ARTICLE_KEYS as [ArticleKey, ...ArticleKey[]], {
  error: 'Article inconnu.',
});
export const annexKeySchema = z.enum(ANNEX_KEYS as [AnnexKey, ...AnnexKey[]], { error: 'Annexe inconnue.' });

const text = (label: string, max = 20_000) =>
  z
    .string({ error: `${label} : texte attendu.` })
    .max(max, { error: `${label} : ${max} caractères au plus.` });

type ListItemInput = { text: string; items?: ListItemInput[] | undefined };

/**
 * A list item whose sub-lists go at most `levels - 1` deeper. The schema is finite (no z.lazy): a hostile
 * list nested 2 000 deep is refused at the first level too many, and every saved list is one each
 * renderer can draw (MAX_LIST_DEPTH, src/documents/model.ts).
 */
function listItemSchema(levels: number): z.ZodType<ListItemInput> {
  const items =
    levels > 1
      ? z.array(listItemSchema(levels - 1)).max(200)
      : z.array(z.unknown()).max(0, {
          error: `Liste : ${MAX_LIST_DEPTH} niveaux d’imbrication au plus (les documents ODT, DOCX et PDF n’en ont pas davantage).`,
        });
  return z.strictObject({
    text: text('Élément de liste'),
    items: items.optional(),
  }) as z.ZodType<ListItemInput>;
}
const listItem = listItemSchema(MAX_LIST_DEPTH);

/** A refinement that names the element repeated in a list whose elements must be distinct. */
function distinct<T>(key: (item: T) => string | undefined, field: string, message: string) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (value === undefined) return;
      if (seen.has(value)) ctx.addIssue({ code: 'custom', message, path: [index, field] });
      seen.add(value);
    });
  };
}

export const blockSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('heading'), text: text('Intertitre', 500) }),
    z.strictObject({ type: z.literal('paragraph'), text: text('Paragraphe') }),
    z.strictObject({ type: z.literal('list'), items: z.array(listItem).max(200) }),
    z.strictObject({
      type: z.literal('table'),
      columns: z.array(text('Colonne', 500)).min(1).max(20),
      rows: z.array(z.array(text('Cellule', 2000))).max(500),
    }),
  ],
  { error: 'Bloc de texte inconnu : heading, paragraph, list ou table.' },
);
export const blocksSchema = z.array(blockSchema).max(500);

export const periodSchema = z
  .object({ start: isoDate, end: isoDate })
  .refine((p) => p.start < p.end, { error: 'La date de fin doit suivre la date de début.', path: ['end'] });

export const signatorySchema = z.strictObject({
  id: z.string().max(64).optional(),
  civility: z.enum(['madame', 'monsieur'], { error: 'Civilité : madame ou monsieur.' }),
  firstName: z.string().trim().min(1, { error: 'Le prénom du signataire est obligatoire.' }).max(100),
  lastName: z.string().trim().min(1, { error: 'Le nom du signataire est obligatoire.' }).max(100),
  function: z.enum(
    [
      'board_chair',
      'director',
      'mayor',
      'epci_president',
      'departement_president',
      'prefect',
      'msa_president',
      'msa_director',
      'other',
    ],
    { error: 'Fonction du signataire inconnue.' },
  ),
  functionText: z.string().trim().max(200).optional(),
  authority: z.strictObject({
    kind: z.enum(
      [
        'board_deliberation',
        'municipal_council_deliberation',
        'community_council_deliberation',
        'departmental_council_deliberation',
        'office',
      ],
      { error: 'Habilitation inconnue.' },
    ),
    date: isoDate.nullable().default(null),
    reference: z.string().trim().max(100).optional(),
  }),
});

export const partySchema = z.strictObject({
  organisationId: z.string().min(1, { error: 'L’organisme de la partie est obligatoire.' }).max(64),
  role: z.enum(['caf', 'local_authority', 'partner', 'other'], { error: 'Qualité de la partie inconnue.' }),
  designation: z.string().trim().max(300).optional(),
  signatories: z
    .array(signatorySchema)
    .max(10)
    .superRefine(distinct((s) => s.id, 'id', 'Ce signataire figure deux fois dans la partie.'))
    .default([]),
});

const distinctParties = distinct(
  (p: z.output<typeof partySchema>) => p.organisationId,
  'organisationId',
  'Cet organisme figure deux fois parmi les parties : chaque organisme n’est partie qu’une fois.',
);

/**
 * The version of the convention the client read (the API's ETag, the forms' hidden field): a save
 * from an older one is refused with 409 `CONVENTION_STALE`.
 */
export const versionSchema = z
  .number({ error: 'Version : nombre entier attendu.' })
  .int({ error: 'Version : nombre entier attendu.' })
  .min(1, { error: 'Version : nombre entier attendu.' })
  .optional();

/** The one-time token a creation form carries: a second submission answers with the first result. */
export const submissionTokenSchema = z
  .string()
  .regex(/^[0-9a-f-]{16,64}$/i, { error: 'Jeton de formulaire invalide : rechargez la page.' })
  .optional();

export const createConventionInput = z
  .object({
    territory: z.union(
      [
        z.strictObject({
          level: z.enum(['commune', 'epci'], { error: 'Niveau de territoire : commune ou epci.' }),
          code: z.string().min(1, { error: 'Le code du territoire est obligatoire.' }).max(20),
        }),
        // A name or a code as a person types it: "Chambourcy", "carrieres sur seine", "78124".
        z.strictObject({
          search: z
            .string()
            .trim()
            .min(1, { error: 'Donnez le nom ou le code de la commune ou de l’intercommunalité.' })
            .max(200, { error: 'Nom ou code : 200 caractères au plus.' }),
        }),
      ],
      { error: 'Territoire : { level, code } ou { search } (nom ou code).' },
    ),
    variant: variantSchema.optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    placeOfSignature: z.string().trim().max(200).nullable().optional(),
    parties: z
      .array(partySchema)
      .min(2, { error: 'Une convention lie au moins la Caf et une collectivité.' })
      .max(10)
      .superRefine(distinctParties)
      .optional(),
    submissionToken: submissionTokenSchema,
  })
  .refine((c) => (c.startDate === undefined) === (c.endDate === undefined), {
    error: 'Donnez la date de début et la date de fin ensemble.',
    path: ['endDate'],
  })
  .refine((c) => !c.startDate || !c.endDate || c.startDate < c.endDate, {
    error: 'La date de fin précède la date de début.',
    path: ['endDate'],
  });
export type CreateConventionInput = z.input<typeof createConventionInput>;

/** New titles and texts of articles and annexes, by key: for a draft and for an avenant alike. */
const articleChanges = z
  .array(
    z.strictObject({
      key: articleKeySchema,
      title: text('Titre', 300).optional(),
      blocks: blocksSchema.optional(),
    }),
  )
  .max(14)
  .superRefine(distinct((a) => a.key, 'key', 'Cet article figure deux fois dans la modification.'))
  .optional();
const annexChanges = z
  .array(
    z.strictObject({
      key: annexKeySchema,
      title: text('Titre', 300).optional(),
      blocks: blocksSchema.optional(),
    }),
  )
  .max(7)
  .superRefine(distinct((a) => a.key, 'key', 'Cette annexe figure deux fois dans la modification.'))
  .optional();

export const updateDraftInput = z.strictObject({
  variant: variantSchema.optional(),
  period: periodSchema.optional(),
  placeOfSignature: z.string().trim().max(200).optional(),
  visas: z
    .array(z.strictObject({ id: z.string().min(1).max(64), text: text('Visa', 2000) }))
    .max(30)
    .superRefine(distinct((v) => v.id, 'id', 'Ce visa figure deux fois.'))
    .optional(),
  preamble: blocksSchema.optional(),
  articles: articleChanges,
  annexes: annexChanges,
  parties: z.array(partySchema).max(10).superRefine(distinctParties).optional(),
  version: versionSchema,
});
export type UpdateDraftInput = z.input<typeof updateDraftInput>;

export const signatureInput = z.strictObject({
  signatoryId: z.string().min(1, { error: 'Choisissez le signataire.' }).max(64),
  signedOn: isoDate,
});

export const avenantCreateInput = z.strictObject({
  purpose: z.string().trim().min(1, { error: 'L’objet de l’avenant est obligatoire.' }).max(2000),
  submissionToken: submissionTokenSchema,
});

export const avenantEditInput = z.strictObject({
  purpose: z.string().trim().min(1, { error: 'L’objet de l’avenant est obligatoire.' }).max(2000).optional(),
  period: periodSchema.optional(),
  articles: articleChanges,
  annexes: annexChanges,
  version: versionSchema,
});

export const formalNoticeInput = z.strictObject({
  byPartyId: z.string().min(1, { error: 'Choisissez la partie qui met en demeure.' }).max(64),
  sentOn: isoDate,
  ground: z.enum(['contract_breach', 'legal_breach'], { error: 'Motif : contract_breach ou legal_breach.' }),
  reason: z.string().trim().min(1, { error: 'Le motif de la mise en demeure est obligatoire.' }).max(4000),
});

export const noticeInput = z.strictObject({
  byPartyId: z.string().min(1, { error: 'Choisissez la partie qui dénonce la convention.' }).max(64),
  sentOn: isoDate,
  reason: z.string().trim().min(1, { error: 'Le motif de la dénonciation est obligatoire.' }).max(4000),
});

export const remedyInput = z.strictObject({ remediedOn: isoDate });

export const unapprovedChangeInput = z.strictObject({
  byPartyId: z.string().min(1, { error: 'Choisissez la Caf.' }).max(64),
  detectedOn: isoDate,
  reason: z.string().trim().max(4000).optional(),
});

const FIELD_NAMES: Record<string, string> = {
  startDate: 'date de début',
  endDate: 'date de fin',
  signedOn: 'date de signature',
  sentOn: 'date d’envoi',
  remediedOn: 'date de régularisation',
  detectedOn: 'date de constat',
  signatoryId: 'signataire',
  byPartyId: 'partie',
  purpose: 'objet',
  reason: 'motif',
  ground: 'motif de la mise en demeure',
  variant: 'modèle',
  placeOfSignature: 'lieu de signature',
  search: 'commune ou intercommunalité',
  code: 'code du territoire',
  level: 'niveau du territoire',
};

/** The French name of a field of the input, by its path (`territory.search`, `parties.0.name`): its last named part. */
export function fieldName(path: string): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .at(-1) ?? path;
  return FIELD_NAMES[last] ?? path;
}

/** The input, or a French `VALIDATION_FAILED` that names every field in error. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  const fields = [...new Set(details.map((d) => `« ${fieldName(d.field)} »`))];
  throw new AppError('VALIDATION_FAILED', {
    message:
      `Les données envoyées sont invalides : vérifiez ${fields.join(', ')}. ${details[0]?.message ?? ''}`.trim(),
    details,
  });
}
