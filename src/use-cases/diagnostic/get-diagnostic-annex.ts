/**
 * Annexe 1 of a convention, from the diagnostic area: the territory's diagnostic as published after
 * statistical secrecy, as document blocks. The diagnostic module hands this to the convention
 * document (src/modules/diagnostic.module.ts); nothing when the platform holds no figures for it.
 */
import { diagnosticAnnexBlocks } from '../../documents/diagnostic-annex.js';
import type { Block } from '../../documents/model.js';
import type { ConventionContent } from '../../domain/convention/model.js';
import { formatShortFrenchDate } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';
import { getDiagnostic } from './get-diagnostic.js';

/** The single territory a convention's diagnostic is about, or null (several communes have none yet). */
export function diagnosticTerritoryOf(content: ConventionContent): string | null {
  if (content.territory.kind === 'communes' || content.territory.codes.length !== 1) return null;
  return content.territory.codes[0]!;
}

export async function getDiagnosticAnnex(
  ctx: Context,
  content: ConventionContent,
): Promise<readonly Block[] | undefined> {
  const code = diagnosticTerritoryOf(content);
  if (!code) return undefined;
  const { json } = await getDiagnostic(ctx, code);
  if (json.years.length === 0) return undefined;
  const sources = json.sources.map(
    (s) => `${s.fileName} (importé le ${formatShortFrenchDate(s.importedAt.slice(0, 10))})`,
  );
  return diagnosticAnnexBlocks(json, sources);
}
