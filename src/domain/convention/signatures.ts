/**
 * Signature rounds, shared by the convention and its avenants: who still has to sign, and the
 * checks made when a signature is recorded. The date of each signature comes from the caller.
 */

import { AppError } from '../shared/app-error.js';
import { compareDates, type IsoDate } from '../shared/dates.js';
import {
  allSignatories,
  type ConventionContent,
  type Party,
  type Signatory,
  type SignatureRound,
} from './model.js';

export interface PendingSignatory {
  party: Party;
  signatory: Signatory;
}

export function pendingSignatories(content: ConventionContent, round: SignatureRound): PendingSignatory[] {
  const signed = new Set(round.signatures.map((s) => s.signatoryId));
  return allSignatories(content).filter(({ signatory }) => !signed.has(signatory.id));
}

export function isComplete(content: ConventionContent, round: SignatureRound): boolean {
  return allSignatories(content).length > 0 && pendingSignatories(content, round).length === 0;
}

/** The round with one more signature; throws when the person is unknown, already signed or dates back. */
export function addSignature(
  content: ConventionContent,
  round: SignatureRound,
  signatoryId: string,
  signedOn: IsoDate,
): SignatureRound {
  const found = allSignatories(content).find(({ signatory }) => signatory.id === signatoryId);
  if (!found) throw new AppError('SIGNATORY_UNKNOWN', { details: { signatoryId } });
  if (round.signatures.some((s) => s.signatoryId === signatoryId)) {
    throw new AppError('SIGNATURE_ALREADY_RECORDED', { details: { signatoryId } });
  }
  if (compareDates(signedOn, round.submittedOn) < 0) {
    throw new AppError('SIGNATURE_DATE_INVALID', { details: { signedOn, submittedOn: round.submittedOn } });
  }
  return {
    submittedOn: round.submittedOn,
    signatures: [...round.signatures, { partyId: found.party.id, signatoryId, signedOn }],
  };
}

/** The date the last party signed: the date the document is concluded. */
export function completionDate(content: ConventionContent, round: SignatureRound): IsoDate {
  if (!isComplete(content, round)) {
    throw new AppError('SIGNATURES_MISSING', {
      details: { pending: pendingSignatories(content, round).map(({ signatory }) => signatory.id) },
    });
  }
  return round.signatures.map((s) => s.signedOn).reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
}
