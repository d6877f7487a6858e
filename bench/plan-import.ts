/**
 * Benchmark of the action-plan file formats alone (no database): a plan of 1 000 fiches written to
 * CSV, XLSX and ODS, then read back and validated. The whole import, database included, must stay
 * under 3 s; this part should be a fraction of it.
 * Run: `npx tsx bench/plan-import.ts`.
 */
import { isDeepStrictEqual } from 'node:util';
import { PLAN_FILE_FORMATS, readPlanFile, writePlanFile } from '../src/imports/plan/index.js';
import { samplePlan } from '../src/imports/plan/plan-file.test-support.js';

const plan = samplePlan(1000);
const subActions = plan.fiches.reduce((n, f) => n + f.subActions.length, 0);
console.log(
  `plan : ${plan.fiches.length} fiches, ${subActions} sous-actions, ${plan.indicators.length} indicateurs`,
);
const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(3);
for (const run of [1, 2]) {
  for (const format of PLAN_FILE_FORMATS) {
    let start = performance.now();
    const bytes = await writePlanFile(plan, format);
    const written = seconds(start);
    start = performance.now();
    const result = await readPlanFile(bytes, format);
    const read = seconds(start);
    if (!result.ok) throw new Error(result.errors[0]?.message);
    if (!isDeepStrictEqual(result.plan, plan)) throw new Error(`${format} : le plan relu diffère`);
    console.log(
      `passage ${run}, ${format} : ${(bytes.length / 1024).toFixed(0)} Kio, écriture ${written} s, lecture et validation ${read} s`,
    );
  }
}
