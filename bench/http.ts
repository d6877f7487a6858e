/**
 * The platform under load, measured against a bare Fastify in the same run.
 *
 *   npx tsx bench/http.ts                 # PostgreSQL then PGlite, 5 s per route, 50 connections
 *   npx tsx bench/http.ts --db pg         # one driver: pg | pglite | both
 *   npx tsx bench/http.ts --duration 30 --connections 50
 *   npx tsx bench/http.ts --db pg --only conventions --profile /tmp/prof   # a CPU profile of the server
 *
 * For each driver: a fresh database (PostgreSQL: `ctg_bench_<pid>` created on BENCH_PG_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards; PGlite: a temporary directory)
 * gets the demo data (all of France's territories, the Caf des Yvelines, its accounts and
 * conventions) and synthetic figures for every commune of the Yvelines. Then `ctg serve` runs as a
 * child process — what a user gets, job runner included — and autocannon, in this process, loads
 * each route in turn: anonymous for the public pages, logged in as the Caf agent (through the login
 * form) for the rest. The bare routes are a second child process (`bench/bare-server.ts`) answering
 * the diagnostic API's very bytes (every route's yardstick) and the diagnostic page's (the page's
 * second one: twice the bytes cost the client and the loopback about twice as much). Prints req/s,
 * p50/p99 latency, the ratios to the bare routes, and the server's resident memory after the runs
 * (and its peak).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemClock } from '../src/domain/shared/dates.js';
import { systemContext } from '../src/use-cases/context.js';
import { seedDemo } from '../src/use-cases/demo/seed-demo.js';
import { generateSyntheticDiagnostic } from '../src/use-cases/diagnostic/generate-synthetic-diagnostic.js';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  throughput: { average: number };
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

type Driver = 'pg' | 'pglite';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}
const dbOption = option('db', 'both');
if (!['pg', 'pglite', 'both'].includes(dbOption)) {
  console.error('--db attend pg, pglite ou both.');
  process.exit(2);
}
const drivers: Driver[] = dbOption === 'both' ? ['pg', 'pglite'] : [dbOption as Driver];
const duration = Number(option('duration', '5'));
const connections = Number(option('connections', '50'));
/** `--profile <dir>`: the server writes a V8 CPU profile there when it stops (`--cpu-prof`). */
const profileDir = option('profile', '');
/** `--only <text>`: only the routes whose label contains it (the bare route always runs). */
const only = option('only', '');
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CAF_AGENT = 'conseiller.caf@demo.ctg.test';
const root = new URL('..', import.meta.url).pathname;

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Demo data and synthetic figures for the Yvelines; returns the Caf agent's password. */
async function prepare(config: { databaseUrl?: string; dataDir?: string }): Promise<string> {
  const started = performance.now();
  const handle = await openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const ctx = systemContext(handle.db, systemClock, 'demo');
    const demo = await seedDemo(ctx);
    const synthetic = await generateSyntheticDiagnostic(ctx, { departement: '78' });
    const password = demo.createdAccounts.find((a) => a.email === CAF_AGENT)?.password;
    if (!password) throw new Error('Le compte de démonstration de la Caf n’a pas été créé.');
    log(
      `  données prêtes en ${((performance.now() - started) / 1000).toFixed(0)} s (${synthetic.communes} communes synthétiques)`,
    );
    return password;
  } finally {
    await handle.close();
  }
}

/** Starts a child process and resolves once a line of its stdout matches `ready`. */
function startChild(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        output = '';
        resolve(child);
      }
      // Keep draining: a full pipe would stall the server.
      if (output.length > 100_000) output = output.slice(-10_000);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`processus arrêté (code ${code}) :\n${output}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Resident memory and its peak, in MB, read from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

function cookiesOf(response: Response): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    jar[pair!.slice(0, at)] = pair!.slice(at + 1);
  }
  return jar;
}

/** Logs in through the form, as a browser would: returns the cookie header it sends afterwards. */
async function logIn(base: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${base}/connexion`);
  const csrf = cookiesOf(form);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) throw new Error('Jeton CSRF introuvable sur /connexion.');
  const answer = await fetch(`${base}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: Object.entries(csrf)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
    },
    body: new URLSearchParams({ email, password, _csrf: token }).toString(),
  });
  const given = cookiesOf(answer);
  const session = given.ctg_session;
  if (answer.status !== 303 || !session) throw new Error(`Connexion refusée (${answer.status}).`);
  // What a browser sends afterwards: the session and the CSRF secret given with it.
  const jar = { ...csrf, ...given };
  return Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

interface Route {
  label: string;
  path: string;
  auth: boolean;
  bare?: true;
  /** The bare route sending the diagnostic page's bytes (the others' yardstick is the API's bytes). */
  secondBare?: true;
  /** Also compared with the bare route sending the same bytes as this page. */
  sameBytesAs?: 'page';
}

interface Row {
  driver: string;
  label: string;
  bytes: number;
  rps: number;
  p50: number;
  p99: number;
  ratio: number | null;
  /** To the bare route sending this route's very bytes, where there is one. */
  sameBytesRatio: number | null;
  failures: number;
}

interface Memory {
  rss: number;
  peak: number;
  start: number;
}

async function run(driver: Driver): Promise<{ rows: Row[]; memory: Memory }> {
  const port = 31_800 + Math.floor(Math.random() * 100);
  const barePort = port + 100;
  const dbName = `ctg_bench_${process.pid}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'ctg-bench-http-'));
  const env: NodeJS.ProcessEnv = {
    PORT: String(port),
    HOST: '127.0.0.1',
    // BENCH_SERVER_NODE_OPTIONS: Node options of the server only (e.g. --max-old-space-size=128).
    NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? '',
  };
  let server: ChildProcess | null = null;
  let bare: ChildProcess | null = null;
  log(`\n${driver === 'pg' ? 'PostgreSQL' : 'PGlite'} :`);
  try {
    let password: string;
    if (driver === 'pg') {
      await adminQuery(`create database ${dbName}`);
      env.DATABASE_URL = databaseUrl(dbName);
      password = await prepare({ databaseUrl: env.DATABASE_URL });
    } else {
      env.DATABASE_URL = '';
      env.CTG_DATA_DIR = dataDir;
      password = await prepare({ dataDir });
    }
    const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    server = await startChild([...profile, 'bin/ctg.js', 'serve'], env, /Plateforme CTG prête/);
    const atStart = memoryOf(server.pid!);
    const base = `http://127.0.0.1:${port}`;
    const cookie = await logIn(base, CAF_AGENT, password);
    const { conventions: list } = (await (
      await fetch(`${base}/api/v1/conventions`, { headers: { cookie } })
    ).json()) as { conventions: { id: string; territory?: { code?: string }; territoryCode?: string }[] };
    const convention = list.find((c) => (c.territoryCode ?? c.territory?.code) === '78124') ?? list[0];
    if (!convention) throw new Error('Aucune convention de démonstration dans /api/v1/conventions.');

    // The bare route sends the diagnostic API's bytes, as the platform sends them to the Caf agent.
    const diagnostic = await fetch(`${base}/api/v1/territories/78124/diagnostic`, { headers: { cookie } });
    if (diagnostic.status !== 200) throw new Error(`API du diagnostic : ${diagnostic.status}`);
    const bodyFile = join(dataDir, 'diagnostic.json');
    writeFileSync(bodyFile, Buffer.from(await diagnostic.arrayBuffer()));
    // And a second bare route sending the diagnostic page's HTML, twice those bytes.
    const diagnosticPage = await fetch(`${base}/territoires/78124/diagnostic`, { headers: { cookie } });
    if (diagnosticPage.status !== 200) throw new Error(`Page du diagnostic : ${diagnosticPage.status}`);
    const pageFile = join(dataDir, 'diagnostic.html');
    writeFileSync(pageFile, Buffer.from(await diagnosticPage.arrayBuffer()));
    bare = await startChild(
      ['--import', 'tsx', 'bench/bare-server.ts'],
      { PORT: String(barePort), BENCH_BODY_FILE: bodyFile, BENCH_PAGE_FILE: pageFile },
      /ready/,
    );

    const routes: Route[] = [
      { label: 'bare Fastify, same bytes as the diagnostic API', path: '/bare', auth: false, bare: true },
      {
        label: 'bare Fastify, same bytes as the diagnostic page',
        path: '/bare-page',
        auth: false,
        bare: true,
        secondBare: true,
      },
      { label: 'home `/` (anonymous)', path: '/', auth: false },
      {
        label: 'territory search `/territoires?q=saint` (anonymous)',
        path: '/territoires?q=saint',
        auth: false,
      },
      { label: 'territory page `/territoires/78124` (anonymous)', path: '/territoires/78124', auth: false },
      {
        label: 'diagnostic page `/territoires/78124/diagnostic`',
        path: '/territoires/78124/diagnostic',
        auth: true,
        sameBytesAs: 'page',
      },
      {
        label: 'diagnostic API `/api/v1/territories/78124/diagnostic`',
        path: '/api/v1/territories/78124/diagnostic',
        auth: true,
      },
      { label: 'conventions API `/api/v1/conventions`', path: '/api/v1/conventions', auth: true },
      { label: 'convention page `/conventions/:id`', path: `/conventions/${convention.id}`, auth: true },
      { label: 'due items `/echeances`', path: '/echeances', auth: true },
    ];
    const rows: Row[] = [];
    let bareRps = 0;
    let barePageRps = 0;
    for (const route of routes) {
      if (only && !route.bare && !route.label.includes(only)) continue;
      const url = `${route.bare ? `http://127.0.0.1:${barePort}` : base}${route.path}`;
      const headers: Record<string, string> = route.auth ? { cookie } : {};
      const check = await fetch(url, { headers, redirect: 'manual' });
      const bytes = (await check.arrayBuffer()).byteLength;
      if (check.status !== 200) throw new Error(`${route.path} : ${check.status} au lieu de 200`);
      const result = await autocannon({ url, connections, duration, timeout: 30, headers });
      if (route.bare && route.secondBare) barePageRps = result.requests.average;
      else if (route.bare) bareRps = result.requests.average;
      const row: Row = {
        driver: driver === 'pg' ? 'PostgreSQL' : 'PGlite',
        label: route.label,
        bytes,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        ratio: route.bare && !route.secondBare ? null : result.requests.average / bareRps,
        sameBytesRatio: route.label.includes('diagnostic API')
          ? result.requests.average / bareRps
          : route.sameBytesAs === 'page'
            ? result.requests.average / barePageRps
            : null,
        failures: result.non2xx + result.errors + result.timeouts,
      };
      rows.push(row);
      log(
        `  ${row.label.padEnd(60)} ${row.rps.toFixed(0).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms${row.failures ? `  (${row.failures} échecs)` : ''}`,
      );
    }
    return { rows, memory: { ...memoryOf(server.pid!), start: atStart.rss } };
  } finally {
    if (bare) await stopChild(bare);
    if (server) await stopChild(server);
    rmSync(dataDir, { recursive: true, force: true });
    if (driver === 'pg') await adminQuery(`drop database if exists ${dbName} with (force)`);
  }
}

const results: { driver: string; rows: Row[]; memory: Memory }[] = [];
for (const driver of drivers) results.push({ driver, ...(await run(driver)) });

const kb = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`);
const lines = [
  `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — Node ${process.version}, ${cpus().length} cores, ${connections} connections, ${duration} s per route`,
  '',
  '| driver | route | body | req/s | p50 | p99 | ratio to bare (API bytes) | ratio to bare, same bytes | failures |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|',
];
for (const { rows } of results) {
  for (const r of rows) {
    lines.push(
      `| ${r.driver} | ${r.label} | ${kb(r.bytes)} | ${r.rps.toFixed(0)} | ${r.p50} ms | ${r.p99} ms | ${r.ratio === null ? '—' : r.ratio.toFixed(3)} | ${r.sameBytesRatio === null ? '—' : r.sameBytesRatio.toFixed(3)} | ${r.failures} |`,
    );
  }
}
lines.push('');
for (const { rows, memory } of results) {
  lines.push(
    `- ${rows[0]?.driver}: server RSS ${memory.start} MB once started, ${memory.rss} MB after the runs (peak ${memory.peak} MB)`,
  );
}
console.log(lines.join('\n'));
