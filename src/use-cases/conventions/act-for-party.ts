/**
 * A signature, a notice, a dénonciation is recorded by someone of the party concerned: the
 * Caf's by a Caf agent of that Caf, the commune's by a territory agent of the commune.
 */
import type { StoredConvention } from '../../db/repositories/convention.repository.js';
import { accessFacts } from '../../db/repositories/convention.repository.js';
import type { Actor } from '../../domain/access/access.js';
import { can, type Permission } from '../../domain/access/permissions.js';
import type { Convention, Party } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';

const WHAT: Record<'convention.sign' | 'convention.terminate', string> = {
  'convention.sign': 'enregistrer la signature de ses signataires',
  'convention.terminate': 'agir en son nom pour la résiliation',
};

/** Throws FORBIDDEN (in French, naming the party) unless the actor acts for `party`. */
export function assertActsFor(
  actor: Actor,
  permission: Extract<Permission, 'convention.sign' | 'convention.terminate'>,
  stored: StoredConvention,
  party: Party,
): void {
  if (can(actor, permission, { convention: accessFacts(stored), party })) return;
  throw new AppError('FORBIDDEN', {
    message: `Vous n’agissez pas pour ${party.designation || party.name} : seule une personne de cet organisme peut ${WHAT[permission]}.`,
    details: { partyId: party.id },
  });
}

/** The party a signatory belongs to, in the given parties; undefined lets the domain say it is unknown. */
export function partyOfSignatory(parties: readonly Party[], signatoryId: string): Party | undefined {
  return parties.find((p) => p.signatories.some((s) => s.id === signatoryId));
}

/** The party named as the sender of a notice, among the parties of the text in force. */
export function noticeParty(
  convention: Pick<Convention, 'content' | 'versions'>,
  partyId: string,
): Party | undefined {
  return (convention.versions.at(-1)?.content ?? convention.content).parties.find((p) => p.id === partyId);
}
