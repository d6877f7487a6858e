import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../shared/app-error.js';
import { createAvenant } from './avenant.js';
import { advance, dueTransitions, statusAt } from './lifecycle.js';
import type { Convention } from './model.js';
import {
  formalNoticeEffectiveOn,
  giveNotice,
  markRemedied,
  noticeEffectiveOn,
  runningProcedures,
  sendFormalNotice,
  terminateForUnapprovedChange,
} from './termination.js';
import { draftCarrieres, signedCarrieres } from './testing.js';

function codeOf(run: () => unknown): ErrorCode | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const CAF = 'caf-78';
const COMMUNE = 'commune-78124';

const breach = (c: Convention, sentOn = '2025-03-10', byPartyId = COMMUNE) =>
  sendFormalNotice(c, {
    id: `md-${sentOn}`,
    byPartyId,
    sentOn,
    ground: 'contract_breach',
    reason: 'Comité de pilotage non réuni en 2024',
  });

describe('termination after a formal notice', () => {
  it('takes effect one month after the registered letter unless remedied', () => {
    const c = breach(advance(signedCarrieres(), '2025-01-01'));
    expect(c.terminations[0]).toMatchObject({
      kind: 'formal_notice',
      startedOn: '2025-03-10',
      effectiveOn: '2025-04-10',
    });
    expect(statusAt(c, '2025-04-09')).toBe('in_force');
    expect(statusAt(c, '2025-04-10')).toBe('terminated');
    expect(dueTransitions([c], '2025-04-15')).toEqual([
      {
        conventionId: 'ctg-78124',
        from: 'in_force',
        to: 'terminated',
        event: 'terminate',
        effectiveOn: '2025-04-10',
      },
    ]);
    const ended = advance(c, '2025-04-15');
    expect(ended).toMatchObject({ status: 'terminated', closedOn: '2025-04-10' });
    expect(codeOf(() => createAvenant(ended, { id: 'a', today: '2025-05-01', purpose: 'x' }))).toBe(
      'CONVENTION_CLOSED',
    );
  });

  it('clamps to the end of a shorter month', () => {
    expect(formalNoticeEffectiveOn('2025-03-10')).toBe('2025-04-10');
    expect(formalNoticeEffectiveOn('2025-01-31')).toBe('2025-02-28');
    expect(formalNoticeEffectiveOn('2024-01-31')).toBe('2024-02-29');
  });

  it('no longer ends the convention once the breach is remedied within the month', () => {
    const c = markRemedied(breach(signedCarrieres()), 'md-2025-03-10', '2025-04-01');
    expect(c.terminations[0]!.remediedOn).toBe('2025-04-01');
    expect(statusAt(c, '2025-05-01')).toBe('in_force');
    expect(runningProcedures(c, '2025-04-02')).toEqual([]);
    expect(codeOf(() => markRemedied(c, 'md-2025-03-10', '2025-04-02'))).toBe('NOTICE_NOT_REMEDIABLE');
  });

  it('cannot be remedied once the month has run out', () => {
    const c = breach(signedCarrieres());
    expect(codeOf(() => markRemedied(c, 'md-2025-03-10', '2025-04-10'))).toBe('NOTICE_ALREADY_EFFECTIVE');
    expect(codeOf(() => markRemedied(c, 'unknown', '2025-04-01'))).toBe('TERMINATION_NOT_FOUND');
  });

  it('leaves a breach of law to the Caf', () => {
    const legal = (byPartyId: string) =>
      sendFormalNotice(signedCarrieres(), {
        id: 'md',
        byPartyId,
        sentOn: '2025-03-10',
        ground: 'legal_breach',
        reason: 'Agrément retiré',
      });
    expect(codeOf(() => legal(COMMUNE))).toBe('TERMINATION_CAF_ONLY');
    expect(legal(CAF).terminations[0]).toMatchObject({ ground: 'legal_breach', effectiveOn: '2025-04-10' });
  });

  it('is open to the signing parties of a signed convention only', () => {
    expect(codeOf(() => breach(signedCarrieres(), '2025-03-10', 'departement-78'))).toBe('PARTY_UNKNOWN');
    expect(codeOf(() => breach(draftCarrieres()))).toBe('CONVENTION_NOT_SIGNED');
    expect(codeOf(() => breach(signedCarrieres(), '2028-02-01'))).toBe('CONVENTION_CLOSED');
  });
});

describe('termination with six months’ notice', () => {
  it('takes effect six months after notification', () => {
    const c = giveNotice(signedCarrieres(), {
      id: 'den',
      byPartyId: COMMUNE,
      sentOn: '2025-03-10',
      reason: 'Transfert de compétence',
    });
    expect(c.terminations[0]).toMatchObject({ kind: 'notice', effectiveOn: '2025-09-10' });
    expect(noticeEffectiveOn('2025-08-31')).toBe('2026-02-28');
    expect(statusAt(c, '2025-09-09')).toBe('in_force');
    expect(statusAt(c, '2025-09-10')).toBe('terminated');
    expect(codeOf(() => markRemedied(c, 'den', '2025-04-01'))).toBe('NOTICE_NOT_REMEDIABLE');
  });

  it('lets the convention expire when its term comes first', () => {
    const c = giveNotice(signedCarrieres(), {
      id: 'den',
      byPartyId: CAF,
      sentOn: '2027-09-01',
      reason: 'Fin anticipée',
    });
    expect(c.terminations[0]!.effectiveOn).toBe('2028-03-01');
    expect(statusAt(c, '2028-01-01')).toBe('expired');
  });

  it('ends at the earliest of several running procedures', () => {
    let c = giveNotice(signedCarrieres(), {
      id: 'den',
      byPartyId: COMMUNE,
      sentOn: '2025-03-10',
      reason: 'x',
    });
    c = breach(c, '2025-06-01', CAF);
    expect(statusAt(c, '2025-06-30')).toBe('in_force');
    expect(statusAt(c, '2025-07-01')).toBe('terminated');
    expect(runningProcedures(c, '2025-06-15').map((p) => p.effectiveOn)).toEqual([
      '2025-09-10',
      '2025-07-01',
    ]);
  });
});

describe('termination for a change made without avenant', () => {
  const tampered = (): Convention => {
    const c = signedCarrieres();
    return {
      ...c,
      content: {
        ...c.content,
        articles: c.content.articles.map((a) =>
          a.key === 'local_authority_fields'
            ? { ...a, blocks: [{ type: 'paragraph', text: 'Rédaction modifiée.' }] }
            : a,
        ),
      },
    };
  };

  it('is pronounced by the Caf and takes effect at once', () => {
    const ended = terminateForUnapprovedChange(tampered(), {
      id: 'auto',
      byPartyId: CAF,
      detectedOn: '2025-03-10',
    });
    expect(ended.status).toBe('terminated');
    expect(ended.closedOn).toBe('2025-03-10');
    expect(ended.terminations[0]).toMatchObject({
      kind: 'unapproved_change',
      startedOn: '2025-03-10',
      effectiveOn: '2025-03-10',
    });
    expect(ended.terminations[0]!.reason).toContain('Article 3');
    expect(statusAt(ended, '2025-03-10')).toBe('terminated');
  });

  it('is refused to another party, and when the text matches its signed hash', () => {
    expect(
      codeOf(() =>
        terminateForUnapprovedChange(tampered(), {
          id: 'auto',
          byPartyId: COMMUNE,
          detectedOn: '2025-03-10',
        }),
      ),
    ).toBe('TERMINATION_CAF_ONLY');
    expect(
      codeOf(() =>
        terminateForUnapprovedChange(signedCarrieres(), {
          id: 'auto',
          byPartyId: CAF,
          detectedOn: '2025-03-10',
        }),
      ),
    ).toBe('CONVENTION_INTEGRITY_INTACT');
  });
});
