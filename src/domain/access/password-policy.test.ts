import { describe, expect, it } from 'vitest';
import { PASSWORD_RULES, passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('names the length rule under 12 characters', () => {
    expect(passwordProblem('court-123')).toBe(PASSWORD_RULES.tooShort);
    expect(PASSWORD_RULES.tooShort).toBe('Le mot de passe doit compter au moins 12 caractères.');
  });
  it('refuses twelve spaces', () => {
    expect(passwordProblem(' '.repeat(12))).toBe(PASSWORD_RULES.onlySpaces);
    expect(passwordProblem('\t \u00a0'.repeat(4))).toBe(PASSWORD_RULES.onlySpaces);
  });
  it('refuses common passwords, in any case and with digits appended', () => {
    for (const p of ['qwertyuiop123', '1qaz2wsx3edc', 'AZERTYUIOP12', 'dragon123456', 'motdepasse2026!'])
      expect(passwordProblem(p), p).toBe(PASSWORD_RULES.common);
  });
  it('accepts a long uncommon password', () => {
    expect(passwordProblem('mot-de-passe-de-test')).toBeNull();
    expect(passwordProblem('Ab3k-9xPq-Rt7w-Mz2c')).toBeNull();
  });
});
