/**
 * The one error type of the platform. Every failure a user can meet has a stable code,
 * an HTTP status and a French message; callers never match on message text.
 */

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'Les données envoyées sont invalides.' },
  MALFORMED_JSON: { status: 400, message: 'Le corps de la requête n’est pas un JSON valide.' },
  UNAUTHENTICATED: { status: 401, message: 'Vous devez être connecté pour accéder à cette ressource.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Adresse électronique ou mot de passe incorrect.' },
  INVALID_TOKEN: { status: 401, message: 'Le jeton d’accès est invalide ou a été révoqué.' },
  CSRF_INVALID: {
    status: 403,
    message: 'Le formulaire a expiré ou n’est pas valide. Rechargez la page et recommencez.',
  },
  FORBIDDEN: { status: 403, message: 'Vous n’avez pas les droits nécessaires pour cette action.' },
  NOT_FOUND: { status: 404, message: 'La page ou la ressource demandée n’existe pas.' },
  TERRITORY_NOT_FOUND: { status: 404, message: 'Aucun territoire ne correspond à ce code.' },
  CONVENTION_NOT_FOUND: { status: 404, message: 'Aucune convention ne correspond à cet identifiant.' },
  ORGANISATION_NOT_FOUND: { status: 404, message: 'Aucun organisme ne correspond à cet identifiant.' },
  USER_NOT_FOUND: { status: 404, message: 'Aucun utilisateur ne correspond à cette adresse.' },
  USER_ALREADY_EXISTS: { status: 409, message: 'Un utilisateur existe déjà avec cette adresse électronique.' },
  CONVENTION_NOT_DRAFT: {
    status: 409,
    message: 'Une convention signée ne peut être modifiée que par avenant.',
  },
  ILLEGAL_TRANSITION: { status: 409, message: 'Ce changement d’état n’est pas permis pour cette convention.' },
  DATA_DIR_LOCKED: {
    status: 409,
    message: 'La base de données embarquée est déjà ouverte par un autre processus.',
  },
  IMPORT_INVALID: { status: 422, message: 'Le fichier importé contient des erreurs ; rien n’a été modifié.' },
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
  TEMPLATE_UNKNOWN_PLACEHOLDERS: {
    status: 422,
    message: 'Le modèle contient des champs inconnus de la plateforme.',
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
