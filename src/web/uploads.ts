/**
 * Multipart bodies of the upload forms and routes, parsed in one place: at most one file of a given size,
 * a few short text fields, each field once. Whatever goes wrong while reading the body (a truncated
 * form, a missing boundary, a broken part header, a limit) is a French 4xx before any use case runs,
 * so a hostile body never reaches the database and never answers 500.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/shared/app-error.js';
import { assertCleanInput } from './input-guard.js';

export interface UploadedFile {
  fileName: string;
  mediaType: string;
  content: Uint8Array;
}

export type Form = Record<string, string | UploadedFile | undefined>;

export interface UploadLimits {
  /** Largest file accepted, in bytes. */
  readonly fileSize: number;
  /** Text fields accepted beside the file (`_csrf` among them). */
  readonly fields?: number;
}

/** The limits of `@fastify/multipart` whose breach is a size problem (413), not a malformed form. */
const LIMIT_CODES = new Set([
  'FST_REQ_FILE_TOO_LARGE',
  'FST_FILES_LIMIT',
  'FST_PARTS_LIMIT',
  'FST_FIELDS_LIMIT',
]);

/** Largest text field of a multipart form: the forms only send a CSRF token and short choices. */
const MAX_FIELD_BYTES = 64 * 1024;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} Mo`;
}

function readError(error: unknown, limits: UploadLimits): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && LIMIT_CODES.has(code)) {
    return new AppError('UPLOAD_TOO_LARGE', {
      message:
        code === 'FST_REQ_FILE_TOO_LARGE'
          ? `Le fichier « fichier » dépasse ${megabytes(limits.fileSize)}.`
          : 'Le formulaire envoyé contient trop de champs ou de fichiers : un seul fichier est attendu.',
      details: [{ field: 'fichier', message: 'Limite dépassée.' }],
    });
  }
  return new AppError('MALFORMED_MULTIPART', { cause: error });
}

/**
 * Registers the multipart parser on a plugin's routes. The body becomes a `Form`: text fields as strings,
 * the file as `{ fileName, mediaType, content }`.
 */
export async function registerUploads(app: FastifyInstance, limits: UploadLimits): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: limits.fileSize,
      files: 1,
      fields: limits.fields ?? 10,
      parts: (limits.fields ?? 10) + 1,
      fieldSize: MAX_FIELD_BYTES,
      headerPairs: 20,
    },
  });
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const form: Form = {};
    try {
      for await (const part of request.parts()) {
        const name = part.fieldname;
        if (Object.hasOwn(form, name)) {
          throw new AppError('VALIDATION_FAILED', {
            message: `Le champ « ${name} » est envoyé plusieurs fois : il n’en faut qu’un.`,
            details: [{ field: name, message: 'Champ en double.' }],
          });
        }
        if (part.type === 'file') {
          const content = await part.toBuffer();
          form[name] = {
            fileName: part.filename,
            mediaType: part.mimetype,
            content: new Uint8Array(content),
          };
        } else {
          if (part.fieldnameTruncated || part.valueTruncated) throw new AppError('MALFORMED_MULTIPART');
          form[name] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
        }
      }
    } catch (error) {
      const refusal = readError(error, limits);
      request.log.info({ err: error }, 'multipart body refused');
      throw refusal;
    }
    assertCleanInput(form, 'body');
    request.body = form;
  });
}

export function text(form: Form, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

export function file(form: Form, name: string): UploadedFile | null {
  const value = form[name];
  return value && typeof value === 'object' && 'content' in value ? value : null;
}
