/** Removes a document from a fiche: whoever may edit the fiche; the audit row keeps its name and hash. */
import {
  deleteFicheFile as deleteRow,
  findFicheFileInfo,
} from '../../db/repositories/plan-file.repository.js';
import type { Context } from '../context.js';
import { fileSummary } from './attach-fiche-file.js';
import { changeFiche } from './fiche-access.js';
import { ficheFileNotFound } from './get-fiche-file.js';

const FILE_ID = /^[0-9a-f-]{36}$/;

export async function deleteFicheFile(ctx: Context, ficheId: string, fileId: string): Promise<void> {
  await changeFiche(ctx, ficheId, 'edit', async ({ tx, audit }) => {
    // Its name and hash for the audit row, not its bytes.
    const file = FILE_ID.test(fileId) ? await findFicheFileInfo(tx, fileId) : undefined;
    if (!file || file.ficheId !== ficheId || !(await deleteRow(tx, ficheId, fileId))) {
      throw ficheFileNotFound(fileId);
    }
    await audit({
      action: 'plan.fiche.file_delete',
      entityType: 'plan_fiche',
      entityId: ficheId,
      before: { file: fileSummary(file) },
    });
  });
}
