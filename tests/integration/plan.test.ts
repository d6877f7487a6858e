/**
 * The action plan's use cases on a real database (PGlite, or PostgreSQL with DATABASE_URL): the
 * territory's agent writes axes, fiches with budgets and pilots, indicators; a pilot edits the fiche
 * they lead and nothing else; partners do not see confidential fiches; two saves of one fiche from
 * the same page lose nothing (the second is a 409 carrying the first); the Caf validates; bad input
 * changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findPlan } from '../../src/db/repositories/plan.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { createOrganisation } from '../../src/use-cases/organisations/create-organisation.js';
import { grantConventionAccess } from '../../src/use-cases/organisations/grant-convention-access.js';
import { changeFiches } from '../../src/use-cases/plan/change-fiches.js';
import { commentFiche } from '../../src/use-cases/plan/comment-fiche.js';
import { createFiche } from '../../src/use-cases/plan/create-fiche.js';
import { deleteAxe } from '../../src/use-cases/plan/delete-axe.js';
import { getFiche } from '../../src/use-cases/plan/get-fiche.js';
import { getPlan } from '../../src/use-cases/plan/get-plan.js';
import { saveAxe } from '../../src/use-cases/plan/save-axe.js';
import { saveIndicator } from '../../src/use-cases/plan/save-indicator.js';
import { updateFiche } from '../../src/use-cases/plan/update-fiche.js';
import { updateProject } from '../../src/use-cases/plan/update-project.js';
import { validatePlan } from '../../src/use-cases/plan/validate-plan.js';
import { as, makeUser, seedWorld, system } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let agent: Actor;
let colleague: Actor;
let caf: Actor;
let pilot: Actor;
let otherPartner: Actor;
let outsider: Actor;
let chatouId: string;

const budget = (year: number, euros: number) => ({
  year,
  nature: 'operating' as const,
  unit: 'eur' as const,
  stage: 'planned' as const,
  amount: String(euros * 100),
  coFunders: [{ name: 'Caf des Yvelines', amount: String(euros * 50) }],
});

const code = (e: unknown) => (e as { code?: string }).code;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  chatouId = (await listConventions(handle.db, { kind: 'all' })).find((c) => c.territoryCode === '78146')!.id;
  agent = await makeUser(handle.db, 'agent.plan@chatou.test', world.chatou.id, ['territory_agent']);
  colleague = await makeUser(handle.db, 'collegue.plan@chatou.test', world.chatou.id, ['territory_agent']);
  outsider = await makeUser(handle.db, 'agent.plan@carrieres.test', world.carrieres.id, ['territory_agent']);
  caf = await makeUser(handle.db, 'conseillere.plan@caf78.test', world.caf78.id, ['caf_agent']);
  const association = await createOrganisation(system(handle.db), {
    kind: 'partner',
    name: 'Association Passerelles',
  });
  await grantConventionAccess(system(handle.db), { organisationId: association.id, conventionId: chatouId });
  pilot = await makeUser(handle.db, 'pilote@passerelles.test', association.id, ['partner']);
  otherPartner = await makeUser(handle.db, 'autre@passerelles.test', association.id, ['partner']);
});
afterAll(() => handle.close());

describe('the action plan', () => {
  let axeId: string;
  let ledId: string;
  let otherId: string;

  it('is written by the territory’s agent: axe, fiches with budgets and pilots, an indicator', async () => {
    expect((await getPlan(as(handle.db, agent), chatouId)).plan.fiches).toEqual([]);
    const axe = await saveAxe(as(handle.db, agent), chatouId, { title: 'Petite enfance' });
    axeId = axe.id;
    const led = await createFiche(as(handle.db, agent), chatouId, {
      axeId,
      title: 'Poursuivre le projet Passerelles',
      status: 'in_progress',
      startDate: '2025-01-01',
      endDate: '2027-12-31',
      pilots: [{ kind: 'account', userId: (pilot as { userId: string }).userId }],
      budget: [budget(2025, 12_000), budget(2026, 12_500)],
      subActions: [{ title: 'Ateliers parents-enfants', budget: [budget(2026, 800)] }],
    });
    ledId = led.id;
    const other = await createFiche(as(handle.db, agent), chatouId, {
      axeId,
      title: 'Recenser les besoins d’accueil',
      pilots: [{ kind: 'person', name: 'Direction de la petite enfance' }],
      budget: [budget(2026, 3_000)],
      confidential: true,
    });
    otherId = other.id;
    await saveIndicator(as(handle.db, agent), chatouId, {
      indicator: {
        ficheId: ledId,
        title: 'Familles accompagnées',
        unit: 'familles',
        baselineValue: '12',
        baselineDate: '2024-01-01',
        values: [
          ...[2024, 2025, 2026, 2027].map((year) => ({
            year,
            kind: 'target' as const,
            value: String(10 + year - 2020),
          })),
          { year: 2024, kind: 'result' as const, value: '15' },
          { year: 2025, kind: 'result' as const, value: '16.5' },
        ],
      },
    });
    const stored = (await findPlan(handle.db, chatouId))!;
    expect(stored.axes.map((a) => a.title)).toEqual(['Petite enfance']);
    const fiche = stored.fiches.find((f) => f.id === ledId)!;
    expect(fiche.pilots).toEqual([
      { kind: 'account', userId: (pilot as { userId: string }).userId, name: 'pilote' },
    ]);
    expect(fiche.budget[1]).toMatchObject({ amount: 1_250_000n, coFunders: [{ amount: 625_000n }] });
    expect(fiche.subActions).toMatchObject([
      { title: 'Ateliers parents-enfants', position: 1, budget: [{ amount: 80_000n }] },
    ]);
    expect(stored.indicators[0]!.values).toHaveLength(6);
    expect(stored.indicators[0]!.values.find((v) => v.kind === 'result' && v.year === 2025)!.value).toBe(
      '16.5',
    );
  });

  it('lets a pilot edit the fiche they lead, and only that one', async () => {
    const view = await getFiche(as(handle.db, pilot), ledId);
    expect(view).toMatchObject({ mayEdit: true, byPilot: true });
    const saved = await updateFiche(as(handle.db, pilot), ledId, {
      fiche: { axeId, title: 'Poursuivre le projet Passerelles', status: 'done', pilots: [] },
      expectedVersion: view.fiche.version,
    });
    // Who leads the fiche stays the territory's decision.
    expect(saved.fiche.status).toBe('done');
    expect(saved.fiche.pilots).toHaveLength(1);
    // The confidential fiche the pilot does not lead does not exist for them.
    await expect(getFiche(as(handle.db, pilot), otherId)).rejects.toMatchObject({
      code: 'PLAN_FICHE_NOT_FOUND',
    });
    expect((await getPlan(as(handle.db, pilot), chatouId)).hiddenFiches).toBe(1);
    // Another partner of the same association reads and comments but does not edit.
    await expect(
      updateFiche(as(handle.db, otherPartner), ledId, { fiche: { axeId, title: 'X' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await commentFiche(as(handle.db, otherPartner), ledId, 'Nous pouvons accueillir un atelier en mars.');
    // The pilot may not create or bulk-change fiches either.
    await expect(createFiche(as(handle.db, pilot), chatouId, { axeId, title: 'Y' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      changeFiches(as(handle.db, pilot), chatouId, { ficheIds: [otherId], status: 'done' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('is a 404 for another territory’s agent', async () => {
    await expect(getPlan(as(handle.db, outsider), chatouId)).rejects.toMatchObject({
      code: 'CONVENTION_NOT_FOUND',
    });
    await expect(getFiche(as(handle.db, outsider), ledId)).rejects.toMatchObject({
      code: 'CONVENTION_NOT_FOUND',
    });
    await expect(saveAxe(as(handle.db, outsider), chatouId, { title: 'Z' })).rejects.toMatchObject({
      code: 'CONVENTION_NOT_FOUND',
    });
  });

  it('loses nothing when two people save one fiche from the same page', async () => {
    const { fiche } = await getFiche(as(handle.db, agent), otherId);
    const results = await Promise.allSettled([
      updateFiche(as(handle.db, agent), otherId, {
        fiche: { axeId, title: 'Recenser les besoins (version A)', confidential: true },
        expectedVersion: fiche.version,
      }),
      updateFiche(as(handle.db, colleague), otherId, {
        fiche: { axeId, title: 'Recenser les besoins (version B)', confidential: true },
        expectedVersion: fiche.version,
      }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const saved = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof updateFiche>>>).value.fiche;
    expect(refused[0]!.reason).toMatchObject({
      code: 'PLAN_FICHE_STALE',
      status: 409,
      details: { formVersion: fiche.version, currentVersion: saved.version, current: { title: saved.title } },
    });
    expect((refused[0]!.reason as Error).message).toMatch(
      /Dernier enregistrement par (agent|collegue)\.plan le /,
    );
    expect((await findPlan(handle.db, chatouId))!.fiches.find((f) => f.id === otherId)!.title).toBe(
      saved.title,
    );
  });

  it('refuses bad input in French, naming the field, and writes nothing', async () => {
    const before = await findPlan(handle.db, chatouId);
    const error = await createFiche(as(handle.db, agent), chatouId, {
      axeId,
      title: ' ',
      budget: [{ ...budget(2026, 1), amount: '12,5' }],
      startDate: '2026-05-01',
      endDate: '2026-04-01',
    }).catch((e: unknown) => e);
    expect(code(error)).toBe('PLAN_INVALID');
    const problems = (error as { details: { problems: string[] } }).details.problems;
    expect(problems).toContain('Titre : titre obligatoire');
    expect(problems.some((p) => p.startsWith('Budget, ligne 1, montant'))).toBe(true);
    await expect(
      createFiche(as(handle.db, agent), chatouId, { axeId: 'inconnu', title: 'T' }),
    ).rejects.toMatchObject({
      code: 'PLAN_INVALID',
      details: { problems: ['Axe : cet axe n’existe pas dans le plan.'] },
    });
    await expect(
      createFiche(as(handle.db, agent), chatouId, {
        axeId,
        title: 'T',
        pilots: [{ kind: 'account', userId: (outsider as { userId: string }).userId }],
      }),
    ).rejects.toMatchObject({ code: 'PLAN_PILOT_UNKNOWN' });
    await expect(deleteAxe(as(handle.db, agent), chatouId, axeId)).rejects.toMatchObject({
      code: 'PLAN_INVALID',
    });
    expect(await findPlan(handle.db, chatouId)).toEqual(before);
  });

  it('is validated by the Caf, not by the commune', async () => {
    await expect(validatePlan(as(handle.db, agent), chatouId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await validatePlan(as(handle.db, caf), chatouId);
    expect((await getPlan(as(handle.db, agent), chatouId)).plan.validation).toMatchObject({
      date: '2026-11-28',
      byName: 'conseillere.plan',
    });
  });

  it('keeps the project guarded by its version', async () => {
    const { plan } = await getPlan(as(handle.db, agent), chatouId);
    const project = {
      ...plan.project,
      needs: [{ id: 'n1', title: 'Places d’accueil', description: '', evidence: [], source: 'Diagnostic' }],
      objectives: [{ id: 'o1', mission: 'conciliation', title: 'Structurer l’offre', needIds: ['n1'] }],
    };
    const { version } = await updateProject(as(handle.db, agent), chatouId, {
      project,
      expectedVersion: plan.version,
    });
    await expect(
      updateProject(as(handle.db, agent), chatouId, { project, expectedVersion: plan.version }),
    ).rejects.toMatchObject({ code: 'PLAN_STALE' });
    await expect(
      updateProject(as(handle.db, agent), chatouId, {
        project: { ...project, objectives: [{ ...project.objectives[0], needIds: ['absent'] }] },
        expectedVersion: version,
      }),
    ).rejects.toMatchObject({ code: 'PLAN_INVALID' });
  });
});

describe('a bulk change of fiches', () => {
  it('changes the status or the pilot of each fiche and nothing else, with one audit row per fiche', async () => {
    const axe = await saveAxe(as(handle.db, agent), chatouId, { title: 'Parentalité (changement groupé)' });
    const made = [];
    for (const title of ['Café des parents', 'Ludothèque itinérante']) {
      made.push(
        await createFiche(as(handle.db, agent), chatouId, {
          axeId: axe.id,
          title,
          pilots: [{ kind: 'person', name: 'Centre social' }],
          budget: [budget(2026, 1_000)],
          subActions: [
            { title: `${title} : préparation`, pilots: [{ kind: 'person', name: 'Bénévoles' }] },
            { title: `${title} : bilan`, budget: [budget(2027, 200)] },
          ],
        }),
      );
    }
    const ficheIds = made.map((f) => f.id);
    const before = (await findPlan(handle.db, chatouId))!.fiches.filter((f) => ficheIds.includes(f.id));

    expect(await changeFiches(as(handle.db, agent), chatouId, { ficheIds, status: 'late' })).toEqual({
      changed: 2,
      newPilotIds: [],
    });
    await changeFiches(as(handle.db, agent), chatouId, {
      ficheIds,
      pilot: { kind: 'person', name: 'Maison des familles' },
    });

    const after = (await findPlan(handle.db, chatouId))!.fiches.filter((f) => ficheIds.includes(f.id));
    for (const fiche of before) {
      const now = after.find((f) => f.id === fiche.id)!;
      expect(now).toEqual({
        ...fiche,
        status: 'late',
        pilots: [{ kind: 'person', name: 'Maison des familles' }],
        version: fiche.version + 2,
        updatedAt: now.updatedAt,
      });
    }
    const audit = await listAudit(handle.db, { action: 'plan.fiche.bulk_update', limit: 10, offset: 0 });
    const ofThese = audit.rows.filter((r) => ficheIds.includes(r.entityId));
    expect(ofThese).toHaveLength(4);
    expect(ofThese.map((r) => (r.after as { version: number }).version).sort()).toEqual(
      [before[0]!.version + 1, before[0]!.version + 2, before[1]!.version + 1, before[1]!.version + 2].sort(),
    );
  });
});
