/**
 * The jobs seam and the plan's notifications, on a real database (PGlite, or PostgreSQL with
 * DATABASE_URL): a module's queued job composed under its prefix and run by the platform's runner;
 * a pilot given a fiche (creation, update, bulk change) is told once, through the outbox and the
 * queue, however often the job runs; a change that fails tells nobody; « Mes notifications » lists
 * and marks them read; an anonymised account loses them; the plan's due items are on /echeances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { type JobRunner, startJobRunner } from '../../src/db/jobs.js';
import { findConvention, listConventions } from '../../src/db/repositories/convention.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { composeModules } from '../../src/modules/compose.js';
import { INSTALLED_MODULES, installedModules } from '../../src/modules/index.js';
import { pilotAssignedJob } from '../../src/modules/plan.module.js';
import { OUTBOX_JOB } from '../../src/use-cases/jobs/outbox.js';
import { platformJobDefinitions } from '../../src/use-cases/jobs/platform-jobs.js';
import { createOrganisation } from '../../src/use-cases/organisations/create-organisation.js';
import { grantConventionAccess } from '../../src/use-cases/organisations/grant-convention-access.js';
import { changeFiches } from '../../src/use-cases/plan/change-fiches.js';
import { createFiche } from '../../src/use-cases/plan/create-fiche.js';
import { tellNewPilots } from '../../src/use-cases/plan/pilot-assigned.js';
import { changePlan } from '../../src/use-cases/plan/plan-access.js';
import { planDueItemSource } from '../../src/use-cases/plan/plan-due-items.js';
import { saveAxe } from '../../src/use-cases/plan/save-axe.js';
import { updateFiche } from '../../src/use-cases/plan/update-fiche.js';
import { anonymiseUser } from '../../src/use-cases/users/anonymise-user.js';
import { type App, buildApp } from '../../src/web/app.js';
import { as, clock, makeUser, seedWorld, system } from '../support/fixtures.js';
import { loginCookies } from '../support/login.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let runner: JobRunner;
let agent: Actor;
let pilot: Actor;
let second: Actor;
let otherTerritory: Actor;
let chatouId: string;
let axeId: string;

const idOf = (a: Actor) => (a as { userId: string }).userId;
const catalogue = installedModules().jobs;

async function notificationsOf(actor: Actor) {
  return handle.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', idOf(actor))
    .orderBy('created_at')
    .execute();
}

async function outboxRows() {
  return handle.db.selectFrom('job_outbox').selectAll().orderBy('created_at').execute();
}

/** Hands the outbox to the queue and waits until the queued jobs have written what they write. */
async function deliver(expected: { actor: Actor; count: number }[], options: { nudged?: boolean } = {}) {
  if (!options.nudged) {
    const outcome = await runner.runNow(OUTBOX_JOB);
    expect(outcome.state).toBe('completed');
  }
  const deadline = Date.now() + 20_000;
  for (;;) {
    const counts = await Promise.all(expected.map(async (e) => (await notificationsOf(e.actor)).length));
    if (counts.every((n, i) => n >= expected[i]!.count)) return;
    if (Date.now() > deadline) throw new Error(`Notifications attendues non écrites : ${counts.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  chatouId = (await listConventions(handle.db, { kind: 'all' })).find((c) => c.territoryCode === '78146')!.id;
  agent = await makeUser(handle.db, 'agent.avis@chatou.test', world.chatou.id, ['territory_agent']);
  otherTerritory = await makeUser(handle.db, 'agent.avis@carrieres.test', world.carrieres.id, [
    'territory_agent',
  ]);
  const association = await createOrganisation(system(handle.db), {
    kind: 'partner',
    name: 'Association Les Pilotes',
  });
  await grantConventionAccess(system(handle.db), { organisationId: association.id, conventionId: chatouId });
  pilot = await makeUser(handle.db, 'pilote@pilotes.test', association.id, ['partner']);
  second = await makeUser(handle.db, 'seconde@pilotes.test', association.id, ['partner']);
  axeId = (await saveAxe(as(handle.db, agent), chatouId, { title: 'Petite enfance' })).id;
  runner = await startJobRunner(handle.jobConnection, platformJobDefinitions(handle.db, clock, catalogue), {
    pollingIntervalSeconds: 0.5,
  });
}, 60_000);
afterAll(async () => {
  await runner?.stop();
  await handle?.close();
});

describe('the jobs seam', () => {
  it('runs a module’s jobs under its prefix beside the platform’s, and refuses a clash at start', () => {
    expect(catalogue.map((j) => j.name)).toEqual(
      expect.arrayContaining(['convention-calendar', OUTBOX_JOB, 'plan.pilot-assigned']),
    );
    expect(catalogue.find((j) => j.name === 'plan.pilot-assigned')).toMatchObject({
      queued: true,
      cron: null,
    });
    const twice = { id: 'essai', label: 'Essai', jobs: [pilotAssignedJob, pilotAssignedJob] };
    expect(() => composeModules([...INSTALLED_MODULES, twice])).toThrow(/job name invalid or taken/);
    const badName = {
      id: 'essai',
      label: 'Essai',
      jobs: [{ ...pilotAssignedJob, name: 'Avis aux pilotes' }],
    };
    expect(() => composeModules([badName])).toThrow(/job name invalid or taken/);
    const scheduled = { id: 'essai', label: 'Essai', jobs: [{ ...pilotAssignedJob, cron: '* * * * *' }] };
    expect(() => composeModules([scheduled])).toThrow(/has a schedule/);
  });
});

describe('a pilot given a fiche', () => {
  let ficheId: string;

  it('is told once the creation commits, through the outbox and the queue', async () => {
    const fiche = await createFiche(as(handle.db, agent), chatouId, {
      axeId,
      title: 'Ouvrir un lieu d’accueil enfants-parents',
      status: 'in_progress',
      pilots: [{ kind: 'account', userId: idOf(pilot) }],
    });
    ficheId = fiche.id;
    // Written with the fiche, not yet handed over: nobody is told before the outbox passes.
    const [row] = await outboxRows();
    expect(row).toMatchObject({
      job_name: 'plan.pilot-assigned',
      sent_at: null,
      payload: { conventionId: chatouId, ficheId, userIds: [idOf(pilot)] },
    });
    expect(await notificationsOf(pilot)).toEqual([]);
    await deliver([{ actor: pilot, count: 1 }]);
    const [told] = await notificationsOf(pilot);
    expect(told).toMatchObject({
      kind: 'plan.fiche_assigned',
      convention_id: chatouId,
      fiche_id: ficheId,
      event_id: row!.id,
      read_at: null,
    });
    expect((await outboxRows())[0]!.sent_at).not.toBeNull();
    // The person who made the change is not told of it.
    expect(await notificationsOf(agent)).toEqual([]);
  });

  it('is told exactly once however often the job runs or the outbox hands it over', async () => {
    const [row] = await outboxRows();
    // The queued job run again with the same id (a retry): nothing more.
    for (let i = 0; i < 2; i += 1) {
      const output = await pilotAssignedJob.run(system(handle.db), {
        data: row!.payload,
        jobs: runner,
        jobId: row!.id,
        catalogue,
      });
      expect(output).toEqual({ ficheId, told: 0 });
    }
    // The outbox handing the row over again (a pass that stopped before marking it): the same job.
    await handle.db.updateTable('job_outbox').set({ sent_at: null }).execute();
    expect((await runner.runNow(OUTBOX_JOB)).output).toMatchObject({ sent: 1 });
    expect(await runner.send('plan.pilot-assigned', row!.payload as object, { id: row!.id })).toBe(row!.id);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await notificationsOf(pilot)).toHaveLength(1);
  });

  it('is told when added to a fiche by an update, and by a bulk change of pilot; those kept are not told again', async () => {
    const current = (
      await handle.db
        .selectFrom('plan_fiches')
        .select('version')
        .where('id', '=', ficheId)
        .executeTakeFirstOrThrow()
    ).version;
    const { newPilotIds } = await updateFiche(as(handle.db, agent), ficheId, {
      expectedVersion: current,
      fiche: {
        axeId,
        title: 'Ouvrir un lieu d’accueil enfants-parents',
        status: 'in_progress',
        pilots: [
          { kind: 'account', userId: idOf(pilot) },
          { kind: 'account', userId: idOf(second) },
        ],
      },
    });
    expect(newPilotIds).toEqual([idOf(second)]);
    await deliver([{ actor: second, count: 1 }]);
    expect(await notificationsOf(pilot)).toHaveLength(1);

    const other = await createFiche(as(handle.db, agent), chatouId, {
      axeId,
      title: 'Recenser les assistantes maternelles',
      pilots: [{ kind: 'person', name: 'Relais petite enfance' }],
    });
    // Where the process runs the queue (the web pages), the commit itself hands the job over.
    const bulk = await changeFiches({ ...as(handle.db, agent), jobs: runner }, chatouId, {
      ficheIds: [ficheId, other.id],
      pilot: { kind: 'account', userId: idOf(pilot) },
    });
    // Already pilot of the first: told of the second only.
    expect(bulk.newPilotIds).toEqual([idOf(pilot)]);
    await deliver([{ actor: pilot, count: 2 }], { nudged: true });
    expect((await notificationsOf(pilot)).map((n) => n.fiche_id)).toEqual([ficheId, other.id]);
    expect(await notificationsOf(second)).toHaveLength(1);
  });

  it('tells nobody when the change fails: the job asked for is rolled back with it', async () => {
    const before = (await outboxRows()).length;
    await expect(
      changePlan(as(handle.db, agent), chatouId, 'edit', async (change) => {
        await tellNewPilots(change, idOf(agent), {
          conventionId: chatouId,
          ficheId,
          userIds: [idOf(second)],
        });
        throw new Error('Échec après la demande d’avis.');
      }),
    ).rejects.toThrow('Échec après la demande d’avis.');
    // A use case refused after naming a pilot: nothing asked for either.
    await expect(
      createFiche(as(handle.db, agent), chatouId, {
        axeId,
        title: '',
        pilots: [{ kind: 'account', userId: idOf(second) }],
      }),
    ).rejects.toMatchObject({ code: 'PLAN_INVALID' });
    expect(await outboxRows()).toHaveLength(before);
    expect((await runner.runNow(OUTBOX_JOB)).output).toMatchObject({ sent: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await notificationsOf(second)).toHaveLength(1);
  });
});

describe('« Mes notifications »', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildApp({ db: handle.db, clock, driver: handle.driver });
  });
  afterAll(() => app.close());

  it('lists the person’s notifications, counts the unread ones in the header, and marks one read', async () => {
    const cookie = await loginCookies(app, 'pilote@pilotes.test');
    const [first, other] = await notificationsOf(pilot);
    const page = await app.inject({ method: 'GET', url: '/compte/notifications', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Mes notifications</h1>');
    expect(page.body).toContain('Mes notifications (2 non lues)');
    expect(page.body).toContain(
      `<a href="/conventions/${chatouId}/plan/fiches/${first!.fiche_id}">La fiche action « Ouvrir un lieu d’accueil enfants-parents » vous a été confiée : vous en êtes pilote (convention de Chatou).</a>`,
    );
    // The link leads to the fiche, which its pilot reads.
    const fichePage = await app.inject({
      method: 'GET',
      url: `/conventions/${chatouId}/plan/fiches/${first!.fiche_id}`,
      headers: { cookie },
    });
    expect(fichePage.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const mark = (id: string, who: string) =>
      app.inject({
        method: 'POST',
        url: `/compte/notifications/${id}/lue`,
        headers: { cookie: who, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
    const marked = await mark(first!.id, cookie);
    expect(marked.statusCode).toBe(303);
    expect(marked.headers.location).toBe('/compte/notifications?fait=lue');
    const after = await app.inject({
      method: 'GET',
      url: '/compte/notifications?fait=lue',
      headers: { cookie },
    });
    expect(after.body).toContain('La notification est marquée comme lue.');
    expect(after.body).toContain('Mes notifications (1 non lue)');
    expect(after.body).toContain('Lue le ');
    expect((await notificationsOf(pilot)).find((n) => n.id === first!.id)!.read_at).not.toBeNull();

    // Another person cannot mark it (nor see it): a 404, and it stays unread.
    const otherCookie = await loginCookies(app, 'seconde@pilotes.test');
    const theirPage = await app.inject({
      method: 'GET',
      url: '/compte/notifications',
      headers: { cookie: otherCookie },
    });
    const theirCsrf = /name="_csrf" value="([^"]+)"/.exec(theirPage.body)![1]!;
    const refused = await app.inject({
      method: 'POST',
      url: `/compte/notifications/${other!.id}/lue`,
      headers: { cookie: otherCookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: theirCsrf }).toString(),
    });
    expect(refused.statusCode).toBe(404);
    expect((await notificationsOf(pilot)).find((n) => n.id === other!.id)!.read_at).toBeNull();
    const theirs = await app.inject({
      method: 'GET',
      url: '/compte/notifications',
      headers: { cookie: otherCookie },
    });
    expect(theirs.body).not.toContain('Recenser les assistantes maternelles');
    const anonymous = await app.inject({ method: 'GET', url: '/compte/notifications' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/connexion/);
  });
});

describe('the plan’s due items', () => {
  it('lists late fiches and fiches without a note this year on /echeances, for those who read the plan', async () => {
    await createFiche(as(handle.db, agent), chatouId, {
      axeId,
      title: 'Créer un accueil de loisirs le mercredi',
      status: 'in_progress',
      startDate: '2025-09-01',
      endDate: '2026-06-30',
    });
    await createFiche(as(handle.db, agent), chatouId, {
      axeId,
      title: 'Fiche achevée',
      status: 'done',
      startDate: '2025-01-01',
      endDate: '2025-12-31',
    });
    await createFiche(as(handle.db, agent), chatouId, {
      axeId,
      title: 'Fiche confidentielle en retard',
      status: 'in_progress',
      endDate: '2026-01-31',
      confidential: true,
    });
    const app = await buildApp({ db: handle.db, clock, driver: handle.driver });
    try {
      const cookie = await loginCookies(app, 'agent.avis@chatou.test');
      const page = await app.inject({ method: 'GET', url: '/echeances', headers: { cookie } });
      expect(page.statusCode).toBe(200);
      const body = page.body.replace(/[\u00a0\u202f]/g, ' ');
      expect(body).toContain('<td>Fiche action en retard</td>');
      expect(body).toMatch(
        /Convention de Chatou, fiche 1\.\d « Créer un accueil de loisirs le mercredi » : elle devait être achevée le 30 juin 2026 et ne l’est pas\./,
      );
      expect(body).toContain('Fiche action sans note de suivi cette année');
      expect(body).toMatch(/« Ouvrir un lieu d’accueil enfants-parents » : aucune note de suivi en 2026\./);
      expect(body).not.toContain('Fiche achevée');
      expect(body).toContain('Fiche confidentielle en retard');
      // A partner without the right to confidential fiches is not shown that one (the seam's source
      // asked directly: a partner's échéances list the conventions they are a party to).
      const stored = (await findConvention(handle.db, chatouId))!;
      const theirs = (await planDueItemSource(as(handle.db, pilot), [stored.convention], clock.today())).map(
        (i) => i.label,
      );
      expect(theirs.join('\n')).toContain('« Créer un accueil de loisirs le mercredi »');
      expect(theirs.join('\n')).not.toContain('Fiche confidentielle en retard');
      // Someone who may not read the plan is given none of its items.
      const outsider = await planDueItemSource(
        as(handle.db, otherTerritory),
        [stored.convention],
        clock.today(),
      );
      expect(outsider).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('an anonymised account', () => {
  it('loses its notifications, and is told nothing more', async () => {
    const admin = await makeUser(
      handle.db,
      'admin.avis@caf78.test',
      (
        await handle.db
          .selectFrom('organisations')
          .select('id')
          .where('kind', '=', 'caf')
          .executeTakeFirstOrThrow()
      ).id,
      ['admin'],
    );
    expect(await notificationsOf(second)).toHaveLength(1);
    await anonymiseUser(as(handle.db, admin), { userId: idOf(second) });
    expect(await notificationsOf(second)).toEqual([]);
    // A job still in the queue for it writes nothing.
    const output = await pilotAssignedJob.run(system(handle.db), {
      data: { conventionId: chatouId, ficheId: 'f', userIds: [idOf(second)] },
      jobs: runner,
      jobId: '00000000-0000-4000-8000-000000000001',
      catalogue,
    });
    expect(output).toMatchObject({ told: 0 });
    expect(await notificationsOf(second)).toEqual([]);
    expect(await notificationsOf(pilot)).toHaveLength(2);
  });
});
