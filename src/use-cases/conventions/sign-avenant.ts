/**
 * Records a signature of an avenant. The last one replaces the convention's content by the
 * consolidated text, which would wipe out a change made without avenant: so the integrity of the
 * stored text is checked first, and a modified text is refused (the Caf may then terminate).
 */
import { signAvenant as sign } from '../../domain/convention/avenant.js';
import { verifyIntegrity } from '../../domain/convention/integrity.js';
import type { Convention } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { Context } from '../context.js';
import { assertActsFor, partyOfSignatory } from './act-for-party.js';
import { parseInput, signatureInput } from './convention-input.js';
import { mutateConvention } from './mutate-convention.js';

export async function signAvenant(
  ctx: Context,
  id: string,
  avenantId: string,
  raw: { signatoryId: string; signedOn: string },
): Promise<Convention> {
  const input = parseInput(signatureInput, raw);
  const { convention } = await mutateConvention(
    ctx,
    id,
    'convention.avenant.sign',
    (c, _today, _tx, stored) => {
      // An avenant is signed by the signatories of the text in force.
      const party = partyOfSignatory(
        c.versions.at(-1)?.content.parties ?? c.content.parties,
        input.signatoryId,
      );
      if (party) assertActsFor(ctx.actor, 'convention.sign', stored, party);
      const report = verifyIntegrity(c);
      if (report.state === 'modified') {
        throw new AppError('ILLEGAL_TRANSITION', {
          message: `Le texte de la convention a été modifié sans avenant (${report.differences.map((d) => d.label).join(', ') || 'contenu scellé altéré'}) : l’avenant ne peut être signé sur ce texte.`,
          details: { differences: report.differences },
        });
      }
      return sign(c, avenantId, input.signatoryId, input.signedOn);
    },
  );
  return convention;
}
