/** French labels of the plan's codes: what users read. Codes are what is stored and exported. */
import type {
  BudgetNature,
  BudgetStage,
  BudgetUnit,
  Domain,
  FicheStatus,
  IndicatorValueKind,
  Mission,
  ParticipationLevel,
  Priority,
  Public,
  Theme,
} from './model.js';

export const MISSION_LABELS: Record<Mission, string> = {
  conciliation: 'Concilier vie familiale, vie professionnelle et vie sociale',
  parentality: 'Soutenir la relation parentale et le développement de l’enfant, accompagner les jeunes',
  insertion: 'Favoriser l’autonomie et l’insertion sociale et professionnelle',
  living_environment: 'Améliorer le cadre de vie et le logement',
};

export const DOMAIN_LABELS: Record<Domain, string> = {
  early_childhood: 'Petite enfance',
  childhood_youth: 'Enfance et jeunesse',
  disability: 'Handicap et inclusion',
  parenting: 'Soutien à la parentalité',
  insertion_rights: 'Insertion et accès aux droits',
  social_life: 'Animation de la vie sociale',
};

export const FICHE_STATUS_LABELS: Record<FicheStatus, string> = {
  planned: 'À venir',
  in_progress: 'En cours',
  done: 'Réalisée',
  paused: 'En pause',
  blocked: 'Bloquée',
  abandoned: 'Abandonnée',
  late: 'En retard',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  high: 'Haute',
  medium: 'Moyenne',
  low: 'Basse',
};

export const PARTICIPATION_LABELS: Record<ParticipationLevel, string> = {
  none: 'Aucune',
  information: 'Information',
  consultation: 'Consultation',
  concertation: 'Concertation',
  co_construction: 'Co-construction',
};

export const PUBLIC_LABELS: Record<Public, string> = {
  families: 'Familles',
  children_0_3: 'Enfants de 0 à 3 ans',
  children_3_6: 'Enfants de 3 à 6 ans',
  children_6_11: 'Enfants de 6 à 11 ans',
  children_11_17: 'Jeunes de 11 à 17 ans',
  young_18_25: 'Jeunes de 18 à 25 ans',
  parents: 'Parents',
  professionals: 'Professionnels',
  seniors: 'Seniors',
  disabled_people: 'Personnes en situation de handicap',
  all_inhabitants: 'Tous les habitants',
};

export const THEME_LABELS: Record<Theme, string> = {
  early_childhood: 'Petite enfance',
  childhood_youth: 'Enfance et jeunesse',
  disability: 'Handicap et inclusion',
  parenting: 'Parentalité',
  insertion_rights: 'Insertion et accès aux droits',
  social_life: 'Animation de la vie sociale',
  housing: 'Logement et cadre de vie',
  access_to_rights: 'Accès aux droits',
  ecological_transition: 'Transition écologique',
  other: 'Autre',
};

export const BUDGET_NATURE_LABELS: Record<BudgetNature, string> = {
  investment: 'Investissement',
  operating: 'Fonctionnement',
};

export const BUDGET_UNIT_LABELS: Record<BudgetUnit, string> = {
  eur: 'Euros',
  fte: 'Équivalents temps plein',
};

export const BUDGET_STAGE_LABELS: Record<BudgetStage, string> = {
  planned: 'Prévisionnel',
  actual: 'Réalisé',
};

export const INDICATOR_VALUE_KIND_LABELS: Record<IndicatorValueKind, string> = {
  target: 'Cible',
  result: 'Résultat',
};

/** The journal's French label of each action the plan writes (merged into the journal's table). */
export const PLAN_AUDIT_LABELS: Record<string, string> = {
  'plan.project.update': 'Projet de territoire modifié',
  'plan.axe.create': 'Axe du plan d’actions créé',
  'plan.axe.update': 'Axe du plan d’actions renommé',
  'plan.axe.delete': 'Axe du plan d’actions supprimé',
  'plan.fiche.create': 'Fiche action créée',
  'plan.fiche.update': 'Fiche action modifiée',
  'plan.fiche.bulk_update': 'Fiche action modifiée avec d’autres (statut ou pilote)',
  'plan.fiche.delete': 'Fiche action supprimée',
  'plan.fiche.unlink': 'Lien vers une fiche action supprimée retiré',
  'plan.fiche.note': 'Note de suivi ajoutée à une fiche',
  'plan.fiche.comment': 'Commentaire sur une fiche',
  'plan.fiche.file_attach': 'Document joint à une fiche',
  'plan.fiche.file_delete': 'Document joint retiré d’une fiche',
  'plan.indicator.create': 'Indicateur créé',
  'plan.indicator.update': 'Indicateur modifié',
  'plan.indicator.delete': 'Indicateur supprimé',
  'plan.validate': 'Plan d’actions validé par la Caf',
  'plan.validation_withdraw': 'Validation du plan d’actions retirée',
  'plan.import': 'Plan d’actions importé',
  'plan.demo.seed': 'Plan d’actions de démonstration écrit',
};
