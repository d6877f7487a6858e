/**
 * The fiche form without JavaScript: its fields as a draft of strings, read from a fiche (to edit it)
 * or from a posted form (kept when refused, or grown by « Ajouter une ligne »), and turned into the
 * input the use cases take. Repeated groups (partners, criteria, pilots, budget lines and their
 * co-funders, sous-actions) are numbered rows (`budget_2_amount`); a blank row is left out. Errors
 * name the field they are about (its id in the form), so the error summary links to it.
 */
import type { BudgetLine, Fiche, Pilot } from '../../../domain/plan/model.js';
import { type FicheInput, ficheInputSchema, type PilotInput } from '../../../domain/plan/schema.js';
import { fieldPath } from '../../../use-cases/plan/plan-errors.js';
import type { Form } from '../conventions/route-support.js';

export interface PilotDraft {
  /** An account already pilot (kept by its id, shown by its name). */
  userId: string;
  /** The name of a person, or the e-mail address of an account, or the account's name (shown). */
  text: string;
  remove: boolean;
}

export interface CoFunderDraft {
  name: string;
  amount: string;
}

export interface BudgetDraft {
  year: string;
  nature: string;
  unit: string;
  stage: string;
  amount: string;
  coFunders: CoFunderDraft[];
}

export interface SubActionDraft {
  id: string;
  title: string;
  description: string;
  status: string;
  startDate: string;
  endDate: string;
  recurring: boolean;
  pilots: PilotDraft[];
  budget: BudgetDraft[];
  remove: boolean;
}

export interface FicheDraft {
  axeId: string;
  title: string;
  description: string;
  theme: string;
  publics: string[];
  objectiveIds: string[];
  electedReferent: string;
  humanMeans: string;
  technicalMeans: string;
  participation: string;
  status: string;
  priority: string;
  startDate: string;
  endDate: string;
  recurring: boolean;
  confidential: boolean;
  linkedFicheIds: string[];
  partners: string[];
  criteria: string[];
  pilots: PilotDraft[];
  budget: BudgetDraft[];
  subActions: SubActionDraft[];
}

/** A field's error: the id of the field in the form (for the summary's link) and the French message. */
export interface FieldError {
  field: string | null;
  message: string;
}

/** How many blank rows a group gets, so that a few can be typed in at once. */
const BLANK = { partners: 2, criteria: 2, pilots: 2, budget: 2, coFunders: 2, subActions: 1 } as const;
const MAX_ROWS = 200;

/** 123456 cents → "1234,56"; 1200000 → "12000": what the amount field shows. */
export function hundredthsText(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const rest = abs % 100n;
  const body = `${abs / 100n}${rest === 0n ? '' : `,${rest.toString().padStart(2, '0')}`}`;
  return `${negative ? '-' : ''}${body}`;
}

/** "1 234,5" or "1234.50" → 123450 (cents, or hundredths of a full-time equivalent); undefined if not a number. */
export function parseHundredths(text: string): bigint | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const match = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const [, sign, whole, frac = ''] = match;
  const value = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
  return sign ? -value : value;
}

const blankBudget = (): BudgetDraft => ({
  year: '',
  nature: 'operating',
  unit: 'eur',
  stage: 'planned',
  amount: '',
  coFunders: [],
});

function pilotDrafts(pilots: readonly Pilot[]): PilotDraft[] {
  return pilots.map((p) => ({
    userId: p.kind === 'account' ? p.userId : '',
    text: p.name,
    remove: false,
  }));
}

function budgetDrafts(lines: readonly BudgetLine[]): BudgetDraft[] {
  return lines.map((l) => ({
    year: String(l.year),
    nature: l.nature,
    unit: l.unit,
    stage: l.stage,
    amount: hundredthsText(l.amount),
    coFunders: l.coFunders.map((c) => ({ name: c.name, amount: hundredthsText(c.amount) })),
  }));
}

/** The draft of a new fiche in an axe. */
export function emptyDraft(axeId: string): FicheDraft {
  return {
    axeId,
    title: '',
    description: '',
    theme: '',
    publics: [],
    objectiveIds: [],
    electedReferent: '',
    humanMeans: '',
    technicalMeans: '',
    participation: 'none',
    status: 'planned',
    priority: '',
    startDate: '',
    endDate: '',
    recurring: false,
    confidential: false,
    linkedFicheIds: [],
    partners: [],
    criteria: [],
    pilots: [],
    budget: [],
    subActions: [],
  };
}

export function draftFromFiche(fiche: Fiche): FicheDraft {
  return {
    axeId: fiche.axeId,
    title: fiche.title,
    description: fiche.description,
    theme: fiche.theme ?? '',
    publics: [...fiche.publics],
    objectiveIds: [...fiche.objectiveIds],
    electedReferent: fiche.electedReferent,
    humanMeans: fiche.humanMeans,
    technicalMeans: fiche.technicalMeans,
    participation: fiche.participation,
    status: fiche.status,
    priority: fiche.priority ?? '',
    startDate: fiche.startDate ?? '',
    endDate: fiche.endDate ?? '',
    recurring: fiche.recurring,
    confidential: fiche.confidential,
    linkedFicheIds: [...fiche.linkedFicheIds],
    partners: [...fiche.partners],
    criteria: [...fiche.evaluationCriteria],
    pilots: pilotDrafts(fiche.pilots),
    budget: budgetDrafts(fiche.budget),
    subActions: fiche.subActions.map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      status: s.status,
      startDate: s.startDate ?? '',
      endDate: s.endDate ?? '',
      recurring: s.recurring,
      pilots: pilotDrafts(s.pilots),
      budget: budgetDrafts(s.budget),
      remove: false,
    })),
  };
}

// ─── Reading a posted form ───────────────────────────────────────────────────────────────────────

/** Every value of a field sent several times (checkboxes), or once. */
export function values(form: Form | Record<string, unknown>, name: string): string[] {
  const v = (form as Record<string, unknown>)[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

const str = (form: Form, name: string) => values(form, name)[0] ?? '';
const count = (form: Form, name: string) => Math.min(MAX_ROWS, Math.max(0, Number(str(form, name)) || 0));

function pilotsFrom(form: Form, prefix: string): PilotDraft[] {
  const out: PilotDraft[] = [];
  for (let i = 0; i < count(form, `${prefix}rows`); i++) {
    out.push({
      userId: str(form, `${prefix}${i}_account`),
      text: str(form, `${prefix}${i}`),
      remove: str(form, `${prefix}${i}_remove`) === '1',
    });
  }
  return out;
}

function budgetFrom(form: Form, prefix: string): BudgetDraft[] {
  const out: BudgetDraft[] = [];
  for (let i = 0; i < count(form, `${prefix}rows`); i++) {
    const p = `${prefix}${i}_`;
    const coFunders: CoFunderDraft[] = [];
    for (let j = 0; j < count(form, `${p}cofunder_rows`); j++) {
      coFunders.push({
        name: str(form, `${p}cofunder_${j}_name`),
        amount: str(form, `${p}cofunder_${j}_amount`),
      });
    }
    out.push({
      year: str(form, `${p}year`),
      nature: str(form, `${p}nature`),
      unit: str(form, `${p}unit`),
      stage: str(form, `${p}stage`),
      amount: str(form, `${p}amount`),
      coFunders,
    });
  }
  return out;
}

function listFrom(form: Form, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < count(form, `${prefix}rows`); i++) out.push(str(form, `${prefix}${i}`));
  return out;
}

export function draftFromForm(form: Form): FicheDraft {
  const subActions: SubActionDraft[] = [];
  for (let i = 0; i < count(form, 'sub_rows'); i++) {
    const p = `sub_${i}_`;
    subActions.push({
      id: str(form, `${p}id`),
      title: str(form, `${p}title`),
      description: str(form, `${p}description`),
      status: str(form, `${p}status`) || 'planned',
      startDate: str(form, `${p}startDate`),
      endDate: str(form, `${p}endDate`),
      recurring: str(form, `${p}recurring`) === '1',
      pilots: pilotsFrom(form, `${p}pilot_`),
      budget: budgetFrom(form, `${p}budget_`),
      remove: str(form, `${p}remove`) === '1',
    });
  }
  return {
    axeId: str(form, 'axeId'),
    title: str(form, 'title'),
    description: str(form, 'description'),
    theme: str(form, 'theme'),
    publics: values(form, 'publics'),
    objectiveIds: values(form, 'objectiveIds'),
    electedReferent: str(form, 'electedReferent'),
    humanMeans: str(form, 'humanMeans'),
    technicalMeans: str(form, 'technicalMeans'),
    participation: str(form, 'participation') || 'none',
    status: str(form, 'status') || 'planned',
    priority: str(form, 'priority'),
    startDate: str(form, 'startDate'),
    endDate: str(form, 'endDate'),
    recurring: str(form, 'recurring') === '1',
    confidential: str(form, 'confidential') === '1',
    linkedFicheIds: values(form, 'linkedFicheIds'),
    partners: listFrom(form, 'partner_'),
    criteria: listFrom(form, 'criterion_'),
    pilots: pilotsFrom(form, 'pilot_'),
    budget: budgetFrom(form, 'budget_'),
    subActions,
  };
}

/** The draft with its blank rows, one more in the group named by « Ajouter une ligne » (`budget`, `sub_0_pilot` …). */
export function withBlankRows(draft: FicheDraft, grow?: string): FicheDraft {
  const pad = <T>(list: T[], n: number, blank: () => T, key: string) => {
    const blanks = n + (grow === key ? 1 : 0);
    return [...list, ...Array.from({ length: blanks }, blank)].slice(0, MAX_ROWS);
  };
  const blankPilot = (): PilotDraft => ({ userId: '', text: '', remove: false });
  const budget = (lines: BudgetDraft[], prefix: string) =>
    pad(lines.filter(hasBudget), BLANK.budget, blankBudget, `${prefix}budget`).map((l, i) => ({
      ...l,
      coFunders: pad(
        l.coFunders.filter((c) => c.name.trim() || c.amount.trim()),
        BLANK.coFunders,
        () => ({ name: '', amount: '' }),
        `${prefix}budget_${i}_cofunder`,
      ),
    }));
  const subs = draft.subActions.filter((s) => s.id || s.title.trim());
  return {
    ...draft,
    partners: pad(
      draft.partners.filter((p) => p.trim()),
      BLANK.partners,
      () => '',
      'partner',
    ),
    criteria: pad(
      draft.criteria.filter((c) => c.trim()),
      BLANK.criteria,
      () => '',
      'criterion',
    ),
    pilots: pad(draft.pilots.filter(hasPilot), BLANK.pilots, blankPilot, 'pilot'),
    budget: budget(draft.budget, ''),
    subActions: pad(
      subs,
      BLANK.subActions,
      () => ({
        id: '',
        title: '',
        description: '',
        status: 'planned',
        startDate: '',
        endDate: '',
        recurring: false,
        pilots: [],
        budget: [],
        remove: false,
      }),
      'sub',
    ).map((s, i) => ({
      ...s,
      pilots: pad(s.pilots.filter(hasPilot), 1, blankPilot, `sub_${i}_pilot`),
      budget: budget(s.budget, `sub_${i}_`),
    })),
  };
}

const hasPilot = (p: PilotDraft) => Boolean(p.userId || p.text.trim());
const hasBudget = (l: BudgetDraft) =>
  Boolean(l.year.trim() || l.amount.trim() || l.coFunders.some((c) => c.name.trim() || c.amount.trim()));

// ─── From the draft to the use case's input ──────────────────────────────────────────────────────

/** What the form asks of the use case, and the account e-mail addresses it names as pilots. */
export interface ReadFiche {
  input: FicheInput;
  errors: FieldError[];
  /** E-mail addresses typed as pilots, with where they were typed. */
  emails: { where: string; email: string; field: string }[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The draft as the fiche input; pilots typed as e-mail addresses are `account` pilots with the address as id, resolved after. */
export function inputFromDraft(draft: FicheDraft): ReadFiche {
  const errors: FieldError[] = [];
  const emails: ReadFiche['emails'] = [];
  const pilots = (list: PilotDraft[], prefix: string, where: string): PilotInput[] =>
    list.flatMap((p, i): PilotInput[] => {
      if (p.remove || !hasPilot(p)) return [];
      if (p.userId) return [{ kind: 'account' as const, userId: p.userId }];
      const text = p.text.trim();
      if (EMAIL.test(text)) {
        emails.push({ where: `${where}, ligne ${i + 1}`, email: text, field: `${prefix}${i}` });
        return [{ kind: 'account' as const, userId: `email:${text.toLowerCase()}` }];
      }
      return [{ kind: 'person' as const, name: text }];
    });
  const budget = (lines: BudgetDraft[], prefix: string, where: string) =>
    lines.flatMap((l, i) => {
      if (!hasBudget(l)) return [];
      const p = `${prefix}${i}_`;
      const year = Number(l.year);
      if (!/^\d{4}$/.test(l.year.trim()))
        errors.push({
          field: `${p}year`,
          message: `${where}, ligne ${i + 1}, année : année sur quatre chiffres attendue.`,
        });
      const amount = parseHundredths(l.amount);
      if (amount === undefined)
        errors.push({
          field: `${p}amount`,
          message: `${where}, ligne ${i + 1}, montant : nombre attendu (par exemple 12 000 ou 0,5).`,
        });
      const coFunders = l.coFunders.flatMap((c, j) => {
        if (!c.name.trim() && !c.amount.trim()) return [];
        const a = parseHundredths(c.amount);
        if (!c.name.trim())
          errors.push({
            field: `${p}cofunder_${j}_name`,
            message: `${where}, ligne ${i + 1}, cofinanceur ${j + 1} : nom obligatoire.`,
          });
        if (a === undefined)
          errors.push({
            field: `${p}cofunder_${j}_amount`,
            message: `${where}, ligne ${i + 1}, cofinanceur ${j + 1}, montant : nombre attendu.`,
          });
        return [{ name: c.name.trim(), amount: String(a ?? 0n) }];
      });
      return [
        {
          year: Number.isInteger(year) ? year : 0,
          nature: l.nature as BudgetLine['nature'],
          unit: l.unit as BudgetLine['unit'],
          stage: l.stage as BudgetLine['stage'],
          amount: String(amount ?? 0n),
          coFunders,
        },
      ];
    });
  const subActions = draft.subActions
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !s.remove && (s.id || s.title.trim()))
    .map(({ s, i }) => ({
      ...(s.id ? { id: s.id } : {}),
      title: s.title,
      description: s.description,
      status: s.status as Fiche['status'],
      startDate: s.startDate || null,
      endDate: s.endDate || null,
      recurring: s.recurring,
      pilots: pilots(s.pilots, `sub_${i}_pilot_`, `Sous-action ${i + 1}, pilotes`),
      budget: budget(s.budget, `sub_${i}_budget_`, `Sous-action ${i + 1}, budget`),
    }));
  const input: FicheInput = {
    axeId: draft.axeId,
    title: draft.title,
    description: draft.description,
    theme: (draft.theme || null) as FicheInput['theme'],
    publics: draft.publics as FicheInput['publics'],
    objectiveIds: draft.objectiveIds,
    electedReferent: draft.electedReferent,
    partners: draft.partners.map((p) => p.trim()).filter(Boolean),
    humanMeans: draft.humanMeans,
    technicalMeans: draft.technicalMeans,
    participation: draft.participation as FicheInput['participation'],
    status: draft.status as FicheInput['status'],
    priority: (draft.priority || null) as FicheInput['priority'],
    startDate: draft.startDate || null,
    endDate: draft.endDate || null,
    recurring: draft.recurring,
    confidential: draft.confidential,
    evaluationCriteria: draft.criteria.map((c) => c.trim()).filter(Boolean),
    linkedFicheIds: draft.linkedFicheIds,
    pilots: pilots(draft.pilots, 'pilot_', 'Pilotes'),
    budget: budget(draft.budget, 'budget_', 'Budget'),
    subActions,
  };
  if (!errors.length) {
    const parsed = ficheInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({
          field: fieldIdOf(issue.path, draft),
          message: `${fieldPath(issue.path)} : ${frenchMessage(issue)}`,
        });
      }
    }
  }
  return { input, errors, emails };
}

function frenchMessage(issue: { message: string; code: string }): string {
  if (issue.message && !/^(Invalid|Too|Expected|Unrecognized|Required|Input)/.test(issue.message))
    return issue.message;
  return issue.code === 'too_small' ? 'valeur obligatoire' : 'valeur invalide';
}

/** The id of the form's field a schema issue is about (`['budget', 1, 'amount']` → `budget_1_amount`). */
function fieldIdOf(path: readonly PropertyKey[], draft: FicheDraft): string | null {
  const [head, index, rest, ...more] = path;
  const simple: Record<string, string> = {
    title: 'title',
    axeId: 'axeId',
    startDate: 'startDate',
    endDate: 'endDate',
    status: 'status',
    theme: 'theme',
    description: 'description',
    electedReferent: 'electedReferent',
  };
  if (typeof head === 'string' && simple[head]) return simple[head]!;
  const rowOf = (kept: (x: never) => boolean, list: unknown[], n: number) => {
    // The n-th kept row of the input is which row of the form?
    let seen = -1;
    for (let i = 0; i < list.length; i++) {
      if ((kept as (x: unknown) => boolean)(list[i])) seen++;
      if (seen === n) return i;
    }
    return n;
  };
  if (head === 'budget' && typeof index === 'number') {
    const i = rowOf(hasBudget as never, draft.budget, index);
    return `budget_${i}_${rest === 'amount' ? 'amount' : 'year'}`;
  }
  if (head === 'subActions' && typeof index === 'number') {
    const i = rowOf(
      ((s: SubActionDraft) => !s.remove && (s.id || s.title.trim())) as never,
      draft.subActions,
      index,
    );
    if (rest === 'endDate') return `sub_${i}_endDate`;
    if (rest === 'budget' && typeof more[0] === 'number') return `sub_${i}_budget_${more[0]}_year`;
    return `sub_${i}_title`;
  }
  if (head === 'partners' && typeof index === 'number') return `partner_${index}`;
  if (head === 'evaluationCriteria' && typeof index === 'number') return `criterion_${index}`;
  if (head === 'pilots' && typeof index === 'number') return `pilot_${index}`;
  return null;
}

/** Replaces the `email:` placeholders of pilots with the account ids found for them. */
export function withPilotIds(input: FicheInput, ids: ReadonlyMap<string, string>): FicheInput {
  const fix = (list: FicheInput['pilots']) =>
    (list ?? []).map((p) =>
      p.kind === 'account' && p.userId.startsWith('email:')
        ? { kind: 'account' as const, userId: ids.get(p.userId.slice(6)) ?? p.userId }
        : p,
    );
  return {
    ...input,
    pilots: fix(input.pilots),
    subActions: (input.subActions ?? []).map((s) => ({ ...s, pilots: fix(s.pilots) })),
  };
}
