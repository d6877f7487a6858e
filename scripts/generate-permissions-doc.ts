/**
 * Writes docs/permissions.md from the permission declaration and the routes' permissions.
 * Usage: npx tsx scripts/generate-permissions-doc.ts
 */

import { writeFileSync } from 'node:fs';
import { renderPermissionsDoc } from '../src/web/permissions-doc.js';

const target = new URL('../docs/permissions.md', import.meta.url);
writeFileSync(target, renderPermissionsDoc());
console.log(`docs/permissions.md écrit.`);
