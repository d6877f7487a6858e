/**
 * A sample document that exercises every block kind of the model, shaped like a CTG convention: a cover
 * naming two parties, a table of contents, articles with lists and a footnote, a funding table, a
 * signature block and an annex that is not filled in yet. Used by the sample script, the renderers'
 * tests and the timing test; `extraArticles` and `extraTableRows` make it as long as needed.
 */

import { formatCount, formatEuros, parseEuros, sumCents } from '../domain/shared/money.js';
import {
  type Block,
  bold,
  bulletList,
  cell,
  type DocumentModel,
  heading,
  italic,
  missing,
  note,
  pageBreak,
  paragraph,
  type TableBlock,
  text,
  toc,
} from './model.js';

const FUNDING: readonly [string, string, string][] = [
  ['Petite enfance - PSU (y compris aide Covid)', '1357141', '82991762'],
  ['Petite enfance - Bonus (mixité sociale, inclusion handicap)', '1594', '1197164'],
  ['Bonus CTG', '518738', '19322630'],
  ['Petite enfance - PS Relais Petite Enfance', '21127', '1666026'],
  ['Jeunesse - ALSH, périscolaire, CLAS', '33668', '17637547'],
  ['Centres sociaux, espaces de vie sociale', '23682', '3668287'],
];

function fundingTable(extraRows: number): TableBlock {
  const lines = [...FUNDING];
  for (let i = 1; i <= extraRows; i++)
    lines.push([`Action complémentaire n° ${i}`, String(1000 + i * 37), String(50000 + i * 911)]);
  const commune = sumCents(lines.map((l) => parseEuros(l[1])));
  const department = sumCents(lines.map((l) => parseEuros(l[2])));
  return {
    kind: 'table',
    caption: 'Poids financier de la Caf en action sociale (2022)',
    columns: [{ width: 3 }, { width: 1.4, align: 'right' }, { width: 1.4, align: 'right' }],
    header: [[cell('Montant (€)'), cell('Carrières-sur-Seine'), cell('Yvelines')]],
    rows: [
      ...lines.map(([label, a, b]) => [
        cell(label),
        cell(formatEuros(parseEuros(a))),
        cell(formatEuros(parseEuros(b))),
      ]),
      [
        cell('Total', { bold: true }),
        cell(formatEuros(commune), { bold: true }),
        cell(formatEuros(department), { bold: true }),
      ],
    ],
    rowHeaders: true,
  };
}

function demographyTable(): TableBlock {
  return {
    kind: 'table',
    caption: 'Démographie',
    columns: [{ width: 3 }, { width: 1, align: 'right' }, { width: 1, align: 'right' }],
    header: [
      [cell(''), cell('Commune'), cell('Département')],
      [cell('Indicateur'), cell('Nb'), cell('%')],
    ],
    rows: [
      [cell('Population Insee'), cell(formatCount(15178)), cell(formatCount(1448207))],
      [cell('Nb d’enfants 0-2 ans'), cell(formatCount(587)), cell('3,9')],
      [cell('Taux de couverture (en % de la population)', { italic: true }), cell('44,5'), cell('50,1')],
      [cell('Données < 5 & « secret » : valeur masquée', { colSpan: 3, align: 'center', italic: true })],
    ],
    rowHeaders: true,
  };
}

function article(n: number, title: string, body: Block[]): Block[] {
  return [heading(1, `Article ${n} - ${title}`), ...body];
}

export interface SampleOptions {
  /** More articles after the three standard ones, for a long document. */
  readonly extraArticles?: number;
  /** More lines in the funding table (it spans pages and repeats its header). */
  readonly extraTableRows?: number;
}

/** Options giving a document of about 30 pages once laid out (28 in LibreOffice at the time of writing). */
export const LONG_SAMPLE: SampleOptions = { extraArticles: 40, extraTableRows: 40 };

export function buildSampleDocument(options: SampleOptions = {}): DocumentModel {
  const blocks: Block[] = [
    toc({ title: 'Sommaire' }),
    pageBreak(),
    heading(1, 'Préambule'),
    paragraph(
      'Les Caf sont nées de la volonté d’apporter une aide à toutes les familles, dans leur diversité. ',
      'La Convention territoriale globale (Ctg) est une démarche stratégique partenariale : elle s’appuie sur un diagnostic partagé ; elle définit un plan d’actions !',
    ),
    ...article(1, 'Objet de la convention territoriale globale', [
      paragraph('La présente convention a pour objet :'),
      bulletList(
        'd’identifier les besoins prioritaires sur la commune (annexe 1) ;',
        'de définir les champs d’intervention à privilégier au regard de l’écart offre/besoin ;',
        {
          runs: ['de pérenniser et d’optimiser l’offre des services existante :'],
          children: ['petite enfance ;', 'enfance et jeunesse ;', 'parentalité.'],
        },
      ),
    ]),
    ...article(2, 'Engagements des partenaires', [
      paragraph(
        'La Caf s’engage à conserver le montant des financements bonifiés de N-1',
        note(
          'Le montant de référence est celui comptabilisé dans les comptes de la Caf en N-1 (charge à payer).',
        ),
        ' sous la forme de « bonus territoire Ctg ».',
      ),
      paragraph(bold('Montant total : '), text(formatEuros(parseEuros('1955950')))),
      fundingTable(options.extraTableRows ?? 0),
      { kind: 'paragraph', runs: [italic('Source : Caf 2022')], size: 'small' },
    ]),
    ...article(3, 'Durée de la convention', [
      paragraph(
        'La présente convention est conclue du ',
        bold('1er janvier 2024'),
        ' au ',
        bold('31 décembre 2027'),
        '.',
      ),
      heading(2, 'Résiliation par consentement mutuel'),
      paragraph('La convention peut être dénoncée moyennant un délai de prévenance de 6 mois.'),
      heading(3, 'Caractères spéciaux', { toc: false }),
      paragraph(
        'Une valeur < 5 & une autre > 100 restent lisibles ; l’adresse ',
        { kind: 'text', text: 'https://exemple.fr/?a=1&b=2', verbatim: true },
        ' aussi.',
      ),
    ]),
  ];
  for (let i = 0; i < (options.extraArticles ?? 0); i++) {
    const n = 4 + i;
    blocks.push(
      ...article(n, `Article complémentaire ${i + 1}`, [
        paragraph(
          'Les parties s’engagent à mobiliser des moyens humains et matériels nécessaires à la réalisation des obligations définies dans la présente convention. ',
          'Pour mener à bien les objectifs précisés, les parties décident de mettre en place un comité de pilotage : il se réunit au moins une fois par an.',
        ),
        heading(2, `Modalités ${i + 1}`),
        bulletList('assure le suivi des engagements ;', 'évalue les actions ;', {
          runs: ['propose des évolutions :'],
          children: ['en matière d’accueil ;', 'en matière de parentalité.'],
        }),
        paragraph(
          'Le comité est composé de représentants de chaque partie',
          note(`Note de l’article ${n}.`),
          '.',
        ),
        demographyTable(),
      ]),
    );
  }
  blocks.push(
    paragraph('Fait à Versailles, le 10 mars 2025, en autant d’exemplaires originaux que de signataires.'),
    {
      kind: 'signatures',
      signatories: [
        {
          organisation: 'Caisse d’Allocations familiales des Yvelines',
          function: 'Le Directeur',
          name: 'Didier GROSJEAN',
        },
        {
          organisation: 'Caisse d’Allocations familiales des Yvelines',
          function: 'La Présidente',
          name: 'Sophie BARROIS',
        },
        {
          organisation: 'Commune de Carrières-sur-Seine',
          function: 'Le Maire',
          name: 'Arnaud de BOURROUSSE',
        },
      ],
    },
    pageBreak(),
    heading(1, 'Annexe 1 - Diagnostic partagé'),
    demographyTable(),
    heading(1, 'Annexe 2 - Plan d’actions et fiches actions'),
    missing('Annexe non renseignée', 'le plan d’actions n’a pas encore été saisi dans la plateforme.'),
  );
  return {
    metadata: {
      title: 'Convention territoriale globale - Carrières-sur-Seine',
      subject: 'Convention territoriale globale 2024-2027',
      author: 'Caisse d’Allocations familiales des Yvelines',
      language: 'fr-FR',
      created: '2025-03-10',
      keywords: ['CTG', 'Carrières-sur-Seine'],
    },
    cover: {
      title: 'Convention territoriale globale',
      subtitle: `Communes de plus de ${formatCount(5000)} habitants`,
      parties: [
        {
          name: 'la Caisse d’Allocations familiales des Yvelines',
          details: [
            'représentée par la Présidente de son conseil d’administration, Madame Sophie BARROIS, et par son Directeur, Monsieur Didier GROSJEAN, dûment autorisés à signer la présente convention ;',
            'ci-après dénommée « la Caf » ;',
          ],
        },
        {
          name: 'la commune de Carrières-sur-Seine',
          details: [
            'représentée par son maire, Monsieur Arnaud de BOURROUSSE, dûment autorisé à signer la présente convention par délibération du conseil municipal du 25 novembre 2024 ;',
            'ci-après dénommée « la commune ».',
          ],
        },
      ],
      closing: 'Il est convenu et arrêté ce qui suit :',
    },
    blocks,
  };
}
