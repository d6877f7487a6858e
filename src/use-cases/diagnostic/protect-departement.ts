/**
 * The statistical-secrecy pattern of départements (domain `protectDepartement`): computed from the
 * stored values of each département, of every EPCI with a commune in it (with all their communes,
 * wherever they lie) and of those communes, then saved. Every diagnostic output of a territory of
 * the département follows it (see get-diagnostic.ts).
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
 * committed together and no reader ever sees values without the pattern made for them.
 * `getDiagnostic` calls it for a département that has no pattern yet (a database filled before the
 * patterns existed); that pattern never overwrites one an import saved meanwhile.
 */
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
  listCommunesOfEpci,
  listTerritoriesOfDepartement,
} from '../../db/repositories/territory.repository.js';
import { protectDepartement, type Territory, type ValueRow } from '../../domain/diagnostic/index.js';
import type { Context } from '../context.js';
import { loadLinearSolver } from './linear-solver.js';

export interface DepartementPattern {
  departementCode: string;
  statuses: Map<string, CellStatus>;
  primary: number;
  secondary: number;
  durationMs: number;
}

const blankedIn = (statuses: ReadonlyMap<string, CellStatus>): string[] =>
  [...statuses].filter(([, status]) => status !== 'published').map(([id]) => id);

export async function protectDepartements(
  ctx: Context,
  exec: Executor,
  codes: string[],
  mode: 'replace' | 'if-missing' = 'replace',
): Promise<DepartementPattern[]> {
  const computed = new Map<string, DepartementPattern>();
  const stored = new Map<string, Map<string, CellStatus>>();
  const patternOf = async (code: string): Promise<Map<string, CellStatus> | undefined> => {
    const here = computed.get(code);
    if (here) return here.statuses;
    if (!stored.has(code)) {
      const [record] = await findProtectionPatterns(exec, [code]);
      stored.set(code, record?.statuses ?? new Map());
    }
    return stored.get(code);
  };
  const queue = [...codes];
  while (queue.length > 0) {
    const code = queue.shift()!;
    const departement = await findTerritory(exec, 'departement', code);
    if (!departement) continue;
    const communes = await listTerritoriesOfDepartement(exec, code, 'commune');
    const epciRows = await listTerritoriesOfDepartement(exec, code, 'epci');
    const epcis: Territory[] = [];
    for (const epci of epciRows) {
      const members = await listCommunesOfEpci(exec, epci.code);
      epcis.push({ code: epci.code, name: epci.name, level: 'epci', members: members.map((m) => m.code) });
    }
    const neighbours = [...new Set(epciRows.flatMap((e) => e.departementCodes))].filter((c) => c !== code);
    const forced = new Set<string>(blankedIn(computed.get(code)?.statuses ?? new Map()));
    for (const neighbour of neighbours) {
      for (const id of blankedIn((await patternOf(neighbour)) ?? new Map())) forced.add(id);
    }
    const communeCodes = new Set([...communes.map((c) => c.code), ...epcis.flatMap((e) => e.members ?? [])]);
    const keys: TerritoryKey[] = [
      { level: 'departement', code },
      ...epcis.map((e) => ({ level: 'epci' as const, code: e.code })),
      ...[...communeCodes].map((c) => ({ level: 'commune' as const, code: c })),
    ];
    const values: ValueRow[] = (await listValuesOf(exec, keys)).map((v) => ({
      territory: v.code,
      indicator: v.indicator,
      date: v.date,
      value: v.value,
    }));
    const started = performance.now();
    const { result, pattern } = protectDepartement({
      departement: {
        code,
        name: departement.name,
        level: 'departement',
        members: communes.map((c) => c.code),
      },
      epcis,
      values,
      forced,
      solver: await loadLinearSolver(),
    });
    const durationMs = performance.now() - started;
    // A neighbour recomputed here (not one of the départements asked for) replaces its pattern.
    await saveProtectionPattern(
      exec,
      { departementCode: code, computedAt: ctx.clock.now(), statuses: pattern, durationMs },
      codes.includes(code) ? mode : 'replace',
    );
    computed.set(code, {
      departementCode: code,
      statuses: pattern,
      primary: result.counts.primary,
      secondary: result.counts.secondary,
      durationMs,
    });
    for (const neighbour of neighbours) {
      const theirs = await patternOf(neighbour);
      if (!theirs || theirs.size === 0 || queue.includes(neighbour)) continue;
      const disagrees = [...pattern].some(
        ([id, status]) => status !== 'published' && theirs.get(id) === 'published',
      );
      if (disagrees) queue.push(neighbour);
    }
  }
  return [...computed.values()];
}
