/**
 * A fresh PGlite cluster is made by running initdb inside WebAssembly, which takes several seconds;
 * loading the files of an empty cluster made earlier takes a fraction of that. The first cluster
 * made on a machine is dumped (gzipped tar, about 4.5 MB) into node_modules/.cache, keyed by the
 * PGlite version, and every later new database (a first start, each test file) starts from it.
 * `npm ci` makes it through the `prepare` script; without it, the first creation makes it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const require = createRequire(import.meta.url);

function templatePath(): string {
  // The package exports no package.json: walk up from its entry point to find it.
  let dir = dirname(require.resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  // dir is node_modules/@electric-sql/pglite: the cache sits in node_modules/.cache.
  return join(dir, '..', '..', '.cache', 'ctg', `pglite-${version}-empty-cluster.tar.gz`);
}

function readTemplate(): Blob | null {
  try {
    const path = templatePath();
    return existsSync(path) ? new Blob([readFileSync(path)]) : null;
  } catch {
    return null;
  }
}

async function writeTemplate(pglite: PGlite): Promise<void> {
  const path = templatePath();
  mkdirSync(dirname(path), { recursive: true });
  const dump = await pglite.dumpDataDir('gzip');
  // Written aside then renamed, so that a concurrent reader never sees half a file.
  const partial = `${path}.${process.pid}.part`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
}

/** Opens PGlite on `dataDir` (or in memory), starting a new cluster from the template when there is one. */
/**
 * The compiled PostgreSQL of PGlite and its file bundle, read once per process: a process opening
 * several databases (the test files sharing a worker) compiles the WebAssembly once, not per database.
 */
let shared: Promise<{ pgliteWasmModule: WebAssembly.Module; fsBundle: Blob }> | null = null;

function sharedBinaries(): Promise<{ pgliteWasmModule: WebAssembly.Module; fsBundle: Blob }> {
  shared ??= (async () => {
    const dist = dirname(require.resolve('@electric-sql/pglite'));
    return {
      pgliteWasmModule: await WebAssembly.compile(readFileSync(join(dist, 'pglite.wasm'))),
      fsBundle: new Blob([readFileSync(join(dist, 'pglite.data'))]),
    };
  })().catch((error) => {
    shared = null;
    throw error;
  });
  return shared;
}

const PGLITE_SHARED_BUFFERS = '16MB';

export async function createPglite(given: PGliteOptions & { dataDir?: string }): Promise<PGlite> {
  // pg_trgm answers the territory search's `like '%…%'` from an index (migration 0010).
  let binaries: Partial<Awaited<ReturnType<typeof sharedBinaries>>> = {};
  try {
    binaries = await sharedBinaries();
  } catch {
    // Not where this version keeps them: PGlite reads its own, as it does without them.
  }
  const options: PGliteOptions & { dataDir?: string } = {
    ...binaries,
    // PostgreSQL's own cache lives in PGlite's WebAssembly memory, which never shrinks: 16 MB
    // instead of 128 lowers the server's resident memory by about 110 MB with the whole of France's
    // referential, with no measurable cost on the plan page, imports or the load benchmark
    // (docs/benchmarks.md).
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    ...given,
    extensions: { pg_trgm, ...given.extensions },
  };
  const fresh = !options.dataDir || !existsSync(join(options.dataDir, 'PG_VERSION'));
  // A cluster given by the caller (a test database copied from a migrated one) is used as it is.
  if (!fresh || options.loadDataDir) return PGlite.create(options);
  const template = readTemplate();
  if (template) {
    try {
      return await PGlite.create({ ...options, loadDataDir: template });
    } catch {
      // A damaged template: fall back to initdb below, which writes a new one.
    }
  }
  const pglite = await PGlite.create(options);
  try {
    await writeTemplate(pglite);
  } catch {
    // The cache is an optimisation: a read-only node_modules only costs the slower start.
  }
  return pglite;
}

/** Makes the template ahead of time (the `prepare` script of package.json). */
export async function prepareTemplate(): Promise<string> {
  const path = templatePath();
  if (!existsSync(path)) {
    const pglite = await PGlite.create();
    await writeTemplate(pglite);
    await pglite.close();
  }
  return path;
}
