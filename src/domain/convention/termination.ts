/**
 * Article 12: how a convention ends before its term. A formal notice (registered letter) ends it one
 * month after it was sent unless the breach is remedied; a party may give six months' notice; a change
 * made without avenant ends it at once. Dates come from the caller; the status on a given day follows
 * from `statusAt()`.
 */

import { AppError } from '../shared/app-error.js';
import { addMonths, compareDates, type IsoDate } from '../shared/dates.js';
import { verifyIntegrity } from './integrity.js';
import { assertTransition, statusAt } from './lifecycle.js';
import {
  type BreachGround,
  type Convention,
  currentVersion,
  FORMAL_NOTICE_MONTHS,
  NOTICE_MONTHS,
  type Party,
  type TerminationProcedure,
} from './model.js';

function signingParty(convention: Convention, partyId: string): Party {
  const parties = (currentVersion(convention)?.content ?? convention.content).parties;
  const party = parties.find((p) => p.id === partyId);
  if (!party) throw new AppError('PARTY_UNKNOWN', { details: { partyId } });
  return party;
}

/** Date a formal notice sent on `sentOn` takes effect if it stays without effect. */
export function formalNoticeEffectiveOn(sentOn: IsoDate): IsoDate {
  return addMonths(sentOn, FORMAL_NOTICE_MONTHS);
}

/** Date a termination notified on `sentOn` takes effect. */
export function noticeEffectiveOn(sentOn: IsoDate): IsoDate {
  return addMonths(sentOn, NOTICE_MONTHS);
}

export interface FormalNoticeInput {
  id: string;
  byPartyId: string;
  /** Date the registered letter with acknowledgement of receipt was sent. */
  sentOn: IsoDate;
  ground: BreachGround;
  reason: string;
}

/** Records a formal notice; a breach of law can only be pursued by the Caf. */
export function sendFormalNotice(convention: Convention, input: FormalNoticeInput): Convention {
  assertTransition(statusAt(convention, input.sentOn), 'send_formal_notice');
  const party = signingParty(convention, input.byPartyId);
  if (input.ground === 'legal_breach' && party.role !== 'caf') {
    throw new AppError('TERMINATION_CAF_ONLY', { details: { ground: input.ground } });
  }
  const procedure: TerminationProcedure = {
    id: input.id,
    kind: 'formal_notice',
    byPartyId: party.id,
    startedOn: input.sentOn,
    effectiveOn: formalNoticeEffectiveOn(input.sentOn),
    ground: input.ground,
    reason: input.reason,
    remediedOn: null,
  };
  return { ...convention, terminations: [...convention.terminations, procedure] };
}

/** The breach was put right before the month ran out: the formal notice no longer ends the convention. */
export function markRemedied(convention: Convention, procedureId: string, remediedOn: IsoDate): Convention {
  const procedure = convention.terminations.find((p) => p.id === procedureId);
  if (!procedure) throw new AppError('TERMINATION_NOT_FOUND', { details: { procedureId } });
  if (procedure.kind !== 'formal_notice' || procedure.remediedOn !== null) {
    throw new AppError('NOTICE_NOT_REMEDIABLE', {
      details: { kind: procedure.kind, remediedOn: procedure.remediedOn },
    });
  }
  if (compareDates(remediedOn, procedure.effectiveOn) >= 0) {
    throw new AppError('NOTICE_ALREADY_EFFECTIVE', { details: { effectiveOn: procedure.effectiveOn } });
  }
  assertTransition(statusAt(convention, remediedOn), 'remedy');
  return {
    ...convention,
    terminations: convention.terminations.map((p) => (p.id === procedureId ? { ...p, remediedOn } : p)),
  };
}

export interface NoticeInput {
  id: string;
  byPartyId: string;
  sentOn: IsoDate;
  reason: string;
}

/** A party ends the convention with six months' notice. */
export function giveNotice(convention: Convention, input: NoticeInput): Convention {
  assertTransition(statusAt(convention, input.sentOn), 'give_notice');
  const party = signingParty(convention, input.byPartyId);
  const procedure: TerminationProcedure = {
    id: input.id,
    kind: 'notice',
    byPartyId: party.id,
    startedOn: input.sentOn,
    effectiveOn: noticeEffectiveOn(input.sentOn),
    ground: null,
    reason: input.reason,
    remediedOn: null,
  };
  return { ...convention, terminations: [...convention.terminations, procedure] };
}

export interface UnapprovedChangeInput {
  id: string;
  /** The Caf party: only the Caf pronounces this termination. */
  byPartyId: string;
  detectedOn: IsoDate;
  reason?: string;
}

/**
 * Ends the convention the day a change made without avenant is found. Refused when the content
 * still matches its signed hash: there is then nothing to sanction.
 */
export function terminateForUnapprovedChange(
  convention: Convention,
  input: UnapprovedChangeInput,
): Convention {
  const status = assertTransition(statusAt(convention, input.detectedOn), 'terminate');
  const party = signingParty(convention, input.byPartyId);
  if (party.role !== 'caf')
    throw new AppError('TERMINATION_CAF_ONLY', { details: { kind: 'unapproved_change' } });
  const report = verifyIntegrity(convention);
  if (report.state !== 'modified') throw new AppError('CONVENTION_INTEGRITY_INTACT');
  const differences = report.differences.map((d) => d.label).join(' ; ');
  const procedure: TerminationProcedure = {
    id: input.id,
    kind: 'unapproved_change',
    byPartyId: party.id,
    startedOn: input.detectedOn,
    effectiveOn: input.detectedOn,
    ground: null,
    reason: input.reason ?? `Modification sans avenant : ${differences || 'contenu scellé altéré'}.`,
    remediedOn: null,
  };
  return {
    ...convention,
    status,
    closedOn: input.detectedOn,
    terminations: [...convention.terminations, procedure],
  };
}

/** Procedures still running on `today`: not remedied and not yet effective. */
export function runningProcedures(convention: Convention, today: IsoDate): TerminationProcedure[] {
  return convention.terminations.filter(
    (p) => p.remediedOn === null && compareDates(p.effectiveOn, today) > 0,
  );
}
