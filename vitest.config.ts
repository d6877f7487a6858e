import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Four tiers: pure unit tests beside the code, integration tests on a real database
// (PGlite by default, PostgreSQL when DATABASE_URL is set), the documents opened by LibreOffice,
// and browser tests.
//
// Unit and integration files run in parallel, every file in its own process (the default `forks`
// pool), each integration file on its own database copied from one migrated (or seeded) once per
// run (tests/support/test-db.ts). Vitest's default is one worker fewer than the cores, which is one
// on the project's two: the files also wait on child processes (the CLI, LibreOffice), so one
// worker per core, at least two.
export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bin/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'src/**/*.int.test.tsx', 'src/**/*.office.test.ts'],
          // Generous: a shared, loaded machine must not fail a test for its time (limits live in bench/).
          testTimeout: 60_000,
          // Pure functions: the files of a worker share its loaded modules (a few seconds less to
          // load them again per file).
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'src/**/*.int.test.tsx', 'tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // The files of a worker share its loaded modules too (ten files: 77 s → 40 s, import
          // 23.7 s → 11.3 s). Safe because no module keeps state tied to one database: each file
          // has its own handle, and the caches (the parsed secrecy patterns of
          // diagnostic.repository.ts, departement-sums.ts) are keyed by that handle.
          // Kept across files on purpose: the PGlite dumps of test-db.ts and the protection workers.
          isolate: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The documents opened by LibreOffice (Writer, Calc) and read back with poppler: a tier of
        // its own, like the browser's, since it needs those system packages (without them its files
        // skip, saying so). CI runs it on the embedded database (`npm run test:office`).
        test: {
          name: 'office',
          include: ['src/**/*.office.test.ts', 'tests/office/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          isolate: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Browser tests that open a database of their own start from the same migrated copies;
          // the demo is made once for the run, and each file's server starts on a copy of it.
          globalSetup: ['tests/support/global-setup.ts', 'tests/support/demo-server-setup.ts'],
          // Each file starts its own server on a free port and data directory: two run at once.
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
