/**
 * The diagnostic commands as a person runs them: `ctg import territories`, `ctg import diagnostic`
 * (a refused file changes nothing and exits 1) and `ctg diagnostic CODE --format json`, on a
 * temporary embedded database. The refused file runs as a real process (its exit status and
 * messages as the shell sees them); the others through `runCli`, what that process runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctgInProcess, ctgProcess } from '../support/cli.js';

const FIXTURE = 'src/imports/diagnostic/fixtures/carrieres-sur-seine-78.csv';
let dataDir: string;
let env: NodeJS.ProcessEnv;
const ctg = (...args: string[]) => ctgInProcess(env, ...args);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ctg-cli-diagnostic-'));
  env = { ...process.env, CTG_DATA_DIR: dataDir, DATABASE_URL: '' };
  const territories = await ctg('import', 'territories', '--departement', '78');
  expect(territories.status, territories.stderr).toBe(0);
}, 180_000);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ctg import diagnostic and ctg diagnostic', () => {
  it('refuses a wrong file line by line and changes nothing, then imports and prints the protected JSON', async () => {
    const bad = join(dataDir, 'faux.csv');
    writeFileSync(bad, 'code_territoire;indicateur;date_reference;valeur\n78124;rsa;2022-12-31;douze\n');
    const refused = ctgProcess(env, 'import', 'diagnostic', bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Ligne 2, colonne « valeur » : « douze » n’est pas un nombre.');
    expect(refused.stderr).toContain('rien n’a été modifié');

    const imported = await ctg('import', 'diagnostic', FIXTURE);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(
      '159 valeurs (dont 3 masquées par leur source) et 32 pourcentages publiés sans leur effectif',
    );

    const shown = await ctg('diagnostic', '78124', '--format', 'json');
    expect(shown.status, shown.stderr).toBe(0);
    const json = JSON.parse(shown.stdout);
    expect(json.territory).toEqual({ code: '78124', name: 'Carrières-sur-Seine', level: 'commune' });
    expect(json.reference).toMatchObject({ code: '78', name: 'Yvelines', level: 'departement' });
    const rows = new Map<string, { value: number | null; share: number | null; status: string }>(
      json.sections.flatMap((s: { rows: { id: string }[] }) => s.rows.map((r) => [r.id, r])),
    );
    expect(rows.get('children_3_5')!.share).toBe(3.9);
    expect(rows.get('aeeh_children_0_2')).toMatchObject({ value: null, share: null, status: 'secret' });
    // rsa was never imported by the refused file
    expect(json.sources.map((s: { fileName: string }) => s.fileName)).toEqual(['carrieres-sur-seine-78.csv']);
  }, 240_000);
});
