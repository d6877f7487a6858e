import { describe, expect, it } from 'vitest';
import { CATALOGUE, SECTIONS } from '../diagnostic/catalogue.js';
import { isIsoDate } from '../shared/dates.js';
import { buildDemoPlan, DEMO_PLAN_SEED_START_YEAR, DEMO_PLAN_YEARS, demoRowId } from './demo-plan.js';
import { ficheProblems } from './fiche.js';
import {
  BUDGET_NATURES,
  BUDGET_STAGES,
  BUDGET_UNITS,
  DOMAINS,
  FICHE_STATUSES,
  type FicheFields,
  MISSIONS,
  PARTICIPATION_LEVELS,
  PUBLICS,
  THEMES,
} from './model.js';
import { missingOf } from './rules.js';

const plan = buildDemoPlan('convention-demo', DEMO_PLAN_SEED_START_YEAR);
const first = DEMO_PLAN_SEED_START_YEAR;
const last = DEMO_PLAN_SEED_START_YEAR + DEMO_PLAN_YEARS - 1;
const periodStart = `${first}-01-01`;
const periodEnd = `${last}-12-31`;

function expectUnique(ids: string[], what: string) {
  const seen = new Set<string>();
  for (const id of ids) {
    expect(seen.has(id), `${what} ${id} en double`).toBe(false);
    seen.add(id);
  }
}

function allFields(): { where: string; fields: FicheFields }[] {
  return plan.fiches.flatMap((f) => [
    { where: f.id, fields: f as FicheFields },
    ...f.subActions.map((s) => ({ where: s.id, fields: s as FicheFields })),
  ]);
}

describe('demo plan of Carrières-sur-Seine', () => {
  it('hangs on the convention it is built for', () => {
    expect(plan.conventionId).toBe('convention-demo');
  });

  it('has unique ids everywhere', () => {
    const { project } = plan;
    expectUnique(
      [
        ...project.needs.map((n) => n.id),
        ...project.objectives.map((o) => o.id),
        ...project.cafPriorities.map((p) => p.id),
        ...project.localActions.map((a) => a.id),
        ...plan.axes.map((a) => a.id),
        ...plan.fiches.map((f) => f.id),
        ...plan.fiches.flatMap((f) => f.subActions.map((s) => s.id)),
        ...plan.fiches.flatMap((f) => f.notes.map((n) => n.id)),
        ...plan.indicators.map((i) => i.id),
      ],
      'identifiant',
    );
  });

  it('keys its rows by the convention, the same for one convention and apart from another’s', () => {
    const other = buildDemoPlan('autre-convention', DEMO_PLAN_SEED_START_YEAR);
    const rows = (p: typeof plan) => [
      ...p.axes.map((a) => a.id),
      ...p.fiches.flatMap((f) => [f.id, ...f.subActions.map((s) => s.id)]),
      ...p.indicators.map((i) => i.id),
    ];
    const mine = new Set(rows(plan));
    expect(rows(other).some((id) => mine.has(id))).toBe(false);
    expect(plan.fiches[0]!.id).toBe(demoRowId('convention-demo', 'fiche-1-1'));
    expect(plan.fiches[0]!.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('is accepted by the checks a fiche passes when it is saved', () => {
    for (const f of plan.fiches) expect(ficheProblems(f, plan), f.id).toEqual([]);
  });

  it('references only ids that exist', () => {
    const needs = new Set(plan.project.needs.map((n) => n.id));
    const objectives = new Set(plan.project.objectives.map((o) => o.id));
    const axes = new Set(plan.axes.map((a) => a.id));
    const fiches = new Set(plan.fiches.map((f) => f.id));
    for (const objective of plan.project.objectives) {
      expect(objective.needIds.length, objective.id).toBeGreaterThan(0);
      for (const id of objective.needIds) expect(needs.has(id), `${objective.id} → ${id}`).toBe(true);
    }
    for (const f of plan.fiches) {
      expect(axes.has(f.axeId), `${f.id} → ${f.axeId}`).toBe(true);
      expect(f.objectiveIds.length, f.id).toBeGreaterThan(0);
      for (const id of f.objectiveIds) expect(objectives.has(id), `${f.id} → ${id}`).toBe(true);
      for (const id of f.linkedFicheIds) {
        expect(fiches.has(id), `${f.id} → ${id}`).toBe(true);
        expect(id).not.toBe(f.id);
      }
    }
    for (const indicator of plan.indicators) {
      // Attached to exactly one of a fiche or an objective.
      expect((indicator.ficheId === null) !== (indicator.objectiveId === null), indicator.id).toBe(true);
      if (indicator.ficheId) expect(fiches.has(indicator.ficheId), indicator.id).toBe(true);
      if (indicator.objectiveId) expect(objectives.has(indicator.objectiveId), indicator.id).toBe(true);
    }
    // Every need is answered by some objective.
    const answered = new Set(plan.project.objectives.flatMap((o) => o.needIds));
    for (const id of needs) expect(answered.has(id), id).toBe(true);
  });

  it('numbers axes, fiches and sous-actions from 1 without gaps', () => {
    expect(plan.axes.map((a) => a.position)).toEqual(plan.axes.map((_, i) => i + 1));
    for (const axe of plan.axes) {
      const positions = plan.fiches.filter((f) => f.axeId === axe.id).map((f) => f.position);
      expect(positions.length, axe.id).toBeGreaterThan(0);
      expect(positions).toEqual(positions.map((_, i) => i + 1));
    }
    for (const f of plan.fiches)
      expect(f.subActions.map((s) => s.position)).toEqual(f.subActions.map((_, i) => i + 1));
  });

  it('holds the seven priorities of the Caf (article 2), the periscolaire one included', () => {
    const texts = plan.project.cafPriorities.map((p) => p.text);
    expect(texts).toHaveLength(7);
    expect(texts).toContain('Le développement de l’offre d’accueil périscolaire pour les 3 à 10 ans');
    expect(texts).toContain('Contribution à l’animation de la vie sociale du territoire');
  });

  it('groups the objectives of article 4 under each of the four missions', () => {
    const counts = Object.fromEntries(
      MISSIONS.map((m) => [m, plan.project.objectives.filter((o) => o.mission === m).length]),
    );
    expect(counts).toEqual({ conciliation: 2, parentality: 3, insertion: 3, living_environment: 1 });
    expect(plan.project.objectives.map((o) => o.title)).toContain(
      'faciliter l’intégration des familles dans la vie collective et citoyenne',
    );
  });

  it('gives the commune’s actions, structures and partners for each domain of article 3', () => {
    for (const domain of DOMAINS) {
      expect(plan.project.localActions.filter((a) => a.domain === domain).length, domain).toBeGreaterThan(0);
      expect(
        plan.project.domainResources.filter((r) => r.domain === domain),
        domain,
      ).toHaveLength(1);
    }
    const named = plan.project.domainResources.flatMap((r) => [...r.structures, ...r.partners]).join(' | ');
    for (const name of [
      '4 multi-accueils',
      'Relais Petite Enfance (RPE)',
      'la Roseraie',
      'France Travail',
      'CIDFF',
    ]) {
      expect(named).toContain(name);
    }
    const actions = plan.project.localActions.map((a) => a.text).join(' | ');
    for (const name of ['Passerelles', 'Petibonum', 'BAO PAO', 'IME', 'Maison France Service']) {
      expect(actions).toContain(name);
    }
  });

  it('cites only catalogue rows of the diagnostic, under a label it prints, as evidence of each need', () => {
    const labels = new Map<string, Set<string>>();
    for (const [id, indicator] of CATALOGUE.indicators) labels.set(id, new Set([indicator.label]));
    for (const section of SECTIONS) {
      for (const row of section.rows) if (row.label) labels.get(row.indicator)!.add(row.label);
    }
    for (const need of plan.project.needs) {
      expect(need.evidence.length, need.id).toBeGreaterThan(0);
      expect(need.source, need.id).not.toBe('');
      expect(need.description, need.id).not.toBe('');
      for (const e of need.evidence) {
        expect(CATALOGUE.indicators.has(e.indicatorId), e.indicatorId).toBe(true);
        expect([...labels.get(e.indicatorId)!], e.indicatorId).toContain(e.label);
        expect(e.value, e.indicatorId).not.toBe('');
        expect(e.year).toBe(Number(CATALOGUE.indicators.get(e.indicatorId)!.seedDate.slice(0, 4)));
      }
    }
    for (const indicator of plan.indicators) {
      if (indicator.diagnosticIndicatorId) {
        expect(CATALOGUE.indicators.has(indicator.diagnosticIndicatorId), indicator.id).toBe(true);
      }
    }
  });

  it('keeps every date and every year inside the convention’s period', () => {
    for (const { where, fields } of allFields()) {
      for (const date of [fields.startDate, fields.endDate]) {
        if (date === null) continue;
        expect(isIsoDate(date), `${where} ${date}`).toBe(true);
        expect(date >= periodStart && date <= periodEnd, `${where} ${date}`).toBe(true);
      }
      if (fields.startDate && fields.endDate) expect(fields.startDate <= fields.endDate, where).toBe(true);
      if (fields.recurring) expect(fields.endDate, where).toBeNull();
      for (const line of fields.budget) expect(line.year >= first && line.year <= last, where).toBe(true);
    }
    for (const f of plan.fiches) {
      for (const note of f.notes)
        expect(note.date >= periodStart && note.date <= periodEnd, note.id).toBe(true);
    }
    for (const indicator of plan.indicators) {
      for (const v of indicator.values) expect(v.year >= first && v.year <= last, indicator.id).toBe(true);
    }
  });

  it('moves with the convention’s start year', () => {
    const later = buildDemoPlan('autre', 2030);
    expect(later.fiches[0]!.startDate!.slice(0, 4)).toBe('2030');
    expect(Math.min(...later.fiches.flatMap((f) => f.budget.map((l) => l.year)))).toBe(2030);
    expect(buildDemoPlan('convention-demo', first)).toEqual(plan);
  });

  it('holds amounts as bigint cents whose co-funders add up to the line', () => {
    let investment = false;
    let actual = false;
    for (const { where, fields } of allFields()) {
      for (const line of fields.budget) {
        expect(typeof line.amount, where).toBe('bigint');
        expect(line.amount > 0n, where).toBe(true);
        expect(BUDGET_NATURES).toContain(line.nature);
        expect(BUDGET_UNITS).toContain(line.unit);
        expect(BUDGET_STAGES).toContain(line.stage);
        if (line.unit === 'eur') {
          expect(line.amount % 100n, `${where} : euros entiers`).toBe(0n);
          const funded = line.coFunders.reduce((sum, c) => sum + c.amount, 0n);
          expect(funded, `${where} ${line.year}`).toBe(line.amount);
        }
        for (const c of line.coFunders) expect(typeof c.amount).toBe('bigint');
        investment ||= line.nature === 'investment';
        // Actual amounts only for the two past years.
        if (line.stage === 'actual') {
          actual = true;
          expect(line.year <= first + 1, where).toBe(true);
        }
      }
    }
    expect(investment).toBe(true);
    expect(actual).toBe(true);
    const funders = new Set(
      allFields().flatMap(({ fields }) => fields.budget.flatMap((l) => l.coFunders.map((c) => c.name))),
    );
    expect([...funders].sort()).toEqual([
      'Caf des Yvelines',
      'Commune de Carrières-sur-Seine',
      'Département des Yvelines',
    ]);
  });

  it('uses the model’s codes only', () => {
    for (const f of plan.fiches) {
      expect(FICHE_STATUSES).toContain(f.status);
      expect(PARTICIPATION_LEVELS).toContain(f.participation);
      if (f.theme) expect(THEMES).toContain(f.theme);
      for (const p of f.publics) expect(PUBLICS).toContain(p);
      for (const s of f.subActions) expect(FICHE_STATUSES).toContain(s.status);
    }
  });

  it('has something to show in every view, and what is missing', () => {
    expect(plan.fiches.length).toBeGreaterThanOrEqual(20);
    expect(plan.fiches.length).toBeLessThanOrEqual(25);
    const statuses = new Set(plan.fiches.map((f) => f.status));
    for (const status of ['planned', 'in_progress', 'done', 'late', 'blocked', 'paused'] as const) {
      expect(statuses.has(status), status).toBe(true);
    }
    expect(plan.fiches.filter((f) => f.status === 'blocked')).toHaveLength(1);
    expect(plan.fiches.filter((f) => f.subActions.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(plan.fiches.filter((f) => f.confidential)).toHaveLength(1);
    expect(plan.fiches.filter((f) => f.pilots.length === 0)).toHaveLength(1);
    const today = `${first + 2}-11-28`;
    const lacking = (code: string) =>
      plan.fiches.filter((f) => missingOf(f, plan, today).some((m) => m.code === code)).length;
    expect(lacking('no_pilot')).toBe(1);
    expect(lacking('no_indicator')).toBe(1);
    // Every objective is worked on by a fiche.
    const worked = new Set(plan.fiches.flatMap((f) => f.objectiveIds));
    for (const o of plan.project.objectives) expect(worked.has(o.id), o.id).toBe(true);
    // Indicators: targets for the years, results for the past ones, as exact decimals.
    for (const indicator of plan.indicators) {
      expect(
        indicator.values.some((v) => v.kind === 'target'),
        indicator.id,
      ).toBe(true);
      for (const v of indicator.values) {
        expect(v.value, indicator.id).toMatch(/^-?\d+(\.\d+)?$/);
        if (v.kind === 'result') expect(v.year <= first + 1, indicator.id).toBe(true);
      }
      if (indicator.baselineValue !== null) expect(indicator.baselineValue).toMatch(/^-?\d+(\.\d+)?$/);
    }
    expect(plan.indicators.filter((i) => i.values.some((v) => v.kind === 'result')).length).toBeGreaterThan(
      15,
    );
  });
});
