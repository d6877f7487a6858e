import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import { paragraph } from '../../src/documents/model.js';
import { renderOdt } from '../../src/documents/odt.js';
import type { Actor } from '../../src/domain/access/access.js';
import { installedModules } from '../../src/modules/index.js';
import { generateConventionDocument } from '../../src/use-cases/conventions/generate-convention-document.js';
import { listTemplates } from '../../src/use-cases/conventions/list-templates.js';
import { uploadTemplate } from '../../src/use-cases/conventions/upload-template.js';
import { as, makeUser, seedWorld } from '../support/fixtures.js';
import { createTestDatabase } from '../support/test-db.js';

let handle: DatabaseHandle;
let cafAgent: Actor;
let communeAgent: Actor;
let conventionId: string;

/** A Caf's own template, written as an ODT with the documented placeholders. */
function template(text: string): Uint8Array {
  return renderOdt({
    metadata: {
      title: 'Modèle de la Caf',
      author: 'Caf des Yvelines',
      language: 'fr-FR',
      created: '2026-11-28',
    },
    blocks: [paragraph(text)],
  });
}

beforeAll(async () => {
  handle = await createTestDatabase({ world: true });
  const world = await seedWorld(handle.db);
  cafAgent = await makeUser(handle.db, 'modeles@caf78.test', world.caf78.id, ['caf_agent']);
  communeAgent = await makeUser(handle.db, 'agent@carrieres.test', world.carrieres.id, ['territory_agent']);
  conventionId = (await listConventions(handle.db, { kind: 'all' })).find(
    (c) => c.territoryCode === '78124',
  )!.id;
});
afterAll(() => handle.close());

describe('a Caf’s own template', () => {
  it('refuses a template with an unknown placeholder, in French, and stores nothing', async () => {
    await expect(
      uploadTemplate(as(handle.db, cafAgent), {
        fileName: 'modele.odt',
        content: template('Ville : {ville_inconnue}'),
      }),
    ).rejects.toMatchObject({ code: 'TEMPLATE_UNKNOWN_PLACEHOLDERS' });
    expect(await listTemplates(as(handle.db, cafAgent))).toEqual([]);
  });

  it('is refused to a commune agent', async () => {
    await expect(
      uploadTemplate(as(handle.db, communeAgent), { fileName: 'modele.odt', content: template('{commune}') }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('is used instead of the default for the Caf’s conventions, filled with the convention’s values', async () => {
    const uploaded = await uploadTemplate(as(handle.db, cafAgent), {
      fileName: 'modele-caf78.odt',
      content: template(
        'Convention entre la {caf} et {commune}, représentée par {maire}, du {date_debut} au {date_fin}.',
      ),
    });
    expect(uploaded.format).toBe('odt');
    expect((await listTemplates(as(handle.db, cafAgent))).map((t) => t.fileName)).toEqual([
      'modele-caf78.odt',
    ]);

    const file = await generateConventionDocument(as(handle.db, communeAgent), conventionId, 'odt', {
      annexes: installedModules().extensions.annexes,
    });
    const content = strFromU8(unzipSync(file.bytes)['content.xml']!);
    expect(content).toContain('Carrières-sur-Seine');
    expect(content).toContain('Arnaud de BOURROUSSE');
    expect(content).toMatch(/1er\u00a0janvier\u00a02024/);
    expect(content).not.toContain('{commune}');
    // The platform's own document is still one click away.
    const own = await generateConventionDocument(as(handle.db, communeAgent), conventionId, 'odt', {
      platformTemplate: true,
      annexes: installedModules().extensions.annexes,
    });
    expect(strFromU8(unzipSync(own.bytes)['content.xml']!)).toContain('Article 14');
  });
});
