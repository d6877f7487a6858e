import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../domain/access/permissions.js';
import { renderPermissionsDoc } from './permissions-doc.js';
import { ROUTE_PERMISSIONS } from './route-permissions.js';

describe('docs/permissions.md', () => {
  it('is generated from the declaration and up to date', () => {
    const doc = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderPermissionsDoc());
  });

  it('lists every permission and every route with who may call it', () => {
    const doc = renderPermissionsDoc();
    for (const name of Object.keys(PERMISSIONS)) expect(doc).toContain(`| \`${name}\` |`);
    for (const route of Object.keys(ROUTE_PERMISSIONS)) expect(doc).toContain(`| \`${route}\` |`);
  });
});
