/**
 * Global setup of the integration tests: names this run's place for the databases the test files
 * start from (see `test-db.ts`), and removes them when the run ends.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'ctg-test-templates-'));
  const prefix = `ctg_tpl_${randomBytes(6).toString('hex')}`;
  project.provide('ctgTemplateDir', dir);
  project.provide('ctgTemplatePrefix', prefix);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) return;
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        'select datname from pg_database where datname like $1',
        [`${prefix}%`],
      );
      for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
    } finally {
      await client.end();
    }
  };
}
