/** Sample plans for the tests and the benchmark of plan files. */
import { FICHE_STATUSES, PUBLICS, THEMES } from '../../domain/plan/model.js';
import type { PlanFile, PlanFileFiche, PlanFileIndicator } from './types.js';

/** A plan of `count` fiches over five axes, each filled in every column, some with sous-actions. */
export function samplePlan(count: number): PlanFile {
  const axes = [1, 2, 3, 4, 5].map((position) => ({
    position,
    title: `Axe ${position} : ${['Petite enfance', 'Jeunesse', 'Parentalité', 'Accès aux droits', 'Vie sociale'][position - 1]}`,
    description: position % 2 === 0 ? '' : `Orientation n° ${position} ; « priorité » du territoire.`,
  }));
  const fiches: PlanFileFiche[] = [];
  for (let i = 0; i < count; i++) {
    const axe = (i % 5) + 1;
    const position = Math.floor(i / 5) + 1;
    fiches.push({
      axe,
      position,
      title: `Fiche ${axe}.${position} — ouvrir un lieu d’accueil enfants-parents`,
      description: i % 3 === 0 ? 'Première ligne ;\nseconde ligne, avec « guillemets » et "doubles".' : '',
      status: FICHE_STATUSES[i % FICHE_STATUSES.length]!,
      priority: i % 4 === 0 ? null : (['high', 'medium', 'low'] as const)[i % 3]!,
      startDate: i % 5 === 0 ? null : '2026-01-15',
      endDate: i % 2 === 0 ? null : '2027-12-31',
      recurring: i % 2 === 0 && i % 4 === 0,
      pilots: [
        { kind: 'person', name: 'Marie Dupont' },
        ...(i % 3 === 0 ? [{ kind: 'account' as const, email: `pilote${i}@mairie.example.fr` }] : []),
      ],
      budget: [
        {
          year: 2026,
          nature: 'operating',
          unit: 'eur',
          stage: 'planned',
          amount: 123450n + BigInt(i),
          coFunders: [
            { name: 'Caf des Yvelines', amount: 60000n },
            { name: 'Département : solidarités', amount: 12345n },
          ],
        },
        ...(i % 2 === 0
          ? [
              {
                year: 2027,
                nature: 'investment' as const,
                unit: 'fte' as const,
                stage: 'actual' as const,
                amount: 50n,
                coFunders: [],
              },
            ]
          : []),
      ],
      theme: i % 6 === 0 ? null : THEMES[i % THEMES.length]!,
      publics: [PUBLICS[i % PUBLICS.length]!, PUBLICS[(i + 3) % PUBLICS.length]!],
      objectives: i % 4 === 0 ? ['objectif-1', 'objectif-2'] : [],
      electedReferent: i % 2 ? 'Mme la maire adjointe' : '',
      partners: ['Association Les Petits Pas', 'Centre social'],
      humanMeans: '0,5 ETP de coordinatrice',
      technicalMeans: i % 2 ? '' : 'Salle municipale',
      participation: (['none', 'information', 'consultation', 'concertation', 'co_construction'] as const)[
        i % 5
      ]!,
      evaluationCriteria: ['Nombre de familles accueillies', 'Taux de satisfaction'],
      notes: i % 5 === 0 ? [{ date: '2026-03-02', text: 'Comité de pilotage : démarrage validé.' }] : [],
      linkedFiches: i > 0 && i % 7 === 0 ? [`${((i - 1) % 5) + 1}.${Math.floor((i - 1) / 5) + 1}`] : [],
      confidential: i % 9 === 0,
      subActions:
        i % 3 === 0
          ? [1, 2].map((s) => ({
              position: s,
              title: `Sous-action ${s}`,
              description: '',
              status: 'planned' as const,
              priority: null,
              startDate: null,
              endDate: null,
              recurring: false,
              pilots: [],
              budget:
                s === 1
                  ? [
                      {
                        year: 2026,
                        nature: 'operating' as const,
                        unit: 'eur' as const,
                        stage: 'planned' as const,
                        amount: 1000n,
                        coFunders: [],
                      },
                    ]
                  : [],
            }))
          : [],
    });
  }
  fiches.sort((a, b) => a.axe - b.axe || a.position - b.position);
  const indicators: PlanFileIndicator[] = fiches.slice(0, Math.ceil(count / 2)).map((fiche, i) => ({
    fiche: `${fiche.axe}.${fiche.position}`,
    objective: null,
    title: `Familles accueillies (${i + 1})`,
    unit: 'familles',
    baselineValue: i % 2 ? '12' : null,
    baselineDate: i % 2 ? '2025-12-31' : null,
    source: 'Gestionnaire',
    comment: '',
    diagnosticIndicatorId: i % 4 === 0 ? 'eaje_places' : null,
    values: [
      { year: 2026, kind: 'target' as const, value: '20', comment: '' },
      { year: 2026, kind: 'result' as const, value: '0.35', comment: 'Premier semestre' },
    ],
  }));
  indicators.push({
    fiche: null,
    objective: 'objectif-1',
    title: 'Taux de couverture',
    unit: '%',
    baselineValue: '-3.5',
    baselineDate: null,
    source: '',
    comment: '',
    diagnosticIndicatorId: null,
    values: [],
  });
  return { axes, fiches, indicators };
}
