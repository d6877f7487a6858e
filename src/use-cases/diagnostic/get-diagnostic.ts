/**
 * The shared diagnostic of a commune, an EPCI or a département, compared with its département:
 * values loaded from the database, computed, protected by statistical secrecy and presented.
 * `protectDiagnostic` is the only way out: every figure in the result went through it.
 *
 * Secrecy and speed. An EPCI's (or a département's) figures are sums of its communes. Putting
 * the member communes' cells and the relations "aggregate = Σ communes" into the protection problem
 * was measured (bench/diagnostic-protect.ts, synthetic Yvelines, 2 shared cores): 0.01–1.3 s for
 * EPCIs of 10 to 18 communes, but 17 s for 32 communes, 57 s for 36 and 533 s for the 73 communes of
 * the CU Grand Paris Seine et Oise (still 5 to 11 s for 31 to 36 communes after the engine's
 * neighbourhood-first speed-up). Without them, every EPCI takes under 0.1 s. We protect without
 * the member cells: the output publishes no commune figure, so every value it does publish is
 * checked against everything else it publishes (primary rule on the aggregate's small counts,
 * secondary blanks within its relations and shares). Keeping the member cells would not protect
 * against differencing with the commune pages anyway, since each commune page is protected on its
 * own: closing that needs one protection of the whole département whose statuses every output reuses.
 * The reference département is loaded with its own published figures only (never summed from its
 * communes), so a commune's page stays fast.
 */
import {
  listValuesOf,
  type TerritoryKey,
  type ValueWithProvenance,
} from '../../db/repositories/diagnostic.repository.js';
import {
  findTerritoriesByCode,
  findTerritory,
  listCommunesOfEpci,
  listTerritoriesOfDepartement,
  type TerritoryRow,
} from '../../db/repositories/territory.repository.js';
import {
  computeDiagnostic,
  type DiagnosticView,
  type FieldStatus,
  type ProtectedDiagnostic,
  presentDiagnostic,
  protectDiagnostic,
  type Territory,
  type ValueRow,
} from '../../domain/diagnostic/index.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';

export interface SeriesPointView {
  date: string;
  value: number | null;
  status: FieldStatus;
}

export type DiagnosticRowJson = DiagnosticView['sections'][number]['rows'][number] & {
  /** The territory's value or the département's is made up for demonstration. */
  synthetic: boolean;
  /** Every reference date of the territory's value, oldest first, when there is more than one. */
  series?: SeriesPointView[];
};

export interface DiagnosticSource {
  fileName: string;
  importedAt: string;
  importedBy: string;
  synthetic: boolean;
}

export interface DiagnosticJson extends Omit<DiagnosticView, 'sections'> {
  sections: { id: string; title: string; rows: DiagnosticRowJson[] }[];
  /** The year asked for, or null for the latest figures. */
  year: number | null;
  /** Years with at least one figure of the territory: ask for one with `year`. */
  years: number[];
  /** Files the territory's and the département's figures come from. */
  sources: DiagnosticSource[];
}

export interface DiagnosticResult {
  json: DiagnosticJson;
  protectedDiagnostic: ProtectedDiagnostic;
  territory: TerritoryRow;
}

const LEVELS = ['commune', 'epci', 'departement'] as const;

function toValueRow(v: ValueWithProvenance): ValueRow {
  return {
    territory: v.code,
    indicator: v.indicator,
    date: v.date,
    value: v.value,
    synthetic: v.synthetic,
    ...(v.source ? { source: v.source } : {}),
  };
}

function euros(value: number | bigint | null): number | null {
  if (value === null) return null;
  return typeof value === 'bigint' ? Number(value) / 100 : value;
}

/** Resolves the territory, its member communes and the département it is compared with. */
async function resolveTerritories(ctx: Context, code: string) {
  const matches = await findTerritoriesByCode(ctx.db, code.trim().toUpperCase());
  const territory = matches.find((t) => (LEVELS as readonly string[]).includes(t.level));
  if (!territory) throw new AppError('TERRITORY_NOT_FOUND', { details: { code } });
  let members: TerritoryRow[] = [];
  if (territory.level === 'epci') members = await listCommunesOfEpci(ctx.db, territory.code);
  if (territory.level === 'departement') {
    members = await listTerritoriesOfDepartement(ctx.db, territory.code, 'commune');
  }
  // An EPCI straddling two départements is compared with its main one.
  const referenceCode = territory.level === 'departement' ? territory.code : territory.departementCode;
  const reference = referenceCode ? await findTerritory(ctx.db, 'departement', referenceCode) : undefined;
  if (!reference) throw new AppError('TERRITORY_NOT_FOUND', { details: { code: referenceCode } });
  return { territory, members, reference };
}

export async function getDiagnostic(
  ctx: Context,
  code: string,
  options: { year?: number } = {},
): Promise<DiagnosticResult> {
  const { territory, members, reference } = await resolveTerritories(ctx, code);
  const keys: TerritoryKey[] = [
    { level: territory.level as TerritoryKey['level'], code: territory.code },
    ...members.map((m) => ({ level: 'commune' as const, code: m.code })),
  ];
  if (reference.code !== territory.code) keys.push({ level: 'departement', code: reference.code });
  const stored = await listValuesOf(ctx.db, keys);

  const domainTerritory: Territory = {
    code: territory.code,
    name: territory.name,
    level: territory.level as Territory['level'],
    ...(members.length > 0 ? { members: members.map((m) => m.code) } : {}),
  };
  // A département is its own reference: both sides must be resolved the same way (with its communes),
  // or the protection would look up the unsummed side and blank the sums.
  const domainReference: Territory =
    territory.level === 'departement'
      ? domainTerritory
      : { code: reference.code, name: reference.name, level: 'departement' };
  const diagnostic = computeDiagnostic({
    territory: domainTerritory,
    reference: domainReference,
    values: stored.map(toValueRow),
    ...(options.year ? { asOf: `${options.year}-12-31` } : {}),
  });
  const protectedDiagnostic = protectDiagnostic(diagnostic, { includeMembers: false });
  const view = presentDiagnostic(protectedDiagnostic);

  // The synthetic flag and the series come from the protected rows or from non-secret facts only.
  const syntheticRows = new Map(
    diagnostic.sections.flatMap((s) => s.rows.map((r) => [`${s.id}/${r.id}`, r.synthetic] as const)),
  );
  const protectedRows = new Map(
    protectedDiagnostic.sections.flatMap((s) => s.rows.map((r) => [`${s.id}/${r.id}`, r] as const)),
  );
  const sections = view.sections.map((section) => ({
    ...section,
    rows: section.rows.map((row): DiagnosticRowJson => {
      const series = protectedRows.get(`${section.id}/${row.id}`)?.series ?? [];
      return {
        ...row,
        synthetic: syntheticRows.get(`${section.id}/${row.id}`) === true,
        ...(series.length > 1
          ? {
              series: series.map((p) => ({ date: p.date, value: euros(p.value), status: p.status })),
            }
          : {}),
      };
    }),
  }));

  const ownCodes = new Set([territory.code, ...members.map((m) => m.code)]);
  const years = [
    ...new Set(stored.filter((v) => ownCodes.has(v.code)).map((v) => Number(v.date.slice(0, 4)))),
  ].sort((a, b) => a - b);
  const sources = new Map<string, DiagnosticSource>();
  for (const v of stored) {
    if (sources.has(v.importId)) continue;
    sources.set(v.importId, {
      fileName: v.fileName,
      importedAt: v.importedAt.toISOString(),
      // The label ends with the person's address; a name is enough for readers of the diagnostic.
      importedBy: v.importedBy.replace(/\s*<[^>]*>$/, ''),
      synthetic: v.synthetic,
    });
  }

  return {
    json: {
      ...view,
      sections,
      year: options.year ?? null,
      years,
      sources: [...sources.values()].sort((a, b) => a.importedAt.localeCompare(b.importedAt)),
    },
    protectedDiagnostic,
    territory,
  };
}
