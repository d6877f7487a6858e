/**
 * The département's column where the département publishes nothing: the sums of its communes'
 * figures, for the indicators every commune has. Summing 259 communes on every page would read
 * tens of thousands of values per request, so the sums are kept in memory per département and per
 * version of its figures: the revision of its secrecy pattern (migration 0012), new on every write
 * of the pattern, which every import, synthetic run or re-protection touching one of its communes
 * rewrites in the same transaction as the values (its computed_at would not do: two writes in the
 * same instant carry the same time).
 * The sums are kept per database handle (a WeakMap on `ctx.db`): two databases in one process (the
 * test files sharing a worker, a transaction's own view) never see each other's sums.
 */

import type { Db } from '../../db/database.js';
import { listValuesOf, type ValueWithProvenance } from '../../db/repositories/diagnostic.repository.js';
import type { TerritoryRow } from '../../db/repositories/territory.repository.js';
import { CATALOGUE, isAdditive } from '../../domain/diagnostic/catalogue.js';
import { computeDiagnostic, type Territory, type ValueRow } from '../../domain/diagnostic/index.js';
import type { Context } from '../context.js';

const MAX_ENTRIES = 16;
const caches = new WeakMap<Db, Map<string, ValueRow[]>>();

function cacheOf(db: Db): Map<string, ValueRow[]> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** Sums of the communes for the additive indicators the département does not publish itself. */
export async function departementSums(
  ctx: Context,
  departement: { code: string; name: string },
  loadCommunes: () => Promise<readonly TerritoryRow[]>,
  ownValues: readonly ValueWithProvenance[],
  version: string | undefined,
): Promise<ValueRow[]> {
  const published = new Set(ownValues.map((v) => v.indicator));
  const lacking = [...CATALOGUE.indicators.values()]
    .filter((indicator) => isAdditive(indicator.kind) && !published.has(indicator.id))
    .map((indicator) => indicator.id);
  if (lacking.length === 0) return [];
  // Without a stored version (a pattern computed by this very request) nothing is kept.
  const key = version ? `${departement.code}|${version}|${lacking.join(',')}` : undefined;
  const cache = cacheOf(ctx.db);
  const cached = key ? cache.get(key) : undefined;
  if (cached) return cached;
  const communes = await loadCommunes();
  if (communes.length === 0) return [];

  const values = await listValuesOf(
    ctx.db,
    communes.map((c) => ({ level: 'commune' as const, code: c.code })),
    lacking,
  );
  const territory: Territory = {
    code: departement.code,
    name: departement.name,
    level: 'departement',
    members: communes.map((c) => c.code),
  };
  const diagnostic = computeDiagnostic({
    territory,
    reference: territory,
    values: values.map((v) => ({
      territory: v.code,
      indicator: v.indicator,
      date: v.date,
      value: v.value,
      synthetic: v.synthetic,
    })),
  });
  const sums: ValueRow[] = [];
  for (const [indicator, dates] of diagnostic.tables.get(departement.code) ?? []) {
    for (const resolved of dates.values()) {
      if (resolved.derivation !== 'sum_of_members') continue;
      sums.push({
        territory: departement.code,
        indicator,
        date: resolved.date,
        value: resolved.value,
        synthetic: resolved.synthetic,
        summedFromMembers: true,
      });
    }
  }
  if (!key) return sums;
  for (const stale of cache.keys()) if (stale.startsWith(`${departement.code}|`)) cache.delete(stale);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, sums);
  return sums;
}
