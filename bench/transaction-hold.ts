/**
 * How long the use cases that write hold their transaction, and what that costs the others. On the
 * embedded database a transaction holds its only connection: every other query, of every request,
 * waits until it commits. For each use case below, on a fresh database with the demo data:
 *   - `hold`: the time from BEGIN to COMMIT of each transaction it opens (the longest, and the sum);
 *   - `probe`: the longest wait of a `select 1` due every 2 ms meanwhile, by "another request"
 *     (on PostgreSQL it runs on a connection of its own: it waits only for this thread, when the
 *     use case computes without yielding, as file reading does, on either driver);
 *   - `total`: the use case's own time, from call to answer.
 *
 *   npx tsx bench/transaction-hold.ts [--db pglite|pg] [--runs 3]
 *     [--only login,diagnostic,synthetic,plan,files,anonymise]
 *
 * On PostgreSQL a database `ctg_bench_tx_<pid>` is created on BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../src/db/database.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { listConventions } from '../src/db/repositories/convention.repository.js';
import { findOrganisationForTerritory } from '../src/db/repositories/organisation.repository.js';
import { findPlan } from '../src/db/repositories/plan.repository.js';
import { findUserByEmail } from '../src/db/repositories/user.repository.js';
import { syntheticCommuneValues } from '../src/domain/diagnostic/index.js';
import { MAX_FICHE_FILE_BYTES } from '../src/domain/plan/fiche-file.js';
import { EMPTY_PROJECT } from '../src/domain/plan/model.js';
import { systemClock } from '../src/domain/shared/dates.js';
import { writePlanFile } from '../src/imports/plan/index.js';
import { samplePlan } from '../src/imports/plan/plan-file.test-support.js';
import type { PilotRef } from '../src/imports/plan/types.js';
import { readReferential } from '../src/imports/territories/decoupage-administratif.js';
import { logIn } from '../src/use-cases/auth/log-in.js';
import { systemContext } from '../src/use-cases/context.js';
import { seedDemo } from '../src/use-cases/demo/seed-demo.js';
import { generateSyntheticDiagnostic } from '../src/use-cases/diagnostic/generate-synthetic-diagnostic.js';
import { importDiagnostic } from '../src/use-cases/diagnostic/import-diagnostic.js';
import { attachFicheFile } from '../src/use-cases/plan/attach-fiche-file.js';
import { changeFiches } from '../src/use-cases/plan/change-fiches.js';
import { deleteFicheFile } from '../src/use-cases/plan/delete-fiche-file.js';
import { importPlan } from '../src/use-cases/plan/import-plan.js';
import { updateProject } from '../src/use-cases/plan/update-project.js';
import { importTerritories } from '../src/use-cases/territories/import-territories.js';
import { anonymiseUser } from '../src/use-cases/users/anonymise-user.js';
import { createUser } from '../src/use-cases/users/create-user.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}
const driver = option('db', 'pglite');
const runs = Number(option('runs', '3'));
const only = option('only', '').split(',').filter(Boolean);

/** Records, on this Kysely instance, the time from BEGIN to COMMIT (or ROLLBACK) of each transaction. */
function watchTransactions(db: Db): number[] {
  const holds: number[] = [];
  const original = db.transaction.bind(db);
  (db as { transaction: unknown }).transaction = () => {
    const builder = original();
    return {
      execute: async <T>(work: (tx: unknown) => Promise<T>): Promise<T> => {
        let began = 0;
        try {
          return await builder.execute(async (tx) => {
            began = performance.now();
            return work(tx);
          });
        } finally {
          if (began) holds.push(performance.now() - began);
        }
      },
    };
  };
  return holds;
}

/**
 * Sends `select 1` 2 ms after the previous one came back, until stopped; the longest time from when
 * one was due to its answer. Counted from when it was due, not from when it was sent: the embedded
 * database runs its queries on this thread, so a transaction of queries alone keeps the timers (and
 * every request of a server) waiting, not only the queries sent.
 */
function probe(db: Db) {
  let running = true;
  let worst = 0;
  const done = (async () => {
    while (running) {
      const due = performance.now() + 2;
      await sleep(2);
      await sql`select 1`.execute(db);
      worst = Math.max(worst, performance.now() - due);
    }
  })();
  return async () => {
    running = false;
    await done;
    return worst;
  };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

async function main() {
  let connectionString: string | undefined;
  let admin: pg.Client | undefined;
  const name = `ctg_bench_tx_${process.pid}`;
  if (driver === 'pg') {
    const base = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    connectionString = url.toString();
  }
  const handle = await openDatabase(connectionString ? { databaseUrl: connectionString } : { dataDir: null });
  try {
    await migrateToLatest(handle.db);
    const db = handle.db;
    const ctx = systemContext(db, systemClock, 'cli');
    const demo = await seedDemo(systemContext(db, systemClock, 'demo'), { departements: ['78'] });
    await importTerritories(ctx, { departements: ['78', '95'] });
    const holds = watchTransactions(db);

    const lines: string[] = [];
    const measure = async (label: string, work: () => Promise<unknown>) => {
      const rows: string[] = [];
      for (let run = 0; run < runs; run++) {
        holds.length = 0;
        const stop = probe(db);
        await sleep(10);
        const start = performance.now();
        await work();
        const total = performance.now() - start;
        const worst = await stop();
        const longest = Math.max(0, ...holds);
        const sum = holds.reduce((a, b) => a + b, 0);
        rows.push(
          `total ${ms(total)}, ${holds.length} transaction(s), hold longest ${ms(longest)} (sum ${ms(sum)}), probe worst wait ${ms(worst)}`,
        );
      }
      for (const row of rows) lines.push(`${label}: ${row}`);
      console.log(lines.slice(-rows.length).join('\n'));
    };
    const wants = (name: string) => only.length === 0 || only.includes(name);

    if (wants('login')) {
      const account = demo.createdAccounts[0]!;
      await measure('log-in, right password', () =>
        logIn(ctx, { email: account.email, password: account.password, address: '192.0.2.1' }),
      );
      await measure('log-in, wrong password', () =>
        logIn(ctx, { email: account.email, password: 'not-the-password', address: '192.0.2.2' }).catch(
          () => undefined,
        ),
      );
    }

    if (wants('diagnostic')) {
      // The Yvelines' 259 communes in the long layout (as bench/departement-file.ts writes them).
      const communes = readReferential({ departements: ['78'] }).rows.filter((r) => r.level === 'commune');
      const file = ['code_territoire;indicateur;date_reference;valeur;source'];
      const french = (value: number | bigint): string => {
        if (typeof value === 'number') return String(value).replace('.', ',');
        const cents = value % 100n;
        return cents === 0n ? `${value / 100n}` : `${value / 100n},${cents.toString().padStart(2, '0')}`;
      };
      for (const commune of communes) {
        for (const row of syntheticCommuneValues(commune.code, commune.population ?? 0)) {
          file.push([row.territory, row.indicator, row.date, french(row.value!), 'Banc'].join(';'));
        }
      }
      const bytes = new TextEncoder().encode(`${file.join('\n')}\n`);
      await measure(
        `diagnostic import, Yvelines (${file.length - 1} values; re-imports after the first)`,
        () => importDiagnostic(ctx, { fileName: 'yvelines.csv', bytes, format: 'long_csv' }),
      );
    }

    if (wants('synthetic')) {
      let first = true;
      await measure(
        'synthetic figures, Val-d’Oise (every commune the first time; then nothing left to do)',
        async () => {
          const result = await generateSyntheticDiagnostic(ctx, { departement: '95' });
          if (first && result.communes === 0) throw new Error('Val-d’Oise already had figures');
          first = false;
        },
      );
    }

    if (wants('plan')) {
      const chatou = (await listConventions(db, { kind: 'all' })).find((c) => c.territoryCode === '78146')!;
      const caf = (await findOrganisationForTerritory(db, 'caf', 'departement', '78'))!;
      // Twenty accounts of the Caf pilot a third of the fiches; the others are named persons.
      const pilots = Array.from({ length: 20 }, (_, n) => `pilote${n}@caf78.example.fr`);
      for (const email of pilots) {
        await createUser(ctx, {
          email,
          displayName: email.split('@')[0]!,
          password: 'Un-mot-de-passe-de-banc-2026',
          organisationId: caf.id,
          roles: ['caf_agent'],
        });
      }
      const sample = samplePlan(1000);
      let n = 0;
      const toAccount = (p: PilotRef): PilotRef =>
        p.kind === 'account' ? { kind: 'account', email: pilots[n++ % pilots.length]! } : p;
      const big = {
        ...sample,
        fiches: sample.fiches.map((f) => ({
          ...f,
          pilots: f.pilots.map(toAccount),
          subActions: f.subActions.map((a) => ({ ...a, pilots: a.pilots.map(toAccount) })),
        })),
      };
      await updateProject(ctx, chatou.id, {
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
      for (const format of ['csv', 'xlsx'] as const) {
        const bytes = await writePlanFile(big, format);
        await measure(`plan import, 1 000 fiches, ${format} (${Math.round(bytes.length / 1024)} KiB)`, () =>
          importPlan(ctx, { conventionId: chatou.id, fileName: `plan.${format}`, bytes, format }),
        );
      }
      const ficheIds = (await findPlan(db, chatou.id))!.fiches.map((f) => f.id);
      let k = 0;
      await measure(`bulk change of status, ${ficheIds.length} fiches`, () =>
        changeFiches(ctx, chatou.id, { ficheIds, status: (['done', 'late', 'paused'] as const)[k++ % 3] }),
      );
      // Each fiche given to an account that did not pilot it asks for that pilot to be told.
      const accounts = await Promise.all(pilots.map(async (email) => (await findUserByEmail(db, email))!));
      await measure(`bulk change of pilot to an account, ${ficheIds.length} fiches`, () =>
        changeFiches(ctx, chatou.id, {
          ficheIds,
          pilot: { kind: 'account', userId: accounts[k++ % accounts.length]!.id },
        }),
      );
    }

    if (wants('files')) {
      const carrieres = (await listConventions(db, { kind: 'all' })).find(
        (c) => c.territoryCode === '78124',
      )!;
      const fiche = (await findPlan(db, carrieres.id))!.fiches[0]!;
      // A 15 MB PDF (the largest a fiche takes): its bytes are stored in the plan's transaction.
      const content = new Uint8Array(MAX_FICHE_FILE_BYTES);
      content.set(new TextEncoder().encode('%PDF-1.7\n'));
      for (let i = 16; i < content.length; i += 4096) content[i] = i % 251;
      const attached: string[] = [];
      await measure('a 15 MB document attached to a fiche', async () => {
        const { file } = await attachFicheFile(
          ctx,
          fiche.id,
          { fileName: 'etude.pdf', content },
          randomUUID(),
        );
        attached.push(file.id);
      });
      await measure('the document removed', () => deleteFicheFile(ctx, fiche.id, attached.shift()!));
    }

    if (wants('anonymise')) {
      const { rows } = await sql<{ n: string }>`select count(*)::text as n from audit_log`.execute(db);
      let n = 0;
      await measure(
        `an account created, then anonymised (the hold is the anonymisation; the audit log holds ${rows[0]!.n} rows)`,
        async () => {
          const email = `personne${n++}@caf78.example.fr`;
          const caf = (await findOrganisationForTerritory(db, 'caf', 'departement', '78'))!;
          await createUser(ctx, {
            email,
            displayName: `Personne ${n}`,
            password: 'Un-mot-de-passe-de-banc-2026',
            organisationId: caf.id,
            roles: ['caf_agent'],
          });
          holds.length = 0;
          await anonymiseUser(ctx, { email });
        },
      );
    }

    console.log(
      `\n${new Date().toISOString()} — ${driver}, Node.js ${process.version}, ${runs} run(s) each\n${lines.join('\n')}`,
    );
  } finally {
    await handle.close();
    if (admin) {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  }
}

await main();
