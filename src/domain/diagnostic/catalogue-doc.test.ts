import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.js';
import { renderIndicatorsDoc } from './catalogue-doc.js';

describe('docs/indicators.md', () => {
  it('is generated from the catalogue and up to date', () => {
    const doc = readFileSync(new URL('../../../docs/indicators.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderIndicatorsDoc());
  });

  it('has a table per section and every indicator', () => {
    const doc = renderIndicatorsDoc();
    for (const section of CATALOGUE.sections) expect(doc).toContain(`## ${section.title}\n`);
    for (const id of CATALOGUE.indicators.keys()) expect(doc).toContain(`\`${id}\``);
  });
});
