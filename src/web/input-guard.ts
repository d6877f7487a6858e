/**
 * One check of every request's input at the boundary, before validation: text with a NUL byte or a lone
 * UTF-16 surrogate (which PostgreSQL cannot store and no user types), and structures nested deeper than
 * any form or API body of the platform needs (a body nested 2 000 deep overflowed the validator's stack).
 * Both are refused with a French 400 naming the field; nothing reaches a use case.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/shared/app-error.js';

/** Deepest nesting of objects and arrays accepted in a body, a query or path parameters. */
export const MAX_INPUT_DEPTH = 32;

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL byte is what this pattern looks for.
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasForbiddenCharacter(value: string): boolean {
  return FORBIDDEN.test(value);
}

function refuseText(field: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    message: `Le champ « ${field} » contient un caractère interdit (caractère nul ou caractère Unicode incomplet) : retirez-le et recommencez.`,
    details: [{ field, message: 'Caractère interdit.' }],
  });
}

/**
 * Walks a parsed value without recursion (a hostile depth cannot overflow the stack) and throws the
 * first problem found. File contents (bytes) are not text and are left to their own checks.
 */
export function assertCleanInput(value: unknown, root: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (hasForbiddenCharacter(current)) throw refuseText(path);
      continue;
    }
    if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current)) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      throw new AppError('VALIDATION_FAILED', {
        message: `Le champ « ${path} » est imbriqué trop profondément (${MAX_INPUT_DEPTH} niveaux au plus).`,
        details: [{ field: path, message: 'Imbrication trop profonde.' }],
      });
    }
    for (const [key, child] of Object.entries(current)) {
      const childPath = `${path}.${key}`;
      if (hasForbiddenCharacter(key)) throw refuseText(`${path}.${key.replace(FORBIDDEN, '�')}`);
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
}

/** The hook: path parameters, query string and (already parsed) body of the request. */
export async function guardInput(request: FastifyRequest): Promise<void> {
  assertCleanInput(request.params, 'params');
  assertCleanInput(request.query, 'querystring');
  assertCleanInput(request.body, 'body');
}
