/**
 * Chatou's convention for 2025–2028, signed on 10 December 2024 by the Caf's director and the mayor
 * through the use cases (each person for their own party): for the tests that move the clock on.
 */
import type { Db } from '../../src/db/database.js';
import { listConventions } from '../../src/db/repositories/convention.repository.js';
import type { Actor } from '../../src/domain/access/access.js';
import { type Clock, fixedClock } from '../../src/domain/shared/dates.js';
import { attachDeliberation } from '../../src/use-cases/conventions/attach-deliberation.js';
import { recordSignature } from '../../src/use-cases/conventions/record-signature.js';
import { submitConvention } from '../../src/use-cases/conventions/submit-convention.js';
import { updateDraft } from '../../src/use-cases/conventions/update-draft.js';

const PDF = new TextEncoder().encode('%PDF-1.4\n% délibération\n%%EOF\n');

export async function signChatou(
  db: Db,
  parties: { cafId: string; chatouId: string; cafAgent: Actor; chatouAgent: Actor },
): Promise<string> {
  const id = (await listConventions(db, { kind: 'all' })).find((c) => c.territoryCode === '78146')!.id;
  const ctx = { db, clock: fixedClock('2024-12-10') as Clock, actor: parties.cafAgent };
  await updateDraft(ctx, id, {
    period: { start: '2025-01-01', end: '2028-12-31' },
    parties: [
      {
        organisationId: parties.cafId,
        role: 'caf',
        signatories: [
          {
            id: 'dir',
            civility: 'monsieur',
            firstName: 'Didier',
            lastName: 'GROSJEAN',
            function: 'director',
            authority: { kind: 'board_deliberation', date: '2022-01-31' },
          },
        ],
      },
      {
        organisationId: parties.chatouId,
        role: 'local_authority',
        signatories: [
          {
            id: 'maire',
            civility: 'madame',
            firstName: 'Ghislaine',
            lastName: 'MARTIN',
            function: 'mayor',
            authority: { kind: 'municipal_council_deliberation', date: '2024-10-01' },
          },
        ],
      },
    ],
  });
  await attachDeliberation(ctx, id, {
    fileName: 'deliberation.pdf',
    mediaType: 'application/pdf',
    content: PDF,
  });
  await submitConvention(ctx, id);
  await recordSignature(ctx, id, { signatoryId: 'dir', signedOn: '2024-12-10' });
  await recordSignature({ ...ctx, actor: parties.chatouAgent }, id, {
    signatoryId: 'maire',
    signedOn: '2024-12-10',
  });
  return id;
}
