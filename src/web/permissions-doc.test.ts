import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installedModules } from '../modules/index.js';
import { renderPermissionsDoc } from './permissions-doc.js';

describe('docs/permissions.md', () => {
  it('is generated from the declaration and up to date', () => {
    const doc = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderPermissionsDoc());
  });

  it('lists every permission and every route with who may call it', () => {
    const doc = renderPermissionsDoc();
    const { permissions, routePermissions } = installedModules();
    expect(routePermissions).toHaveProperty(['GET /conventions/:id/diagnostic'], 'diagnostic.read');
    for (const name of Object.keys(permissions)) expect(doc).toContain(`| \`${name}\` |`);
    for (const route of Object.keys(routePermissions)) expect(doc).toContain(`| \`${route}\` |`);
  });
});
