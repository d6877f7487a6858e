/**
 * A fiche sheet: one fiche action, or a selection, as a document of its own (ODT, DOCX, or PDF
 * through LibreOffice), for whoever may read the plan. A confidential fiche is printed only for an
 * actor who may see it, marked as such; a fiche the actor may not see does not exist.
 */
import { findPlan } from '../../db/repositories/plan.repository.js';
import { DOCX_MIME_TYPE, renderDocx } from '../../documents/docx.js';
import { ODT_MIME_TYPE, renderOdt } from '../../documents/odt.js';
import { renderPdf } from '../../documents/pdf.js';
import { buildFicheSheet } from '../../documents/plan-annex.js';
import { cafParty } from '../../domain/convention/model.js';
import { ficheReference } from '../../domain/plan/rules.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { readableConvention, visiblePlan } from './plan-access.js';

export const FICHE_SHEET_FORMATS = ['odt', 'docx', 'pdf'] as const;
export type FicheSheetFormat = (typeof FICHE_SHEET_FORMATS)[number];

const CONTENT_TYPES: Record<FicheSheetFormat, string> = {
  odt: ODT_MIME_TYPE,
  docx: DOCX_MIME_TYPE,
  pdf: 'application/pdf',
};

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');

export async function generateFicheSheet(
  ctx: Context,
  conventionId: string,
  input: {
    format: FicheSheetFormat;
    /** The fiches to print, in this order; every fiche the actor may see when absent or empty. */
    ficheIds?: readonly string[];
  },
): Promise<{ fileName: string; contentType: string; bytes: Uint8Array }> {
  const { stored, rights } = await readableConvention(ctx.db, ctx.actor, conventionId);
  const full = await findPlan(ctx.db, conventionId);
  const plan = full ? visiblePlan(ctx.actor, rights, full) : undefined;
  if (!plan?.fiches.length) {
    throw new AppError('PLAN_FICHE_NOT_FOUND', {
      message: 'Le plan d’actions de cette convention ne contient encore aucune fiche action à imprimer.',
      details: { conventionId },
    });
  }
  const ids = input.ficheIds?.length ? [...new Set(input.ficheIds)] : undefined;
  for (const id of ids ?? []) {
    if (!plan.fiches.some((f) => f.id === id))
      throw new AppError('PLAN_FICHE_NOT_FOUND', { details: { id, field: 'ficheIds' } });
  }
  const content = stored.convention.content;
  const model = buildFicheSheet(plan, {
    ...(ids ? { ficheIds: ids } : {}),
    conventionTitle: `Convention territoriale globale ${content.period.start.slice(0, 4)}-${content.period.end.slice(0, 4)} – ${stored.territoryName}`,
    author: cafParty(content)?.name ?? 'Plateforme des Conventions territoriales globales',
    today: ctx.clock.today(),
  });
  const bytes =
    input.format === 'odt'
      ? renderOdt(model)
      : input.format === 'docx'
        ? await renderDocx(model)
        : await renderPdf(model);
  const single = ids?.length === 1 ? plan.fiches.find((f) => f.id === ids[0]) : undefined;
  const name = single
    ? `fiche-action-${ficheReference(plan.axes, single).replace(/\./g, '-')}-${slug(single.title)}`
    : `fiches-actions-${stored.territoryCode}-${slug(stored.territoryName)}`;
  return { fileName: `${name}.${input.format}`, contentType: CONTENT_TYPES[input.format], bytes };
}
