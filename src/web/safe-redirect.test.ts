import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-redirect.js';

describe('safeNext', () => {
  it('keeps a path of the platform, with its query and fragment', () => {
    expect(safeNext('/territoires/78124')).toBe('/territoires/78124');
    expect(safeNext('/conventions?statut=brouillon#liste')).toBe('/conventions?statut=brouillon#liste');
    expect(safeNext('/territoires?q=Carri%C3%A8res')).toBe('/territoires?q=Carri%C3%A8res');
  });

  it.each([
    undefined,
    42,
    '',
    'evil.example',
    'https://evil.example/',
    'http:/evil.example',
    'javascript:alert(1)',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '/%5Cevil.example',
    '/%5cevil.example',
    '/%2F%2Fevil.example',
    '/%2fevil.example',
    '/%255Cevil.example',
    '/%252F%252Fevil.example',
    '/\tevil.example',
    '/\n/evil.example',
    '/%09/evil.example',
    '/%',
    `/${'a'.repeat(3000)}`,
  ])('falls back to / for %j', (value) => {
    expect(safeNext(value)).toBe('/');
  });
});
