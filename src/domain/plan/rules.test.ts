import { describe, expect, it } from 'vitest';
import { FICHE_STATUSES, type FicheStatus } from './model.js';
import { axe, fiche, indicator, line, objective, plan, subAction } from './plan.test-support.js';
import {
  budgetSum,
  budgetTotals,
  coFunderTotals,
  effectiveStatus,
  ficheReference,
  filterFiches,
  formatPerMille,
  groupByObjective,
  groupByStatus,
  hasRecentNote,
  isLate,
  maySeeFiche,
  missingOf,
  perMille,
  planProgress,
  subActionReference,
  visibleFiches,
  visiblePlan,
} from './rules.js';

const TODAY = '2026-12-01';
const note = (date: string) => ({ id: `n-${date}`, date, text: 'Point d’étape', authorId: null });
const ids = (list: { id: string }[]) => list.map((f) => f.id);

describe('isLate', () => {
  it('is late the day after its end date, not on it', () => {
    expect(isLate(fiche('a', { endDate: '2026-11-30' }), TODAY)).toBe(true);
    expect(isLate(fiche('a', { endDate: '2026-12-01' }), TODAY)).toBe(false);
    expect(isLate(fiche('a', { endDate: '2026-12-02' }), TODAY)).toBe(false);
  });
  it('is late across a year boundary', () => {
    expect(isLate(fiche('a', { endDate: '2025-12-31' }), '2026-01-01')).toBe(true);
    expect(isLate(fiche('a', { endDate: '2025-12-31' }), '2025-12-31')).toBe(false);
  });
  it('is never late once done or abandoned', () => {
    for (const status of ['done', 'abandoned'] as const) {
      expect(isLate(fiche('a', { status, endDate: '2020-01-01' }), TODAY)).toBe(false);
    }
  });
  it('is late when stored late, whatever its dates', () => {
    expect(isLate(fiche('a', { status: 'late' }), TODAY)).toBe(true);
    expect(isLate(fiche('a', { status: 'late', endDate: '2030-01-01' }), TODAY)).toBe(true);
  });
  it('is late for every open status past its end date', () => {
    for (const status of ['planned', 'in_progress', 'paused', 'blocked'] as const) {
      expect(isLate(fiche('a', { status, endDate: '2026-01-01' }), TODAY)).toBe(true);
    }
  });
  it('is not late without an end date, nor when recurring', () => {
    expect(isLate(fiche('a'), TODAY)).toBe(false);
    expect(isLate(fiche('a', { recurring: true, endDate: '2024-01-01' }), TODAY)).toBe(false);
  });
  it('applies to sub-actions', () => {
    expect(isLate(subAction('s', 1, { endDate: '2026-06-30' }), TODAY)).toBe(true);
  });
  it('shows late as the status', () => {
    expect(effectiveStatus(fiche('a', { status: 'blocked', endDate: '2026-01-01' }), TODAY)).toBe('late');
    expect(effectiveStatus(fiche('a', { status: 'blocked' }), TODAY)).toBe('blocked');
  });
});

describe('missingOf', () => {
  const complete = fiche('f', {
    pilots: [{ kind: 'person', name: 'Anne Dupont' }],
    budget: [line({ amount: 100n })],
    notes: [note('2026-01-01')],
    evaluationCriteria: ['Nombre de familles accueillies'],
  });
  const withIndicator = plan({ fiches: [complete], indicators: [indicator('i', { ficheId: 'f' })] });

  it('finds nothing missing on a complete fiche', () => {
    expect(missingOf(complete, withIndicator, TODAY)).toEqual([]);
  });
  it('lists everything missing on an empty fiche, in order, with French labels', () => {
    expect(missingOf(fiche('e'), plan(), TODAY)).toEqual([
      { code: 'no_pilot', label: 'Aucun pilote' },
      { code: 'no_indicator', label: 'Aucun indicateur' },
      { code: 'no_budget', label: 'Aucun budget' },
      { code: 'no_note_this_year', label: 'Aucune note de suivi cette année' },
      { code: 'no_evaluation_criterion', label: 'Aucun critère d’évaluation' },
    ]);
  });
  it('does not count an indicator of another fiche or of an objective', () => {
    const p = plan({
      indicators: [indicator('i1', { ficheId: 'other' }), indicator('i2', { objectiveId: 'o1' })],
    });
    expect(missingOf(complete, p, TODAY).map((m) => m.code)).toEqual(['no_indicator']);
  });
  it('counts a note of 1 January of this year, not of 31 December of the last', () => {
    const codes = (date: string) =>
      missingOf({ ...complete, notes: [note(date)] }, withIndicator, TODAY).map((m) => m.code);
    expect(codes('2026-01-01')).toEqual([]);
    expect(codes('2025-12-31')).toEqual(['no_note_this_year']);
    expect(missingOf({ ...complete, notes: [note('2025-12-31')] }, withIndicator, '2025-12-31')).toEqual([]);
  });
  it('counts a sub-action’s budget line as the fiche’s budget', () => {
    const f = { ...complete, budget: [], subActions: [subAction('s', 1, { budget: [line()] })] };
    expect(missingOf(f, withIndicator, TODAY)).toEqual([]);
  });
  it('does not take blank criteria for criteria', () => {
    const f = { ...complete, evaluationCriteria: ['  ', ''] };
    expect(missingOf(f, withIndicator, TODAY).map((m) => m.code)).toEqual(['no_evaluation_criterion']);
  });
});

describe('planProgress', () => {
  it('counts nothing on an empty plan', () => {
    const progress = planProgress(plan(), TODAY);
    expect(progress.total).toBe(0);
    expect(progress.doneShare).toEqual({ numerator: 0, denominator: 0 });
    expect(progress.donePerMille).toBeNull();
    expect(formatPerMille(progress.donePerMille)).toBe('—');
    expect(Object.values(progress.byStatus).every((n) => n === 0)).toBe(true);
    expect(Object.keys(progress.byStatus)).toEqual([...FICHE_STATUSES]);
  });
  it('counts done, abandoned, late and every status', () => {
    const fiches = [
      fiche('a', { status: 'done' }),
      fiche('b', { status: 'done', endDate: '2020-01-01' }),
      fiche('c', { status: 'abandoned' }),
      fiche('d', { status: 'in_progress', endDate: '2026-11-30' }),
      fiche('e', { status: 'late' }),
      fiche('f', { status: 'planned' }),
      fiche('g', { status: 'in_progress' }),
    ];
    const progress = planProgress(plan({ fiches }), TODAY);
    expect(progress).toMatchObject({ total: 7, done: 2, abandoned: 1, late: 2 });
    expect(progress.doneShare).toEqual({ numerator: 2, denominator: 6 });
    expect(progress.donePerMille).toBe(333);
    expect(formatPerMille(progress.donePerMille)).toBe('33,3\u00a0%');
    expect(progress.byStatus).toEqual({
      planned: 1,
      in_progress: 1,
      done: 2,
      paused: 0,
      blocked: 0,
      abandoned: 1,
      late: 2,
    });
  });
  it('has no share when every fiche is abandoned', () => {
    const progress = planProgress(plan({ fiches: [fiche('a', { status: 'abandoned' })] }), TODAY);
    expect(progress.donePerMille).toBeNull();
  });
});

describe('perMille and formatPerMille', () => {
  it('rounds half up in integers', () => {
    expect(perMille({ numerator: 1, denominator: 3 })).toBe(333);
    expect(perMille({ numerator: 2, denominator: 3 })).toBe(667);
    expect(perMille({ numerator: 1, denominator: 8 })).toBe(125);
    expect(perMille({ numerator: 1, denominator: 2000 })).toBe(1);
    expect(perMille({ numerator: 1, denominator: 2001 })).toBe(0);
    expect(perMille({ numerator: 5, denominator: 5 })).toBe(1000);
    expect(perMille({ numerator: 0, denominator: 5 })).toBe(0);
  });
  it('writes a French percentage', () => {
    expect(formatPerMille(1000)).toBe('100\u00a0%');
    expect(formatPerMille(0)).toBe('0\u00a0%');
    expect(formatPerMille(425)).toBe('42,5\u00a0%');
    expect(formatPerMille(7)).toBe('0,7\u00a0%');
  });
});

describe('references', () => {
  const axes = [axe(1), axe(2, { id: 'axe-b' })];
  it('numbers a fiche and a sub-action from the positions', () => {
    const f = fiche('f', { axeId: 'axe-1', position: 2 });
    expect(ficheReference(axes, f)).toBe('1.2');
    expect(subActionReference(axes, f, subAction('s', 1))).toBe('1.2.1');
    expect(ficheReference(axes, fiche('g', { axeId: 'axe-b', position: 12 }))).toBe('2.12');
  });
  it('marks an unknown axe', () => {
    expect(ficheReference(axes, fiche('f', { axeId: 'nowhere', position: 3 }))).toBe('?.3');
  });
});

describe('filterFiches', () => {
  const fiches = [
    fiche('late', { axeId: 'axe-2', position: 1, endDate: '2026-06-30', theme: 'housing' }),
    fiche('piloted', {
      position: 2,
      theme: 'early_childhood',
      publics: ['parents', 'children_0_3'],
      pilots: [{ kind: 'account', userId: 'u-42', name: 'Élodie Martin' }],
      notes: [note('2026-11-01')],
    }),
    fiche('person', {
      position: 1,
      status: 'done',
      pilots: [{ kind: 'person', name: 'Jean Bernard' }],
      notes: [note('2026-06-04')],
    }),
  ];
  const p = plan({ fiches, indicators: [indicator('i', { ficheId: 'piloted' })] });
  const run = (filter: Parameters<typeof filterFiches>[1], today = TODAY) =>
    ids(filterFiches(p, filter, today));

  it('keeps every fiche, in the plan’s order, without criteria', () => {
    expect(run({})).toEqual(['person', 'piloted', 'late']);
  });
  it('is empty on an empty plan', () => {
    expect(filterFiches(plan(), { late: true }, TODAY)).toEqual([]);
  });
  it('filters by the status shown', () => {
    expect(run({ statuses: ['in_progress'] })).toEqual(['piloted']);
    expect(run({ statuses: ['late', 'done'] })).toEqual(['person', 'late']);
  });
  it('filters by theme and public', () => {
    expect(run({ themes: ['housing'] })).toEqual(['late']);
    expect(run({ publics: ['children_0_3', 'seniors'] })).toEqual(['piloted']);
  });
  it('filters by pilot account or by part of a name, ignoring case and accents', () => {
    expect(run({ pilot: 'u-42' })).toEqual(['piloted']);
    expect(run({ pilot: 'elodie' })).toEqual(['piloted']);
    expect(run({ pilot: 'BERNARD' })).toEqual(['person']);
    expect(run({ pilot: 'Personne' })).toEqual([]);
  });
  it('filters late or not late', () => {
    expect(run({ late: true })).toEqual(['late']);
    expect(run({ late: false })).toEqual(['person', 'piloted']);
  });
  it('filters those without a pilot or an indicator', () => {
    expect(run({ withoutPilot: true })).toEqual(['late']);
    expect(run({ withoutIndicator: true })).toEqual(['person', 'late']);
  });
  it('filters those without a note in the last 180 days, the 180th day counting', () => {
    // 2026-06-04 is 180 days before 2026-12-01.
    expect(run({ withoutRecentNote: true })).toEqual(['late']);
    expect(run({ withoutRecentNote: true }, '2026-12-02')).toEqual(['person', 'late']);
    expect(run({ withoutRecentNote: true, recentNoteDays: 30 })).toEqual(['person', 'late']);
  });
  it('combines criteria', () => {
    expect(run({ withoutIndicator: true, late: false })).toEqual(['person']);
  });
  it('refuses a negative number of days', () => {
    expect(() => run({ withoutRecentNote: true, recentNoteDays: -1 })).toThrow(/Nombre de jours invalide/);
  });
});

describe('hasRecentNote', () => {
  it('has none without notes', () => {
    expect(hasRecentNote(fiche('a'), TODAY)).toBe(false);
  });
  it('counts a note of today with zero days', () => {
    expect(hasRecentNote(fiche('a', { notes: [note(TODAY)] }), TODAY, 0)).toBe(true);
    expect(hasRecentNote(fiche('a', { notes: [note('2026-11-30')] }), TODAY, 0)).toBe(false);
  });
});

describe('groupByStatus', () => {
  it('gives every status in order, late computed, empty groups included', () => {
    const fiches = [
      fiche('x', { position: 2, endDate: '2026-01-01' }),
      fiche('y', { position: 1, status: 'late' }),
      fiche('z', { status: 'done', position: 3 }),
    ];
    const groups = groupByStatus(plan(), fiches, TODAY);
    expect(groups.map((g) => g.status)).toEqual([...FICHE_STATUSES]);
    const of = (status: FicheStatus) => ids(groups.find((g) => g.status === status)!.fiches);
    expect(of('late')).toEqual(['y', 'x']);
    expect(of('done')).toEqual(['z']);
    expect(of('in_progress')).toEqual([]);
    expect(groups.find((g) => g.status === 'late')!.label).toBe('En retard');
  });
  it('gives empty groups for an empty plan', () => {
    expect(groupByStatus(plan(), [], TODAY).every((g) => g.fiches.length === 0)).toBe(true);
  });
});

describe('groupByObjective', () => {
  const objectives = [objective('o1'), objective('o2'), objective('o3')];
  const p = plan({ project: { ...plan().project, objectives } });
  it('puts a fiche in each objective it serves and the others in a last group', () => {
    const fiches = [
      fiche('both', { objectiveIds: ['o2', 'o1'] }),
      fiche('one', { position: 2, objectiveIds: ['o2'] }),
      fiche('none', { position: 3 }),
      fiche('gone', { position: 4, objectiveIds: ['deleted'] }),
    ];
    const groups = groupByObjective(p, fiches);
    expect(groups.map((g) => [g.objective?.id ?? null, ids(g.fiches)])).toEqual([
      ['o1', ['both']],
      ['o2', ['both', 'one']],
      ['o3', []],
      [null, ['none', 'gone']],
    ]);
  });
  it('has no last group when every fiche serves an objective', () => {
    const groups = groupByObjective(p, [fiche('a', { objectiveIds: ['o3'] })]);
    expect(groups.map((g) => g.objective?.id ?? null)).toEqual(['o1', 'o2', 'o3']);
  });
  it('has nothing for an empty plan', () => {
    expect(groupByObjective(plan(), [])).toEqual([]);
  });
});

describe('budget totals', () => {
  const fiches = [
    fiche('a', {
      budget: [
        line({ year: 2026, amount: 1_000_00n, coFunders: [{ name: 'Caf', amount: 600_00n }] }),
        line({ year: 2025, amount: 250_50n, coFunders: [{ name: 'Département', amount: 100_00n }] }),
        line({ year: 2025, nature: 'investment', amount: 9_999_999_999_99n }),
        line({ year: 2025, unit: 'fte', amount: 50n, coFunders: [{ name: 'Caf', amount: 25n }] }),
      ],
      subActions: [
        subAction('s', 1, {
          budget: [line({ year: 2025, amount: 49_50n, coFunders: [{ name: ' caf ', amount: 49_50n }] })],
        }),
      ],
    }),
    fiche('b', {
      budget: [
        line({
          year: 2025,
          amount: 700_00n,
          stage: 'actual',
          coFunders: [{ name: 'departement', amount: 1n }],
        }),
        line({ year: 2025, amount: 100_00n }),
      ],
    }),
  ];
  it('sums by year, nature, stage and unit in cents, sub-actions included', () => {
    expect(budgetTotals(fiches)).toEqual([
      { year: 2025, nature: 'investment', stage: 'planned', unit: 'eur', amount: 9_999_999_999_99n },
      { year: 2025, nature: 'operating', stage: 'planned', unit: 'eur', amount: 400_00n },
      { year: 2025, nature: 'operating', stage: 'planned', unit: 'fte', amount: 50n },
      { year: 2025, nature: 'operating', stage: 'actual', unit: 'eur', amount: 700_00n },
      { year: 2026, nature: 'operating', stage: 'planned', unit: 'eur', amount: 1_000_00n },
    ]);
    expect(budgetSum(budgetTotals(fiches), 'eur', 'planned')).toBe(9_999_999_999_99n + 1_400_00n);
  });
  it('leaves sub-actions out when asked', () => {
    const totals = budgetTotals(fiches, { withSubActions: false });
    expect(totals.find((t) => t.year === 2025 && t.nature === 'operating' && t.unit === 'eur')!.amount).toBe(
      350_50n,
    );
  });
  it('sums co-funders whatever the case, accents and spaces of their names', () => {
    expect(coFunderTotals(fiches)).toEqual([
      { name: 'Caf', stage: 'planned', unit: 'eur', amount: 649_50n },
      { name: 'Caf', stage: 'planned', unit: 'fte', amount: 25n },
      { name: 'Département', stage: 'planned', unit: 'eur', amount: 100_00n },
      { name: 'departement', stage: 'actual', unit: 'eur', amount: 1n },
    ]);
  });
  it('is empty without fiches or lines', () => {
    expect(budgetTotals([])).toEqual([]);
    expect(budgetTotals([fiche('a')])).toEqual([]);
    expect(coFunderTotals([])).toEqual([]);
    expect(budgetSum([], 'eur', 'actual')).toBe(0n);
  });
});

describe('confidentiality', () => {
  const p = plan({
    fiches: [
      fiche('open', { linkedFicheIds: ['secret'] }),
      fiche('secret', { confidential: true, position: 2, linkedFicheIds: ['open'] }),
    ],
    indicators: [
      indicator('i-open', { ficheId: 'open' }),
      indicator('i-secret', { ficheId: 'secret' }),
      indicator('i-objective', { objectiveId: 'o1' }),
    ],
  });
  it('hides confidential fiches from a reader who may not read them', () => {
    expect(ids(visibleFiches(p, { mayReadConfidential: false }))).toEqual(['open']);
    expect(ids(visibleFiches(p, { mayReadConfidential: true }))).toEqual(['open', 'secret']);
  });
  it('shows a confidential fiche to its pilots, of the fiche or of a sub-action', () => {
    const piloted = plan({
      fiches: [
        fiche('a', { confidential: true, pilots: [{ kind: 'account', userId: 'u1', name: 'Anne' }] }),
        fiche('b', {
          confidential: true,
          position: 2,
          subActions: [subAction('s', 1, { pilots: [{ kind: 'account', userId: 'u2', name: 'Paul' }] })],
        }),
        fiche('c', { confidential: true, position: 3, pilots: [{ kind: 'person', name: 'u1' }] }),
      ],
    });
    const seenBy = (userId: string | null) =>
      ids(visibleFiches(piloted, { mayReadConfidential: false, userId }));
    expect(seenBy('u1')).toEqual(['a']);
    expect(seenBy('u2')).toEqual(['b']);
    expect(seenBy(null)).toEqual([]);
    expect(maySeeFiche(piloted.fiches[2]!, { mayReadConfidential: true })).toBe(true);
  });
  it('hides their indicators and the links to them too', () => {
    const seen = visiblePlan(p, { mayReadConfidential: false });
    expect(ids(seen.fiches)).toEqual(['open']);
    expect(seen.fiches[0]!.linkedFicheIds).toEqual([]);
    expect(ids(seen.indicators)).toEqual(['i-open', 'i-objective']);
    expect(visiblePlan(p, { mayReadConfidential: true })).toBe(p);
  });
});
