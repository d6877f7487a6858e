import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { installedModules } from '../../src/modules/index.js';
import { generateTerritoryDocuments } from '../../src/use-cases/conventions/generate-territory-documents.js';
import { getDiagnostic } from '../../src/use-cases/diagnostic/get-diagnostic.js';
import { seedWorld, system } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
const html = new Map<string, string>();

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  await seedWorld(handle.db);
  await generateTerritoryDocuments(system(handle.db), {
    codes: ['78124', '78646'],
    formats: ['html'],
    annexes: installedModules().extensions.annexes,
    onFile: (file) => {
      html.set(file.territory.code, new TextDecoder().decode(file.bytes));
    },
  });
});
afterAll(() => handle.close());

/** The text of annexe 1, from its heading to the next annex. */
function annex1(code: string): string {
  const page = html.get(code)!;
  const start = page.indexOf('id="annexe-1"');
  const end = page.indexOf('id="annexe-2"');
  return page
    .slice(start, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('annexe 1 of the generated convention', () => {
  it('prints the protected diagnostic of Carrières-sur-Seine against the Yvelines', async () => {
    const text = annex1('78124');
    expect(text).not.toContain('Annexe non renseignée');
    expect(text).toContain('Population Insee');
    expect(text).toMatch(/15\s178/);
    expect(text).toContain('Yvelines');
    expect(text).toContain('secret statistique');
  });

  it('never prints a figure the diagnostic blanks', async () => {
    const { json } = await getDiagnostic(system(handle.db), '78124');
    const aeeh = json.sections.flatMap((s) => s.rows).find((r) => r.id === 'aeeh_children_0_2')!;
    expect(aeeh.value).toBeNull();
    const text = annex1('78124');
    const line = text.slice(text.indexOf(aeeh.label), text.indexOf(aeeh.label) + aeeh.label.length + 12);
    expect(line).toMatch(new RegExp(`${aeeh.label.replace(/[()]/g, '\\$&')}\\s+s\\s+s`));
  });

  it('says plainly that the diagnostic is missing for a commune without figures', async () => {
    const text = annex1('78646'); // Versailles: no figure in the demo
    expect(text).toContain('Annexe non renseignée');
    expect(text).toContain('aucune donnée du diagnostic partagé');
  });
});
