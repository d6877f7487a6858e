import { describe, expect, it } from 'vitest';
import { draftCarrieres } from '../domain/convention/testing.js';
import { EMPTY_PROJECT } from '../domain/plan/model.js';
import { buildConventionDocument } from './convention-document.js';
import { unzipText } from './documents.test-support.js';
import type { Block, Inline, TableBlock, TableCell } from './model.js';
import { renderOdt } from './odt.js';
import {
  budgetTable,
  buildFicheSheet,
  cafFieldsBlocks,
  calendarLine,
  formatFte,
  localAuthorityFieldsBlocks,
  planAnnexBlocks,
  sharedObjectivesBlocks,
} from './plan-annex.js';
import { samplePlan } from './plan-sample.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const runs = (rs: readonly Inline[]) => plain(rs.map((r) => (r.kind === 'text' ? r.text : '')).join(''));
const cellText = (c: TableCell) => runs(c.runs);
const rowsOf = (t: TableBlock) => t.rows.map((r) => r.map(cellText));
const headings = (blocks: readonly Block[]) =>
  blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.level} ${plain(b.text)}`] : []));
const tables = (blocks: readonly Block[]) => blocks.filter((b): b is TableBlock => b.kind === 'table');
const table = (blocks: readonly Block[], caption: string) => {
  const found = tables(blocks).find((t) => t.caption === caption);
  if (!found) throw new Error(`no table « ${caption} »`);
  return found;
};

/** Every word a reader sees in the blocks, in order. */
function textOf(blocks: readonly Block[]): string {
  const items = (list: Extract<Block, { kind: 'list' }>['items']): string[] =>
    list.flatMap((i) => [runs(i.runs), ...items(i.children ?? [])]);
  return blocks
    .flatMap((b) => {
      switch (b.kind) {
        case 'heading':
          return [plain(b.text)];
        case 'paragraph':
          return [runs(b.runs)];
        case 'list':
          return items(b.items);
        case 'table':
          return [...b.header, ...b.rows].flatMap((r) => r.map(cellText));
        default:
          return [];
      }
    })
    .join('\n');
}

describe('annexe 2 from the action plan', () => {
  const blocks = planAnnexBlocks(samplePlan())!;

  it('lists the axes in order, then each axe with its fiches by position, confidential ones left out and counted', () => {
    expect(headings(blocks)).toEqual([
      '2 Les axes du plan d’actions',
      '2 Axe 1 – Accueillir les jeunes enfants',
      '3 Fiche action 1.1 – Ouvrir un multi-accueil de 20 places',
      '3 Fiche action 1.2 – Forum des métiers de la petite enfance',
      '2 Axe 2 – Accompagner les parents',
    ]);
    const text = textOf(blocks);
    expect(text).toContain('Axe 1 – Accueillir les jeunes enfants (2 fiches actions)');
    expect(text).toContain('Axe 2 – Accompagner les parents (0 fiche action)');
    expect(text).toContain('Une fiche action confidentielle ne figure pas dans ce document');
    expect(text).toContain('Aucune fiche action n’est rattachée à cet axe.');
    expect(text).toContain('Plan d’actions validé par la Caf le 10 février 2025 (Claire Martin).');
    expect(text).not.toContain('confidentiel Zéphyr');
    expect(text).not.toContain('Indicateur confidentiel');
    expect(text).not.toContain('99 999');
    // Annex sub-headings stay out of the convention's table of contents.
    expect(blocks.every((b) => b.kind !== 'heading' || b.toc === false)).toBe(true);
  });

  it('gives each fiche its fields: objectives, theme, publics, pilots, referent, partners, means, participation, status, dates', () => {
    const fields = Object.fromEntries(
      rowsOf(tables(blocks).find((t) => !t.caption)!).map(([k, v]) => [k, v]),
    );
    expect(fields).toEqual({
      Référence: '1.1',
      'Objectifs servis': 'Développer l’accueil des tout-petits, Structurer l’offre périscolaire',
      Thématique: 'Petite enfance',
      Publics: 'Enfants de 0 à 3 ans, Parents',
      Pilotes: 'Julie Petit, Marc Leroy',
      'Élu référent': 'Mme Durand, adjointe à la petite enfance',
      Partenaires: 'Département des Yvelines, PMI',
      Moyens: 'Moyens humains : Une directrice et six auxiliaires ; Moyens techniques : Locaux municipaux',
      'Participation des habitants': 'Consultation',
      Statut: 'À venir (priorité haute)',
      Calendrier: 'Du 1er janvier 2025 au 31 décembre 2026',
    });
    const second = rowsOf(tables(blocks).filter((t) => !t.caption)[1]!);
    expect(second).toContainEqual(['Calendrier', 'Reconduite chaque année']);
    expect(second).toContainEqual(['Statut', 'En cours']);
    expect(second).toContainEqual(['Élu référent', 'Non précisé']);
    const text = textOf(blocks);
    expect(text).toContain('Critères d’évaluation\nTaux d’occupation\nSatisfaction des familles');
    expect(text).toContain('Budget : non renseigné.');
  });

  it('writes the budget by year with co-funders, each year’s totals and the period’s, to the cent', () => {
    expect(rowsOf(table(blocks, 'Budget de la fiche 1.1'))).toEqual([
      ['2025', 'Investissement', 'Prévisionnel', '50 000 €', 'Caf : 25 000 €'],
      ['2025', 'Fonctionnement', 'Prévisionnel', '12 000,50 €', 'Caf : 6 000 € ; Commune : 6 000,50 €'],
      ['2025', 'Fonctionnement', 'Prévisionnel', '0,5 ETP', '—'],
      ['2025', 'Fonctionnement', 'Réalisé', '11 500 €', 'Caf : 5 750 €'],
      ['Total 2025 – prévisionnel', '62 000,50 €', 'Caf : 31 000 € ; Commune : 6 000,50 €'],
      ['Total 2025 – prévisionnel', '0,5 ETP', '—'],
      ['Total 2025 – réalisé', '11 500 €', 'Caf : 5 750 €'],
      ['2026', 'Fonctionnement', 'Prévisionnel', '12 500 €', 'Caf : 6 250 €'],
      ['Total 2026 – prévisionnel', '12 500 €', 'Caf : 6 250 €'],
      ['Total de la période – prévisionnel', '74 500,50 €', 'Caf : 37 250 € ; Commune : 6 000,50 €'],
      ['Total de la période – prévisionnel', '0,5 ETP', '—'],
      ['Total de la période – réalisé', '11 500 €', 'Caf : 5 750 €'],
    ]);
  });

  it('sums the plan’s euros by year, sous-actions included, without the confidential fiche', () => {
    // Sous-actions included, as the plan counts them: 8 000 € of works in 2025.
    expect(
      rowsOf(table(blocks, 'Synthèse budgétaire du plan d’actions (euros, sous-actions comprises)')),
    ).toEqual([
      ['2025', '70 000,50 €', '11 500 €'],
      ['2026', '12 500 €', '—'],
      ['Total', '82 500,50 €', '11 500 €'],
    ]);
    expect(textOf(blocks)).toContain(
      'Le budget des sous-actions s’ajoute à celui de la fiche : 8 000 € prévisionnels.',
    );
  });

  it('writes each indicator with its starting point and its targets and results per year', () => {
    const t = table(blocks, 'Indicateurs de la fiche 1.1');
    expect(t.header[0]!.map(cellText)).toEqual(['Indicateur', 'Situation de départ', '2025', '2026']);
    expect(rowsOf(t)).toEqual([
      [
        'Familles accueillies (source : Gestionnaire)',
        '120 familles au 1er janvier 2024',
        'Cible : 140 familles ; Résultat : 135 familles',
        'Cible : 150 familles',
      ],
      ['Taux d’occupation', '—', 'Cible : 85,5 %', '—'],
    ]);
  });

  it('prints the published figure of an indicator linked to the diagnostic, « s » for a blanked cell', () => {
    const plan = samplePlan();
    const [first, second] = plan.indicators.filter((i) => i.ficheId === 'f11');
    plan.indicators = plan.indicators.map((i) =>
      i.id === first!.id
        ? {
            ...i,
            diagnosticIndicatorId: 'aeeh_children_0_2',
            diagnosticFigure: {
              label: 'Nb enfants 0-2 ans AEEH',
              value: 's',
              year: 2022,
              source: 'Diagnostic partagé (Caf au 31/12/2022)',
            },
          }
        : i.id === second!.id
          ? { ...i, diagnosticIndicatorId: 'eaje_places' }
          : i,
    );
    const t = table(planAnnexBlocks(plan)!, 'Indicateurs de la fiche 1.1');
    expect(t.header[0]!.map(cellText)).toEqual([
      'Indicateur',
      'Situation de départ',
      'Chiffre publié du diagnostic',
      '2025',
      '2026',
    ]);
    expect(rowsOf(t).map((r) => r[2])).toEqual([
      'Nb enfants 0-2 ans AEEH : s (2022) — Diagnostic partagé (Caf au 31/12/2022)',
      'Ligne « eaje_places » du diagnostic (chiffre publié non relevé)',
    ]);
  });

  it('lists the sous-actions by position, numbered under the fiche', () => {
    expect(rowsOf(table(blocks, 'Sous-actions de la fiche 1.1'))).toEqual([
      [
        '1.1.1 Aménager les locaux – Travaux de mise aux normes',
        'En cours',
        'Du 1er janvier 2025 au 31 août 2025',
        'Services techniques',
        '8 000 €',
      ],
      ['1.1.2 Recruter l’équipe', 'À venir', 'À partir du 1er septembre 2025', 'Non précisé', '—'],
    ]);
  });

  it('holds nothing for a plan without axes or fiches', () => {
    expect(planAnnexBlocks({ ...samplePlan(), axes: [], fiches: [] })).toBeUndefined();
  });

  it('says when the plan is not validated yet, and counts several confidential fiches', () => {
    const plan = samplePlan();
    plan.validation = null;
    plan.fiches = plan.fiches.map((f) => ({ ...f, confidential: f.id !== 'f11' }));
    const text = textOf(planAnnexBlocks(plan)!);
    expect(text).toContain('il n’a pas encore été validé par la Caf');
    expect(text).toContain('2 fiches actions confidentielles ne figurent pas dans ce document');
    expect(text).not.toContain('Forum des métiers');
  });
});

describe('formatting', () => {
  it('writes full-time equivalents and calendars the French way', () => {
    expect(plain(formatFte(150n))).toBe('1,5 ETP');
    expect(plain(formatFte(25n))).toBe('0,25 ETP');
    expect(plain(formatFte(200n))).toBe('2 ETP');
    expect(plain(calendarLine({ startDate: '2025-03-01', endDate: null, recurring: true }))).toBe(
      'À partir du 1er mars 2025, reconduite chaque année',
    );
    expect(calendarLine({ startDate: null, endDate: null, recurring: false })).toBe('Non précisé');
  });

  it('gives one year’s budget no period total', () => {
    const rows = rowsOf(
      budgetTable([
        { year: 2025, nature: 'operating', unit: 'eur', stage: 'planned', amount: 1n, coFunders: [] },
      ]),
    );
    expect(rows).toEqual([
      ['2025', 'Fonctionnement', 'Prévisionnel', '0,01 €', '—'],
      ['Total 2025 – prévisionnel', '0,01 €', '—'],
    ]);
  });
});

describe('co-funders in totals', () => {
  it('are added up by name whatever its case, accents or spaces, under the name first written', () => {
    const rows = rowsOf(
      budgetTable([
        {
          year: 2025,
          nature: 'operating',
          unit: 'eur',
          stage: 'planned',
          amount: 300n,
          coFunders: [{ name: 'Département', amount: 100n }],
        },
        {
          year: 2025,
          nature: 'investment',
          unit: 'eur',
          stage: 'planned',
          amount: 200n,
          coFunders: [{ name: ' departement ', amount: 150n }],
        },
      ]),
    );
    expect(rows.at(-1)).toEqual(['Total 2025 – prévisionnel', '5 €', 'Département : 2,50 €']);
  });
});

describe('articles 2, 3 and 4 from the project', () => {
  const content = draftCarrieres().content;
  const { project } = samplePlan();

  it('article 2: the Caf’s four missions, then its priorities for the territory', () => {
    const text = textOf(cafFieldsBlocks(project, content)!);
    expect(text).toContain('Concilier vie familiale, vie professionnelle et vie sociale ;');
    expect(text).toContain('Améliorer le cadre de vie et le logement ;');
    expect(text).toContain('Sur le territoire de Carrières-sur-Seine, la Caf intervient');
    expect(text.indexOf('le maintien d’une offre')).toBeGreaterThan(
      text.indexOf('Améliorer le cadre de vie'),
    );
    expect(text).toContain('le développement de l’accueil périscolaire des 3 à 10 ans');
  });

  it('article 3: the local authority’s actions by domain, with structures and partners', () => {
    const text = textOf(localAuthorityFieldsBlocks(project, content)!);
    expect(text).toContain('La commune de Carrières-sur-Seine conduit des actions de proximité');
    expect(text).toContain(
      'Petite enfance :\nRecenser et analyser les besoins d’accueil\nPoursuivre le projet Passerelles\nStructures : 4 multi-accueils, Relais petite enfance\nPartenaires : Ludothèque, Département des Yvelines',
    );
    expect(text).toContain('Animation de la vie sociale :\nSoirées jeux en famille à la ludothèque');
    expect(text).not.toContain('Handicap');
  });

  it('article 4: the shared objectives under their mission, each with the needs it answers', () => {
    const blocks = sharedObjectivesBlocks(project)!;
    const text = textOf(blocks);
    expect(text).toContain(
      'Concilier vie familiale, vie professionnelle et vie sociale :\nDévelopper l’accueil des tout-petits\nBesoin : Manque de places d’accueil pour les moins de 3 ans\nStructurer l’offre périscolaire\nSoutenir la relation parentale',
    );
    expect(text).toContain('Épauler les parents d’adolescents\nBesoin : Parents isolés face à l’adolescence');
    expect(rowsOf(table(blocks, 'Besoins relevés sur le territoire'))[0]).toEqual([
      'Manque de places d’accueil pour les moins de 3 ans',
      'Les demandes en multi-accueil dépassent l’offre. ; Places en EAJE : 212 (2022)',
      'Diagnostic partagé',
    ]);
  });

  it('holds nothing for an article the project has nothing for', () => {
    expect(cafFieldsBlocks(EMPTY_PROJECT, content)).toBeUndefined();
    expect(localAuthorityFieldsBlocks(EMPTY_PROJECT, content)).toBeUndefined();
    expect(sharedObjectivesBlocks(EMPTY_PROJECT)).toBeUndefined();
  });

  it('replace the stored bodies in the convention document, the others printed as stored', () => {
    const plan = samplePlan();
    const model = buildConventionDocument(content, {
      today: '2025-03-01',
      annexContent: { action_plan: planAnnexBlocks(plan)! },
      articleContent: {
        caf_fields: cafFieldsBlocks(plan.project, content)!,
        shared_objectives: sharedObjectivesBlocks(plan.project)!,
      },
    });
    const text = textOf(model.blocks);
    const between = (from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to));
    const article2 = between('Article 2 –', 'Article 3 –');
    expect(article2).toContain('le maintien d’une offre d’accueil du jeune enfant diversifiée');
    expect(article2).not.toContain('une offre d’accueil du jeune enfant variée et de qualité');
    // Article 3 was given nothing: its stored text.
    expect(between('Article 3 –', 'Article 4 –')).toContain('actions à préciser.');
    expect(between('Article 4 –', 'Article 5 –')).toContain('Besoin : Manque de places');
    const annex2 = text.slice(text.indexOf('Annexe 2 –'), text.indexOf('Annexe 3 –'));
    expect(annex2).toContain('Le plan d’actions décline les objectifs de l’article 4.');
    expect(annex2).toContain('Fiche action 1.1 – Ouvrir un multi-accueil de 20 places');
    expect(annex2).not.toContain('Annexe non renseignée');
  });
});

describe('the fiche sheet', () => {
  it('prints a selection of fiches in the order asked, each from a new page, and renders', () => {
    const plan = samplePlan();
    const sheet = buildFicheSheet(plan, {
      ficheIds: ['f12', 'f11'],
      conventionTitle: 'Convention territoriale globale 2024-2027 – Carrières-sur-Seine',
      author: 'Caf des Yvelines',
      today: '2025-03-01',
    });
    expect(sheet.metadata.title).toBe('Fiches actions 1.2, 1.1');
    expect(headings(sheet.blocks)).toEqual([
      '1 Fiche action 1.2 – Forum des métiers de la petite enfance',
      '1 Fiche action 1.1 – Ouvrir un multi-accueil de 20 places',
    ]);
    expect(sheet.blocks.filter((b) => b.kind === 'pageBreak')).toHaveLength(1);
    expect(textOf(sheet.blocks)).toContain(
      'Convention territoriale globale 2024-2027 – Carrières-sur-Seine — Axe 1 – Accueillir les jeunes enfants',
    );
    const xml = plain(unzipText(renderOdt(sheet))['content.xml']!);
    expect(xml).toContain('Total de la période – prévisionnel');
    expect(xml).toContain('74 500,50 €');
  });

  it('marks a confidential fiche as such, and names a single fiche in its title', () => {
    const sheet = buildFicheSheet(samplePlan(), {
      ficheIds: ['f21'],
      conventionTitle: 'CTG',
      author: 'Caf',
      today: '2025-03-01',
    });
    expect(sheet.metadata.title).toBe('Fiche action 2.1 – Accompagnement confidentiel Zéphyr');
    expect(textOf(sheet.blocks)).toContain('Fiche confidentielle : à ne pas diffuser.');
  });
});
