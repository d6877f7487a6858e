/**
 * The schemas of the plan's stored JSON (`plans.project`, `plan_fiches.data`): every read parses the
 * row with them, so a row that drifted from the model is named instead of travelling on as a wrong
 * type. Amounts are stored as strings of digits (cents, or hundredths of a full-time equivalent) and
 * read as `bigint`. The same schemas check what a form or the API hands in.
 */
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.js';
import {
  BUDGET_NATURES,
  BUDGET_STAGES,
  BUDGET_UNITS,
  DOMAINS,
  FICHE_STATUSES,
  INDICATOR_VALUE_KINDS,
  MISSIONS,
  PARTICIPATION_LEVELS,
  PRIORITIES,
  PUBLICS,
  THEMES,
} from './model.js';

export const isoDate = z.string().refine(isIsoDate, { error: 'date AAAA-MM-JJ attendue' });
const text = z.string().max(20_000);
const shortText = z.string().max(500);
const id = z.string().min(1).max(100);

/** Cents (or hundredths): stored as a string of digits, a bigint in the domain. */
export const amount = z.union([z.string().regex(/^-?\d{1,15}$/), z.bigint()]).transform((v) => BigInt(v));

/** An amount handed in by a form or the API: no negative budget, co-funding or full-time equivalent. */
const inputAmount = z
  .union([
    z.string().regex(/^\d{1,15}$/, { error: 'montant positif attendu, en centimes (15 chiffres au plus)' }),
    z.bigint().nonnegative({ error: 'montant positif attendu' }),
  ])
  .transform((v) => BigInt(v));

export const projectSchema = z.strictObject({
  needs: z.array(
    z.strictObject({
      id,
      title: shortText,
      description: text,
      evidence: z.array(
        z.strictObject({
          indicatorId: shortText,
          label: shortText,
          value: shortText,
          year: z.number().int().nullable(),
        }),
      ),
      source: shortText,
    }),
  ),
  objectives: z.array(
    z.strictObject({ id, mission: z.enum(MISSIONS), title: shortText, needIds: z.array(id) }),
  ),
  cafPriorities: z.array(z.strictObject({ id, text: text })),
  localActions: z.array(z.strictObject({ id, domain: z.enum(DOMAINS), text: text })),
  domainResources: z.array(
    z.strictObject({
      domain: z.enum(DOMAINS),
      structures: z.array(shortText),
      partners: z.array(shortText),
    }),
  ),
});

export const budgetLineSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  nature: z.enum(BUDGET_NATURES),
  unit: z.enum(BUDGET_UNITS),
  stage: z.enum(BUDGET_STAGES),
  amount,
  coFunders: z.array(z.strictObject({ name: shortText, amount })),
});

const budgetLineInput = budgetLineSchema.extend({
  amount: inputAmount,
  coFunders: z.array(z.strictObject({ name: shortText, amount: inputAmount })).max(50),
});

/** What `plan_fiches.data` holds: the fiche apart from its columns, pilots and sous-actions. */
export const ficheDataSchema = z.strictObject({
  description: text,
  publics: z.array(z.enum(PUBLICS)),
  objectiveIds: z.array(id),
  electedReferent: shortText,
  partners: z.array(shortText),
  humanMeans: text,
  technicalMeans: text,
  participation: z.enum(PARTICIPATION_LEVELS),
  evaluationCriteria: z.array(text),
  notes: z.array(z.strictObject({ id, date: isoDate, text, authorId: z.string().nullable() })),
  linkedFicheIds: z.array(id),
  budget: z.array(budgetLineSchema),
});
export type FicheData = z.output<typeof ficheDataSchema>;

/** What a sous-action's `data` holds. */
export const subActionDataSchema = z.strictObject({
  description: text,
  budget: z.array(budgetLineSchema),
});

// ─── What a form or the API hands in ─────────────────────────────────────────────────────────────

const pilotInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('account'), userId: id }),
  z.strictObject({ kind: z.literal('person'), name: z.string().trim().min(1).max(200) }),
]);
export type PilotInput = z.output<typeof pilotInput>;

const dateOrNull = isoDate.nullable();

const subActionInput = z
  .strictObject({
    id: id.optional(),
    title: z.string().trim().min(1, { error: 'titre obligatoire' }).max(500),
    description: text.default(''),
    status: z.enum(FICHE_STATUSES).default('planned'),
    priority: z.enum(PRIORITIES).nullable().default(null),
    startDate: dateOrNull.default(null),
    endDate: dateOrNull.default(null),
    recurring: z.boolean().default(false),
    pilots: z.array(pilotInput).max(20).default([]),
    budget: z.array(budgetLineInput).max(200).default([]),
  })
  .refine((s) => !s.startDate || !s.endDate || s.startDate <= s.endDate, {
    error: 'la date de fin précède la date de début',
    path: ['endDate'],
  });

/** A fiche as a form or the API writes it (its notes and comments have their own use cases). */
export const ficheInputSchema = z
  .strictObject({
    axeId: id,
    title: z.string().trim().min(1, { error: 'titre obligatoire' }).max(500),
    description: text.default(''),
    theme: z.enum(THEMES).nullable().default(null),
    publics: z.array(z.enum(PUBLICS)).max(PUBLICS.length).default([]),
    objectiveIds: z.array(id).max(100).default([]),
    electedReferent: shortText.default(''),
    partners: z.array(z.string().trim().min(1).max(500)).max(100).default([]),
    humanMeans: text.default(''),
    technicalMeans: text.default(''),
    participation: z.enum(PARTICIPATION_LEVELS).default('none'),
    status: z.enum(FICHE_STATUSES).default('planned'),
    priority: z.enum(PRIORITIES).nullable().default(null),
    startDate: dateOrNull.default(null),
    endDate: dateOrNull.default(null),
    recurring: z.boolean().default(false),
    confidential: z.boolean().default(false),
    evaluationCriteria: z.array(z.string().trim().min(1).max(2000)).max(50).default([]),
    linkedFicheIds: z.array(id).max(100).default([]),
    pilots: z.array(pilotInput).max(20).default([]),
    budget: z.array(budgetLineInput).max(200).default([]),
    subActions: z.array(subActionInput).max(100).default([]),
  })
  .refine((f) => !f.startDate || !f.endDate || f.startDate <= f.endDate, {
    error: 'la date de fin précède la date de début',
    path: ['endDate'],
  });
export type FicheInput = z.input<typeof ficheInputSchema>;
export type ParsedFicheInput = z.output<typeof ficheInputSchema>;

const decimal = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}(\.\d{1,6})?$/, { error: 'nombre attendu (par exemple 12 ou 0.35)' });

export const indicatorInputSchema = z
  .strictObject({
    ficheId: id.nullable().default(null),
    objectiveId: id.nullable().default(null),
    title: z.string().trim().min(1, { error: 'intitulé obligatoire' }).max(500),
    unit: shortText.default(''),
    baselineValue: decimal.nullable().default(null),
    baselineDate: dateOrNull.default(null),
    source: shortText.default(''),
    comment: text.default(''),
    diagnosticIndicatorId: shortText.nullable().default(null),
    values: z
      .array(
        z.strictObject({
          year: z.number().int().min(2000).max(2100),
          kind: z.enum(INDICATOR_VALUE_KINDS),
          value: decimal,
          comment: shortText.default(''),
        }),
      )
      .max(400)
      .default([]),
  })
  .refine((i) => !(i.ficheId && i.objectiveId), {
    error: 'un indicateur suit une fiche ou un objectif, pas les deux',
    path: ['objectiveId'],
  })
  .refine((i) => new Set(i.values.map((v) => `${v.year}-${v.kind}`)).size === i.values.length, {
    error: 'une seule valeur par année et par nature (cible ou résultat)',
    path: ['values'],
  });
export type IndicatorInput = z.input<typeof indicatorInputSchema>;
