/**
 * The secrecy patterns an import computes before its transaction: the values it foresees are those
 * the import leaves (the replaced import's gone, the file's over the others), the pattern it stores
 * is the one computed from the stored values, and a pattern computed ahead is taken only for the
 * very same input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import {
  findProtectionPatterns,
  listValuesOf,
  type TerritoryKey,
} from '../../src/db/repositories/diagnostic.repository.js';
import { listTerritoriesOfDepartement } from '../../src/db/repositories/territory.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import type { ValueRow } from '../../src/domain/diagnostic/types.js';
import { parseLongLayoutCsv } from '../../src/imports/diagnostic/index.js';
import { generateSyntheticDiagnostic } from '../../src/use-cases/diagnostic/generate-synthetic-diagnostic.js';
import { importDiagnostic, valuesAfterImport } from '../../src/use-cases/diagnostic/import-diagnostic.js';
import { patternsAhead, protectDepartements } from '../../src/use-cases/diagnostic/protect-departement.js';
import { as, makeUser, seedWorld, system } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

const HEADER = 'code_territoire;indicateur;date_reference;valeur;source\n';
const csv = (lines: string[]) => new TextEncoder().encode(HEADER + lines.map((l) => `${l};Essai\n`).join(''));
const KEYS: TerritoryKey[] = [
  { level: 'commune', code: '78124' },
  { level: 'commune', code: '78146' },
];

let handle: DatabaseHandle;
let agent: Actor;

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  agent = await makeUser(handle.db, 'agent.secret@caf78.test', world.caf78.id, ['caf_agent']);
});
afterAll(async () => {
  await handle?.close();
});

const stored = async (keys: TerritoryKey[]): Promise<ValueRow[]> =>
  (await listValuesOf(handle.db, keys)).map((v) => ({
    territory: v.code,
    indicator: v.indicator,
    date: v.date,
    value: v.value,
  }));
const sorted = (rows: ValueRow[]) =>
  rows.map((r) => ({ ...r })).sort((a, b) => JSON.stringify(a, big).localeCompare(JSON.stringify(b, big)));
const big = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value);

describe('the patterns of an import, computed ahead of its transaction', () => {
  it('foresee the values the import leaves, and store the pattern the stored values give', async () => {
    // A overwrites a figure of the seed; B, the same period, replaces A (its figures go) and writes
    // over another figure of the seed: a count, an amount, a rate, a figure withheld by the source.
    const first = await importDiagnostic(as(handle.db, agent), {
      fileName: 'a.csv',
      bytes: csv([
        '78124;rsa;2022-12-31;300',
        '78146;rsa_amount;2022-12-31;50000',
        '78146;caf_coverage;2022-12-31;41,5',
      ]),
    });
    const second = csv([
      '78124;rsa_amount;2022-12-31;120000',
      '78146;rsa;2022-12-31;<5',
      '78146;caf_coverage;2022-12-31;40,25',
    ]);
    const parsed = parseLongLayoutCsv(second);
    if (!parsed.ok) throw new Error('the file is valid');
    const before = await listValuesOf(handle.db, KEYS);
    const foreseen = valuesAfterImport(parsed.rows, new Set([first.importId]))(before, KEYS);

    const result = await importDiagnostic(as(handle.db, agent), { fileName: 'b.csv', bytes: second });
    expect(result.replacedImports).toEqual([first.importId]);
    const after = await stored(KEYS);
    expect(sorted(foreseen)).toEqual(sorted(after));
    // The seed's RSA count of Carrières-sur-Seine went with A, which had replaced it.
    expect(after.some((v) => v.territory === '78124' && v.indicator === 'rsa')).toBe(false);
    expect(after.find((v) => v.territory === '78124' && v.indicator === 'rsa_amount')?.value).toBe(
      12_000_000n,
    );

    const [saved] = await findProtectionPatterns(handle.db, ['78']);
    const [recomputed] = await protectDepartements(system(handle.db), handle.db, ['78']);
    expect(recomputed!.statuses).toEqual(saved!.statuses);
  });

  it('are the patterns a process alone on its database computes in the transaction', async () => {
    const file = csv(['78124;rsa;2022-12-31;280', '78146;rsa;2022-12-31;<5']);
    await importDiagnostic({ ...as(handle.db, agent), alone: true }, { fileName: 'd.csv', bytes: file });
    const [inTransaction] = await findProtectionPatterns(handle.db, ['78']);
    // The same figures again: they replace themselves, and the pattern is computed ahead.
    await importDiagnostic(as(handle.db, agent), { fileName: 'd.csv', bytes: file });
    const [ahead] = await findProtectionPatterns(handle.db, ['78']);
    expect(ahead!.statuses).toEqual(inTransaction!.statuses);
  });

  it('of synthetic figures store the pattern the stored values give', async () => {
    const [epci] = await listTerritoriesOfDepartement(handle.db, '95', 'epci');
    const result = await generateSyntheticDiagnostic(system(handle.db), { epci: epci!.code });
    expect(result.communes).toBeGreaterThan(0);
    const [saved] = await findProtectionPatterns(handle.db, ['95']);
    const [recomputed] = await protectDepartements(system(handle.db), handle.db, ['95']);
    expect(recomputed!.statuses).toEqual(saved!.statuses);
  });

  it('are taken only for the very same input', async () => {
    const ahead = await patternsAhead(handle.db, ['78'], stored);
    expect(ahead.size).toBe(1);
    const [key, outcome] = [...ahead][0]!;
    // A forged outcome under the digest of the stored values' input: every cell blanked.
    const forged = new Map([
      [
        key,
        { ...outcome, pattern: new Map([...outcome.pattern.keys()].map((id) => [id, 'primary' as const])) },
      ],
    ]);
    await protectDepartements(system(handle.db), handle.db, ['78'], 'replace', forged);
    const [taken] = await findProtectionPatterns(handle.db, ['78']);
    expect(new Set(taken!.statuses.values())).toEqual(new Set(['primary']));

    // One figure changes: the forged outcome no longer fits, the pattern is computed.
    await importDiagnostic(as(handle.db, agent), {
      fileName: 'c.csv',
      bytes: csv(['78124;rsa;2022-12-31;301']),
    });
    await protectDepartements(system(handle.db), handle.db, ['78'], 'replace', forged);
    const [computed] = await findProtectionPatterns(handle.db, ['78']);
    expect([...computed!.statuses.values()]).toContain('published');
  });
});
