/**
 * The action-plan file on a real database: a 50-fiche file imports whole (pilots' e-mails resolved
 * to accounts, objectives checked against the project), exports back to the same bytes in the three
 * formats, and a file naming an unknown account or objective is refused with its line and column,
 * changing nothing. Then the same through `ctg plan import` / `ctg plan export` (exit status 2 on a
 * refused file, errors on stderr in French).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { findPlan } from '../../src/db/repositories/plan.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { type PlanFile, readPlanFile, writePlanFile } from '../../src/imports/plan/index.js';
import { samplePlan } from '../../src/imports/plan/plan-file.test-support.js';
import { exportPlan } from '../../src/use-cases/plan/export-plan.js';
import { importPlan } from '../../src/use-cases/plan/import-plan.js';
import { updateProject } from '../../src/use-cases/plan/update-project.js';
import { ctgInProcess } from '../support/cli.js';
import { as, makeUser, seedWorld, system } from '../support/fixtures.js';
import { pgliteStart } from '../support/test-db.js';

let dataDir: string;
let handle: DatabaseHandle;
let agent: Actor;
let chatouId: string;

/** The sample plan, its account pilots being the territory's agent. */
function planOfAgent(count: number): PlanFile {
  const plan = samplePlan(count);
  for (const fiche of plan.fiches) {
    fiche.pilots = fiche.pilots.map((p) =>
      p.kind === 'account' ? { kind: 'account', email: 'agent.fichier@chatou.test' } : p,
    );
  }
  return plan;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ctg-plan-file-'));
  handle = await openDatabase({ dataDir, loadDataDir: await pgliteStart('world') });
  const world = await seedWorld(handle.db);
  chatouId = (await listConventions(handle.db, { kind: 'all' })).find((c) => c.territoryCode === '78146')!.id;
  agent = await makeUser(handle.db, 'agent.fichier@chatou.test', world.chatou.id, ['territory_agent']);
  await updateProject(system(handle.db), chatouId, {
    project: {
      needs: [],
      objectives: ['objectif-1', 'objectif-2'].map((id) => ({
        id,
        mission: 'conciliation',
        title: id,
        needIds: [],
      })),
      cafPriorities: [],
      localActions: [],
      domainResources: [],
    },
  });
}, 180_000);
afterAll(async () => {
  await handle?.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('importing and exporting a plan file', () => {
  it('imports 50 fiches whole, and exports them back to the same bytes in the three formats', async () => {
    // An e-mail is an account's whatever its case.
    const small = planOfAgent(1);
    small.fiches[0]!.pilots = [{ kind: 'account', email: 'Agent.Fichier@CHATOU.test' }];
    await importPlan(as(handle.db, agent), {
      conventionId: chatouId,
      fileName: 'petit.csv',
      bytes: await writePlanFile(small, 'csv'),
      format: 'csv',
    });
    expect((await findPlan(handle.db, chatouId))!.fiches[0]!.pilots).toEqual([
      { kind: 'account', userId: (agent as { userId: string }).userId, name: 'agent.fichier' },
    ]);
    const before = (await findPlan(handle.db, chatouId))!;
    expect(before.fiches).toHaveLength(1);
    const file = planOfAgent(50);
    const bytes = await writePlanFile(file, 'xlsx');
    const result = await importPlan(as(handle.db, agent), {
      conventionId: chatouId,
      fileName: 'plan.xlsx',
      bytes,
      format: 'xlsx',
    });
    expect(result).toMatchObject({ axes: 5, fiches: 50, subActions: 34, indicators: 26 });
    expect(result.replaced).toEqual({
      axes: before.axes.length,
      fiches: 1,
      indicators: before.indicators.length,
    });
    const stored = (await findPlan(handle.db, chatouId))!;
    expect(stored.fiches).toHaveLength(50);
    const led = stored.fiches.find((f) => f.pilots.some((p) => p.kind === 'account'))!;
    expect(led.pilots).toContainEqual({
      kind: 'account',
      userId: (agent as { userId: string }).userId,
      name: 'agent.fichier',
    });
    const linked = stored.fiches.find((f) => f.linkedFicheIds.length > 0)!;
    expect(stored.fiches.some((f) => f.id === linked.linkedFicheIds[0])).toBe(true);
    for (const format of ['xlsx', 'ods', 'csv'] as const) {
      const exported = await exportPlan(as(handle.db, agent), chatouId, format);
      expect(exported.fileName).toBe(`plan-actions-chatou.${format}`);
      expect(Buffer.from(exported.bytes).equals(Buffer.from(await writePlanFile(file, format))), format).toBe(
        true,
      );
    }
  });

  it('refuses unknown pilots and objectives with their line and column, and changes nothing', async () => {
    const before = await findPlan(handle.db, chatouId);
    const file = planOfAgent(3);
    file.fiches[0]!.pilots.push({ kind: 'account', email: 'inconnu@nulle-part.test' });
    file.fiches[1]!.objectives = ['objectif-9'];
    const bytes = await writePlanFile(file, 'csv');
    const refused = await importPlan(as(handle.db, agent), {
      conventionId: chatouId,
      fileName: 'plan.csv',
      bytes,
      format: 'csv',
    }).then(
      () => undefined,
      (error: { code: string; details: { message: string }[] }) => error,
    );
    expect(refused?.code).toBe('PLAN_IMPORT_REFUSED');
    expect(refused?.details.map((e) => e.message)).toEqual([
      'Ligne 3, colonne J (pilotes) : « inconnu@nulle-part.test » n’est l’adresse d’aucun compte actif ayant accès à cette convention (écrivez le nom de la personne pour un pilote sans compte).',
      'Ligne 14, colonne M (objectifs) : l’objectif « objectif-9 » n’existe pas dans le projet de la convention.',
    ]);
    expect(await findPlan(handle.db, chatouId)).toEqual(before);
  });

  it('through ctg plan import and ctg plan export', async () => {
    await handle.close();
    const env = { ...process.env, CTG_DATA_DIR: dataDir, DATABASE_URL: '' };
    const good = join(dataDir, 'plan.ods');
    writeFileSync(good, await writePlanFile(planOfAgent(10), 'ods'));
    const imported = await ctgInProcess(env, 'plan', 'import', good, '--territory', '78146');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain(
      'importé depuis « plan.ods » : 5 axe(s), 10 fiche(s), 8 sous-action(s), 6 indicateur(s).',
    );
    expect(imported.stdout).toContain('remplace 5 axe(s), 50 fiche(s) et 26 indicateur(s).');

    const out = join(dataDir, 'export.csv');
    const exported = await ctgInProcess(
      env,
      'plan',
      'export',
      '--territory',
      '78146',
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(exported.status, exported.stderr).toBe(0);
    const read = await readPlanFile(readFileSync(out), 'csv');
    expect(read.ok && read.plan).toEqual(planOfAgent(10));

    const bad = join(dataDir, 'faux.csv');
    writeFileSync(bad, 'type;référence;titre;statut\naxe;1;Petite enfance;\nfiche;1.1;Relais;en cour\n');
    const refused = await ctgInProcess(env, 'plan', 'import', bad, '--territory', '78146');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('le fichier « faux.csv » contient 1 erreur(s) ; rien n’a été importé.');
    expect(refused.stderr).toContain(
      'Ligne 3, colonne D (statut) : « en cour » n’est pas un statut ; valeurs admises : à venir (planned)',
    );
    const after = await ctgInProcess(env, 'plan', 'export', '--territory', '78146', '--format', 'csv');
    expect(after.stdout).toBe(readFileSync(out, 'utf8'));
  }, 120_000);
});
