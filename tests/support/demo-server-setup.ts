/**
 * Global setup of the browser tests: makes the demo once for the run — a first `ctg serve --demo`
 * on an empty data directory, stopped once ready — so that each test file's server starts on a copy
 * of it instead of importing France's referential again (`server.ts`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { demoAccounts, spawnServe } from './server.js';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'ctg-e2e-demo-'));
  try {
    const first = await spawnServe(dir);
    await first.stop();
    const output = first.output();
    if (demoAccounts(output).size === 0)
      throw new Error(`Aucun compte de démonstration affiché :\n${output}`);
    project.provide('ctgDemoDataDir', dir);
    project.provide('ctgDemoFirstOutput', output);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
