/**
 * Writes docs/indicators.md from the diagnostic catalogue.
 * Usage: npx tsx scripts/generate-indicators-doc.ts
 */

import { writeFileSync } from 'node:fs';
import { renderIndicatorsDoc } from '../src/domain/diagnostic/catalogue-doc.js';

const target = new URL('../docs/indicators.md', import.meta.url);
writeFileSync(target, renderIndicatorsDoc());
console.log(`docs/indicators.md écrit.`);
