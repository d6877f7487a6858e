/**
 * Documents for territories, by code or for every commune of a département: each territory's
 * current convention, or for a territory with none yet the draft the platform would create for it
 * (not stored). Rendered one territory at a time; the caller writes the files and shows progress.
 */
import { randomUUID } from 'node:crypto';
import {
  findTemplates,
  listConventionStatesForTerritories,
} from '../../db/repositories/convention.repository.js';
import {
  findTerritoriesByCode,
  findTerritory,
  listTerritoriesOfDepartement,
  type TerritoryRow,
} from '../../db/repositories/territory.repository.js';
import { buildConventionDocument } from '../../documents/convention-document.js';
import { conventionScope, isInScope } from '../../domain/access/access.js';
import { type Convention, cafParty } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { type AnnexContribution, annexContentFor } from './annex-content.js';
import { type ArticleContribution, articleContentFor } from './article-content.js';
import { draftForTerritory } from './draft-for-territory.js';
import {
  type CafTemplate,
  conventionFileName,
  type DocumentFormat,
  renderConventionFile,
} from './render-convention-file.js';

export interface GeneratedFile {
  territory: TerritoryRow;
  /** False when the territory has no convention: the file is the draft the platform would create. */
  stored: boolean;
  fileName: string;
  format: DocumentFormat;
  bytes: Uint8Array;
}

export async function generateTerritoryDocuments(
  ctx: Context,
  input: {
    codes?: string[];
    departement?: string;
    formats: DocumentFormat[];
    /** The modules' annex content (`src/modules/`), handed in by the caller. */
    annexes: readonly AnnexContribution[];
    /** The modules' article bodies (`src/modules/`), handed in by the caller. */
    articles?: readonly ArticleContribution[];
    onFile: (file: GeneratedFile) => Promise<void> | void;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<{ territories: number; files: number }> {
  const territories: TerritoryRow[] = [];
  if (input.departement) {
    if (!(await findTerritory(ctx.db, 'departement', input.departement)))
      throw new AppError('TERRITORY_NOT_FOUND', { details: { departement: input.departement } });
    territories.push(...(await listTerritoriesOfDepartement(ctx.db, input.departement, 'commune')));
  }
  for (const code of input.codes ?? []) {
    const found = (await findTerritoriesByCode(ctx.db, code)).find(
      (t) => t.level === 'commune' || t.level === 'epci',
    );
    if (!found) throw new AppError('TERRITORY_NOT_FOUND', { details: { code } });
    territories.push(found);
  }
  const scope = conventionScope(ctx.actor);
  for (const t of territories) {
    if (
      !isInScope(scope, {
        territories: [{ level: t.level, code: t.code, departementCodes: t.departementCodes }],
        partyOrganisationIds: [],
      })
    )
      throw new AppError('FORBIDDEN');
  }
  const existing = new Map<string, Convention>();
  for (const c of await listConventionStatesForTerritories(
    ctx.db,
    territories.map((t) => t.code),
  )) {
    // Newest period first: the first one met is the territory's current convention.
    const code = c.content.territory.codes[0]!;
    if (!existing.has(code)) existing.set(code, c);
  }
  const templateCache = new Map<string, CafTemplate[]>();
  const today = ctx.clock.today();
  let files = 0;
  for (const [index, territory] of territories.entries()) {
    const stored = existing.get(territory.code);
    const convention =
      stored ?? (await draftForTerritory(ctx.db, territory, { id: randomUUID(), today })).convention;
    const caf = cafParty(convention.content);
    if (caf && !templateCache.has(caf.id)) templateCache.set(caf.id, await findTemplates(ctx.db, caf.id));
    const templates = caf ? (templateCache.get(caf.id) ?? []) : [];
    const stamp = stored && stored.status !== 'draft' ? undefined : 'Projet';
    // A draft the platform would create is not stored: no module holds anything for it.
    const subject = { conventionId: stored ? convention.id : null };
    const annexContent = await annexContentFor(ctx, convention.content, subject, input.annexes);
    const articleContent = await articleContentFor(ctx, convention.content, subject, input.articles ?? []);
    const options = {
      today,
      ...(annexContent ? { annexContent } : {}),
      ...(articleContent ? { articleContent } : {}),
      reference: `CTG-${territory.code}-${convention.content.period.start.slice(0, 4)}`,
      ...(stamp ? { stamp } : {}),
      templates,
    };
    const model = buildConventionDocument(convention.content, options);
    for (const format of input.formats) {
      const bytes = await renderConventionFile(convention.content, format, { ...options, model });
      await input.onFile({
        territory,
        stored: Boolean(stored),
        fileName: conventionFileName(convention.content, format),
        format,
        bytes,
      });
      files++;
    }
    input.onProgress?.(index + 1, territories.length);
  }
  return { territories: territories.length, files };
}
