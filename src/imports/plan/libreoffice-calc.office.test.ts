/**
 * The plan files the platform exports (XLSX and ODS), opened by LibreOffice Calc: both converted to
 * CSV in one headless run, on a throw-away profile, and every fiche's title found in the first sheet.
 * Skipped, saying so, where soffice or its Calc component is not installed (CI installs
 * libreoffice-calc-nogui).
 */
import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../../documents/pdf.js';
import { parseCsv } from '../diagnostic/csv.js';
import { samplePlan } from './plan-file.test-support.js';
import { writePlanFile } from './write.js';

const run = promisify(execFile);
const soffice = findOnPath('soffice');
/** Calc is a component of its own: its library sits beside the real `soffice` executable. */
const withCalc = Boolean(soffice && existsSync(join(dirname(realpathSync(soffice)), 'libsclo.so')));

/** CSV export filter: `;` as separator (59), `"` as quote (34), UTF-8 (76), from the first line. */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):59,34,76,1';

describe.skipIf(!withCalc)(
  withCalc
    ? 'LibreOffice Calc opens the exported plan files'
    : 'LibreOffice Calc opens the exported plan files — skipped: soffice or its Calc component (libreoffice-calc-nogui) is not installed',
  () => {
    const plan = samplePlan(50);
    let dir: string;
    const csv: Record<'xlsx' | 'ods', string> = { xlsx: '', ods: '' };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ctg-plan-calc-'));
      const inputs: string[] = [];
      for (const format of ['xlsx', 'ods'] as const) {
        // Distinct names: both become `<name>.csv` in the same directory.
        const input = join(dir, `plan-${format}.${format}`);
        await writeFile(input, await writePlanFile(plan, format));
        inputs.push(input);
      }
      // Both files in one run of the office, on a profile of its own (never the user's, never shared).
      await run(
        soffice!,
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--norestore',
          '--convert-to',
          CSV_FILTER,
          '--outdir',
          join(dir, 'csv'),
          ...inputs,
        ],
        { timeout: 180_000, killSignal: 'SIGKILL', env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' } },
      );
      for (const format of ['xlsx', 'ods'] as const) {
        csv[format] = await readFile(join(dir, 'csv', `plan-${format}.csv`), 'utf8');
      }
    }, 200_000);
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    for (const format of ['xlsx', 'ods'] as const) {
      it(`reads the ${format.toUpperCase()} export: its sheet of fiches, every title with its reference`, () => {
        // Calc quotes every text cell: read as CSV, not as text.
        const [header, ...rows] = parseCsv(csv[format], ';').map((r) => r.cells);
        expect(header!.slice(0, 3)).toEqual(['type', 'référence', 'titre']);
        const line = (kind: string, reference: string) =>
          rows.find((r) => r[0] === kind && r[1] === reference)?.[2];
        for (const fiche of plan.fiches)
          expect(line('fiche', `${fiche.axe}.${fiche.position}`)).toBe(fiche.title);
        for (const axe of plan.axes) expect(line('axe', String(axe.position))).toBe(axe.title);
      });
    }
  },
);
