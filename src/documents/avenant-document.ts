/**
 * The document of an avenant, the one the parties sign (article 11: « cet avenant devra notamment
 * préciser toutes les modifications apportées à la convention d'origine ainsi qu'à ses annexes »).
 * Built on the documents' model from the avenant's content alone, so the same avenant always gives
 * the same text: the parties, one article per article or annex changed with its new text and the
 * changes marked in words against the former text (a table as a table, each row saying whether it is
 * added, removed or changed), the date of effect, the seals (SHA-256) and a signature block for every
 * signatory of every party.
 */
import {
  type AvenantText,
  allSignatories,
  type CellDiff,
  type ChangeStatus,
  cafParty,
  type DiffPart,
  functionLabel,
  type Modification,
  type RenderedAnnex,
  type RenderedArticle,
  renderConvention,
  type SectionChange,
  type TableDiff,
} from '../domain/convention/index.js';
import { formatFrenchDate, parseIsoDate } from '../domain/shared/dates.js';
import { blocksOf } from './convention-document.js';
import {
  type Block,
  bold,
  cell,
  type DocumentModel,
  heading,
  type Inline,
  italic,
  paragraph,
  type TableBlock,
  type TableCell,
  text,
} from './model.js';

export interface AvenantDocumentOptions {
  /** Creation date written in the metadata (the clock's day). */
  readonly today: string;
  /** A line under the title while the avenant is not signed (« Projet d’avenant »). */
  readonly stamp?: string;
}

/** How a row of a changed table is named in the document, in words (the colour-blind read it too). */
const ROW_WORDS: Record<ChangeStatus, string> = {
  unchanged: 'inchangée',
  added: 'ajoutée',
  removed: 'supprimée',
  changed: 'modifiée',
};

/** « [+ ajouté +] » in bold, « [− supprimé −] » in italics: readable printed in black and white. */
function diffRuns(parts: readonly DiffPart[]): Inline[] {
  return parts.map((part) =>
    part.op === 'equal'
      ? text(part.text)
      : part.op === 'insert'
        ? bold(`[+ ${part.text} +]`)
        : italic(`[− ${part.text} −]`),
  );
}

/** A text diff as paragraphs, one per line of the compared text. */
function textDiffBlocks(parts: readonly DiffPart[]): Block[] {
  const lines: DiffPart[][] = [[]];
  for (const part of parts) {
    part.text.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece) lines.at(-1)!.push({ op: part.op, text: piece });
    });
  }
  return lines.filter((line) => line.length).map((line) => paragraph(...diffRuns(line)));
}

function cellRuns(c: CellDiff): Inline[] {
  switch (c.status) {
    case 'unchanged':
      return [text(c.after || '—')];
    case 'added':
      return c.after ? [bold(`[+ ${c.after} +]`)] : [text('—')];
    case 'removed':
      return c.before ? [italic(`[− ${c.before} −]`)] : [text('—')];
    case 'changed':
      return diffRuns(c.parts);
  }
}

function tableDiffBlock(diff: TableDiff, caption: string): TableBlock {
  const width = diff.header.cells.length;
  return {
    kind: 'table',
    caption,
    columns: [{ width: 1.4 }, ...Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 2 : 3 }))],
    header: [
      [
        cell('Ligne', { bold: true }),
        ...diff.header.cells.map((c): TableCell => ({ runs: cellRuns(c), bold: true })),
      ],
    ],
    rows: diff.rows.map((row) => [
      cell(ROW_WORDS[row.status], { bold: row.status !== 'unchanged' }),
      ...row.cells.map((c): TableCell => ({ runs: cellRuns(c) })),
    ]),
    rowHeaders: false,
  };
}

const TABLE_WORDS: Record<ChangeStatus, string> = {
  unchanged: 'Tableau inchangé',
  added: 'Tableau ajouté',
  removed: 'Tableau supprimé',
  changed: 'Tableau modifié',
};

/** The changes of one section as document blocks, text and tables in reading order. */
export function changeBlocks(changes: readonly SectionChange[]): Block[] {
  return changes.flatMap((change): Block[] =>
    change.kind === 'text'
      ? textDiffBlocks(change.parts)
      : [tableDiffBlock(change.table, TABLE_WORDS[change.table.status])],
  );
}

function sectionOf(
  modification: Modification,
  rendered: ReturnType<typeof renderConvention>,
): RenderedArticle | RenderedAnnex | undefined {
  return modification.target === 'article'
    ? rendered.articles.find((a) => a.key === modification.key)
    : modification.target === 'annex'
      ? rendered.annexes.find((a) => a.key === modification.key)
      : undefined;
}

/** « l’article 3 », « l’annexe 3 », « la durée de la convention (article 10) ». */
function targetName(modification: Modification, number: number | undefined): string {
  if (modification.target === 'article') return `l’article ${number}`;
  if (modification.target === 'annex') return `l’annexe ${number}`;
  return 'la durée de la convention';
}

/** « Texte consolidé : » then the hash, left-aligned (justified, a 64-character word spreads the line). */
function hashLine(label: string, hash: string): Block {
  return {
    kind: 'paragraph',
    align: 'left',
    runs: [text(`${label} : `), { kind: 'text', text: hash, verbatim: true }],
  };
}

export function buildAvenantDocument(text_: AvenantText, options: AvenantDocumentOptions): DocumentModel {
  const { avenant, amended, original, consolidated, modifications } = text_;
  const base = amended.content;
  const rendered = renderConvention(base);
  const after = renderConvention(consolidated);
  const caf = cafParty(base);
  const period = `${parseIsoDate(base.period.start).year}-${parseIsoDate(base.period.end).year}`;
  const title = `Avenant n° ${avenant.number} à la convention territoriale globale ${period} – ${base.territory.name}`;
  const formal = base.articles.find((a) => a.key === 'formal_execution');

  const blocks: Block[] = [];
  blocks.push(heading(1, 'Préambule', { id: 'preambule' }));
  blocks.push(
    paragraph(
      `Vu la convention territoriale globale conclue entre les parties le ${formatFrenchDate(original.signedOn)} pour la période du ${formatFrenchDate(base.period.start)} au ${formatFrenchDate(base.period.end)}`,
      amended.avenantNumber
        ? `, modifiée en dernier lieu par son avenant n° ${amended.avenantNumber} ;`
        : ' ;',
    ),
  );
  if (formal) {
    blocks.push(
      paragraph(
        `Vu l’article ${formal.number} de la convention, selon lequel toute modification fait l’objet d’un avenant signé par les parties, qui précise les modifications apportées à la convention et à ses annexes ;`,
      ),
    );
  }
  blocks.push(paragraph('Les parties conviennent de ce qui suit.'));

  let number = 1;
  const list = modifications.map((m) => {
    const section = sectionOf(m, after);
    return section ? `${section.heading}` : m.label;
  });
  blocks.push(
    heading(1, `Article ${number++} – Objet de l’avenant`, { id: 'article-objet' }),
    paragraph(`Le présent avenant a pour objet : « ${avenant.purpose.trim()} ».`),
    paragraph(
      modifications.length > 1
        ? 'Il modifie les stipulations suivantes de la convention :'
        : 'Il modifie la stipulation suivante de la convention :',
    ),
    { kind: 'list', items: list.map((label) => ({ runs: [text(label)] })) },
  );

  for (const m of modifications) {
    const section = sectionOf(m, after);
    blocks.push(
      heading(1, `Article ${number++} – Modification de ${targetName(m, section?.number)}`, {
        id: `article-modification-${m.key}`,
      }),
    );
    if (m.target === 'period') {
      blocks.push(
        paragraph(
          `La convention est conclue du ${formatFrenchDate(consolidated.period.start)} au ${formatFrenchDate(consolidated.period.end)}, au lieu du ${formatFrenchDate(base.period.start)} au ${formatFrenchDate(base.period.end)}.`,
        ),
      );
      continue;
    }
    blocks.push(
      paragraph(
        `${targetName(m, section?.number).replace(/^l/, 'L')} de la convention est remplacé${m.target === 'annex' ? 'e' : ''} par les stipulations suivantes :`,
      ),
      heading(2, section?.heading ?? m.label, { toc: false }),
      ...(section ? blocksOf(section.blocks, 3) : []),
    );
    for (const file of section && 'attachments' in section ? section.attachments : []) {
      blocks.push(
        paragraph(`Pièce jointe : ${file.fileName}, empreinte SHA-256 `, {
          kind: 'text',
          text: file.sha256,
          verbatim: true,
        }),
      );
    }
    blocks.push(
      heading(2, 'Modifications par rapport à la rédaction antérieure', { toc: false }),
      paragraph(
        italic(
          'Les ajouts figurent entre « [+ » et « +] » en gras, les suppressions entre « [− » et « −] » en italique ; dans un tableau, la première colonne indique si la ligne est ajoutée, supprimée, modifiée ou inchangée.',
        ),
      ),
      ...changeBlocks(m.changes),
    );
  }

  blocks.push(
    heading(1, `Article ${number++} – Date d’effet`, { id: 'date-effet' }),
    paragraph(
      avenant.signedOn
        ? `Le présent avenant a pris effet le ${formatFrenchDate(avenant.signedOn)}, date de sa signature par la dernière des parties.`
        : 'Le présent avenant prend effet à la date de sa signature par la dernière des parties.',
    ),
    heading(1, `Article ${number++} – Autres stipulations`, { id: 'autres-stipulations' }),
    paragraph(
      'Les stipulations de la convention et de ses annexes que le présent avenant ne modifie pas demeurent inchangées et applicables.',
    ),
    heading(1, 'Empreintes', { id: 'empreintes' }),
    paragraph(
      'Chaque empreinte SHA-256 identifie un texte : recalculée sur le texte conservé par la plateforme, elle doit redonner la même valeur.',
    ),
    hashLine(
      `Version modifiée (${amended.avenantNumber ? `avenant n° ${amended.avenantNumber}` : 'convention initiale'})`,
      amended.hash,
    ),
    hashLine('Texte consolidé après le présent avenant', text_.consolidatedHash),
    hashLine('Présent avenant', text_.hash),
    heading(1, 'Signatures', { id: 'signatures' }),
    paragraph(`Fait à ${base.placeOfSignature || '……………'}, le`),
    paragraph('En autant d’exemplaires originaux que de signataires.'),
    {
      kind: 'signatures',
      signatories: allSignatories(base).map(({ party, signatory }) => ({
        organisation: party.name,
        function: functionLabel(signatory),
        name: `${signatory.firstName} ${signatory.lastName}`,
      })),
    },
  );

  return {
    metadata: {
      title,
      subject: `Avenant n° ${avenant.number} : ${avenant.purpose}`,
      author: caf?.name ?? 'Plateforme des Conventions territoriales globales',
      language: 'fr-FR',
      created: options.today,
      keywords: ['Convention territoriale globale', 'Avenant', base.territory.name, ...base.territory.codes],
    },
    cover: {
      title: `Avenant n° ${avenant.number}`,
      subtitle: [
        `à la convention territoriale globale ${period} – ${base.territory.name}`,
        `conclue le ${formatFrenchDate(original.signedOn)}`,
        options.stamp,
      ]
        .filter(Boolean)
        .join(' — '),
      parties: rendered.parties.map((party) => ({
        name: party.name,
        details: [
          `${party.representation.replace('à signer la présente convention', 'à signer le présent avenant')} ;`,
          `${party.definedAs} ;`,
        ],
      })),
      closing: 'Il est convenu et arrêté ce qui suit :',
    },
    blocks,
  };
}
