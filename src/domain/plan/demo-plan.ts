/**
 * The demo plan of Carrières-sur-Seine: the project of the territory written in the seed convention
 * (articles 1 to 4 and 9), and an action plan (annexe 2) built from the commune's engagements of
 * article 3, as the commune would have kept it up to date during the third year of its convention.
 *
 * - The needs cite the rows of the diagnostic as the platform publishes it for the commune (figures
 *   after statistical secrecy, formatted as the pages show them): a blanked cell is never cited.
 * - The shared objectives are those of article 4, word for word, under the Caf's four missions; the
 *   Caf's priorities are the seven of article 2; the commune's actions, structures and partners are
 *   those of article 3.
 * - Dates are relative to the convention's first year (the seed's runs from 2024 to 2027): the first
 *   two years are past (planned and actual amounts, targets and results), the third is under way.
 *   Pilots, amounts, results and follow-up notes are made up for the demonstration.
 *
 * Pure data: no database, no clock. Axes, fiches, sous-actions and indicators are rows the platform
 * keys across every convention: their ids are derived from the convention's, stable (writing the
 * plan twice names the same rows) and distinct from another convention's.
 */
import { createHash } from 'node:crypto';
import { formatFigure, formatShare } from '../diagnostic/format.js';
import type { IsoDate } from '../shared/dates.js';
import type {
  Axe,
  BudgetLine,
  BudgetNature,
  CafPriority,
  DiagnosticEvidence,
  DomainResources,
  Fiche,
  FicheFields,
  Indicator,
  IndicatorValue,
  LocalAction,
  Need,
  Objective,
  Pilot,
  Plan,
  Project,
  SubAction,
} from './model.js';

/** How many years the demo convention lasts (1 January of the first to 31 December of the last). */
export const DEMO_PLAN_YEARS = 4;

/** The seed's convention: 1 January 2024 – 31 December 2027. */
export const DEMO_PLAN_SEED_START_YEAR = 2024;

/** The Caf's seven priorities for the commune (article 2 of the seed), word for word. */
export const DEMO_CAF_PRIORITIES: readonly string[] = [
  'Le maintien d’une offre d’accueil des jeunes enfants diversifiée et qualitative',
  'L’amélioration des conditions d’accueil des enfants du temps périscolaire et extrascolaire',
  'La réduction des inégalités d’accès aux activités péri et extrascolaires pour favoriser la conciliation vie familiale / vie professionnelle',
  'Le développement de l’offre d’accueil périscolaire pour les 3 à 10 ans',
  'Accompagnement des parents dans l’exercice de leur parentalité',
  'Le soutien de l’action de la Branche Famille dans la transition écologique',
  'Contribution à l’animation de la vie sociale du territoire',
];

// ─── Evidence: rows of the published diagnostic ──────────────────────────────────────────────────

const ANNEXE_1 = 'Diagnostic partagé (annexe 1 de la convention)';

/**
 * A row as the commune's diagnostic page shows it: the value in its unit, then its share when one is
 * published ("65 (11,1 %)"). Only figures the platform publishes for Carrières-sur-Seine are cited.
 */
function evidence(
  indicatorId: string,
  label: string,
  value: number,
  unit: string,
  year: number,
  share?: number,
): DiagnosticEvidence {
  const shown = formatFigure(value, unit) ?? '';
  return {
    indicatorId,
    label,
    value: share === undefined ? shown : `${shown} (${formatShare(share)})`,
    year,
  };
}

const NEEDS: Need[] = [
  {
    id: 'need-accueil-individuel',
    title: 'Un accueil individuel du jeune enfant peu développé',
    description:
      'Le taux de couverture par les assistants maternels libéraux est deux fois plus faible que dans les Yvelines (23,3 pour 100 enfants contre 45,8), et peu d’enfants de moins de 3 ans sont gardés par un assistant maternel avec le complément de libre choix du mode de garde (11,1 % contre 18,6 %). L’offre repose sur les 4 multi-accueils : les départs en retraite d’assistants maternels ne sont pas remplacés.',
    evidence: [
      evidence(
        'coverage_rate_assmat',
        'Taux de couverture par les assistants maternels libéraux (pour 100 enfants de 0-2 ans)',
        23.3,
        'pour 100 enfants',
        2020,
      ),
      evidence('cmg_assmat', 'Nb enfants 0-2 ans CMG – assistant(e) maternel(le)', 65, 'enfants', 2022, 11.1),
      evidence(
        'eaje_places',
        'Nb EAJE (établissements d’accueil du jeune enfant) : places',
        220,
        'places',
        2022,
      ),
    ],
    source: `${ANNEXE_1} ; relevé des demandes d’accueil du Relais Petite Enfance`,
  },
  {
    id: 'need-recours-droits-jeunes-enfants',
    title: 'Des familles de jeunes enfants moins couvertes par la Caf',
    description:
      'Moins de deux enfants de 0 à 2 ans sur trois sont couverts par la Caf (62,3 % contre 89,3 % dans le département), et le recours au complément de mode de garde en structure comme à la prestation partagée d’éducation est deux fois moindre. Une partie des familles ne connaît pas les aides auxquelles elle peut prétendre.',
    evidence: [
      evidence('children_0_2_caf_coverage', '% des 0-2 ans couverts par la Caf', 62.3, 'pourcentage', 2022),
      evidence('children_3_5_caf_coverage', '% des 3-5 ans couverts par la Caf', 66.2, 'pourcentage', 2022),
      evidence('cmg_structure', 'Nb enfants 0-2 ans CMG – structure', 16, 'enfants', 2022, 2.7),
      evidence(
        'prepare',
        'Nb enfants 0-2 ans PreParE (prestation partagée d’éducation, taux plein)',
        13,
        'enfants',
        2022,
        2.2,
      ),
    ],
    source: ANNEXE_1,
  },
  {
    id: 'need-familles-modestes-petite-enfance',
    title: 'Des familles modestes à accompagner vers l’accueil et l’emploi',
    description:
      'La commune compte moins de familles à bas revenus que le département (le quotient familial moyen y est nettement supérieur), mais 81 enfants de moins de 3 ans vivent dans un foyer allocataire à bas revenus et 216 foyers perçoivent le RSA : l’accès de leurs parents à une place d’accueil conditionne leur retour à l’emploi.',
    evidence: [
      evidence(
        'children_0_2_low_income',
        'Nb enfants 0-2 ans vivant dans un foyer allocataire à bas revenus',
        81,
        'enfants',
        2022,
        13.8,
      ),
      evidence('rsa', 'Nb (foyers) allocataires RSA', 216, 'foyers', 2022, 9.4),
      evidence('family_quotient_mean', 'Quotient familial moyen (calcul Cnaf)', 1526, 'euros', 2022),
    ],
    source: `${ANNEXE_1} ; commissions d’attribution des places en multi-accueil`,
  },
  {
    id: 'need-periscolaire-3-10',
    title: 'Des listes d’attente en accueil périscolaire pour les 3 à 10 ans',
    description:
      'Un tiers des foyers allocataires ont un enfant de 6 à 11 ans, et la plupart de ces familles ont tous leurs parents en emploi. Les accueils périscolaires maternels et élémentaires affichent complet le soir ; les parents demandent des places et des activités plus variées.',
    evidence: [
      evidence('youth_6_11', 'Nb d’enfants 6-11 ans Insee', 1378, 'habitants', 2018, 33.2),
      evidence('children_3_5', 'Nb enfants 3-5 ans', 595, 'habitants', 2019, 3.9),
      evidence(
        'families_6_11',
        'Nb familles allocataires avec enfants de 6-11 ans',
        797,
        'familles',
        2022,
        34.7,
      ),
    ],
    source: `${ANNEXE_1} ; listes d’attente des accueils périscolaires ; conseils des accueils de loisirs`,
  },
  {
    id: 'need-handicap-adolescents',
    title: 'Des enfants et des adolescents en situation de handicap à accueillir dans le droit commun',
    description:
      'La part des allocataires percevant l’AEEH est plus élevée que dans le département, et celle des 16-17 ans parmi les enfants bénéficiaires nettement supérieure (13,6 % contre 9,7 %). La présence de l’IME sur la commune fait des équipements sportifs et des accueils de loisirs des lieux d’inclusion attendus par les familles.',
    evidence: [
      evidence('aeeh', 'Nb allocataires AEEH', 97, 'foyers', 2022, 4.2),
      evidence('aeeh_children_16_17', 'Nb enfants 16-17 ans AEEH', 14, 'enfants', 2022, 13.6),
      evidence('aeeh_children_6_11', 'Nb enfants 6-11 ans AEEH', 39, 'enfants', 2022, 37.9),
    ],
    source: `${ANNEXE_1} ; échanges avec l’IME et l’accueil de loisirs la Roseraie`,
  },
  {
    id: 'need-autonomie-jeunes',
    title: 'Des jeunes adultes qui s’éloignent des dispositifs',
    description:
      'La couverture des 18-19 ans par la Caf est nettement inférieure à celle du département (51,5 % contre 65,2 %) ; 18 jeunes de 16 à 19 ans ne sont ni en emploi, ni en études, ni en formation. Les jeunes de 16 à 25 ans connaissent mal les métiers et les partenaires de l’insertion.',
    evidence: [
      evidence('youth_caf_coverage_18_19', 'Taux de couverture Caf des 18-19 ans', 51.5, 'pourcentage', 2022),
      evidence(
        'neet_16_19',
        'Nb de 16-19 ans Caf NEET (ni en emploi, ni en études, ni en formation)',
        18,
        'personnes',
        2022,
        1.8,
      ),
    ],
    source: `${ANNEXE_1} ; Point information jeunesse (PRIJ) de l’Espace de vie sociale`,
  },
  {
    id: 'need-logement-parc-prive',
    title: 'Des familles logées dans le parc privé, exposées aux impayés',
    description:
      'Moins d’allocataires perçoivent une aide au logement que dans les Yvelines, mais près de la moitié d’entre eux louent dans le parc privé (46,0 % contre 34,9 %), où les loyers sont élevés ; 28 impayés de loyer sont connus de la Caf.',
    evidence: [
      evidence('housing_aid', 'Nb bénéficiaires d’une aide au logement (AL/APL)', 578, 'foyers', 2022, 25.2),
      evidence(
        'housing_aid_private',
        'Nb bénéficiaires AL/APL en locatif parc privé',
        266,
        'foyers',
        2022,
        46,
      ),
      evidence('rent_arrears', 'Nb d’impayés de loyer', 28, 'foyers', 2022),
    ],
    source: `${ANNEXE_1} ; rencontres avec le bailleur social`,
  },
  {
    id: 'need-soutien-parentalite',
    title: 'Des parents qui demandent du soutien, notamment lors des séparations',
    description:
      'Les demandes d’intervention du travail social de la Caf portent surtout sur la parentalité (séparation, décès) ; près d’une famille allocataire sur quatre est monoparentale. Les parents du collège expriment le besoin d’échanger avec d’autres parents et avec l’école.',
    evidence: [
      evidence(
        'social_work_parenting',
        'Demandes d’intervention du travail social : parentalité (séparation, décès, AUPP)',
        38,
        'demandes',
        2022,
      ),
      evidence('single_parents', 'Nb d’allocataires monoparents', 343, 'foyers', 2022, 22.5),
    ],
    source: `${ANNEXE_1} ; questionnaire aux parents du Programme de réussite éducative`,
  },
  {
    id: 'need-lien-social',
    title: 'Un lien social à entretenir au-delà des murs de l’Espace de vie sociale',
    description:
      'Le quotient familial moyen, nettement supérieur à celui du département, masque des quartiers où les familles et les seniors isolés fréquentent peu les équipements. L’Espace de vie sociale et la ludothèque sont repérés par les habitants qui les connaissent déjà.',
    evidence: [
      evidence('family_quotient_mean', 'Quotient familial moyen (calcul Cnaf)', 1526, 'euros', 2022),
      evidence(
        'funding_social_centres',
        'Centres sociaux et espaces de vie sociale (global)',
        23682,
        'euros',
        2022,
      ),
    ],
    source: `${ANNEXE_1} ; bilan d’activité de l’Espace de vie sociale`,
  },
];

// ─── Objectives (article 4, word for word) ───────────────────────────────────────────────────────

const OBJECTIVES: Objective[] = [
  {
    id: 'obj-petite-enfance',
    mission: 'conciliation',
    title: 'poursuivre la structuration d’une offre diversifiée en direction de la petite enfance',
    needIds: [
      'need-accueil-individuel',
      'need-recours-droits-jeunes-enfants',
      'need-familles-modestes-petite-enfance',
    ],
  },
  {
    id: 'obj-enfants',
    mission: 'conciliation',
    title: 'poursuivre la structuration d’une offre diversifiée en direction des enfants',
    needIds: ['need-periscolaire-3-10'],
  },
  {
    id: 'obj-charges-familiales',
    mission: 'parentality',
    title: 'compenser les charges familiales et accompagner les parents dans leur rôle',
    needIds: ['need-recours-droits-jeunes-enfants', 'need-soutien-parentalite'],
  },
  {
    id: 'obj-reussite-scolaire',
    mission: 'parentality',
    title:
      'contribuer à l’égalité des chances en matière de réussite scolaire et renforcer le lien entre les familles et l’école',
    needIds: ['need-soutien-parentalite', 'need-periscolaire-3-10'],
  },
  {
    id: 'obj-autonomie-jeunes',
    mission: 'parentality',
    title: 'faciliter l’autonomie des jeunes, élément de passage à l’âge adulte',
    needIds: ['need-autonomie-jeunes'],
  },
  {
    id: 'obj-vie-collective',
    mission: 'living_environment',
    title: 'faciliter l’intégration des familles dans la vie collective et citoyenne',
    needIds: ['need-lien-social', 'need-logement-parc-prive'],
  },
  {
    id: 'obj-handicap',
    mission: 'insertion',
    title: 'soutenir les personnes et les familles confrontées au handicap',
    needIds: ['need-handicap-adolescents'],
  },
  {
    id: 'obj-difficultes',
    mission: 'insertion',
    title: 'aider les familles confrontées à des événements ou des difficultés fragilisant la vie familiale',
    needIds: ['need-soutien-parentalite', 'need-logement-parc-prive'],
  },
  {
    id: 'obj-insertion-emploi',
    mission: 'insertion',
    title:
      'accompagner le parcours d’insertion et le retour (et maintien) dans l’emploi des personnes et des familles en situation de pauvreté',
    needIds: ['need-familles-modestes-petite-enfance', 'need-autonomie-jeunes'],
  },
];

// ─── The commune's engagements (article 3) ───────────────────────────────────────────────────────

const LOCAL_ACTIONS: LocalAction[] = [
  ...(
    [
      'Recenser et analyser les besoins en terme d’accueil',
      'Promouvoir et valoriser les métiers du secteur (forum, évènements organisés par le RPE...)',
      'Accompagner la professionnalisation des professionnels de l’accueil individuel du jeune enfant et renforcer l’attractivité du métier assistant maternel (en partenariat avec le Département)',
      'Maintenir l’organisation de réunions régulières avec les directions des crèches',
      'Poursuite du projet Passerelles',
      'Signature Convention AVIP (A Vocation Insertion Professionnelle) pour la crèche Petibonum avec commissions d’attribution régulières et accompagnement des parents concernés (renouvellement de la labellisation fin 2024)',
      'Renforcement de l’accompagnement et de l’inclusion de tous dans les services et structure de droit commun : Priorisation aux situations de handicap ou liées à la santé et aux situations relevant de la PMI et/ ou des partenaires sociaux',
    ] as const
  ).map((text, i) => ({ id: `local-pe-${i + 1}`, domain: 'early_childhood' as const, text })),
  ...(
    [
      'Diversifier l’offre d’activités pour les enfants inscrits aux stages sportifs proposés par la Ville',
      'Améliorer la qualité de l’accueil des enfants en priorisant leur besoin',
      'Améliorer la communication avec les familles (Conseils des accueils de loisirs, soirées familles, fête des accueils de loisirs...)',
    ] as const
  ).map((text, i) => ({ id: `local-ej-${i + 1}`, domain: 'childhood_youth' as const, text })),
  ...(
    [
      'Favoriser l’accueil des enfants de l’IME (Institut Médico-Educatif) de notre commune au sein des équipements sportifs de la Ville en lien avec l’Education nationale (séances motricité et expression corporelle avec nos agents ETAPS (Educateurs Territoriaux d’Activités Physiques et Sportives) et les éducateurs de l’IME...)',
      'Favoriser l’accueil des enfants, jeunes en situation de handicap et/ou avec des besoins spécifiques en accueils de loisirs municipaux et en accueils de loisirs de la Roseraie (création d’un livret d’accueil, poursuite ateliers musicaux avec le BAO PAO...)',
    ] as const
  ).map((text, i) => ({ id: `local-ha-${i + 1}`, domain: 'disability' as const, text })),
  ...(
    [
      'Permettre aux parents et à leurs enfants (de la maternelle au collège) de créer du lien, de transmettre des valeurs à travers les loisirs sportifs',
      'Accompagner les parents dans leur fonction parentale et ainsi favoriser la réussite éducative des enfants',
      'Renforcer le maillage des acteurs, l’accès au droit et l’accès à l’emploi',
    ] as const
  ).map((text, i) => ({ id: `local-pa-${i + 1}`, domain: 'parenting' as const, text })),
  ...(
    [
      'Définir un programme d’activités répondant aux besoins des usagers (Bien vieillir, bien être...)',
      'Intégrer une Maison France Service et former le personnel en conséquence',
      'Développer le réseau partenarial autour de l’insertion et de l’emploi, Développer un lieu de rencontre entre les jeunes 16/25 ans autour des métiers de la fonction publique',
      'Mettre en place des actions pérennes pour promouvoir l’insertion et/ ou découvrir certains secteurs d’activités',
      'Pérenniser les permanences des divers partenaires',
    ] as const
  ).map((text, i) => ({ id: `local-in-${i + 1}`, domain: 'insertion_rights' as const, text })),
  ...(
    [
      'Actions hors les murs (EVS/ ludothèque)',
      'Temps d’échanges conviviaux (ex: café des séniors...), soirées jeux en famille organisées par la ludothèque.',
      'Actions en partenariat avec le bailleur',
      'Mise à disposition des locaux pour diverses actions (formations, réunions...)',
    ] as const
  ).map((text, i) => ({ id: `local-vs-${i + 1}`, domain: 'social_life' as const, text })),
];

const DOMAIN_RESOURCES: DomainResources[] = [
  {
    domain: 'early_childhood',
    structures: ['4 multi-accueils', 'Relais Petite Enfance (RPE)'],
    partners: [
      'Ludothèque',
      'LAEP (Lieu Accueil Enfants Parents)',
      'Médiathèque',
      'Associations d’assistants maternels',
      'CAF',
      'le Département des Yvelines',
    ],
  },
  {
    domain: 'childhood_youth',
    structures: [
      'Ecole Municipale des Sports : Stages sportifs (stages matinées ou journées...)',
      'Accueils de loisirs (public maternel, élémentaire, jeunesse)',
    ],
    partners: [],
  },
  {
    domain: 'disability',
    structures: [
      'Service des Sports',
      'Accueils de loisirs (public maternel, élémentaire, jeunesse)',
      'Ecoles carrillonnées',
      'IME, l’accueil de loisirs la Roseraie',
    ],
    partners: [],
  },
  {
    domain: 'parenting',
    structures: ['Service des sports', 'Médiathèque', 'PRE', 'CLAS'],
    partners: [
      'Associations culturelles et sportives',
      'France Travail',
      'missions locales',
      'la CASGBS',
      'l’Education nationale',
      'la CAF des Yvelines',
      'le Département',
    ],
  },
  {
    domain: 'insertion_rights',
    structures: [],
    partners: [
      'France Travail',
      'missions locales',
      'la CASGBS',
      'la CAF',
      'le Département',
      'l’ANCT',
      'Autonom’y',
      'CIDFF',
      'l’APES',
      'le bailleur',
    ],
  },
  {
    domain: 'social_life',
    structures: ['Espace de vie sociale (EVS)', 'Ludothèque'],
    partners: ['le bailleur'],
  },
];

// ─── The action plan ─────────────────────────────────────────────────────────────────────────────

const AXES: Axe[] = [
  {
    id: 'axe-petite-enfance',
    position: 1,
    title: 'Une offre d’accueil du jeune enfant diversifiée, accessible et inclusive',
    description:
      'Connaître les besoins d’accueil, soutenir l’accueil individuel à côté des 4 multi-accueils, ouvrir les places aux parents en insertion et aux enfants qui ont des besoins particuliers.',
  },
  {
    id: 'axe-enfance-jeunesse',
    position: 2,
    title: 'Des temps périscolaires et extrascolaires de qualité pour tous les enfants',
    description:
      'Développer l’accueil périscolaire des 3 à 10 ans, diversifier les activités et associer les familles à la vie des accueils de loisirs.',
  },
  {
    id: 'axe-handicap',
    position: 3,
    title: 'L’inclusion des enfants et des jeunes en situation de handicap',
    description:
      'Accueillir les enfants de l’IME et les enfants ayant des besoins spécifiques dans les équipements et les accueils de loisirs de la Ville.',
  },
  {
    id: 'axe-parentalite',
    position: 4,
    title: 'Le soutien aux parents et la réussite éducative',
    description:
      'Créer du lien entre parents et enfants, accompagner les parents dans leur rôle et mieux relier les acteurs autour des familles.',
  },
  {
    id: 'axe-insertion',
    position: 5,
    title: 'L’insertion et l’accès aux droits',
    description:
      'Rapprocher les habitants, et d’abord les jeunes de 16 à 25 ans, des services publics, des partenaires de l’emploi et de leurs droits.',
  },
  {
    id: 'axe-vie-sociale',
    position: 6,
    title: 'L’animation de la vie sociale',
    description:
      'Aller vers les habitants hors des murs de l’Espace de vie sociale, multiplier les temps conviviaux et agir avec le bailleur.',
  },
];

/** Pilots: services of the commune and the people who lead them (names made up for the demo). */
const PILOTS = {
  petiteEnfance: { kind: 'person', name: 'Direction de la petite enfance — Mme Hélène Morvan' },
  rpe: { kind: 'person', name: 'Relais Petite Enfance — Mme Sophie Lacaze, animatrice' },
  petibonum: { kind: 'person', name: 'Multi-accueil Petibonum — Mme Nadia Benali, directrice' },
  education: { kind: 'person', name: 'Direction de l’éducation et des loisirs — M. Julien Ferrand' },
  sports: { kind: 'person', name: 'Service des sports — M. Karim Oudjani' },
  evs: { kind: 'person', name: 'Espace de vie sociale — Mme Laure Dessaint, référente famille' },
  ludotheque: { kind: 'person', name: 'Ludothèque — M. Thomas Verdier' },
  pre: { kind: 'person', name: 'Programme de réussite éducative — Mme Inès Carvalho, coordinatrice' },
  ccas: { kind: 'person', name: 'Direction des solidarités — Mme Catherine Aubert' },
  cooperation: { kind: 'person', name: 'Chargée de coopération CTG — Mme Élodie Marchand' },
  jeunesse: { kind: 'person', name: 'Service jeunesse (PRIJ) — M. Yanis Haddad' },
} as const satisfies Record<string, Pilot>;

const REFERENTS = {
  petiteEnfance: 'Adjointe au maire déléguée à la petite enfance et à la famille',
  education: 'Adjoint au maire délégué à l’éducation et aux loisirs',
  sports: 'Conseiller municipal délégué aux sports',
  solidarites: 'Adjointe au maire déléguée aux solidarités et au handicap',
  jeunesse: 'Conseiller municipal délégué à la jeunesse et à l’emploi',
  vieSociale: 'Adjoint au maire délégué à la vie des quartiers',
} as const;

/** Who pays a share of a budget line, in percent (the commune takes what is left). */
type Split = { caf?: number; departement?: number };

/** Euros to cents, exactly. */
function cents(euros: number): bigint {
  return BigInt(euros) * 100n;
}

function coFunders(amount: bigint, split: Split): BudgetLine['coFunders'] {
  const caf = (amount * BigInt(split.caf ?? 0)) / 100n;
  const departement = (amount * BigInt(split.departement ?? 0)) / 100n;
  const funders: BudgetLine['coFunders'] = [];
  if (caf > 0n) funders.push({ name: 'Caf des Yvelines', amount: caf });
  if (departement > 0n) funders.push({ name: 'Département des Yvelines', amount: departement });
  // The commune takes the remainder, so that the shares always add up to the line.
  funders.push({ name: 'Commune de Carrières-sur-Seine', amount: amount - caf - departement });
  return funders;
}

/**
 * Budget lines of one nature in euros: `planned[i]` for year start + i (null: nothing planned),
 * `actual[i]` for the past years only.
 */
function budget(
  start: number,
  nature: BudgetNature,
  planned: readonly (number | null)[],
  actual: readonly (number | null)[],
  split: Split,
): BudgetLine[] {
  const lines: BudgetLine[] = [];
  planned.forEach((euros, i) => {
    if (euros === null) return;
    const amount = cents(euros);
    lines.push({
      year: start + i,
      nature,
      unit: 'eur',
      stage: 'planned',
      amount,
      coFunders: coFunders(amount, split),
    });
  });
  actual.forEach((euros, i) => {
    if (euros === null) return;
    const amount = cents(euros);
    lines.push({
      year: start + i,
      nature,
      unit: 'eur',
      stage: 'actual',
      amount,
      coFunders: coFunders(amount, split),
    });
  });
  return lines;
}

/** Staff time in hundredths of a full-time equivalent, planned for each year. */
function staff(start: number, hundredths: number, years = DEMO_PLAN_YEARS): BudgetLine[] {
  return Array.from({ length: years }, (_, i) => ({
    year: start + i,
    nature: 'operating' as const,
    unit: 'fte' as const,
    stage: 'planned' as const,
    amount: BigInt(hundredths),
    coFunders: [],
  }));
}

type SubActionInput = Omit<SubAction, 'id' | 'position' | 'recurring' | 'priority' | 'budget'> &
  Partial<Pick<FicheFields, 'recurring' | 'priority' | 'budget'>>;

type FicheInput = Omit<
  Fiche,
  | 'id'
  | 'axeId'
  | 'position'
  | 'subActions'
  | 'version'
  | 'updatedAt'
  | 'confidential'
  | 'linkedFicheIds'
  | 'humanMeans'
  | 'technicalMeans'
  | 'notes'
> & {
  subActions?: SubActionInput[];
  confidential?: boolean;
  linkedFicheIds?: string[];
  humanMeans?: string;
  technicalMeans?: string;
  notes?: { date: IsoDate; text: string }[];
};

function fiche(id: string, axeId: string, position: number, updatedAt: string, input: FicheInput): Fiche {
  const { subActions = [], notes = [], ...rest } = input;
  return {
    humanMeans: '',
    technicalMeans: '',
    linkedFicheIds: [],
    confidential: false,
    ...rest,
    id,
    axeId,
    position,
    notes: notes.map((note, i) => ({
      id: `${id}-note-${i + 1}`,
      date: note.date,
      text: note.text,
      authorId: null,
    })),
    subActions: subActions.map((sub, i) => ({
      recurring: false,
      priority: null,
      budget: [],
      ...sub,
      id: `${id}-sa-${i + 1}`,
      position: i + 1,
    })),
    version: 1,
    updatedAt,
  };
}

/** Target and result values: `targets[i]` and `results[i]` for year start + i. */
function values(
  start: number,
  targets: readonly (string | null)[],
  results: readonly (string | null)[] = [],
  comments: Record<number, string> = {},
): IndicatorValue[] {
  const out: IndicatorValue[] = [];
  targets.forEach((value, i) => {
    if (value !== null) out.push({ year: start + i, kind: 'target', value, comment: '' });
  });
  results.forEach((value, i) => {
    if (value !== null) out.push({ year: start + i, kind: 'result', value, comment: comments[i] ?? '' });
  });
  return out;
}

/**
 * The demo plan of the convention `conventionId`, whose period runs from 1 January `startYear` to
 * 31 December of `startYear + 3`. Every id is stable, so that writing it twice changes nothing.
 */
export function buildDemoPlan(conventionId: string, startYear: number): Plan {
  const y0 = startYear;
  const y1 = startYear + 1;
  const y2 = startYear + 2;
  const y3 = startYear + 3;
  const d = (year: number, monthDay: string): IsoDate => `${year}-${monthDay}`;
  const updated = `${y2}-10-20T08:30:00.000Z`;

  const project: Project = {
    needs: NEEDS,
    objectives: OBJECTIVES,
    cafPriorities: DEMO_CAF_PRIORITIES.map((text, i): CafPriority => ({ id: `caf-priority-${i + 1}`, text })),
    localActions: LOCAL_ACTIONS,
    domainResources: DOMAIN_RESOURCES,
  };

  const fiches: Fiche[] = [
    // Axe 1 — petite enfance
    fiche('fiche-1-1', 'axe-petite-enfance', 1, updated, {
      title: 'Recenser et analyser les besoins d’accueil du jeune enfant',
      description:
        'Tenir un relevé unique des demandes d’accueil (multi-accueils, RPE, guichet famille), les analyser deux fois par an et les présenter au comité de pilotage de la CTG.',
      status: 'done',
      priority: 'high',
      startDate: d(y0, '01-15'),
      endDate: d(y0, '12-15'),
      recurring: false,
      pilots: [PILOTS.petiteEnfance],
      budget: staff(y0, 10, 1),
      theme: 'early_childhood',
      publics: ['families', 'children_0_3'],
      objectiveIds: ['obj-petite-enfance'],
      electedReferent: REFERENTS.petiteEnfance,
      partners: ['Caf des Yvelines', 'PMI du Département des Yvelines'],
      humanMeans: 'Directrice de la petite enfance, animatrice du RPE',
      technicalMeans: 'Tableau partagé des demandes, logiciel de gestion des inscriptions',
      participation: 'consultation',
      evaluationCriteria: [
        'Relevé des demandes tenu à jour et partagé avec le RPE',
        'Analyse présentée au comité de pilotage',
      ],
      notes: [
        {
          date: d(y0, '06-20'),
          text: 'Premier relevé consolidé : 212 demandes pour 64 places libérées à la rentrée.',
        },
        {
          date: d(y0, '12-10'),
          text: 'Analyse présentée au comité de pilotage ; relevé reconduit comme outil courant.',
        },
      ],
    }),
    fiche('fiche-1-2', 'axe-petite-enfance', 2, updated, {
      title: 'Promouvoir et valoriser les métiers de la petite enfance',
      description:
        'Forum annuel des métiers de la petite enfance organisé par le RPE, présence aux forums de l’emploi, accueil de stagiaires dans les multi-accueils.',
      status: 'in_progress',
      priority: 'medium',
      startDate: d(y0, '03-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.rpe],
      budget: budget(y0, 'operating', [3500, 3500, 4000, 4000], [3200, 3650], { caf: 30 }),
      theme: 'early_childhood',
      publics: ['professionals', 'young_18_25'],
      objectiveIds: ['obj-petite-enfance', 'obj-insertion-emploi'],
      electedReferent: REFERENTS.petiteEnfance,
      partners: ['France Travail', 'Mission locale', 'Département des Yvelines'],
      humanMeans: 'Animatrice du RPE, directrices des multi-accueils',
      technicalMeans: 'Salle des fêtes, supports de communication',
      participation: 'information',
      evaluationCriteria: ['Nombre de visiteurs du forum', 'Nombre de candidatures reçues après le forum'],
      subActions: [
        {
          title: 'Forum des métiers de la petite enfance',
          description: 'Un samedi de printemps, avec des professionnelles en exercice.',
          status: 'in_progress',
          startDate: d(y0, '03-01'),
          endDate: null,
          recurring: true,
          pilots: [PILOTS.rpe],
        },
        {
          title: 'Accueil de stagiaires CAP AEPE dans les multi-accueils',
          description: 'Convention avec le lycée professionnel voisin.',
          status: 'planned',
          startDate: d(y2, '09-01'),
          endDate: d(y3, '06-30'),
          pilots: [PILOTS.petiteEnfance],
        },
      ],
      notes: [
        { date: d(y0, '04-06'), text: 'Premier forum : 85 visiteurs, 9 candidatures reçues.' },
        { date: d(y1, '04-12'), text: 'Deuxième forum avec France Travail : 120 visiteurs.' },
      ],
    }),
    fiche('fiche-1-3', 'axe-petite-enfance', 3, updated, {
      title: 'Professionnaliser les assistants maternels et renforcer l’attractivité du métier',
      description:
        'Avec le Département : réunions d’information avant agrément, formations continues au RPE, matinées d’éveil, aide à l’installation des nouveaux assistants maternels.',
      status: 'late',
      priority: 'high',
      startDate: d(y0, '09-01'),
      endDate: d(y2, '06-30'),
      recurring: false,
      pilots: [PILOTS.rpe],
      budget: [
        ...budget(y0, 'operating', [6000, 8000, 8000, 8000], [4100, 5200], { caf: 40, departement: 20 }),
        ...budget(y0, 'investment', [null, 12000, null, null], [null, 9800], { caf: 50 }),
      ],
      theme: 'early_childhood',
      publics: ['professionals', 'children_0_3'],
      objectiveIds: ['obj-petite-enfance'],
      electedReferent: REFERENTS.petiteEnfance,
      partners: ['Département des Yvelines (PMI)', 'Associations d’assistants maternels', 'Caf des Yvelines'],
      humanMeans: 'Animatrice du RPE (0,8 ETP)',
      technicalMeans: 'Salle d’éveil du RPE, matériel de motricité (investissement année 2)',
      participation: 'concertation',
      evaluationCriteria: [
        'Nombre d’assistants maternels agréés en activité',
        'Taux de participation aux formations du RPE',
      ],
      linkedFicheIds: ['fiche-1-2'],
      notes: [
        {
          date: d(y1, '11-15'),
          text: 'Matériel de motricité livré ; la salle d’éveil est ouverte deux matinées par semaine.',
        },
        {
          date: d(y2, '07-03'),
          text: 'Les réunions d’information avant agrément du Département ont été suspendues au premier semestre : le nombre d’assistants maternels continue de baisser. Échéance reportée.',
        },
      ],
    }),
    fiche('fiche-1-4', 'axe-petite-enfance', 4, updated, {
      title: 'Réunir régulièrement les directions des crèches',
      description:
        'Une réunion par mois des directrices des 4 multi-accueils avec la direction de la petite enfance : places, projets, situations à prioriser.',
      status: 'in_progress',
      priority: 'low',
      startDate: d(y0, '01-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.petiteEnfance],
      budget: [],
      theme: 'early_childhood',
      publics: ['professionals'],
      objectiveIds: ['obj-petite-enfance'],
      electedReferent: REFERENTS.petiteEnfance,
      partners: [],
      participation: 'none',
      evaluationCriteria: ['Nombre de réunions tenues dans l’année'],
    }),
    fiche('fiche-1-5', 'axe-petite-enfance', 5, updated, {
      title: 'Poursuivre le projet Passerelles entre les multi-accueils et l’école maternelle',
      description:
        'Visites des écoles maternelles par les enfants qui y feront leur rentrée, temps d’échange entre auxiliaires de puériculture et enseignants, livret de passage.',
      status: 'in_progress',
      priority: 'medium',
      startDate: d(y0, '03-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.petiteEnfance, PILOTS.education],
      budget: budget(y0, 'operating', [1500, 1500, 1800, 1800], [1350, 1480], {}),
      theme: 'early_childhood',
      publics: ['children_0_3', 'children_3_6', 'parents'],
      objectiveIds: ['obj-petite-enfance', 'obj-reussite-scolaire'],
      electedReferent: REFERENTS.education,
      partners: ['Éducation nationale (écoles maternelles)'],
      humanMeans: 'Équipes des multi-accueils, enseignants de petite section',
      participation: 'information',
      evaluationCriteria: ['Nombre d’enfants ayant participé aux visites', 'Satisfaction des parents'],
    }),
    fiche('fiche-1-6', 'axe-petite-enfance', 6, updated, {
      title: 'Crèche à vocation d’insertion professionnelle (AVIP) Petibonum',
      description:
        'Places réservées aux parents en recherche d’emploi ou en formation, attribuées en commission régulière avec France Travail, et accompagnement de ces parents vers l’emploi. Labellisation AVIP renouvelée fin de première année.',
      status: 'in_progress',
      priority: 'high',
      startDate: d(y0, '01-01'),
      endDate: d(y3, '12-31'),
      recurring: false,
      pilots: [PILOTS.petibonum],
      budget: budget(y0, 'operating', [9000, 9000, 9500, 9500], [8700, 9150], { caf: 55 }),
      theme: 'insertion_rights',
      publics: ['parents', 'children_0_3'],
      objectiveIds: ['obj-petite-enfance', 'obj-insertion-emploi'],
      electedReferent: REFERENTS.petiteEnfance,
      partners: ['France Travail', 'Caf des Yvelines', 'Département des Yvelines'],
      humanMeans: 'Directrice de Petibonum, conseillère France Travail référente',
      participation: 'consultation',
      evaluationCriteria: [
        'Nombre de parents accueillis au titre de l’AVIP',
        'Part des parents en emploi ou en formation à la sortie',
      ],
      subActions: [
        {
          title: 'Renouvellement de la labellisation AVIP',
          description: 'Dossier déposé auprès de la Caf et de France Travail.',
          status: 'done',
          startDate: d(y0, '09-01'),
          endDate: d(y0, '12-31'),
          pilots: [PILOTS.petibonum],
        },
        {
          title: 'Commissions d’attribution trimestrielles',
          description: 'Avec France Travail et la direction de la petite enfance.',
          status: 'in_progress',
          startDate: d(y0, '01-01'),
          endDate: null,
          recurring: true,
          pilots: [PILOTS.petiteEnfance],
        },
      ],
      notes: [
        { date: d(y0, '12-18'), text: 'Labellisation AVIP renouvelée pour trois ans.' },
        {
          date: d(y1, '12-12'),
          text: '11 parents accueillis dans l’année, 7 en emploi ou en formation à la sortie.',
        },
      ],
    }),
    fiche('fiche-1-7', 'axe-petite-enfance', 7, updated, {
      title: 'Prioriser dans les multi-accueils les situations de handicap, de santé et suivies par la PMI',
      description:
        'Critères de priorité dans les commissions d’attribution pour les enfants en situation de handicap ou de maladie, et pour les situations signalées par la PMI ou les partenaires sociaux ; protocole d’accueil individualisé.',
      status: 'in_progress',
      priority: 'high',
      startDate: d(y0, '09-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.petiteEnfance],
      budget: budget(y0, 'operating', [2500, 4000, 4000, 4000], [2300, 3900], { caf: 50 }),
      theme: 'disability',
      publics: ['children_0_3', 'disabled_people', 'families'],
      objectiveIds: ['obj-handicap', 'obj-difficultes'],
      electedReferent: REFERENTS.solidarites,
      partners: ['PMI du Département des Yvelines', 'Caf des Yvelines (bonus inclusion handicap)'],
      humanMeans: 'Infirmière puéricultrice de la direction, référents santé des multi-accueils',
      participation: 'none',
      evaluationCriteria: ['Nombre d’enfants accueillis au titre des critères de priorité'],
      confidential: true,
      linkedFicheIds: ['fiche-3-2'],
      notes: [
        {
          date: d(y1, '10-02'),
          text: 'Les situations sont examinées nominativement en commission : la fiche n’est lue que par les membres du comité de pilotage.',
        },
      ],
    }),

    // Axe 2 — enfance et jeunesse
    fiche('fiche-2-1', 'axe-enfance-jeunesse', 1, updated, {
      title: 'Diversifier les activités des stages de l’École municipale des sports',
      description:
        'Nouvelles disciplines pendant les stages des vacances (matinées ou journées) : escalade, sports de raquette, activités nautiques sur la Seine.',
      status: 'in_progress',
      priority: 'medium',
      startDate: d(y0, '02-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.sports],
      budget: budget(y0, 'operating', [7000, 7500, 8000, 8000], [6800, 7900], { caf: 20 }),
      theme: 'childhood_youth',
      publics: ['children_6_11', 'children_11_17'],
      objectiveIds: ['obj-enfants'],
      electedReferent: REFERENTS.sports,
      partners: ['Associations sportives de la ville'],
      humanMeans: 'Éducateurs territoriaux des activités physiques et sportives (ETAPS)',
      technicalMeans: 'Gymnases de l’Ardente et des Alouettes',
      participation: 'consultation',
      evaluationCriteria: ['Nombre d’enfants inscrits aux stages', 'Nombre de disciplines proposées'],
    }),
    fiche('fiche-2-2', 'axe-enfance-jeunesse', 2, updated, {
      title: 'Améliorer la qualité de l’accueil des enfants en partant de leurs besoins',
      description:
        'Projets pédagogiques révisés avec les enfants, formation des animateurs (BAFA/BAFD), aménagement d’espaces calmes dans les accueils de loisirs.',
      status: 'in_progress',
      priority: 'high',
      startDate: d(y0, '09-01'),
      endDate: d(y3, '08-31'),
      recurring: false,
      pilots: [PILOTS.education],
      budget: [
        ...budget(y0, 'operating', [5000, 5000, 5500, 5500], [4800, 5100], { caf: 30 }),
        ...budget(y0, 'investment', [null, null, 15000, null], [], { caf: 40 }),
      ],
      theme: 'childhood_youth',
      publics: ['children_3_6', 'children_6_11', 'professionals'],
      objectiveIds: ['obj-enfants'],
      electedReferent: REFERENTS.education,
      partners: ['Caf des Yvelines', 'Service départemental à la jeunesse (SDJES)'],
      humanMeans: 'Directeurs des accueils de loisirs, animateurs',
      participation: 'co_construction',
      evaluationCriteria: ['Nombre d’animateurs formés', 'Taux d’encadrement qualifié'],
      subActions: [
        {
          title: 'Formation BAFA/BAFD de 4 animateurs par an',
          description: 'Prise en charge des stages par la Ville.',
          status: 'in_progress',
          startDate: d(y0, '10-01'),
          endDate: null,
          recurring: true,
          pilots: [PILOTS.education],
          budget: budget(y0, 'operating', [2400, 2400, 2400, 2400], [2400, 1800], {}),
        },
        {
          title: 'Aménagement d’espaces calmes dans les accueils de loisirs',
          description: 'Mobilier et isolation phonique, accueils Pierrots et Plants de Catelaine.',
          status: 'planned',
          startDate: d(y2, '11-01'),
          endDate: d(y3, '04-30'),
          pilots: [PILOTS.education],
        },
      ],
    }),
    fiche('fiche-2-3', 'axe-enfance-jeunesse', 3, updated, {
      title: 'Mieux communiquer avec les familles des accueils de loisirs',
      description:
        'Conseils des accueils de loisirs avec des parents élus, soirées familles, fête annuelle des accueils de loisirs, lettre d’information numérique.',
      status: 'done',
      priority: 'medium',
      startDate: d(y0, '01-01'),
      endDate: d(y1, '12-31'),
      recurring: false,
      pilots: [PILOTS.education],
      budget: budget(y0, 'operating', [2000, 2000, null, null], [1900, 2150], {}),
      theme: 'childhood_youth',
      publics: ['parents', 'children_3_6', 'children_6_11'],
      objectiveIds: ['obj-enfants', 'obj-reussite-scolaire'],
      electedReferent: REFERENTS.education,
      partners: ['Fédérations de parents d’élèves'],
      participation: 'co_construction',
      evaluationCriteria: [
        'Nombre de conseils tenus',
        'Participation des familles à la fête des accueils de loisirs',
      ],
      notes: [
        { date: d(y1, '06-28'), text: 'Fête des accueils de loisirs : 430 participants.' },
        {
          date: d(y1, '12-15'),
          text: 'Les conseils des accueils de loisirs se tiennent désormais sans appui du service : action close.',
        },
      ],
    }),
    fiche('fiche-2-4', 'axe-enfance-jeunesse', 4, updated, {
      title: 'Développer l’offre d’accueil périscolaire pour les 3 à 10 ans',
      description:
        'Répondre aux listes d’attente du soir : places supplémentaires à l’accueil maternel Les Alouettes et à l’accueil élémentaire Jacques Prévert, recrutement d’animateurs.',
      status: 'in_progress',
      priority: 'high',
      startDate: d(y0, '09-01'),
      endDate: d(y3, '08-31'),
      recurring: false,
      pilots: [PILOTS.education],
      budget: [
        ...budget(y0, 'operating', [18000, 36000, 38000, 38000], [16500, 34200], { caf: 35 }),
        ...budget(y0, 'investment', [null, 45000, 20000, null], [null, 51300], { caf: 40, departement: 20 }),
      ],
      theme: 'childhood_youth',
      publics: ['children_3_6', 'children_6_11', 'families'],
      objectiveIds: ['obj-enfants'],
      electedReferent: REFERENTS.education,
      partners: ['Caf des Yvelines', 'Département des Yvelines', 'Éducation nationale'],
      humanMeans: '3 animateurs supplémentaires (2,4 ETP)',
      technicalMeans: 'Salle rénovée à l’accueil Les Alouettes',
      participation: 'consultation',
      evaluationCriteria: [
        'Nombre de places périscolaires du soir',
        'Nombre d’enfants en liste d’attente à la rentrée',
      ],
      linkedFicheIds: ['fiche-2-2'],
      subActions: [
        {
          title: 'Étude des listes d’attente par école',
          description: 'Recensement à la rentrée et à la Toussaint.',
          status: 'done',
          startDate: d(y0, '09-01'),
          endDate: d(y0, '11-30'),
          pilots: [PILOTS.education],
        },
        {
          title: 'Travaux de la salle d’activités de l’accueil Les Alouettes',
          description: 'Rénovation et mise aux normes pour 24 places supplémentaires.',
          status: 'late',
          startDate: d(y1, '04-01'),
          endDate: d(y2, '08-31'),
          pilots: [{ kind: 'person', name: 'Services techniques — M. Olivier Lemaire' }],
        },
        {
          title: 'Recrutement de trois animateurs',
          description: 'Postes à temps non complet, périscolaire du soir et mercredi.',
          status: 'done',
          startDate: d(y1, '05-01'),
          endDate: d(y1, '09-01'),
          pilots: [PILOTS.education],
        },
      ],
      notes: [
        { date: d(y1, '09-10'), text: '40 places du soir ouvertes à la rentrée à Jacques Prévert.' },
        {
          date: d(y2, '09-05'),
          text: 'Les travaux des Alouettes ont pris trois mois de retard (désamiantage) : ouverture des places prévue après les vacances d’hiver.',
        },
      ],
    }),
    fiche('fiche-2-5', 'axe-enfance-jeunesse', 5, updated, {
      title: 'Réduire les inégalités d’accès aux activités péri et extrascolaires',
      description:
        'Revoir la grille tarifaire au quotient familial, faire connaître l’aide aux vacances enfants de la Caf et réserver des places aux familles orientées par les travailleurs sociaux.',
      status: 'planned',
      priority: 'medium',
      startDate: d(y2, '09-01'),
      endDate: d(y3, '12-31'),
      recurring: false,
      pilots: [],
      budget: budget(y0, 'operating', [null, null, 3000, 12000], [], { caf: 25 }),
      theme: 'access_to_rights',
      publics: ['families', 'children_6_11', 'children_11_17'],
      objectiveIds: ['obj-enfants', 'obj-charges-familiales'],
      electedReferent: REFERENTS.education,
      partners: ['Caf des Yvelines', 'Service social départemental'],
      participation: 'concertation',
      evaluationCriteria: [
        'Part des enfants inscrits dont la famille relève des deux premières tranches du quotient',
        'Nombre d’enfants bénéficiaires de l’aide aux vacances',
      ],
      notes: [
        {
          date: d(y2, '06-30'),
          text: 'Le pilote reste à désigner entre la direction de l’éducation et le CCAS.',
        },
      ],
    }),

    // Axe 3 — handicap
    fiche('fiche-3-1', 'axe-handicap', 1, updated, {
      title: 'Accueillir les enfants de l’IME dans les équipements sportifs de la Ville',
      description:
        'Séances hebdomadaires de motricité et d’expression corporelle, menées par les ETAPS avec les éducateurs de l’IME, en lien avec l’Éducation nationale.',
      status: 'in_progress',
      priority: 'medium',
      startDate: d(y0, '09-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.sports],
      budget: budget(y0, 'operating', [2000, 2000, 2200, 2200], [1850, 2050], { caf: 20, departement: 30 }),
      theme: 'disability',
      publics: ['disabled_people', 'children_6_11', 'children_11_17'],
      objectiveIds: ['obj-handicap'],
      electedReferent: REFERENTS.sports,
      partners: ['IME de Carrières-sur-Seine', 'Éducation nationale'],
      humanMeans: '2 ETAPS, éducateurs de l’IME',
      technicalMeans: 'Gymnase de l’Ardente',
      participation: 'concertation',
      evaluationCriteria: ['Nombre de séances réalisées', 'Nombre d’enfants de l’IME accueillis'],
    }),
    fiche('fiche-3-2', 'axe-handicap', 2, updated, {
      title: 'Accueillir les enfants et les jeunes en situation de handicap dans les accueils de loisirs',
      description:
        'Accueils de loisirs municipaux et accueil de loisirs de la Roseraie : livret d’accueil, formation des animateurs, ateliers musicaux avec le BAO PAO.',
      status: 'in_progress',
      priority: 'high',
      startDate: d(y0, '01-01'),
      endDate: d(y3, '12-31'),
      recurring: false,
      pilots: [PILOTS.education],
      budget: budget(y0, 'operating', [6000, 6500, 7000, 7000], [5600, 6700], { caf: 40 }),
      theme: 'disability',
      publics: ['disabled_people', 'children_3_6', 'children_6_11', 'children_11_17'],
      objectiveIds: ['obj-handicap'],
      electedReferent: REFERENTS.solidarites,
      partners: [
        'Accueil de loisirs la Roseraie',
        'BAO PAO',
        'IME de Carrières-sur-Seine',
        'Caf des Yvelines',
      ],
      humanMeans: 'Référent inclusion des accueils de loisirs',
      participation: 'co_construction',
      evaluationCriteria: [
        'Nombre d’enfants en situation de handicap accueillis',
        'Nombre d’animateurs formés à l’accueil du handicap',
      ],
      linkedFicheIds: ['fiche-3-1'],
      subActions: [
        {
          title: 'Livret d’accueil des enfants à besoins spécifiques',
          description: 'Rédigé avec les familles et l’IME.',
          status: 'late',
          startDate: d(y1, '01-01'),
          endDate: d(y1, '12-31'),
          pilots: [PILOTS.education],
        },
        {
          title: 'Ateliers musicaux avec le BAO PAO',
          description: 'Un cycle par trimestre à la Roseraie.',
          status: 'in_progress',
          startDate: d(y0, '01-01'),
          endDate: null,
          recurring: true,
          pilots: [{ kind: 'person', name: 'Accueil de loisirs la Roseraie — Mme Anne Quéré' }],
        },
        {
          title: 'Formation des animateurs à l’accueil du handicap',
          description: 'Deux journées avec une association spécialisée.',
          status: 'done',
          startDate: d(y0, '10-01'),
          endDate: d(y0, '10-31'),
          pilots: [PILOTS.education],
        },
      ],
      notes: [
        {
          date: d(y2, '03-14'),
          text: 'Le livret est relu par les familles ; diffusion prévue à la rentrée.',
        },
      ],
    }),

    // Axe 4 — parentalité
    fiche('fiche-4-1', 'axe-parentalite', 1, updated, {
      title: 'Des loisirs sportifs partagés entre parents et enfants',
      description:
        'Séances parents-enfants le samedi matin, de la maternelle au collège, pour créer du lien et transmettre des valeurs par le sport.',
      status: 'in_progress',
      priority: 'medium',
      startDate: d(y0, '09-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.sports],
      budget: budget(y0, 'operating', [3000, 3000, 3200, 3200], [2700, 3100], { caf: 30 }),
      theme: 'parenting',
      publics: ['parents', 'children_3_6', 'children_6_11', 'children_11_17'],
      objectiveIds: ['obj-charges-familiales'],
      electedReferent: REFERENTS.sports,
      partners: ['Associations sportives de la ville'],
      participation: 'consultation',
      evaluationCriteria: ['Nombre de familles participantes', 'Fidélisation des familles sur l’année'],
    }),
    fiche('fiche-4-2', 'axe-parentalite', 2, updated, {
      title: 'Accompagner les parents dans leur fonction parentale et la réussite éducative',
      description:
        'Ateliers parents-enfants du Programme de réussite éducative à la ludothèque, CLAS élémentaire et collège, café des parents au collège.',
      status: 'in_progress',
      priority: 'high',
      startDate: d(y0, '09-01'),
      endDate: d(y3, '07-07'),
      recurring: false,
      pilots: [PILOTS.pre],
      budget: budget(y0, 'operating', [14000, 14000, 15000, 15000], [13600, 14300], {
        caf: 45,
        departement: 10,
      }),
      theme: 'parenting',
      publics: ['parents', 'children_6_11', 'children_11_17'],
      objectiveIds: ['obj-charges-familiales', 'obj-reussite-scolaire'],
      electedReferent: REFERENTS.education,
      partners: ['Éducation nationale', 'Médiathèque', 'Caf des Yvelines (CLAS, REAAP)'],
      humanMeans: 'Coordinatrice du PRE, animateurs CLAS, ludothécaire',
      participation: 'co_construction',
      evaluationCriteria: ['Nombre d’enfants suivis par le CLAS', 'Nombre de parents présents aux ateliers'],
      subActions: [
        {
          title: 'CLAS collège',
          description: 'À l’Espace de vie sociale et à l’Accueil loisirs jeunes.',
          status: 'in_progress',
          startDate: d(y0, '10-01'),
          endDate: null,
          recurring: true,
          pilots: [PILOTS.pre],
        },
        {
          title: 'Café des parents au collège',
          description: 'Un matin par mois avec la principale et l’assistante sociale scolaire.',
          status: 'paused',
          startDate: d(y1, '01-01'),
          endDate: d(y3, '06-30'),
          pilots: [PILOTS.pre],
        },
      ],
      notes: [
        {
          date: d(y2, '02-01'),
          text: 'Café des parents suspendu en attendant l’arrivée de la nouvelle principale.',
        },
      ],
    }),
    fiche('fiche-4-3', 'axe-parentalite', 3, updated, {
      title: 'Renforcer le maillage des acteurs autour des familles',
      description:
        'Un réseau parentalité réunissant trois fois par an les services municipaux, le PRE, le CLAS, la Caf, le Département, France Travail et la mission locale ; annuaire partagé des actions.',
      status: 'paused',
      priority: 'medium',
      startDate: d(y0, '06-01'),
      endDate: d(y3, '12-31'),
      recurring: false,
      pilots: [PILOTS.cooperation],
      budget: budget(y0, 'operating', [1000, 1000, 1000, 1000], [600, 250], {}),
      theme: 'parenting',
      publics: ['professionals', 'parents'],
      objectiveIds: ['obj-difficultes', 'obj-charges-familiales'],
      electedReferent: REFERENTS.petiteEnfance,
      partners: [
        'Caf des Yvelines',
        'Département des Yvelines',
        'France Travail',
        'Mission locale',
        'la CASGBS',
      ],
      participation: 'concertation',
      evaluationCriteria: ['Nombre de rencontres du réseau', 'Nombre de partenaires présents'],
      notes: [
        {
          date: d(y1, '09-20'),
          text: 'Poste de chargée de coopération vacant de juillet à décembre : réseau en pause.',
        },
      ],
    }),

    // Axe 5 — insertion et accès aux droits
    fiche('fiche-5-1', 'axe-insertion', 1, updated, {
      title: 'Un programme d’activités « Bien vieillir, bien-être »',
      description:
        'Ateliers mémoire, prévention des chutes, numérique, sorties, définis avec les usagers de l’Espace de vie sociale.',
      status: 'in_progress',
      priority: 'medium',
      startDate: d(y0, '01-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.evs],
      budget: budget(y0, 'operating', [4500, 4500, 5000, 5000], [4200, 4750], { departement: 30 }),
      theme: 'social_life',
      publics: ['seniors', 'all_inhabitants'],
      objectiveIds: ['obj-vie-collective'],
      electedReferent: REFERENTS.solidarites,
      partners: ['Autonom’y', 'Département des Yvelines'],
      participation: 'co_construction',
      evaluationCriteria: ['Nombre de participants différents', 'Satisfaction des participants'],
    }),
    fiche('fiche-5-2', 'axe-insertion', 2, updated, {
      title: 'Intégrer une Maison France Services et former le personnel',
      description:
        'Ouvrir à l’Espace de vie sociale un accueil France Services pour les démarches en ligne (Caf, impôts, santé, emploi) et former deux agents d’accueil.',
      status: 'blocked',
      priority: 'high',
      startDate: d(y1, '01-01'),
      endDate: d(y2, '12-31'),
      recurring: false,
      pilots: [PILOTS.ccas],
      budget: [
        ...budget(y0, 'operating', [null, 8000, 30000, 30000], [null, 2400], {}),
        ...budget(y0, 'investment', [null, 25000, null, null], [], { caf: 30 }),
      ],
      theme: 'access_to_rights',
      publics: ['all_inhabitants', 'families', 'seniors'],
      objectiveIds: ['obj-difficultes', 'obj-insertion-emploi'],
      electedReferent: REFERENTS.solidarites,
      partners: ['ANCT', 'Préfecture des Yvelines', 'Caf des Yvelines', 'France Travail'],
      humanMeans: '2 agents d’accueil à former',
      technicalMeans: 'Bureau d’accueil confidentiel, postes informatiques',
      participation: 'information',
      evaluationCriteria: ['Labellisation obtenue', 'Nombre de démarches accompagnées par mois'],
      notes: [
        { date: d(y1, '11-08'), text: 'Dossier de labellisation déposé auprès de la préfecture.' },
        {
          date: d(y2, '05-22'),
          text: 'Labellisation refusée en l’état : une France Services existe à moins de 20 minutes. Bloqué en attendant l’avis de la CASGBS sur une antenne itinérante.',
        },
      ],
    }),
    fiche('fiche-5-3', 'axe-insertion', 3, updated, {
      title: 'Développer le réseau de l’insertion et un lieu de rencontre des 16-25 ans',
      description:
        'Réseau partenarial de l’insertion et de l’emploi, et rencontres régulières entre jeunes de 16 à 25 ans et agents de la fonction publique au Point information jeunesse.',
      status: 'in_progress',
      priority: 'high',
      startDate: d(y0, '09-01'),
      endDate: d(y3, '12-31'),
      recurring: false,
      pilots: [PILOTS.jeunesse],
      budget: budget(y0, 'operating', [3000, 4500, 4500, 4500], [2600, 4800], { caf: 20, departement: 20 }),
      theme: 'insertion_rights',
      publics: ['young_18_25', 'children_11_17'],
      objectiveIds: ['obj-autonomie-jeunes', 'obj-insertion-emploi'],
      electedReferent: REFERENTS.jeunesse,
      partners: ['Mission locale', 'France Travail', 'la CASGBS', 'Centre de gestion des Yvelines'],
      participation: 'concertation',
      evaluationCriteria: ['Nombre de jeunes reçus', 'Nombre de jeunes orientés vers un stage ou un emploi'],
      subActions: [
        {
          title: 'Forum des métiers de la fonction publique',
          description: 'Avec les services de la Ville, de la CASGBS et du Département.',
          status: 'done',
          startDate: d(y1, '02-01'),
          endDate: d(y1, '03-31'),
          pilots: [PILOTS.jeunesse],
        },
        {
          title: 'Permanence mensuelle de la mission locale au PRIJ',
          description: 'Le mercredi après-midi.',
          status: 'in_progress',
          startDate: d(y0, '09-01'),
          endDate: null,
          recurring: true,
          pilots: [PILOTS.jeunesse],
        },
      ],
    }),
    fiche('fiche-5-4', 'axe-insertion', 4, updated, {
      title: 'Des actions pérennes pour promouvoir l’insertion et découvrir des métiers',
      description:
        'Visites d’entreprises, stages de découverte et chantiers éducatifs pendant les vacances avec le bailleur et les associations d’insertion.',
      status: 'late',
      priority: 'medium',
      startDate: d(y1, '01-01'),
      endDate: d(y2, '06-30'),
      recurring: false,
      pilots: [PILOTS.jeunesse],
      budget: budget(y0, 'operating', [null, 6000, 6000, 6000], [null, 2100], { departement: 40 }),
      theme: 'insertion_rights',
      publics: ['children_11_17', 'young_18_25'],
      objectiveIds: ['obj-insertion-emploi', 'obj-autonomie-jeunes'],
      electedReferent: REFERENTS.jeunesse,
      partners: ['l’APES', 'Bailleur social', 'Mission locale'],
      participation: 'consultation',
      evaluationCriteria: ['Nombre de jeunes ayant participé à un chantier éducatif'],
      linkedFicheIds: ['fiche-5-3'],
      notes: [{ date: d(y2, '07-15'), text: 'Un seul chantier éducatif réalisé sur les trois prévus.' }],
    }),
    fiche('fiche-5-5', 'axe-insertion', 5, updated, {
      title: 'Pérenniser les permanences des partenaires',
      description:
        'Calendrier annuel des permanences à l’Espace de vie sociale : France Travail, CIDFF, Autonom’y, APES, point d’accès aux droits de la Caf.',
      status: 'in_progress',
      priority: 'medium',
      startDate: d(y0, '01-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.ccas],
      budget: staff(y0, 20),
      theme: 'access_to_rights',
      publics: ['all_inhabitants', 'families'],
      objectiveIds: ['obj-difficultes'],
      electedReferent: REFERENTS.solidarites,
      partners: ['France Travail', 'CIDFF', 'Autonom’y', 'l’APES', 'Caf des Yvelines'],
      participation: 'information',
      evaluationCriteria: ['Nombre de permanences tenues', 'Nombre de personnes reçues'],
    }),

    // Axe 6 — animation de la vie sociale
    fiche('fiche-6-1', 'axe-vie-sociale', 1, updated, {
      title: 'Des actions hors les murs de l’Espace de vie sociale et de la ludothèque',
      description:
        'Ludothèque mobile et animations en pied d’immeuble et dans les parcs l’été, avec un atelier réparation et récupération de jouets.',
      status: 'in_progress',
      priority: 'medium',
      startDate: d(y0, '05-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.ludotheque],
      budget: [
        ...budget(y0, 'operating', [4000, 4000, 4500, 4500], [3900, 4350], { caf: 30 }),
        ...budget(y0, 'investment', [9000, null, null, null], [8650, null], { caf: 50 }),
      ],
      theme: 'ecological_transition',
      publics: ['families', 'all_inhabitants', 'children_3_6', 'children_6_11'],
      objectiveIds: ['obj-vie-collective'],
      electedReferent: REFERENTS.vieSociale,
      partners: ['Bailleur social', 'Associations de quartier'],
      humanMeans: 'Ludothécaire, animatrice de l’EVS',
      technicalMeans: 'Véhicule utilitaire aménagé (investissement année 1)',
      participation: 'concertation',
      evaluationCriteria: [
        'Nombre de sorties hors les murs',
        'Nombre de nouvelles familles inscrites à la ludothèque',
      ],
    }),
    fiche('fiche-6-2', 'axe-vie-sociale', 2, updated, {
      title: 'Des temps d’échanges conviviaux',
      description: 'Café des seniors une fois par mois, soirées jeux en famille à la ludothèque.',
      status: 'in_progress',
      priority: 'low',
      startDate: d(y0, '01-01'),
      endDate: null,
      recurring: true,
      pilots: [PILOTS.ludotheque, PILOTS.evs],
      budget: budget(y0, 'operating', [1500, 1500, 1500, 1500], [1400, 1620], {}),
      theme: 'social_life',
      publics: ['families', 'seniors'],
      objectiveIds: ['obj-vie-collective'],
      electedReferent: REFERENTS.vieSociale,
      partners: [],
      participation: 'co_construction',
      evaluationCriteria: ['Nombre de soirées jeux', 'Nombre de participants au café des seniors'],
    }),
    fiche('fiche-6-3', 'axe-vie-sociale', 3, updated, {
      title: 'Agir avec le bailleur et mettre des locaux à disposition',
      description:
        'Animations communes dans la résidence du bailleur, information sur les aides au logement et la prévention des impayés ; locaux municipaux prêtés pour des formations et réunions.',
      status: 'planned',
      priority: 'medium',
      startDate: d(y2, '11-01'),
      endDate: d(y3, '12-31'),
      recurring: false,
      pilots: [PILOTS.evs],
      budget: budget(y0, 'operating', [null, null, 1000, 3000], [], { caf: 30 }),
      theme: 'housing',
      publics: ['families', 'all_inhabitants'],
      objectiveIds: ['obj-vie-collective', 'obj-difficultes'],
      electedReferent: REFERENTS.vieSociale,
      partners: ['Bailleur social', 'Caf des Yvelines', 'ADIL des Yvelines'],
      participation: 'consultation',
      evaluationCriteria: ['Nombre d’actions menées avec le bailleur', 'Nombre de familles informées'],
    }),
  ];

  const indicators: Indicator[] = [
    // Indicators of objectives, read from the diagnostic
    {
      id: 'ind-couverture-assmat',
      ficheId: null,
      objectiveId: 'obj-petite-enfance',
      title: 'Taux de couverture par les assistants maternels libéraux',
      unit: 'places pour 100 enfants de 0-2 ans',
      baselineValue: '23.3',
      baselineDate: '2020-12-31',
      source: 'Cnaf, taux 2020 (diagnostic partagé)',
      comment: 'Suivi avec les taux publiés par la Cnaf chaque année.',
      diagnosticIndicatorId: 'coverage_rate_assmat',
      // As the demo's diagnostic publishes it (tests/integration/demo-plan.test.ts checks it).
      diagnosticFigure: {
        label: 'Taux de couverture par les assistants maternels libéraux (pour 100 enfants de 0-2 ans)',
        value: '23,3',
        year: 2020,
        source: 'Diagnostic partagé (Cnaf, taux 2020)',
      },
      values: values(y0, ['24', '25', '26', '27']),
    },
    {
      id: 'ind-couverture-caf-18-19',
      ficheId: null,
      objectiveId: 'obj-autonomie-jeunes',
      title: 'Taux de couverture Caf des 18-19 ans',
      unit: '%',
      baselineValue: '51.5',
      baselineDate: '2022-12-31',
      source: 'Caf au 31/12/2022 (diagnostic partagé)',
      comment: '',
      diagnosticIndicatorId: 'youth_caf_coverage_18_19',
      diagnosticFigure: {
        label: 'Taux de couverture Caf des 18-19 ans',
        value: '51,5 %',
        year: 2022,
        source: 'Diagnostic partagé (Caf au 31/12/2022)',
      },
      values: values(y0, [null, '55', '58', '60']),
    },
    // Indicators of fiches
    {
      id: 'ind-demandes-accueil',
      ficheId: 'fiche-1-1',
      objectiveId: null,
      title: 'Demandes d’accueil analysées',
      unit: 'demandes',
      baselineValue: null,
      baselineDate: null,
      source: 'Relevé des demandes de la direction de la petite enfance',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['200'], ['212']),
    },
    {
      id: 'ind-forum-visiteurs',
      ficheId: 'fiche-1-2',
      objectiveId: null,
      title: 'Visiteurs du forum des métiers de la petite enfance',
      unit: 'personnes',
      baselineValue: '0',
      baselineDate: d(y0, '01-01'),
      source: 'Comptage à l’entrée du forum',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['80', '100', '120', '140'], ['85', '120']),
    },
    {
      id: 'ind-assmat-actifs',
      ficheId: 'fiche-1-3',
      objectiveId: null,
      title: 'Assistants maternels agréés en activité',
      unit: 'assistants maternels',
      baselineValue: '58',
      baselineDate: d(y0, '01-01'),
      source: 'Relais Petite Enfance, liste du Département',
      comment: 'La baisse se poursuit malgré les actions d’attractivité.',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['58', '60', '62', '64'], ['55', '52'], {
        1: 'Six départs en retraite, trois agréments.',
      }),
    },
    {
      id: 'ind-formations-rpe',
      ficheId: 'fiche-1-3',
      objectiveId: null,
      title: 'Part des assistants maternels ayant suivi une formation du RPE',
      unit: '%',
      baselineValue: '31',
      baselineDate: d(y0, '01-01'),
      source: 'Relais Petite Enfance',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['35', '40', '45', '50'], ['38', '46.2']),
    },
    {
      id: 'ind-passerelles',
      ficheId: 'fiche-1-5',
      objectiveId: null,
      title: 'Enfants ayant visité leur future école maternelle',
      unit: 'enfants',
      baselineValue: '48',
      baselineDate: d(y0, '01-01'),
      source: 'Multi-accueils',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['60', '70', '75', '80'], ['63', '71']),
    },
    {
      id: 'ind-avip-parents',
      ficheId: 'fiche-1-6',
      objectiveId: null,
      title: 'Parents accueillis au titre de l’AVIP',
      unit: 'parents',
      baselineValue: '8',
      baselineDate: d(y0, '01-01'),
      source: 'Commissions d’attribution de Petibonum',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['10', '10', '12', '12'], ['9', '11']),
    },
    {
      id: 'ind-avip-sorties',
      ficheId: 'fiche-1-6',
      objectiveId: null,
      title: 'Part des parents en emploi ou en formation à la sortie',
      unit: '%',
      baselineValue: '50',
      baselineDate: d(y0, '01-01'),
      source: 'France Travail',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['55', '60', '60', '65'], ['55.6', '63.6']),
    },
    {
      id: 'ind-priorites-accueil',
      ficheId: 'fiche-1-7',
      objectiveId: null,
      title: 'Enfants accueillis au titre des critères de priorité',
      unit: 'enfants',
      baselineValue: '6',
      baselineDate: d(y0, '01-01'),
      source: 'Commissions d’attribution',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['8', '10', '10', '12'], ['9', '12']),
    },
    {
      id: 'ind-stages-inscrits',
      ficheId: 'fiche-2-1',
      objectiveId: null,
      title: 'Enfants inscrits aux stages de l’École municipale des sports',
      unit: 'enfants',
      baselineValue: '310',
      baselineDate: d(y0, '01-01'),
      source: 'Service des sports',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['320', '340', '360', '380'], ['334', '351']),
    },
    {
      id: 'ind-animateurs-formes',
      ficheId: 'fiche-2-2',
      objectiveId: null,
      title: 'Animateurs formés au BAFA ou au BAFD',
      unit: 'animateurs',
      baselineValue: '0',
      baselineDate: d(y0, '01-01'),
      source: 'Direction de l’éducation',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['4', '4', '4', '4'], ['4', '3'], {
        1: 'Un stagiaire a abandonné en cours de formation.',
      }),
    },
    {
      id: 'ind-familles-fete',
      ficheId: 'fiche-2-3',
      objectiveId: null,
      title: 'Participants à la fête des accueils de loisirs',
      unit: 'personnes',
      baselineValue: '300',
      baselineDate: d(y0, '01-01'),
      source: 'Direction de l’éducation',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['350', '400'], ['380', '430']),
    },
    {
      id: 'ind-places-periscolaires',
      ficheId: 'fiche-2-4',
      objectiveId: null,
      title: 'Places périscolaires du soir pour les 3 à 10 ans',
      unit: 'places',
      baselineValue: '520',
      baselineDate: d(y0, '09-01'),
      source: 'Direction de l’éducation',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['520', '560', '584', '584'], ['520', '560']),
    },
    {
      id: 'ind-liste-attente',
      ficheId: 'fiche-2-4',
      objectiveId: null,
      title: 'Enfants en liste d’attente à la rentrée',
      unit: 'enfants',
      baselineValue: '67',
      baselineDate: d(y0, '09-15'),
      source: 'Direction de l’éducation',
      comment: 'Plus la valeur est basse, mieux c’est.',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['67', '30', '10', '0'], ['67', '34']),
    },
    {
      id: 'ind-qf-bas',
      ficheId: 'fiche-2-5',
      objectiveId: null,
      title: 'Part des enfants inscrits relevant des deux premières tranches du quotient familial',
      unit: '%',
      baselineValue: '14',
      baselineDate: d(y1, '09-01'),
      source: 'Logiciel d’inscription',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, [null, null, '16', '18']),
    },
    {
      id: 'ind-seances-ime',
      ficheId: 'fiche-3-1',
      objectiveId: null,
      title: 'Séances avec les enfants de l’IME',
      unit: 'séances',
      baselineValue: '20',
      baselineDate: d(y0, '01-01'),
      source: 'Service des sports',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['30', '30', '32', '32'], ['28', '31']),
    },
    {
      id: 'ind-enfants-handicap-alsh',
      ficheId: 'fiche-3-2',
      objectiveId: null,
      title: 'Enfants en situation de handicap accueillis en accueil de loisirs',
      unit: 'enfants',
      baselineValue: '11',
      baselineDate: d(y0, '01-01'),
      source: 'Référent inclusion',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['12', '14', '16', '18'], ['13', '15']),
    },
    {
      id: 'ind-familles-sport',
      ficheId: 'fiche-4-1',
      objectiveId: null,
      title: 'Familles participant aux séances parents-enfants',
      unit: 'familles',
      baselineValue: '0',
      baselineDate: d(y0, '09-01'),
      source: 'Service des sports',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['15', '25', '30', '35'], ['18', '24']),
    },
    {
      id: 'ind-clas',
      ficheId: 'fiche-4-2',
      objectiveId: null,
      title: 'Enfants suivis par le CLAS',
      unit: 'enfants',
      baselineValue: '42',
      baselineDate: d(y0, '09-01'),
      source: 'Programme de réussite éducative',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['45', '48', '50', '50'], ['46', '49']),
    },
    {
      id: 'ind-reseau-parentalite',
      ficheId: 'fiche-4-3',
      objectiveId: null,
      title: 'Rencontres du réseau parentalité',
      unit: 'rencontres',
      baselineValue: '0',
      baselineDate: d(y0, '06-01'),
      source: 'Chargée de coopération',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['2', '3', '3', '3'], ['2', '1']),
    },
    {
      id: 'ind-bien-vieillir',
      ficheId: 'fiche-5-1',
      objectiveId: null,
      title: 'Participants différents aux ateliers « Bien vieillir »',
      unit: 'personnes',
      baselineValue: '35',
      baselineDate: d(y0, '01-01'),
      source: 'Espace de vie sociale',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['40', '45', '50', '55'], ['44', '52']),
    },
    {
      id: 'ind-france-services',
      ficheId: 'fiche-5-2',
      objectiveId: null,
      title: 'Démarches accompagnées par mois',
      unit: 'démarches',
      baselineValue: null,
      baselineDate: null,
      source: 'Accueil France Services',
      comment: 'Mesuré à l’ouverture.',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, [null, null, '150', '250']),
    },
    {
      id: 'ind-jeunes-recus',
      ficheId: 'fiche-5-3',
      objectiveId: null,
      title: 'Jeunes de 16 à 25 ans reçus au Point information jeunesse',
      unit: 'jeunes',
      baselineValue: '90',
      baselineDate: d(y0, '01-01'),
      source: 'PRIJ',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['100', '120', '140', '160'], ['104', '131']),
    },
    {
      id: 'ind-chantiers',
      ficheId: 'fiche-5-4',
      objectiveId: null,
      title: 'Jeunes ayant participé à un chantier éducatif',
      unit: 'jeunes',
      baselineValue: '0',
      baselineDate: d(y1, '01-01'),
      source: 'Service jeunesse',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, [null, '18', '24', '24'], [null, '6']),
    },
    {
      id: 'ind-permanences',
      ficheId: 'fiche-5-5',
      objectiveId: null,
      title: 'Personnes reçues aux permanences des partenaires',
      unit: 'personnes',
      baselineValue: '410',
      baselineDate: d(y0, '01-01'),
      source: 'Espace de vie sociale',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['450', '480', '500', '520'], ['468', '502']),
    },
    {
      id: 'ind-hors-les-murs',
      ficheId: 'fiche-6-1',
      objectiveId: null,
      title: 'Sorties hors les murs',
      unit: 'sorties',
      baselineValue: '6',
      baselineDate: d(y0, '01-01'),
      source: 'Ludothèque',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['12', '15', '18', '18'], ['14', '17']),
    },
    {
      id: 'ind-soirees-jeux',
      ficheId: 'fiche-6-2',
      objectiveId: null,
      title: 'Soirées jeux en famille',
      unit: 'soirées',
      baselineValue: '4',
      baselineDate: d(y0, '01-01'),
      source: 'Ludothèque',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, ['6', '8', '8', '10'], ['7', '8']),
    },
    {
      id: 'ind-actions-bailleur',
      ficheId: 'fiche-6-3',
      objectiveId: null,
      title: 'Actions menées avec le bailleur',
      unit: 'actions',
      baselineValue: '0',
      baselineDate: d(y2, '01-01'),
      source: 'Espace de vie sociale',
      comment: '',
      diagnosticIndicatorId: null,
      diagnosticFigure: null,
      values: values(y0, [null, null, '1', '4']),
    },
  ];

  return withConventionIds({
    conventionId,
    project,
    axes: AXES,
    fiches,
    indicators,
    validation: null,
    version: 1,
  });
}

/** A UUID-shaped id for `key` in the plan of `conventionId`: the same every time, another per convention. */
export function demoRowId(conventionId: string, key: string): string {
  const hex = createHash('sha256').update(`ctg-demo-plan\u0000${conventionId}\u0000${key}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The plan written with readable keys (`fiche-2-4`), its rows renamed with the convention's ids. */
function withConventionIds(plan: Plan): Plan {
  const id = (key: string) => demoRowId(plan.conventionId, key);
  return {
    ...plan,
    axes: plan.axes.map((a) => ({ ...a, id: id(a.id) })),
    fiches: plan.fiches.map((f) => ({
      ...f,
      id: id(f.id),
      axeId: id(f.axeId),
      linkedFicheIds: f.linkedFicheIds.map(id),
      notes: f.notes.map((n) => ({ ...n, id: id(n.id) })),
      subActions: f.subActions.map((s) => ({ ...s, id: id(s.id) })),
    })),
    indicators: plan.indicators.map((i) => ({
      ...i,
      id: id(i.id),
      ficheId: i.ficheId === null ? null : id(i.ficheId),
    })),
  };
}
