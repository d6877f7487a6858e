/**
 * The one error type of the platform. Every failure a user can meet has a stable code,
 * an HTTP status and a French message; callers never match on message text.
 */

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'Les données envoyées sont invalides.' },
  MALFORMED_JSON: { status: 400, message: 'Le corps de la requête n’est pas un JSON valide.' },
  MALFORMED_MULTIPART: {
    status: 400,
    message:
      'Le formulaire envoyé est incomplet ou mal formé (multipart/form-data) : renvoyez-le avec son fichier « fichier ».',
  },
  UPLOAD_TOO_LARGE: { status: 413, message: 'Le fichier ou la requête est trop volumineux.' },
  ARCHIVE_REFUSED: {
    status: 422,
    message: 'Le fichier compressé est refusé : il est trop volumineux une fois décompressé ou mal formé.',
  },
  UNAUTHENTICATED: { status: 401, message: 'Vous devez être connecté pour accéder à cette ressource.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Adresse électronique ou mot de passe incorrect.' },
  INVALID_TOKEN: { status: 401, message: 'Le jeton d’accès est invalide, expiré ou révoqué.' },
  LOGIN_THROTTLED: { status: 429, message: 'Trop de tentatives de connexion : réessayez plus tard.' },
  CSRF_INVALID: {
    status: 403,
    message: 'Le formulaire a expiré ou n’est pas valide. Rechargez la page et recommencez.',
  },
  FORBIDDEN: { status: 403, message: 'Vous n’avez pas les droits nécessaires pour cette action.' },
  NOT_FOUND: { status: 404, message: 'La page ou la ressource demandée n’existe pas.' },
  TERRITORY_NOT_FOUND: { status: 404, message: 'Aucun territoire ne correspond à ce code.' },
  TERRITORY_AMBIGUOUS: {
    status: 409,
    message: 'Plusieurs territoires correspondent à ce nom : choisissez celui de la convention.',
  },
  CONVENTION_NOT_FOUND: { status: 404, message: 'Aucune convention ne correspond à cet identifiant.' },
  CONVENTION_STALE: {
    status: 409,
    message:
      'La convention a été modifiée par une autre personne depuis l’ouverture de votre page : votre saisie n’est pas enregistrée.',
  },
  CONVENTION_STATE_INVALID: {
    status: 500,
    message: 'La convention est enregistrée sous une forme invalide : signalez-le à l’administrateur.',
  },
  ORGANISATION_NOT_FOUND: { status: 404, message: 'Aucun organisme ne correspond à cet identifiant.' },
  USER_NOT_FOUND: { status: 404, message: 'Aucun utilisateur ne correspond à cette adresse.' },
  API_TOKEN_NOT_FOUND: {
    status: 404,
    message: 'Aucun de vos jetons d’accès ne correspond à cet identifiant.',
  },
  USER_ALREADY_EXISTS: {
    status: 409,
    message: 'Un utilisateur existe déjà avec cette adresse électronique.',
  },
  CONVENTION_NOT_DRAFT: {
    status: 409,
    message: 'Une convention signée ne peut être modifiée que par avenant.',
  },
  ILLEGAL_TRANSITION: {
    status: 409,
    message: 'Ce changement d’état n’est pas permis pour cette convention.',
  },
  DATA_DIR_LOCKED: {
    status: 409,
    message: 'La base de données embarquée est déjà ouverte par un autre processus.',
  },
  IMPORT_INVALID: { status: 422, message: 'Le fichier importé contient des erreurs ; rien n’a été modifié.' },
  SECRECY_TABLE_INVALID: {
    status: 422,
    message: 'Le tableau à protéger par le secret statistique est invalide.',
  },
  DOCUMENT_INVALID: { status: 500, message: 'Le document à produire est incohérent.' },
  PDF_CONVERTER_MISSING: {
    status: 503,
    message:
      'La génération PDF nécessite LibreOffice : installez le paquet libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui) puis relancez.',
  },
  PDF_CONVERSION_FAILED: { status: 500, message: 'La conversion en PDF par LibreOffice a échoué.' },
  TEMPLATE_INVALID_FILE: {
    status: 422,
    message: 'Le modèle fourni n’est pas un fichier ODT ou DOCX valide.',
  },
  TEMPLATE_MISSING_PLACEHOLDERS: {
    status: 422,
    message: 'Le modèle n’utilise pas les champs dont chaque convention a besoin.',
  },
  TEMPLATE_UNKNOWN_PLACEHOLDERS: {
    status: 422,
    message: 'Le modèle contient des champs inconnus de la plateforme.',
  },
  CONVENTION_IN_SIGNATURE: {
    status: 409,
    message:
      'La convention est en cours de signature : son contenu est figé. Annulez la signature pour la modifier.',
  },
  CONVENTION_CLOSED: {
    status: 409,
    message: 'Cette convention est échue ou résiliée : elle ne peut plus évoluer.',
  },
  CONVENTION_NOT_SIGNED: {
    status: 409,
    message: 'Cette opération n’est possible que sur une convention signée.',
  },
  CONVENTION_NOT_IN_SIGNATURE: { status: 409, message: 'La convention n’est pas en cours de signature.' },
  CONVENTION_ALREADY_SIGNED: {
    status: 409,
    message: 'La convention est déjà signée par toutes les parties.',
  },
  CONVENTION_NOT_RENEWABLE: {
    status: 409,
    message: 'Seule une convention en vigueur ou échue peut être renouvelée, par une nouvelle convention.',
  },
  CONVENTION_INCOMPLETE: {
    status: 422,
    message: 'La convention est incomplète : des informations manquent avant de la soumettre à la signature.',
  },
  CONVENTION_PERIOD_INVALID: {
    status: 422,
    message: 'La période de la convention est invalide : la date de fin doit suivre la date de début.',
  },
  CONVENTION_PLACEHOLDER_UNKNOWN: { status: 422, message: 'Le texte contient un champ à remplir inconnu.' },
  CONVENTION_ARTICLE_UNKNOWN: {
    status: 422,
    message: 'Cet article ou cette annexe n’existe pas dans la convention.',
  },
  CONVENTION_INTEGRITY_INTACT: {
    status: 409,
    message: 'Le contenu de la convention correspond à la version signée : aucune modification sans avenant.',
  },
  SIGNATORY_UNKNOWN: { status: 422, message: 'Cette personne n’est pas signataire de la convention.' },
  SIGNATURE_ALREADY_RECORDED: {
    status: 409,
    message: 'La signature de cette personne est déjà enregistrée.',
  },
  SIGNATURES_MISSING: { status: 409, message: 'Toutes les parties n’ont pas encore signé.' },
  SIGNATURE_DATE_INVALID: {
    status: 422,
    message: 'La date de signature ne peut précéder la mise en signature du document.',
  },
  AVENANT_NOT_FOUND: { status: 404, message: 'Aucun avenant ne correspond à cet identifiant.' },
  AVENANT_ALREADY_OPEN: {
    status: 409,
    message: 'Un avenant est déjà en préparation ou en signature pour cette convention.',
  },
  AVENANT_NOT_DRAFT: { status: 409, message: 'Cet avenant n’est plus modifiable.' },
  AVENANT_NOT_IN_SIGNATURE: { status: 409, message: 'Cet avenant n’est pas en cours de signature.' },
  AVENANT_EMPTY: {
    status: 422,
    message: 'L’avenant ne modifie aucun article, aucune annexe ni aucune date.',
  },
  PARTY_UNKNOWN: { status: 422, message: 'Cette partie n’est pas signataire de la convention.' },
  TERMINATION_CAF_ONLY: {
    status: 403,
    message: 'Seule la Caf peut engager cette procédure de résiliation.',
  },
  TERMINATION_NOT_FOUND: {
    status: 404,
    message: 'Aucune procédure de résiliation ne correspond à cet identifiant.',
  },
  NOTICE_ALREADY_EFFECTIVE: {
    status: 409,
    message: 'La mise en demeure a déjà produit ses effets : la résiliation est acquise.',
  },
  NOTICE_NOT_REMEDIABLE: {
    status: 409,
    message: 'Seule une mise en demeure peut être levée par une régularisation.',
  },
  TEMPLATE_MISSING_VALUES: {
    status: 422,
    message: 'Le modèle utilise des champs dont la valeur n’est pas encore renseignée.',
  },
  JOB_UNKNOWN: { status: 404, message: 'Aucune tâche planifiée ne porte ce nom.' },
  JOBS_NOT_RUNNING: {
    status: 503,
    message:
      'Le planificateur des tâches ne fonctionne pas dans ce processus ; lancez la plateforme avec « ctg serve ».',
  },
  PLAN_FICHE_NOT_FOUND: { status: 404, message: 'Aucune fiche action ne correspond à cet identifiant.' },
  PLAN_AXE_NOT_FOUND: {
    status: 404,
    message: 'Aucun axe du plan d’actions ne correspond à cet identifiant.',
  },
  PLAN_INDICATOR_NOT_FOUND: { status: 404, message: 'Aucun indicateur ne correspond à cet identifiant.' },
  PLAN_FICHE_STALE: {
    status: 409,
    message:
      'Cette fiche action a été modifiée par quelqu’un d’autre depuis que vous l’avez ouverte : vos modifications n’ont pas été enregistrées.',
  },
  PLAN_STALE: {
    status: 409,
    message:
      'Le projet de territoire a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert : vos modifications n’ont pas été enregistrées.',
  },
  PLAN_CLOSED: {
    status: 409,
    message: 'La convention est échue ou résiliée : son plan d’actions ne se modifie plus.',
  },
  PLAN_INVALID: {
    status: 422,
    message: 'Le plan d’actions n’a pas été enregistré : une donnée est invalide.',
  },
  PLAN_IMPORT_REFUSED: {
    status: 422,
    message: 'Le fichier du plan d’actions est refusé : rien n’a été importé.',
  },
  PLAN_PILOT_UNKNOWN: {
    status: 422,
    message:
      'Ce compte ne peut pas piloter la fiche : il n’existe pas, est désactivé ou n’a pas accès à cette convention.',
  },
  INTERNAL: { status: 500, message: 'Une erreur interne est survenue. Réessayez plus tard.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, options: { message?: string; details?: unknown; cause?: unknown } = {}) {
    super(options.message ?? ERRORS[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = options.details ?? null;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
