/**
 * What the platform computes for the annexes of a convention's document: today annexe 1, the
 * diagnostic of the territory as published after statistical secrecy. Annexes whose data the
 * platform does not hold are left out, and the document says plainly what is missing.
 */

import type { ConventionDocumentOptions } from '../../documents/convention-document.js';
import { diagnosticAnnexBlocks } from '../../documents/diagnostic-annex.js';
import type { ConventionContent } from '../../domain/convention/model.js';
import { formatShortFrenchDate } from '../../domain/shared/dates.js';
import type { Context } from '../context.js';
import { getDiagnostic } from '../diagnostic/get-diagnostic.js';

export async function annexContentFor(
  ctx: Context,
  content: ConventionContent,
): Promise<ConventionDocumentOptions['annexContent']> {
  // A convention of several communes has no single diagnostic yet: the annex says it is missing.
  if (content.territory.kind === 'communes' || content.territory.codes.length !== 1) return undefined;
  const { json } = await getDiagnostic(ctx, content.territory.codes[0]!);
  if (json.years.length === 0) return undefined;
  const sources = json.sources.map(
    (s) => `${s.fileName} (importé le ${formatShortFrenchDate(s.importedAt.slice(0, 10))})`,
  );
  return { diagnostic: diagnosticAnnexBlocks(json, sources) };
}
