/**
 * The statistical-secrecy pattern of départements (domain `protectDepartement`): computed from the
 * stored values of each département, of every EPCI with a commune in it (with all their communes,
 * wherever they lie) and of those communes, then saved. Every diagnostic output of a territory of
 * the département follows it (see get-diagnostic.ts). The pattern defends against the reader of
 * those outputs, who sees one sign for every blank (`PUBLISHED_READER`, docs/secrecy-readers.md);
 * the input names that reader, so the worker threads use it too.
 *
 * Neighbours must agree. An EPCI straddling two départements puts its cells and its communes' cells
 * in both départements' problems; a cell published by one pattern and blanked by the other would be
 * blanked on the pages (they follow both) while the first département's check counted it as
 * published, so nothing would prove it safe. Each département is therefore protected with every cell
 * its neighbours' patterns blank forced blank, and a neighbour whose pattern publishes a cell the new
 * pattern blanks is protected again, until they agree (within one call, a département recomputed
 * keeps its earlier blanks forced, so blanks only grow and this ends).
 *
 * When it runs: an import and `ctg demo-data` call it inside their own transaction for every
 * département whose pattern holds a value they changed, so the new values and their pattern are
 * committed together and no reader ever sees values without the pattern made for them. So that
 * the transaction (on the embedded database, its one connection) is not held while the engine
 * runs, they first compute the patterns, before it and in worker threads, from the values as they
 * will leave them (`patternsAhead`); the transaction reads the values again and takes a pattern
 * computed ahead only for the very same input.
 * `getDiagnostic` calls it for a département that has no pattern yet (a database filled before the
 * patterns existed); that pattern never overwrites one an import saved meanwhile.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import {
  type CellStatus,
  findProtectionPatterns,
  listValuesOf,
  saveProtectionPattern,
  type TerritoryKey,
} from '../../db/repositories/diagnostic.repository.js';
import {
  findTerritory,
  listCommunesOfEpcis,
  listTerritoriesOfDepartement,
} from '../../db/repositories/territory.repository.js';
import { PUBLISHED_READER, type Territory, type ValueRow } from '../../domain/diagnostic/index.js';
import type { Context } from '../context.js';
import { type ProtectionOutcome, protectMany, type protectOne } from './protection-pool.js';

export interface DepartementPattern {
  departementCode: string;
  statuses: Map<string, CellStatus>;
  primary: number;
  secondary: number;
  durationMs: number;
}

const blankedIn = (statuses: ReadonlyMap<string, CellStatus>): string[] =>
  [...statuses].filter(([, status]) => status !== 'published').map(([id]) => id);

type ProtectionInput = Parameters<typeof protectOne>[0];

const byCell = (a: ValueRow, b: ValueRow): number =>
  a.territory < b.territory
    ? -1
    : a.territory > b.territory
      ? 1
      : a.indicator < b.indicator
        ? -1
        : a.indicator > b.indicator
          ? 1
          : a.date < b.date
            ? -1
            : a.date > b.date
              ? 1
              : 0;

/** Reads the values of these territories, as a pattern's input holds them. */
type ValuesOf = (keys: TerritoryKey[]) => Promise<ValueRow[]>;

async function storedValues(exec: Executor, keys: TerritoryKey[]): Promise<ValueRow[]> {
  return (await listValuesOf(exec, keys)).map((v) => ({
    territory: v.code,
    indicator: v.indicator,
    date: v.date,
    value: v.value,
  }));
}

/**
 * What protecting `code` needs from the database: the département, its communes, the EPCIs with a
 * commune in it (with all their members), their values, and the blanks its neighbours' patterns
 * force (`forcedBy`, given the neighbours).
 */
async function prepareInput(
  exec: Executor,
  code: string,
  forcedBy: (neighbours: string[]) => Promise<Set<string>>,
  valuesOf: ValuesOf,
): Promise<{ code: string; input: ProtectionInput; neighbours: string[] } | undefined> {
  const departement = await findTerritory(exec, 'departement', code);
  if (!departement) return undefined;
  const communes = await listTerritoriesOfDepartement(exec, code, 'commune');
  const epciRows = await listTerritoriesOfDepartement(exec, code, 'epci');
  const membersOf = await listCommunesOfEpcis(
    exec,
    epciRows.map((e) => e.code),
  );
  const epcis: Territory[] = epciRows.map((epci) => ({
    code: epci.code,
    name: epci.name,
    level: 'epci',
    members: (membersOf.get(epci.code) ?? []).map((m) => m.code),
  }));
  const neighbours = [...new Set(epciRows.flatMap((e) => e.departementCodes))].filter((c) => c !== code);
  const forced = await forcedBy(neighbours);
  const communeCodes = new Set([...communes.map((c) => c.code), ...epcis.flatMap((e) => e.members ?? [])]);
  const keys: TerritoryKey[] = [
    { level: 'departement', code },
    ...epcis.map((e) => ({ level: 'epci' as const, code: e.code })),
    ...[...communeCodes].map((c) => ({ level: 'commune' as const, code: c })),
  ];
  const input: ProtectionInput = {
    departement: {
      code,
      name: departement.name,
      level: 'departement' as const,
      members: communes.map((c) => c.code),
    },
    epcis,
    // In one order whatever the order rows come back in (which varies with where they lie in the
    // table): the engine's choice of secondary blanks depends on it, and a pattern computed ahead
    // of a transaction is then the very pattern the transaction would compute.
    values: (await valuesOf(keys)).sort(byCell),
    forced,
    reader: PUBLISHED_READER,
  };
  return { code, input, neighbours };
}

/**
 * A pattern's whole input as one digest, in its order (the engine's choices depend on it): the
 * territories and their members, every value with its type (a count is a number, an amount a
 * bigint), the forced blanks and the reader. Two inputs with one digest give one pattern.
 */
export function protectionKey(input: ProtectionInput): string {
  const text = JSON.stringify({ ...input, forced: [...(input.forced ?? [])] }, (_key, value) =>
    typeof value === 'bigint' ? `${value}n` : value,
  );
  return createHash('sha256').update(text).digest('hex');
}

/** Patterns computed ahead of a change's transaction, by the digest of their input (`protectionKey`). */
export type PatternsAhead = ReadonlyMap<string, ProtectionOutcome>;

/**
 * Computes, before a change's transaction, the patterns of départements `codes` as the change will
 * leave them: `valuesOf` reads the values of territories as they will be once it has committed
 * (what is stored, with the change over it). The engine runs in worker threads, so that this thread
 * (a server's, and the embedded database's on it) stays free meanwhile. The transaction reads the
 * values again and takes a pattern only for the very same input (`protectDepartements`' `ahead`).
 */
export async function patternsAhead(
  exec: Executor,
  codes: string[],
  valuesOf: ValuesOf,
): Promise<PatternsAhead> {
  const stored = new Map<string, ReadonlyMap<string, CellStatus>>();
  const forcedBy = async (neighbours: string[]) => {
    const forced = new Set<string>();
    for (const neighbour of neighbours) {
      if (!stored.has(neighbour)) {
        const [record] = await findProtectionPatterns(exec, [neighbour]);
        stored.set(neighbour, record?.statuses ?? new Map());
      }
      for (const id of blankedIn(stored.get(neighbour)!)) forced.add(id);
    }
    return forced;
  };
  const inputs: ProtectionInput[] = [];
  for (const code of codes) {
    const item = await prepareInput(exec, code, forcedBy, valuesOf);
    if (item) inputs.push(item.input);
  }
  const outcomes = await protectMany(inputs.length, (i) => inputs[i]!, undefined, { offThread: true });
  return new Map(inputs.map((input, i) => [protectionKey(input), outcomes[i]!]));
}

export async function protectDepartements(
  ctx: Context,
  exec: Executor,
  codes: string[],
  mode: 'replace' | 'if-missing' = 'replace',
  /** Patterns computed before the transaction (`patternsAhead`), taken where the input is the same. */
  ahead?: PatternsAhead,
): Promise<DepartementPattern[]> {
  const computed = new Map<string, DepartementPattern>();
  const stored = new Map<string, ReadonlyMap<string, CellStatus>>();
  const patternOf = async (code: string): Promise<ReadonlyMap<string, CellStatus> | undefined> => {
    const here = computed.get(code);
    if (here) return here.statuses;
    if (!stored.has(code)) {
      const [record] = await findProtectionPatterns(exec, [code]);
      stored.set(code, record?.statuses ?? new Map());
    }
    return stored.get(code);
  };
  /** What protecting `code` needs from the database, with the blanks its neighbours' patterns force. */
  const prepare = (code: string) =>
    prepareInput(
      exec,
      code,
      async (neighbours) => {
        const forced = new Set<string>(blankedIn(computed.get(code)?.statuses ?? new Map()));
        for (const neighbour of neighbours) {
          for (const id of blankedIn((await patternOf(neighbour)) ?? new Map())) forced.add(id);
        }
        return forced;
      },
      (keys) => storedValues(exec, keys),
    );
  const neighboursOf = new Map<string, string[]>();
  const finish = async (code: string, outcome: ProtectionOutcome): Promise<void> => {
    // A neighbour recomputed here (not one of the départements asked for) replaces its pattern.
    await saveProtectionPattern(
      exec,
      {
        departementCode: code,
        computedAt: ctx.clock.now(),
        statuses: outcome.pattern,
        durationMs: outcome.durationMs,
      },
      codes.includes(code) ? mode : 'replace',
    );
    computed.set(code, {
      departementCode: code,
      statuses: outcome.pattern,
      primary: outcome.primary,
      secondary: outcome.secondary,
      durationMs: outcome.durationMs,
    });
  };
  const queue: string[] = [];
  /** Queues each neighbour whose pattern publishes a cell the pattern of `code` blanks. */
  const checkNeighbours = async (code: string): Promise<void> => {
    const pattern = computed.get(code)!.statuses;
    for (const neighbour of neighboursOf.get(code) ?? []) {
      const theirs = await patternOf(neighbour);
      if (!theirs || theirs.size === 0 || queue.includes(neighbour)) continue;
      const disagrees = [...pattern].some(
        ([id, status]) => status !== 'published' && theirs.get(id) === 'published',
      );
      if (disagrees) queue.push(neighbour);
    }
  };

  // The départements asked for are protected side by side (one worker thread per core), each with
  // its neighbours' stored patterns; then any two neighbours that disagree are protected again, one
  // after the other, each with the other's new blanks forced, until they agree.
  const prepared: Array<NonNullable<Awaited<ReturnType<typeof prepare>>>> = [];
  for (const code of codes) {
    const item = await prepare(code);
    if (item) prepared.push(item);
  }
  prepared.sort((a, b) => b.input.values.length - a.input.values.length);
  const outcomes = prepared.map((item) => (ahead ? ahead.get(protectionKey(item.input)) : undefined));
  const missing = [...outcomes.keys()].filter((i) => !outcomes[i]);
  const fresh = await protectMany(missing.length, (n) => prepared[missing[n]!]!.input);
  for (const [n, i] of missing.entries()) outcomes[i] = fresh[n];
  for (const [i, item] of prepared.entries()) {
    neighboursOf.set(item.code, item.neighbours);
    await finish(item.code, outcomes[i]!);
  }
  for (const item of prepared) await checkNeighbours(item.code);
  while (queue.length > 0) {
    const code = queue.shift()!;
    const item = await prepare(code);
    if (!item) continue;
    neighboursOf.set(code, item.neighbours);
    const [outcome] = await protectMany(1, () => item.input);
    await finish(code, outcome!);
    await checkNeighbours(code);
  }
  return [...computed.values()];
}
