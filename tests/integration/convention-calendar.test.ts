/**
 * Reads never write; the calendar job does. Chatou's convention for 2025–2028 is signed, then the
 * clock is moved past its end date: the list, the API and the due-items page say "Expirée" while
 * nobody has opened it and no read has written an audit row; then the job runs through pg-boss and
 * writes the expiry with its audit row exactly once, however often it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { type JobRunner, startJobRunner } from '../../src/db/jobs.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { findConvention } from '../../src/db/repositories/convention.repository.js';
import { listJobs } from '../../src/db/repositories/job.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { type Clock, fixedClock } from '../../src/domain/shared/dates.js';
import { systemContext } from '../../src/use-cases/context.js';
import {
  applyCalendarTransitions,
  CALENDAR_ACTOR_LABEL,
} from '../../src/use-cases/conventions/apply-calendar-transitions.js';
import { listConventions } from '../../src/use-cases/conventions/list-conventions.js';
import { platformJobDefinitions } from '../../src/use-cases/jobs/platform-jobs.js';
import { createApiToken } from '../../src/use-cases/users/create-api-token.js';
import { buildApp } from '../../src/web/app.js';
import { makeUser, seedWorld } from '../support/fixtures.js';
import { signChatou } from '../support/signed-convention.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof seedWorld>>;
let cafAgent: Actor;
let chatouId: string;
let token: string;

const at = (date: string, actor: Actor = cafAgent) => ({
  db: handle.db,
  clock: fixedClock(date) as Clock,
  actor,
});
const AFTER_END = '2029-01-03';

async function auditCount(entityId: string): Promise<number> {
  return (await listAudit(handle.db, { entityId, limit: 1, offset: 0 })).total;
}

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  world = await seedWorld(handle.db);
  cafAgent = await makeUser(handle.db, 'agent.caf@test.fr', world.caf78.id, ['caf_agent']);
  const chatouAgent = await makeUser(handle.db, 'agent.chatou@test.fr', world.chatou.id, ['territory_agent']);
  chatouId = await signChatou(handle.db, {
    cafId: world.caf78.id,
    chatouId: world.chatou.id,
    cafAgent,
    chatouAgent,
  });
  // Made the day the clock is moved to, so that it has not expired then.
  ({ token } = await createApiToken(systemContext(handle.db, fixedClock(AFTER_END)), {
    email: 'agent.caf@test.fr',
  }));
});
afterAll(() => handle.close());

describe('a convention whose end date has passed', () => {
  it('reads "Expirée" in the list, the API and the due items without being opened, and no read writes', async () => {
    const stored = (await findConvention(handle.db, chatouId))!;
    expect(stored.convention.status).toBe('signed');
    const audits = await auditCount(chatouId);
    const app = await buildApp({ db: handle.db, clock: fixedClock(AFTER_END), driver: handle.driver });
    const get = (url: string) =>
      app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    try {
      // The list first: nobody has opened the convention.
      const list = await get('/api/v1/conventions');
      expect(list.statusCode).toBe(200);
      expect(list.json().conventions.find((c: { id: string }) => c.id === chatouId)).toMatchObject({
        status: 'expired',
        statusLabel: 'Expirée',
      });
      const expiredOnly = await get('/api/v1/conventions?status=expired');
      expect(expiredOnly.json().conventions.map((c: { id: string }) => c.id)).toEqual([chatouId]);
      expect((await get('/api/v1/conventions?status=signed')).json().conventions).toEqual([]);

      const page = await get('/conventions');
      expect(page.statusCode).toBe(200);
      const row = page.body.slice(
        page.body.indexOf('Chatou'),
        page.body.indexOf('</tr>', page.body.indexOf('Chatou')),
      );
      expect(row).toContain('Expirée');
      expect(row).not.toContain('Signée');

      const due = await get('/api/v1/due-items');
      expect(due.json().items.filter((i: { conventionId: string }) => i.conventionId === chatouId)).toEqual([
        expect.objectContaining({
          kind: 'ended',
          status: 'expired',
          statusLabel: 'Expirée',
          dueOn: '2029-01-01',
        }),
      ]);
      const duePage = await get('/echeances');
      expect(duePage.body.replace(/[\u00a0\u202f]/g, ' ')).toContain(
        '« Expirée » depuis le 1er janvier 2029',
      );

      const one = await get(`/api/v1/conventions/${chatouId}`);
      expect(one.json()).toMatchObject({
        status: 'expired',
        statusLabel: 'Expirée',
        closedOn: '2029-01-01',
        storedStatus: 'signed',
      });
      const html = await get(`/conventions/${chatouId}`);
      expect(html.statusCode).toBe(200);
      expect(html.body).toContain('Expirée');
      const odt = await get(`/api/v1/conventions/${chatouId}/document?format=html`);
      expect(odt.statusCode).toBe(200);
    } finally {
      await app.close();
    }
    expect(await auditCount(chatouId)).toBe(audits);
    expect((await findConvention(handle.db, chatouId))!).toEqual(stored);
    expect((await listConventions(at(AFTER_END), { status: 'expired' })).map((c) => c.id)).toEqual([
      chatouId,
    ]);
  });

  it('is stored as expired by the job, with its audit row, exactly once however often it runs', async () => {
    let runner: JobRunner | undefined;
    try {
      runner = await startJobRunner(
        handle.jobConnection,
        platformJobDefinitions(handle.db, fixedClock(AFTER_END)),
        {
          pollingIntervalSeconds: 0.5,
        },
      );
      const first = await runner.runNow('convention-calendar');
      expect(first.state).toBe('completed');
      const second = await runner.runNow('convention-calendar');
      expect(second).toMatchObject({
        state: 'completed',
        output: { today: AFTER_END, applied: [], failed: [] },
      });
    } finally {
      await runner?.stop();
    }
    const { rows } = await listAudit(handle.db, {
      entityId: chatouId,
      action: 'convention.expire',
      limit: 10,
      offset: 0,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorLabel: CALENDAR_ACTOR_LABEL, before: { status: 'signed' } });
    expect(rows[0]!.after).toMatchObject({ status: 'expired', effectiveOn: '2029-01-01' });
    expect((await findConvention(handle.db, chatouId))!.convention).toMatchObject({
      status: 'expired',
      closedOn: '2029-01-01',
    });
    // The runs are in the database, listed for the administration page.
    const jobs = await listJobs(handle.db, 10);
    expect(jobs.filter((j) => j.name === 'convention-calendar').map((j) => j.state)).toEqual(
      expect.arrayContaining(['completed', 'completed']),
    );
    // A direct run afterwards, or two at once, finds nothing left to write.
    const ctx = systemContext(handle.db, fixedClock(AFTER_END), 'schedule');
    const runs = await Promise.all([applyCalendarTransitions(ctx), applyCalendarTransitions(ctx)]);
    expect(runs.flatMap((r) => r.applied)).toEqual([]);
    expect(
      (await listAudit(handle.db, { entityId: chatouId, action: 'convention.expire', limit: 10, offset: 0 }))
        .total,
    ).toBe(1);
  });

  it('is refused to a person: only the platform’s schedule runs it', async () => {
    await expect(applyCalendarTransitions(at(AFTER_END))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the administration page of the jobs', () => {
  it('lists the runs with what they did and the French error of a failed one, to administrators only', async () => {
    await makeUser(handle.db, 'admin@test.fr', world.caf78.id, ['admin']);
    const admin = (
      await createApiToken(systemContext(handle.db, fixedClock(AFTER_END)), { email: 'admin@test.fr' })
    ).token;
    // A run that fails, as the page must show it.
    const failing = await startJobRunner(
      handle.jobConnection,
      [
        {
          name: 'convention-calendar',
          cron: '5 0 * * *',
          runAtStart: false,
          run: async () => {
            throw new Error('La convention de Chatou n’a pas pu être relue.');
          },
        },
      ],
      { pollingIntervalSeconds: 0.5 },
    );
    try {
      expect((await failing.runNow('convention-calendar')).state).toBe('retry');
    } finally {
      await failing.stop();
    }
    const sent: string[] = [];
    const app = await buildApp({
      db: handle.db,
      clock: fixedClock(AFTER_END),
      driver: handle.driver,
      jobs: {
        send: async (name) => {
          sent.push(name);
          return 'job-id';
        },
      },
    });
    const as = (bearer: string, method: 'GET' | 'POST', url: string) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` } });
    try {
      const page = await as(admin, 'GET', '/admin/taches');
      expect(page.statusCode).toBe(200);
      const text = page.body.replace(/[\u00a0\u202f]/g, ' ');
      expect(text).toContain('<th scope="col">État</th>');
      expect(text).toContain('Erreur :</strong> La convention de Chatou n’a pas pu être relue.');
      expect(text).toContain('En échec, nouvelle tentative prévue');
      expect(text).toContain('1 changement de statut enregistré (Chatou : Expirée).');
      expect(text).toContain('Chaque jour à 0 h 05 (heure de Paris)');
      expect((await as(token, 'GET', '/admin/taches')).statusCode).toBe(403);

      const run = await as(admin, 'POST', '/admin/taches/convention-calendar/lancer');
      expect(run.statusCode).toBe(303);
      expect(sent).toEqual(['convention-calendar']);
      expect((await as(admin, 'POST', '/admin/taches/inconnue/lancer')).statusCode).toBe(404);
      expect((await as(token, 'POST', '/admin/taches/convention-calendar/lancer')).statusCode).toBe(403);
      expect(sent).toEqual(['convention-calendar']);
      const { rows } = await listAudit(handle.db, { action: 'job.run', limit: 5, offset: 0 });
      expect(rows).toEqual([expect.objectContaining({ entityId: 'convention-calendar' })]);
    } finally {
      await app.close();
    }
    // A process without a runner says so.
    const bare = await buildApp({ db: handle.db, clock: fixedClock(AFTER_END), driver: handle.driver });
    try {
      const res = await bare.inject({
        method: 'POST',
        url: '/admin/taches/convention-calendar/lancer',
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('Le planificateur des tâches ne fonctionne pas dans ce processus');
    } finally {
      await bare.close();
    }
  });
});
