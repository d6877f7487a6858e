/**
 * A small action plan for the documents' tests: two axes, three fiches (one confidential), budget
 * lines over two years with co-funders and a full-time equivalent, indicators with targets and
 * results, sous-actions, and the project behind articles 2 to 4.
 */
import type { BudgetLine, Fiche, FicheFields, Plan } from '../domain/plan/model.js';
import { fiche as ficheOf } from '../domain/plan/plan.test-support.js';

const fields = (overrides: Partial<FicheFields>): FicheFields => ({
  title: '',
  description: '',
  status: 'planned',
  priority: null,
  startDate: null,
  endDate: null,
  recurring: false,
  pilots: [],
  budget: [],
  ...overrides,
});

const line = (overrides: Partial<BudgetLine> & Pick<BudgetLine, 'year' | 'amount'>): BudgetLine => ({
  nature: 'operating',
  unit: 'eur',
  stage: 'planned',
  coFunders: [],
  ...overrides,
});

const fiche = ({
  id,
  ...overrides
}: Partial<Fiche> & Pick<Fiche, 'id' | 'axeId' | 'position' | 'title'>): Fiche =>
  ficheOf(id, { updatedAt: '2025-01-15T10:00:00.000Z', ...overrides });

export function samplePlan(conventionId = 'ctg-78124'): Plan {
  return {
    conventionId,
    version: 3,
    validation: { date: '2025-02-10', byUserId: null, byName: 'Claire Martin' },
    project: {
      needs: [
        {
          id: 'n1',
          title: 'Manque de places d’accueil pour les moins de 3 ans',
          description: 'Les demandes en multi-accueil dépassent l’offre.',
          evidence: [{ indicatorId: 'eaje_places', label: 'Places en EAJE', value: '212', year: 2022 }],
          source: 'Diagnostic partagé',
        },
        {
          id: 'n2',
          title: 'Parents isolés face à l’adolescence',
          description: '',
          evidence: [],
          source: 'Comité de pilotage du 1er juillet 2024',
        },
      ],
      objectives: [
        { id: 'o1', mission: 'conciliation', title: 'Développer l’accueil des tout-petits', needIds: ['n1'] },
        { id: 'o2', mission: 'parentality', title: 'Épauler les parents d’adolescents', needIds: ['n2'] },
        { id: 'o3', mission: 'conciliation', title: 'Structurer l’offre périscolaire', needIds: [] },
      ],
      cafPriorities: [
        { id: 'p1', text: 'le maintien d’une offre d’accueil du jeune enfant diversifiée' },
        { id: 'p2', text: 'le développement de l’accueil périscolaire des 3 à 10 ans' },
      ],
      localActions: [
        { id: 'l1', domain: 'early_childhood', text: 'Recenser et analyser les besoins d’accueil' },
        { id: 'l2', domain: 'early_childhood', text: 'Poursuivre le projet Passerelles' },
        { id: 'l3', domain: 'social_life', text: 'Soirées jeux en famille à la ludothèque' },
      ],
      domainResources: [
        {
          domain: 'early_childhood',
          structures: ['4 multi-accueils', 'Relais petite enfance'],
          partners: ['Ludothèque', 'Département des Yvelines'],
        },
      ],
    },
    axes: [
      { id: 'a2', position: 2, title: 'Accompagner les parents', description: '' },
      {
        id: 'a1',
        position: 1,
        title: 'Accueillir les jeunes enfants',
        description: 'Adapter l’offre d’accueil aux besoins des familles.',
      },
    ],
    fiches: [
      fiche({
        id: 'f12',
        axeId: 'a1',
        position: 2,
        title: 'Forum des métiers de la petite enfance',
        status: 'in_progress',
        recurring: true,
        objectiveIds: ['o1'],
        pilots: [{ kind: 'person', name: 'Sophie Bernard' }],
      }),
      fiche({
        id: 'f11',
        axeId: 'a1',
        position: 1,
        title: 'Ouvrir un multi-accueil de 20 places',
        description: 'Création d’un équipement au quartier des Alouettes.',
        status: 'planned',
        priority: 'high',
        startDate: '2025-01-01',
        endDate: '2026-12-31',
        theme: 'early_childhood',
        publics: ['children_0_3', 'parents'],
        objectiveIds: ['o1', 'o3'],
        electedReferent: 'Mme Durand, adjointe à la petite enfance',
        partners: ['Département des Yvelines', 'PMI'],
        pilots: [
          { kind: 'account', userId: 'u1', name: 'Julie Petit' },
          { kind: 'person', name: 'Marc Leroy' },
        ],
        humanMeans: 'Une directrice et six auxiliaires',
        technicalMeans: 'Locaux municipaux',
        participation: 'consultation',
        evaluationCriteria: ['Taux d’occupation', 'Satisfaction des familles'],
        budget: [
          line({
            year: 2025,
            amount: 1_200_050n,
            coFunders: [
              { name: 'Caf', amount: 600_000n },
              { name: 'Commune', amount: 600_050n },
            ],
          }),
          line({
            year: 2025,
            stage: 'actual',
            amount: 1_150_000n,
            coFunders: [{ name: 'Caf', amount: 575_000n }],
          }),
          line({
            year: 2025,
            nature: 'investment',
            amount: 5_000_000n,
            coFunders: [{ name: 'Caf', amount: 2_500_000n }],
          }),
          line({ year: 2025, unit: 'fte', amount: 50n }),
          line({ year: 2026, amount: 1_250_000n, coFunders: [{ name: 'Caf', amount: 625_000n }] }),
        ],
        subActions: [
          {
            id: 's2',
            position: 2,
            ...fields({ title: 'Recruter l’équipe', status: 'planned', startDate: '2025-09-01' }),
          },
          {
            id: 's1',
            position: 1,
            ...fields({
              title: 'Aménager les locaux',
              description: 'Travaux de mise aux normes',
              status: 'in_progress',
              startDate: '2025-01-01',
              endDate: '2025-08-31',
              pilots: [{ kind: 'person', name: 'Services techniques' }],
              budget: [line({ year: 2025, nature: 'investment', amount: 800_000n })],
            }),
          },
        ],
      }),
      fiche({
        id: 'f21',
        axeId: 'a2',
        position: 1,
        title: 'Accompagnement confidentiel Zéphyr',
        confidential: true,
        budget: [line({ year: 2025, amount: 9_999_900n })],
      }),
    ],
    indicators: [
      {
        id: 'i1',
        ficheId: 'f11',
        objectiveId: null,
        title: 'Familles accueillies',
        unit: 'familles',
        baselineValue: '120',
        baselineDate: '2024-01-01',
        source: 'Gestionnaire',
        comment: '',
        diagnosticIndicatorId: null,
        diagnosticFigure: null,
        values: [
          { year: 2026, kind: 'target', value: '150', comment: '' },
          { year: 2025, kind: 'result', value: '135', comment: '' },
          { year: 2025, kind: 'target', value: '140', comment: '' },
        ],
      },
      {
        id: 'i2',
        ficheId: 'f11',
        objectiveId: null,
        title: 'Taux d’occupation',
        unit: '%',
        baselineValue: null,
        baselineDate: null,
        source: '',
        comment: '',
        diagnosticIndicatorId: null,
        diagnosticFigure: null,
        values: [{ year: 2025, kind: 'target', value: '85.5', comment: '' }],
      },
      {
        id: 'i3',
        ficheId: 'f21',
        objectiveId: null,
        title: 'Indicateur confidentiel',
        unit: '',
        baselineValue: null,
        baselineDate: null,
        source: '',
        comment: '',
        diagnosticIndicatorId: null,
        diagnosticFigure: null,
        values: [],
      },
    ],
  };
}
