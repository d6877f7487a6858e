/**
 * The lists people open most are answered by indexes, not by reading every territory: the plan of
 * each query the repositories send (captured as compiled) is asked with sequential scans disabled
 * for the transaction, so that the planner takes an index whenever one can answer; a
 * `Seq Scan on territories` left in the plan means no index can (on France's 36 000 territories,
 * every request would read them all). On the Yvelines' demo data (referential of the 78).
 */
import { CompiledQuery, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import {
  listConventions,
  listOpenConventionStates,
} from '../../src/db/repositories/convention.repository.js';
import {
  countTerritorySearch,
  listTerritoriesOfDepartement,
  searchTerritories,
} from '../../src/db/repositories/territory.repository.js';
import { systemClock } from '../../src/domain/shared/dates.js';
import { territoryQuery } from '../../src/domain/territory/search.js';
import { systemContext } from '../../src/use-cases/context.js';
import { seedDemo } from '../../src/use-cases/demo/seed-demo.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(systemContext(handle.db, systemClock, 'demo'), {
    departements: ['78', '59', '62', '76', '33', '13'],
  });
  await sql`analyze`.execute(handle.db);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

/** Runs `use` on a database that records every query instead of trusting what it was meant to be. */
async function queriesOf(use: (db: Db) => Promise<unknown>): Promise<CompiledQuery[]> {
  const nodes: {
    node: RootOperationNode;
    queryId: Parameters<KyselyPlugin['transformQuery']>[0]['queryId'];
  }[] = [];
  const recorder: KyselyPlugin = {
    transformQuery(args) {
      nodes.push(args);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await use(handle.db.withPlugin(recorder));
  const executor = handle.db.getExecutor();
  return nodes.map(({ node, queryId }) => executor.compileQuery(node, queryId));
}

/** The plan of a query, sequential scans disabled: those left are those no index can replace. */
async function planOf(query: CompiledQuery): Promise<string> {
  return handle.db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    const result = await tx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
    );
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

/** A condition narrowing territories to a few rows: anything but their level alone. */
const SELECTIVE = /\b(code|search_name|siren|postal_codes|departement_codes|departement_code|epci_code)\b/;

/**
 * The scans of `territories` that read a whole level or the whole table: a sequential scan, or an
 * index or bitmap scan whose index condition (`Index Cond`, `Recheck Cond`) is absent or only names
 * the level, every row then being filtered one by one.
 */
function fullReadsOfTerritories(plan: string): string[] {
  const lines = plan.split('\n');
  const found: string[] = [];
  lines.forEach((line, at) => {
    if (!/ on territories\b/.test(line)) return;
    if (line.includes('Seq Scan')) {
      found.push(line.trim());
      return;
    }
    // The node's own details: the lines after it, up to the next node.
    const details: string[] = [];
    for (const next of lines.slice(at + 1)) {
      if (next.trim().startsWith('->')) break;
      details.push(next);
    }
    const conditions = details.filter((d) => /(Index|Recheck) Cond:/.test(d));
    if (!conditions.some((c) => SELECTIVE.test(c))) found.push(line.trim());
  });
  return found;
}

async function expectNoTerritoryScan(use: (db: Db) => Promise<unknown>) {
  const queries = await queriesOf(use);
  expect(queries.length).toBeGreaterThan(0);
  for (const query of queries) {
    if (!/\bterritories\b/.test(query.sql)) continue;
    const plan = await planOf(query);
    expect(fullReadsOfTerritories(plan), `${query.sql}\n${plan}`).toEqual([]);
  }
}

describe('the lists read territories through indexes', () => {
  it('the Caf agent’s conventions (scope of the département) and the département filter', async () => {
    await expectNoTerritoryScan((db) => listConventions(db, { kind: 'departement', departementCode: '78' }));
    await expectNoTerritoryScan((db) => listConventions(db, { kind: 'all' }, { departementCode: '78' }));
  });

  it('the due items of the Caf agent', async () => {
    await expectNoTerritoryScan((db) =>
      listOpenConventionStates(db, { kind: 'departement', departementCode: '78' }, '2025-01-01'),
    );
  });

  it('the territory search, by name part and by postal code, and its count', async () => {
    for (const text of ['saint', 'carrières', '78420']) {
      const query = territoryQuery(text);
      await expectNoTerritoryScan((db) => searchTerritories(db, query, { limit: 20 }));
      await expectNoTerritoryScan((db) => countTerritorySearch(db, query));
      await expectNoTerritoryScan((db) =>
        searchTerritories(db, query, { limit: 20, within: { departementCode: '78' } }),
      );
    }
  });

  it('the communes of a département', async () => {
    await expectNoTerritoryScan((db) => listTerritoriesOfDepartement(db, '78', 'commune'));
  });

  it('the search finds what it found before the indexes (name part, postal code, accents)', async () => {
    const saint = await searchTerritories(handle.db, territoryQuery('saint'), { limit: 500 });
    expect(saint.length).toBeGreaterThan(10);
    expect(saint.every((t) => /saint/i.test(t.name.normalize('NFD').replace(/\p{M}/gu, '')))).toBe(true);
    const byPostalCode = await searchTerritories(handle.db, territoryQuery('78420'), { limit: 20 });
    expect(byPostalCode.map((t) => t.code)).toContain('78124');
    const scoped = await listConventions(handle.db, { kind: 'departement', departementCode: '78' });
    expect(scoped.map((c) => c.territoryCode).sort()).toEqual(['78124', '78146']);
    const elsewhere = await listConventions(handle.db, { kind: 'departement', departementCode: '92' });
    expect(elsewhere).toEqual([]);
  });
});
