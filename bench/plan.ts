/**
 * The action plan at size, measured in one process on a fresh embedded database (and on
 * PostgreSQL with `--db pg`, a database `ctg_bench_plan_<pid>` created on BENCH_PG_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards):
 *   - the plan page of a convention holding 200 fiches (each with a sous-action, budget lines over
 *     the convention's years, a pilot and an indicator), served through the app as the commune's
 *     agent logged in: median and 95th percentile over 50 requests after 5 warm-up ones;
 *   - the plan read alone (repository), to tell the page's rendering from the reading;
 *   - the import of a 1 000-fiche file (CSV, then XLSX) through its use case, on another convention.
 *
 *   npx tsx bench/plan.ts [--db pglite|pg] [--fiches 200] [--requests 50]
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { listConventions } from '../src/db/repositories/convention.repository.js';
import {
  ensurePlan,
  findPlan,
  insertAxes,
  insertFiches,
  insertIndicators,
} from '../src/db/repositories/plan.repository.js';
import { EMPTY_PROJECT, type Fiche, type Indicator } from '../src/domain/plan/model.js';
import { systemClock } from '../src/domain/shared/dates.js';
import { writePlanFile } from '../src/imports/plan/index.js';
import { samplePlan } from '../src/imports/plan/plan-file.test-support.js';
import type { PilotRef } from '../src/imports/plan/types.js';
import { systemContext } from '../src/use-cases/context.js';
import { seedDemo } from '../src/use-cases/demo/seed-demo.js';
import { importPlan } from '../src/use-cases/plan/import-plan.js';
import { updateProject } from '../src/use-cases/plan/update-project.js';
import { buildApp } from '../src/web/app.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}
const driver = option('db', 'pglite');
const ficheCount = Number(option('fiches', '200'));
const requests = Number(option('requests', '50'));

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export function syntheticFiches(axeIds: string[], count: number, firstYear: number): Fiche[] {
  const statuses = ['planned', 'in_progress', 'done', 'late', 'paused'] as const;
  return Array.from({ length: count }, (_, n) => {
    const years = [firstYear, firstYear + 1, firstYear + 2, firstYear + 3];
    return {
      id: randomUUID(),
      axeId: axeIds[n % axeIds.length]!,
      position: Math.floor(n / axeIds.length) + 1,
      title: `Fiche action ${n + 1} : accompagner les familles du quartier ${n % 17}`,
      description: 'Description de la fiche, ses enjeux et son déroulement. '.repeat(4),
      status: statuses[n % statuses.length]!,
      priority: 'medium',
      startDate: `${firstYear}-01-01`,
      endDate: `${firstYear + 3}-12-31`,
      recurring: n % 7 === 0,
      pilots: [{ kind: 'person', name: `Service ${n % 9}` }],
      budget: years.map((year) => ({
        year,
        nature: 'operating' as const,
        unit: 'eur' as const,
        stage: 'planned' as const,
        amount: BigInt(100_000 + n * 100),
        coFunders: [{ name: 'Caf des Yvelines', amount: 50_000n }],
      })),
      theme: 'early_childhood',
      publics: ['families', 'parents'],
      objectiveIds: [],
      electedReferent: 'Adjointe à la petite enfance',
      partners: ['Association A', 'Médiathèque'],
      humanMeans: '0,5 ETP',
      technicalMeans: 'Salle municipale',
      participation: 'consultation',
      evaluationCriteria: ['Nombre de familles accueillies', 'Satisfaction des familles'],
      notes: [{ id: randomUUID(), date: `${firstYear + 1}-06-01`, text: 'Point d’étape.', authorId: null }],
      linkedFicheIds: [],
      confidential: false,
      subActions: [
        {
          id: randomUUID(),
          position: 1,
          title: 'Sous-action',
          description: '',
          status: 'planned',
          priority: null,
          startDate: null,
          endDate: null,
          recurring: false,
          pilots: [],
          budget: [],
        },
      ],
      version: 1,
      updatedAt: new Date().toISOString(),
    } satisfies Fiche;
  });
}

async function main() {
  let connectionString: string | undefined;
  let admin: pg.Client | undefined;
  const name = `ctg_bench_plan_${process.pid}`;
  if (driver === 'pg') {
    admin = new pg.Client({
      connectionString: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = `/${name}`;
    connectionString = url.toString();
  }
  const handle = await openDatabase(connectionString ? { databaseUrl: connectionString } : { dataDir: null });
  try {
    await migrateToLatest(handle.db);
    const ctx = systemContext(handle.db, systemClock, 'demo');
    const demo = await seedDemo(ctx, { departements: ['78'] });
    const convention = (await listConventions(handle.db, { kind: 'all' })).find(
      (c) => c.territoryCode === '78124',
    )!;
    const now = new Date();
    const existing = await findPlan(handle.db, convention.id);
    await ensurePlan(handle.db, convention.id, EMPTY_PROJECT, now);
    const axes = Array.from({ length: 5 }, (_, n) => ({
      id: randomUUID(),
      position: n + 1,
      title: `Axe ${n + 1}`,
      description: '',
    }));
    await insertAxes(handle.db, convention.id, axes);
    const firstYear = Number(convention.startDate.slice(0, 4));
    const fiches = syntheticFiches(
      axes.map((a) => a.id),
      ficheCount,
      firstYear,
    ).map((f) => ({
      ...f,
      position: f.position + 1000,
    }));
    await insertFiches(handle.db, convention.id, fiches, now, null);
    const indicators: Indicator[] = fiches.map((f) => ({
      id: randomUUID(),
      ficheId: f.id,
      objectiveId: null,
      title: 'Familles accompagnées',
      unit: 'familles',
      baselineValue: '10',
      baselineDate: `${firstYear}-01-01`,
      source: '',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: [0, 1, 2, 3].flatMap((k) => [
        { year: firstYear + k, kind: 'target' as const, value: String(10 + k), comment: '' },
        ...(k < 2
          ? [{ year: firstYear + k, kind: 'result' as const, value: String(9 + k), comment: '' }]
          : []),
      ]),
    }));
    await insertIndicators(handle.db, convention.id, indicators, 1000);
    const total = (await findPlan(handle.db, convention.id))!.fiches.length;

    const app = await buildApp({ db: handle.db, clock: systemClock, driver: handle.driver });
    const account = demo.createdAccounts.find((a) => a.role === 'territory_agent')!;
    const page = await app.inject({ method: 'GET', url: '/connexion' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const jar = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const login = await app.inject({
      method: 'POST',
      url: '/connexion',
      headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        email: account.email,
        password: account.password,
        _csrf: csrf,
      }).toString(),
    });
    const cookie = `${jar}; ctg_session=${login.cookies.find((c) => c.name === 'ctg_session')!.value}`;
    const url = `/conventions/${convention.id}/plan`;
    const time = async (work: () => Promise<void>) => {
      for (let i = 0; i < 5; i += 1) await work();
      const times: number[] = [];
      for (let i = 0; i < requests; i += 1) {
        const start = performance.now();
        await work();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b);
    };
    let bytes = 0;
    const pageTimes = await time(async () => {
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (response.statusCode !== 200)
        throw new Error(`GET ${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      bytes = response.body.length;
    });
    const readTimes = await time(async () => {
      await findPlan(handle.db, convention.id);
    });
    await app.close();

    // The import of a 1 000-fiche file, whole (read, checks, replacement, audit), once per format,
    // on another convention of the demo (Chatou).
    const chatou = (await listConventions(handle.db, { kind: 'all' })).find(
      (c) => c.territoryCode === '78146',
    )!;
    // The sample's account pilots become named persons (no such accounts here); its objectives exist.
    const sample = samplePlan(1000);
    const named = (p: PilotRef): PilotRef =>
      p.kind === 'account' ? { kind: 'person', name: p.email.split('@')[0]! } : p;
    const big = {
      ...sample,
      fiches: sample.fiches.map((f) => ({
        ...f,
        pilots: f.pilots.map(named),
        subActions: f.subActions.map((a) => ({ ...a, pilots: a.pilots.map(named) })),
      })),
    };
    await updateProject(systemContext(handle.db, systemClock, 'cli'), chatou.id, {
      project: {
        ...EMPTY_PROJECT,
        objectives: ['objectif-1', 'objectif-2'].map((id) => ({
          id,
          mission: 'conciliation',
          title: id,
          needIds: [],
        })),
      },
    });
    const importTimes: string[] = [];
    for (const format of ['csv', 'xlsx'] as const) {
      const bytes = await writePlanFile(big, format);
      const start = performance.now();
      const result = await importPlan(systemContext(handle.db, systemClock, 'cli'), {
        conventionId: chatou.id,
        fileName: `plan.${format}`,
        bytes,
        format,
      });
      importTimes.push(
        `${format} ${(bytes.length / 1024).toFixed(0)} Kio, ${result.fiches} fiches : ${((performance.now() - start) / 1000).toFixed(2)} s`,
      );
    }
    const fmt = (t: number[]) =>
      `médiane ${quantile(t, 0.5).toFixed(1)} ms, 95e centile ${quantile(t, 0.95).toFixed(1)} ms`;
    console.log(
      `Base : ${driver} — plan de ${total} fiches (${existing ? 'plan de démonstration compris' : 'plan synthétique seul'})`,
    );
    console.log(`Page ${url} (${Math.round(bytes / 1024)} Kio) : ${fmt(pageTimes)}`);
    console.log(`Lecture du plan (dépôt seul) : ${fmt(readTimes)}`);
    for (const line of importTimes) console.log(`Import d’un plan de 1 000 fiches, ${line}`);
  } finally {
    await handle.close();
    if (admin) {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  }
}

await main();
