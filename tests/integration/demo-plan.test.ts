/**
 * The demo's convention of Carrières-sur-Seine has its project and action plan once the demo is
 * seeded: as built by the demo plan, read back through the plan's use cases, the confidential fiche
 * hidden from a partner, every figure it cites as evidence published as the diagnostic publishes
 * it, and a second seeding changes nothing. Written on another convention, it follows its period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findPlan } from '../../src/db/repositories/plan.repository.js';
import { formatFigure, formatShare } from '../../src/domain/diagnostic/format.js';
import { buildDemoPlan, DEMO_PLAN_SEED_START_YEAR } from '../../src/domain/plan/demo-plan.js';
import type { Plan } from '../../src/domain/plan/model.js';
import { seedDemo } from '../../src/use-cases/demo/seed-demo.js';
import { seedDemoPlan } from '../../src/use-cases/demo/seed-demo-plan.js';
import { getPublishedDiagnostic } from '../../src/use-cases/diagnostic/get-published-diagnostic.js';
import { createOrganisation } from '../../src/use-cases/organisations/create-organisation.js';
import { grantConventionAccess } from '../../src/use-cases/organisations/grant-convention-access.js';
import { getPlan } from '../../src/use-cases/plan/get-plan.js';
import { as, makeUser, seedWorld, system } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let handle: TestDatabase;
let conventionId: string;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  world = await seedWorld(handle.db);
  conventionId = (await listConventions(handle.db, { kind: 'all' })).find(
    (c) => c.territoryCode === '78124',
  )!.id;
});

afterAll(async () => {
  await handle.close();
});

/** What a save stamps (time, version) aside, and values in a fixed order. */
function comparable(plan: Plan) {
  return {
    project: plan.project,
    axes: plan.axes,
    fiches: plan.fiches.map(({ updatedAt: _u, version: _v, ...f }) => f),
    indicators: plan.indicators.map((i) => ({
      ...i,
      values: [...i.values].sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind)),
    })),
  };
}

async function demoSeedAudits(): Promise<number> {
  const rows = await handle.db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'plan.demo.seed')
    .where('entity_id', '=', conventionId)
    .execute();
  return rows.length;
}

describe('the demo plan of Carrières-sur-Seine', () => {
  it('is the plan of the demo’s convention, stored as built (amounts in cents, pilots, indicators)', async () => {
    const stored = await findPlan(handle.db, conventionId);
    expect(stored).toBeDefined();
    expect(comparable(stored!)).toEqual(comparable(buildDemoPlan(conventionId, DEMO_PLAN_SEED_START_YEAR)));
    expect(stored!.project.cafPriorities).toHaveLength(7);
    expect(typeof stored!.fiches[0]!.budget[0]!.amount).toBe('bigint');
    expect(await demoSeedAudits()).toBe(1);
  });

  it('is read through the plan’s use case, its confidential fiche hidden from a partner', async () => {
    const caf = await makeUser(handle.db, 'conseillere.demo-plan@caf78.test', world.caf78.id, ['caf_agent']);
    const view = await getPlan(as(handle.db, caf), conventionId);
    expect(view.plan.fiches.length).toBeGreaterThanOrEqual(20);
    expect(view.hiddenFiches).toBe(0);
    expect(view.plan.fiches.some((f) => f.confidential)).toBe(true);
    const association = await createOrganisation(system(handle.db), {
      kind: 'partner',
      name: 'Association partenaire de la démonstration',
    });
    await grantConventionAccess(system(handle.db), { organisationId: association.id, conventionId });
    const partner = await makeUser(handle.db, 'partenaire.demo-plan@association.test', association.id, [
      'partner',
    ]);
    const seen = await getPlan(as(handle.db, partner), conventionId);
    expect(seen.hiddenFiches).toBe(1);
    expect(seen.plan.fiches.some((f) => f.confidential)).toBe(false);
    expect(seen.plan.fiches).toHaveLength(view.plan.fiches.length - 1);
  });

  it('cites as evidence only figures the diagnostic publishes, as it shows them', async () => {
    const { json } = await getPublishedDiagnostic(system(handle.db), '78124');
    const rows = json.sections.flatMap((s) => s.rows);
    const plan = (await findPlan(handle.db, conventionId))!;
    const cited = plan.project.needs.flatMap((n) => n.evidence);
    expect(cited.length).toBeGreaterThan(10);
    for (const e of cited) {
      const row = rows.find((r) => r.id === e.indicatorId && r.label === e.label);
      expect(row, `${e.indicatorId} « ${e.label} »`).toBeDefined();
      expect(row!.statuses.value, e.indicatorId).toBe('published');
      const value = formatFigure(row!.value, row!.unit);
      const shown = e.value.includes('(') ? `${value} (${formatShare(row!.share)})` : value;
      if (e.value.includes('(')) expect(row!.statuses.share, e.indicatorId).toBe('published');
      expect(e.value, e.indicatorId).toBe(shown);
      expect(e.year).toBe(Number(row!.date!.slice(0, 4)));
    }
  });

  it('follows rows of the diagnostic as indicators with their figures as published', async () => {
    const { json } = await getPublishedDiagnostic(system(handle.db), '78124');
    const plan = (await findPlan(handle.db, conventionId))!;
    const linked = plan.indicators.filter((i) => i.diagnosticIndicatorId);
    expect(linked.length).toBeGreaterThan(0);
    for (const i of linked) {
      const section = json.sections.find((s) => s.rows.some((r) => r.id === i.diagnosticIndicatorId))!;
      const row = section.rows.find((r) => r.id === i.diagnosticIndicatorId)!;
      expect(row.statuses.value, i.id).toBe('published');
      expect(i.diagnosticFigure, i.id).toEqual({
        label: row.label,
        value: formatFigure(row.value, row.unit),
        year: Number(row.date!.slice(0, 4)),
        source: `Diagnostic partagé (${row.source ?? section.sources.join(', ')})`,
      });
    }
  });

  it('is left as it is by a second seeding', async () => {
    const before = await findPlan(handle.db, conventionId);
    const result = await seedDemo(system(handle.db), { departements: ['78', '95'] });
    expect(result.planWritten).toBe(false);
    expect(await findPlan(handle.db, conventionId)).toEqual(before);
    expect(await demoSeedAudits()).toBe(1);
  });

  it('is not written on the other commune’s draft by the demo', async () => {
    expect(await findPlan(handle.db, await chatouId())).toBeUndefined();
  });

  it('fits another convention’s period when written on it, with rows of its own, once', async () => {
    // The draft of Chatou runs from 2025 to 2028.
    const chatou = await chatouId();
    expect(await seedDemoPlan(system(handle.db), chatou)).toBe(true);
    const plan = (await findPlan(handle.db, chatou))!;
    const dates = plan.fiches.flatMap((f) => [f.startDate, f.endDate]).filter((d) => d !== null);
    expect(dates.length).toBeGreaterThan(20);
    expect(dates.every((d) => d >= '2025-01-01' && d <= '2028-12-31')).toBe(true);
    expect(Math.min(...plan.fiches.flatMap((f) => f.budget.map((l) => l.year)))).toBe(2025);
    const carrieres = new Set((await findPlan(handle.db, conventionId))!.fiches.map((f) => f.id));
    expect(plan.fiches.some((f) => carrieres.has(f.id))).toBe(false);
    expect(await seedDemoPlan(system(handle.db), chatou)).toBe(false);
    expect(await findPlan(handle.db, chatou)).toEqual(plan);
  });
});

async function chatouId(): Promise<string> {
  return (await listConventions(handle.db, { kind: 'all' })).find((c) => c.territoryCode === '78146')!.id;
}
