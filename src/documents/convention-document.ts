/**
 * Builds the document model of a convention: cover naming both parties, table of contents, visas,
 * preamble, the articles (an article's body computed by a module printed in place of the stored
 * one), closing lines and the signature block with every signatory, then the annexes, each on a
 * new page. An annex whose data the platform does not hold yet ends with the
 * documents' « missing content » notice saying what is missing, never with placeholder text.
 * Also gives the values a Caf's own template is filled with.
 */

import {
  allSignatories,
  type Block as ConventionBlock,
  type ConventionContent,
  type ListItem as ConventionListItem,
  cafParty,
  functionLabel,
  localAuthorities,
  numberInWords,
  pageCountLine,
  type RenderedAnnex,
  type RenderedArticle,
  renderConvention,
} from '../domain/convention/index.js';
import { formatFrenchDate, type IsoDate, parseIsoDate } from '../domain/shared/dates.js';
import {
  type Block,
  bulletList,
  cell,
  type DocumentModel,
  heading,
  type ListItemInput,
  missing,
  pageBreak,
  paragraph,
  type TableBlock,
  toc,
} from './model.js';
import { estimateDocumentPages } from './page-estimate.js';
import type { TemplateValues } from './template-fill.js';

export interface ConventionDocumentOptions {
  /** Creation date written in the metadata (the clock's day). */
  readonly today: IsoDate;
  /** Content the platform computed for an annex (the protected diagnostic, the action plan …). */
  readonly annexContent?: Partial<Record<RenderedAnnex['key'], readonly Block[]>>;
  /**
   * An article's body the platform computed (articles 2 to 4 from the project of the territory …):
   * it replaces the stored body in the document, under the article's own number and title.
   */
  readonly articleContent?: Partial<Record<RenderedArticle['key'], readonly Block[]>>;
  /** A line under the title, such as « Avenant n° 1 » or « Projet ». */
  readonly stamp?: string;
}

function listItems(items: ConventionListItem[]): ListItemInput[] {
  return items.map((item) =>
    item.items?.length ? { runs: [item.text], children: listItems(item.items) } : item.text,
  );
}

const isBlank = (text: string) => text.trim() === '';

/** A table to be filled in (every cell after the first column empty) is data the platform lacks. */
function isEmptyForm(block: Extract<ConventionBlock, { type: 'table' }>): boolean {
  return block.rows.length > 0 && block.rows.every((row) => row.slice(1).every(isBlank));
}

function tableBlock(block: Extract<ConventionBlock, { type: 'table' }>): TableBlock {
  return {
    kind: 'table',
    columns: block.columns.map((_, i) => ({ width: i === 0 ? 2 : 3 })),
    header: [block.columns.map((c) => cell(c, { bold: true }))],
    rows: block.rows.map((row) => block.columns.map((_, i) => cell(row[i] ?? ''))),
    rowHeaders: true,
  };
}

/** The blocks of an article or annex as document blocks (sub-headings at `level`). */
export function blocksOf(blocks: ConventionBlock[], level: 2 | 3, onEmptyForm?: () => Block): Block[] {
  return blocks.map((block): Block => {
    switch (block.type) {
      case 'heading':
        return heading(level, block.text, { toc: false });
      case 'paragraph':
        return paragraph(block.text);
      case 'list':
        return bulletList(...listItems(block.items));
      default:
        return onEmptyForm && isEmptyForm(block) ? onEmptyForm() : tableBlock(block);
    }
  });
}

/** What is missing from each annex until the platform holds its data, in plain words. */
const MISSING_REASONS: Record<RenderedAnnex['key'], string | null> = {
  diagnostic:
    'aucune donnée du diagnostic partagé n’a encore été importée dans la plateforme pour ce territoire.',
  action_plan: 'le plan d’actions et ses fiches actions n’ont pas encore été saisis dans la plateforme.',
  facilities:
    'la liste des équipements et services soutenus, avec leur nom et leur adresse, n’a pas encore été saisie dans la plateforme.',
  steering:
    'les instances de pilotage du territoire (missions, composition, fréquence des réunions) n’ont pas encore été saisies dans la plateforme.',
  cooperation_officer: null,
  evaluation:
    'les indicateurs d’évaluation arrêtés par le comité de pilotage n’ont pas encore été saisis dans la plateforme.',
  deliberation: 'la délibération n’a pas encore été déposée dans la plateforme.',
};

function annexBlocks(annex: RenderedAnnex, options: ConventionDocumentOptions): Block[] {
  const computed = options.annexContent?.[annex.key];
  const out: Block[] = [pageBreak(), heading(1, annex.heading, { id: `annexe-${annex.number}` })];
  const notice = () => missing('Annexe non renseignée', MISSING_REASONS[annex.key] ?? 'contenu à compléter.');
  if (annex.key === 'deliberation') {
    out.push(...blocksOf(annex.blocks, 2));
    if (annex.attachments.length) {
      for (const file of annex.attachments) {
        out.push(
          paragraph(
            `Pièce jointe : ${file.fileName} (${Math.max(1, Math.round(file.byteLength / 1024))} Ko), empreinte SHA-256 `,
            { kind: 'text', text: file.sha256, verbatim: true },
            '.',
          ),
        );
      }
    } else out.push(notice());
    return out;
  }
  let sawEmptyForm = false;
  out.push(
    ...blocksOf(annex.blocks, 2, () => {
      sawEmptyForm = true;
      return notice();
    }),
  );
  if (computed) out.push(...computed);
  else if (!sawEmptyForm && MISSING_REASONS[annex.key] && annex.key !== 'steering') out.push(notice());
  return out;
}

export function buildConventionDocument(
  content: ConventionContent,
  options: ConventionDocumentOptions,
): DocumentModel {
  const rendered = renderConvention(content);
  const caf = cafParty(content);
  const period = `${parseIsoDate(content.period.start).year}-${parseIsoDate(content.period.end).year}`;
  const blocks: Block[] = [toc({ title: 'Sommaire', depth: 1 }), pageBreak()];
  blocks.push(heading(1, 'Visas', { id: 'visas' }), ...rendered.visas.map((v) => paragraph(v)));
  blocks.push(heading(1, 'Préambule', { id: 'preambule' }), ...blocksOf(rendered.preamble, 2));
  for (const article of rendered.articles) {
    blocks.push(
      heading(1, article.heading, { id: `article-${article.number}` }),
      ...(options.articleContent?.[article.key] ?? blocksOf(article.blocks, 2)),
    );
  }
  blocks.push(heading(1, 'Signatures', { id: 'signatures' }));
  // The line that gives the page count is written once the document is laid out (see below).
  const pageLine = blocks.length + rendered.closing.length - 1;
  blocks.push(...rendered.closing.map((line) => paragraph(line)), {
    kind: 'signatures',
    signatories: allSignatories(content).map(({ party, signatory }) => ({
      organisation: party.name,
      function: functionLabel(signatory),
      name: `${signatory.firstName} ${signatory.lastName}`,
    })),
  });
  const unsigned = content.parties.filter((p) => !p.signatories.length);
  for (const party of unsigned) {
    blocks.push(
      missing('Signataire non désigné', `aucun signataire n’est encore désigné pour ${party.name}.`),
    );
  }
  for (const annex of rendered.annexes) blocks.push(...annexBlocks(annex, options));

  const model: DocumentModel = {
    metadata: {
      title: `Convention territoriale globale ${period} – ${content.territory.name}`,
      subject: `Convention territoriale globale entre ${caf?.name ?? 'la Caf'} et ${localAuthorities(content)
        .map((p) => p.name)
        .join(', ')}`,
      author: caf?.name ?? 'Plateforme des Conventions territoriales globales',
      language: 'fr-FR',
      created: options.today,
      keywords: ['Convention territoriale globale', content.territory.name, ...content.territory.codes],
    },
    cover: {
      title: rendered.title,
      subtitle: [
        rendered.variantLabel,
        `du ${formatFrenchDate(content.period.start)} au ${formatFrenchDate(content.period.end)}`,
        options.stamp,
      ]
        .filter(Boolean)
        .join(' — '),
      parties: rendered.parties.map((party) => ({
        name: party.name,
        details: [`${party.representation} ;`, `${party.definedAs} ;`],
      })),
      closing: 'Il est convenu et arrêté ce qui suit :',
    },
    blocks,
  };
  // The count printed is the one of this document's layout: cover, contents, annexes and the
  // computed annex content included.
  blocks[pageLine] = paragraph(pageCountLine(estimateDocumentPages(model), rendered.annexCount));
  return model;
}

/** The values of a Caf's own template (`{commune}`, `{maire}` …) from the convention; absent when unknown. */
export function templateValues(
  content: ConventionContent,
  extra: { reference: string; signedOn?: IsoDate | null },
): TemplateValues {
  const caf = cafParty(content);
  const local = localAuthorities(content)[0];
  const person = (s: { firstName: string; lastName: string } | undefined) =>
    s ? `${s.firstName} ${s.lastName}` : undefined;
  const director = caf?.signatories.find((s) => s.function === 'director');
  const chair = caf?.signatories.find((s) => s.function === 'board_chair');
  const mayor = local?.signatories[0];
  const localDeliberation = local?.signatories.find((s) => s.authority.kind !== 'office' && s.authority.date);
  const cafDeliberation = chair?.authority.date ?? null;
  const years = parseIsoDate(content.period.end).year - parseIsoDate(content.period.start).year + 1;
  const values: TemplateValues = {
    caf: caf?.name,
    caf_court: caf?.designation.replace(/^la /, ''),
    departement: caf?.designation.replace(/^la Caf (de la |de l’|du |des |de )/, ''),
    directeur: person(director),
    directeur_fonction: director
      ? `${director.civility === 'madame' ? 'La' : 'Le'} ${functionLabel(director)}`
      : undefined,
    president: person(chair),
    president_fonction: chair
      ? `${chair.civility === 'madame' ? 'La' : 'Le'} ${functionLabel(chair)}`
      : undefined,
    commune: content.territory.name,
    code_insee: content.territory.codes.join(', '),
    maire: person(mayor),
    maire_fonction: mayor
      ? `${mayor.civility === 'madame' ? 'La' : 'Le'} ${functionLabel(mayor)}`
      : undefined,
    date_debut: formatFrenchDate(content.period.start),
    date_fin: formatFrenchDate(content.period.end),
    duree: String(years),
    date_deliberation: localDeliberation?.authority.date
      ? formatFrenchDate(localDeliberation.authority.date)
      : undefined,
    date_deliberation_caf: cafDeliberation ? formatFrenchDate(cafDeliberation) : undefined,
    lieu: content.placeOfSignature || undefined,
    date_signature: extra.signedOn ? formatFrenchDate(extra.signedOn) : undefined,
    reference: extra.reference,
    nombre_annexes: numberInWords(content.annexes.length),
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as TemplateValues;
}
