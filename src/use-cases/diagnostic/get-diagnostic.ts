/**
 * The shared diagnostic of a commune, an EPCI or a département, compared with its département:
 * values loaded from the database, computed, protected by statistical secrecy and presented.
 *
 * Secrecy across outputs. Every output follows the secrecy pattern of its département(s)
 * (protect-departement.ts), computed once for the whole département — every commune's table, every
 * EPCI with a commune in it (with all its communes, wherever they lie), the département's sums —
 * and stored; nothing is protected page by page any more. A cell blanked in the pattern is blanked
 * in every output, and a share is shown only when its numerator and its denominator are. An output
 * follows every pattern holding its cells: a commune the patterns of its département and of its
 * EPCI's départements, an EPCI those of every département it lies in, a cell blanked in any of them
 * being blanked; the patterns of two départements sharing an EPCI are computed to agree on every
 * cell they share, so that union adds no blank a pattern did not check. What is guaranteed, for the figures of one département's pattern: no blanked value
 * can be recomputed exactly by additions and subtractions of anything the commune pages, the EPCI
 * pages and the département page publish together (an EPCI's total minus its other communes, a
 * département's total minus its communes, across indicators through each table's own relations);
 * within each table (a commune's, an EPCI's, a département's, each "aggregate = Σ communes") the
 * bounds a reader knows (counts ≥ 0, a blanked small count in 1..4) are taken into account too.
 * Not covered: reasoning with bounds across several tables at once, and chains running through two
 * départements' totals for an EPCI straddling them (each département's system holds the EPCI and
 * all its communes, but not the other département's total).
 * The reference département is loaded with its own published figures, and with its communes' figures
 * only for the indicators it does not publish (summed where every commune has one, as in the
 * pattern); its cells carry the same ids as in the pattern.
 */
import {
  findProtectionPatterns,
  listGivenSharesOf,
  listValuesOf,
  type StoredShare,
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
  type GivenShareRow,
  mergePatterns,
  type ProtectedDiagnostic,
  type ProtectionPattern,
  type PublishedStatus,
  presentDiagnostic,
  protectWithPattern,
  type Territory,
  toNumber,
  type ValueRow,
} from '../../domain/diagnostic/index.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { departementSums } from './departement-sums.js';
import { protectDepartements } from './protect-departement.js';

export interface SeriesPointView {
  date: string;
  value: number | null;
  status: PublishedStatus;
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
  sections: (Omit<DiagnosticView['sections'][number], 'rows'> & { rows: DiagnosticRowJson[] })[];
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
    ...(v.note ? { note: v.note } : {}),
  };
}

function toGivenShareRow(v: StoredShare): GivenShareRow {
  return {
    territory: v.code,
    indicator: v.indicator,
    date: v.date,
    base: v.shareOf,
    share: v.share,
    synthetic: v.synthetic,
    ...(v.source ? { source: v.source } : {}),
    ...(v.note ? { note: v.note } : {}),
  };
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
  // Every département whose pattern holds one of the cells this output shows.
  const patternCodes = new Set<string>([reference.code]);
  if (territory.level === 'departement') patternCodes.add(territory.code);
  else for (const dep of territory.departementCodes) patternCodes.add(dep);
  if (territory.level === 'commune' && territory.epciCode) {
    const epci = await findTerritory(ctx.db, 'epci', territory.epciCode);
    for (const dep of epci?.departementCodes ?? []) patternCodes.add(dep);
  }
  return { territory, members, reference, patternCodes: [...patternCodes].sort() };
}

/**
 * The union of the patterns of an output's départements. Stored patterns are shared objects, one per
 * revision (findProtectionPatterns): their union is kept beside the first of them, for as long as it
 * lives, so that the hundreds of outputs of one département do not merge tens of thousands of cells
 * each time. Patterns computed by the request itself are merged anew.
 */
const merges = new WeakMap<ProtectionPattern, { others: ProtectionPattern[]; merged: ProtectionPattern }[]>();
const MERGES_PER_PATTERN = 8;

function mergedPattern(patterns: ProtectionPattern[]): ProtectionPattern {
  const [first, ...others] = patterns;
  if (!first) return new Map();
  if (others.length === 0) return first;
  const known = merges.get(first) ?? [];
  const hit = known.find(
    (k) => k.others.length === others.length && k.others.every((o, i) => o === others[i]),
  );
  if (hit) return hit.merged;
  const merged = mergePatterns(patterns);
  if (known.length >= MERGES_PER_PATTERN) known.shift();
  known.push({ others, merged });
  merges.set(first, known);
  return merged;
}

/** The patterns of these départements, computing those not stored yet. */
async function loadPatterns(ctx: Context, codes: string[]) {
  const stored = await findProtectionPatterns(ctx.db, codes);
  const missing = codes.filter((code) => !stored.some((p) => p.departementCode === code));
  const computed = missing.length > 0 ? await protectDepartements(ctx, ctx.db, missing, 'if-missing') : [];
  return [...stored, ...computed];
}

export async function getDiagnostic(
  ctx: Context,
  code: string,
  options: { year?: number } = {},
): Promise<DiagnosticResult> {
  const { territory, members, reference, patternCodes } = await resolveTerritories(ctx, code);
  const keys: TerritoryKey[] = [
    { level: territory.level as TerritoryKey['level'], code: territory.code },
    ...members.map((m) => ({ level: 'commune' as const, code: m.code })),
  ];
  if (reference.code !== territory.code) keys.push({ level: 'departement', code: reference.code });
  const stored = await listValuesOf(ctx.db, keys);
  // The département's column: its own figures and, where it publishes none, its communes' sums.
  // Read once: the reference's pattern dates its summed column, all of them protect the output.
  const patterns = await loadPatterns(ctx, patternCodes);
  const referencePattern = patterns.find((p) => p.departementCode === reference.code);
  const referenceSums =
    reference.code === territory.code
      ? []
      : await departementSums(
          ctx,
          reference,
          // Its communes are read only when the sums are not in memory.
          () => listTerritoriesOfDepartement(ctx.db, reference.code, 'commune'),
          stored.filter((v) => v.code === reference.code),
          referencePattern && 'revision' in referencePattern ? referencePattern.revision : undefined,
        );
  const givenShares = await listGivenSharesOf(ctx.db, [
    { level: territory.level as TerritoryKey['level'], code: territory.code },
    { level: 'departement', code: reference.code },
  ]);

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
    values: [...stored.map(toValueRow), ...referenceSums],
    givenShares: givenShares.map(toGivenShareRow),
    ...(options.year ? { asOf: `${options.year}-12-31` } : {}),
  });
  const protectedDiagnostic = protectWithPattern(diagnostic, mergedPattern(patterns.map((p) => p.statuses)));
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
              series: series.map((p) => ({ date: p.date, value: toNumber(p.value), status: p.status })),
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
