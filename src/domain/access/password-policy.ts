/**
 * The rules a new password must meet, each with the French message that names it: 12 characters
 * or more, not only spaces, not a common password (nor a common one followed by digits or signs,
 * as in « dragon123456 »).
 */
import { COMMON_PASSWORDS_TEXT } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 12;

export const PASSWORD_RULES = {
  tooShort: `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`,
  onlySpaces: 'Le mot de passe ne peut pas être fait uniquement d’espaces.',
  common:
    'Ce mot de passe figure dans une liste de mots de passe courants, faciles à deviner : choisissez-en un autre.',
} as const;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(
    COMMON_PASSWORDS_TEXT.split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return common;
}

/** The French message of the first rule the password breaks, or null when it meets them all. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return PASSWORD_RULES.tooShort;
  if (password.trim() === '') return PASSWORD_RULES.onlySpaces;
  const lower = password.trim().toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const list = commonPasswords();
  if (list.has(lower) || (stem.length >= 4 && list.has(stem))) return PASSWORD_RULES.common;
  return null;
}
