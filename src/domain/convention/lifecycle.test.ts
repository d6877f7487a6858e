import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../shared/app-error.js';
import { contentHash } from './canonical.js';
import {
  advance,
  assertTransition,
  type ConventionEvent,
  cancelSignature,
  changeVariant,
  completeSignatures,
  createConvention,
  dueTransitions,
  editDraft,
  followingPeriod,
  missingInformation,
  recordSignature,
  renew,
  statusAt,
  submitForSignature,
  updateArticle,
} from './lifecycle.js';
import type { Convention, ConventionStatus } from './model.js';
import { defaultArticles } from './template.js';
import { giveNotice } from './termination.js';
import { CAF_YVELINES, CARRIERES, COMMUNE_CARRIERES, draftCarrieres, signedCarrieres } from './testing.js';

function codeOf(run: () => unknown): ErrorCode | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

// The whole table, written out: a legal move gives its target status, an illegal one its error code.
const C = 'CONVENTION_CLOSED';
const EXPECTED: Record<ConventionStatus, Record<ConventionEvent, ConventionStatus | ErrorCode>> = {
  draft: {
    edit: 'draft',
    submit: 'in_signature',
    sign: 'CONVENTION_NOT_IN_SIGNATURE',
    complete_signatures: 'CONVENTION_NOT_IN_SIGNATURE',
    cancel_signature: 'CONVENTION_NOT_IN_SIGNATURE',
    enter_into_force: 'CONVENTION_NOT_SIGNED',
    expire: 'CONVENTION_NOT_SIGNED',
    amend: 'CONVENTION_NOT_SIGNED',
    send_formal_notice: 'CONVENTION_NOT_SIGNED',
    give_notice: 'CONVENTION_NOT_SIGNED',
    remedy: 'CONVENTION_NOT_SIGNED',
    terminate: 'CONVENTION_NOT_SIGNED',
    renew: 'CONVENTION_NOT_RENEWABLE',
  },
  in_signature: {
    edit: 'CONVENTION_IN_SIGNATURE',
    submit: 'CONVENTION_IN_SIGNATURE',
    sign: 'in_signature',
    complete_signatures: 'signed',
    cancel_signature: 'draft',
    enter_into_force: 'CONVENTION_NOT_SIGNED',
    expire: 'CONVENTION_NOT_SIGNED',
    amend: 'CONVENTION_NOT_SIGNED',
    send_formal_notice: 'CONVENTION_NOT_SIGNED',
    give_notice: 'CONVENTION_NOT_SIGNED',
    remedy: 'CONVENTION_NOT_SIGNED',
    terminate: 'CONVENTION_NOT_SIGNED',
    renew: 'CONVENTION_NOT_RENEWABLE',
  },
  signed: {
    edit: 'CONVENTION_NOT_DRAFT',
    submit: 'CONVENTION_NOT_DRAFT',
    sign: 'CONVENTION_ALREADY_SIGNED',
    complete_signatures: 'CONVENTION_ALREADY_SIGNED',
    cancel_signature: 'CONVENTION_ALREADY_SIGNED',
    enter_into_force: 'in_force',
    expire: 'expired',
    amend: 'signed',
    send_formal_notice: 'signed',
    give_notice: 'signed',
    remedy: 'signed',
    terminate: 'terminated',
    renew: 'CONVENTION_NOT_RENEWABLE',
  },
  in_force: {
    edit: 'CONVENTION_NOT_DRAFT',
    submit: 'CONVENTION_NOT_DRAFT',
    sign: 'CONVENTION_ALREADY_SIGNED',
    complete_signatures: 'CONVENTION_ALREADY_SIGNED',
    cancel_signature: 'CONVENTION_ALREADY_SIGNED',
    enter_into_force: 'ILLEGAL_TRANSITION',
    expire: 'expired',
    amend: 'in_force',
    send_formal_notice: 'in_force',
    give_notice: 'in_force',
    remedy: 'in_force',
    terminate: 'terminated',
    renew: 'in_force',
  },
  expired: {
    edit: C,
    submit: C,
    sign: C,
    complete_signatures: C,
    cancel_signature: C,
    enter_into_force: C,
    expire: C,
    amend: C,
    send_formal_notice: C,
    give_notice: C,
    remedy: C,
    terminate: C,
    renew: 'expired',
  },
  terminated: {
    edit: C,
    submit: C,
    sign: C,
    complete_signatures: C,
    cancel_signature: C,
    enter_into_force: C,
    expire: C,
    amend: C,
    send_formal_notice: C,
    give_notice: C,
    remedy: C,
    terminate: C,
    renew: 'CONVENTION_NOT_RENEWABLE',
  },
};

describe('assertTransition', () => {
  for (const [from, events] of Object.entries(EXPECTED) as Array<
    [ConventionStatus, Record<ConventionEvent, string>]
  >) {
    for (const [event, expected] of Object.entries(events) as Array<[ConventionEvent, string]>) {
      it(`${from} + ${event} → ${expected}`, () => {
        if (expected === expected.toLowerCase()) {
          expect(assertTransition(from, event)).toBe(expected);
        } else {
          expect(codeOf(() => assertTransition(from, event))).toBe(expected);
        }
      });
    }
  }

  it('explains in French why a signed convention cannot be edited', () => {
    expect(() => assertTransition('in_force', 'edit')).toThrow(
      'Une convention signée ne peut être modifiée que par avenant.',
    );
  });
});

describe('creating and editing a draft', () => {
  it('starts from the default template, variant and period', () => {
    const draft = draftCarrieres();
    expect(draft.status).toBe('draft');
    expect(draft.content.variant).toBe('commune_over_5000');
    expect(draft.content.period).toEqual({ start: '2024-01-01', end: '2027-12-31' });
    expect(draft.content.articles).toHaveLength(14);
    expect(draft.content.annexes).toHaveLength(7);
    expect(draft.content.visas).toHaveLength(7);
    expect(draft.content.secrecy).toEqual({ minZoneAllocataires: 100, minCount: 5 });
  });

  it('accepts explicit dates and refuses an end before the start', () => {
    const base = {
      id: 'x',
      today: '2023-06-15',
      territory: CARRIERES,
      parties: [CAF_YVELINES, COMMUNE_CARRIERES],
    };
    expect(
      createConvention({ ...base, period: { start: '2024-07-01', end: '2029-06-30' } }).content.period,
    ).toEqual({
      start: '2024-07-01',
      end: '2029-06-30',
    });
    expect(
      codeOf(() => createConvention({ ...base, period: { start: '2025-01-01', end: '2024-12-31' } })),
    ).toBe('CONVENTION_PERIOD_INVALID');
    expect(
      codeOf(() => editDraft(draftCarrieres(), { period: { start: '2024-01-01', end: '2024-02-30' } })),
    ).toBe('CONVENTION_PERIOD_INVALID');
  });

  it('refuses a placeholder it does not know', () => {
    const run = () =>
      updateArticle(draftCarrieres(), 'object', {
        blocks: [{ type: 'paragraph', text: 'Pour {territoir}.' }],
      });
    expect(codeOf(run)).toBe('CONVENTION_PLACEHOLDER_UNKNOWN');
  });

  it('lists what is missing before signature', () => {
    const bare = createConvention({
      id: 'x',
      today: '2023-06-15',
      territory: CARRIERES,
      parties: [CAF_YVELINES, { ...COMMUNE_CARRIERES, signatories: [] }],
    });
    const codes = missingInformation(bare.content).map((m) => m.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'signatories:commune-78124',
        'placeholder:deliberations_collectivite',
        'placeholder:lieu',
        'deliberation_attachment',
      ]),
    );
    expect(missingInformation(draftCarrieres().content)).toEqual([]);
    try {
      submitForSignature(bare, '2024-11-26');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('CONVENTION_INCOMPLETE');
      expect((error as AppError).details).toMatchObject({
        missing: expect.arrayContaining([expect.objectContaining({ code: 'placeholder:lieu' })]),
      });
    }
  });

  it('switches variant, keeping the articles the parties edited', () => {
    const edited = updateArticle(draftCarrieres(), 'local_authority_fields', {
      blocks: [{ type: 'paragraph', text: 'Texte propre à {territoire}.' }],
    });
    const switched = changeVariant(edited, 'commune_under_5000');
    expect(switched.content.variant).toBe('commune_under_5000');
    expect(switched.content.articles.find((a) => a.key === 'object')!.blocks).toEqual(
      defaultArticles('commune_under_5000').find((a) => a.key === 'object')!.blocks,
    );
    expect(switched.content.articles.find((a) => a.key === 'local_authority_fields')!.blocks).toEqual([
      { type: 'paragraph', text: 'Texte propre à {territoire}.' },
    ]);
  });
});

describe('signature', () => {
  const submitted = () => submitForSignature(draftCarrieres(), '2024-11-26');

  it('freezes the content while it is being signed', () => {
    const convention = submitted();
    expect(convention.status).toBe('in_signature');
    expect(codeOf(() => updateArticle(convention, 'object', { title: 'Autre' }))).toBe(
      'CONVENTION_IN_SIGNATURE',
    );
  });

  it('records each signature once, from known signatories, not before submission', () => {
    const convention = recordSignature(submitted(), 'commune-78124-mayor', '2024-12-02');
    expect(convention.status).toBe('in_signature');
    expect(convention.signature!.signatures).toEqual([
      { partyId: 'commune-78124', signatoryId: 'commune-78124-mayor', signedOn: '2024-12-02' },
    ]);
    expect(codeOf(() => recordSignature(convention, 'commune-78124-mayor', '2024-12-03'))).toBe(
      'SIGNATURE_ALREADY_RECORDED',
    );
    expect(codeOf(() => recordSignature(convention, 'someone-else', '2024-12-03'))).toBe('SIGNATORY_UNKNOWN');
    expect(codeOf(() => recordSignature(convention, 'caf-78-director', '2024-11-25'))).toBe(
      'SIGNATURE_DATE_INVALID',
    );
    expect(codeOf(() => completeSignatures(convention))).toBe('SIGNATURES_MISSING');
  });

  it('becomes signed with the hash of its content when the last signatory signs', () => {
    let convention = recordSignature(submitted(), 'caf-78-president', '2024-12-05');
    convention = recordSignature(convention, 'commune-78124-mayor', '2024-12-02');
    expect(convention.status).toBe('in_signature');
    convention = recordSignature(convention, 'caf-78-director', '2024-12-03');
    expect(convention.status).toBe('signed');
    expect(convention.versions).toHaveLength(1);
    // Signatures may be entered in any order: the convention is concluded on the latest date.
    expect(convention.versions[0]!.signedOn).toBe('2024-12-05');
    expect(convention.versions[0]!.hash).toBe(contentHash(convention.content));
    expect(convention.versions[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(codeOf(() => recordSignature(convention, 'caf-78-director', '2024-12-06'))).toBe(
      'CONVENTION_ALREADY_SIGNED',
    );
    expect(codeOf(() => updateArticle(convention, 'object', { title: 'Autre' }))).toBe(
      'CONVENTION_NOT_DRAFT',
    );
  });

  it('goes back to draft when a signatory refuses, dropping the signatures collected', () => {
    const refused = cancelSignature(recordSignature(submitted(), 'commune-78124-mayor', '2024-12-02'));
    expect(refused.status).toBe('draft');
    expect(refused.signature).toBeNull();
    expect(updateArticle(refused, 'object', { title: 'Objet revu' }).content.articles[0]!.title).toBe(
      'Objet revu',
    );
    expect(codeOf(() => cancelSignature(refused))).toBe('CONVENTION_NOT_IN_SIGNATURE');
  });
});

/** Signed in November 2023, before its start on 1 January 2024. */
function signedEarly(id = 'ctg-early'): Convention {
  let c = submitForSignature(draftCarrieres(id), '2023-11-02');
  for (const signatory of ['commune-78124-mayor', 'caf-78-director', 'caf-78-president']) {
    c = recordSignature(c, signatory, '2023-11-20');
  }
  return c;
}

describe('dates move the convention on', () => {
  it('is signed until its start date, in force until its end date, expired after', () => {
    const c = signedEarly();
    expect(statusAt(c, '2023-11-20')).toBe('signed');
    expect(statusAt(c, '2023-12-31')).toBe('signed');
    expect(statusAt(c, '2024-01-01')).toBe('in_force');
    expect(statusAt(c, '2027-12-31')).toBe('in_force');
    expect(statusAt(c, '2028-01-01')).toBe('expired');
  });

  it('is in force as soon as it is signed when signed after its start date', () => {
    expect(statusAt(signedCarrieres(), '2024-12-05')).toBe('in_force');
  });

  it('lists the status changes due and applies them', () => {
    const early = signedEarly();
    const draft = draftCarrieres('ctg-draft');
    expect(dueTransitions([early, draft], '2023-12-31')).toEqual([]);
    expect(dueTransitions([early, draft], '2024-01-01')).toEqual([
      {
        conventionId: 'ctg-early',
        from: 'signed',
        to: 'in_force',
        event: 'enter_into_force',
        effectiveOn: '2024-01-01',
      },
    ]);
    const inForce = advance(early, '2024-01-01');
    expect(inForce.status).toBe('in_force');
    expect(advance(inForce, '2025-06-01')).toBe(inForce);
    expect(dueTransitions([inForce], '2028-03-01')).toEqual([
      {
        conventionId: 'ctg-early',
        from: 'in_force',
        to: 'expired',
        event: 'expire',
        effectiveOn: '2028-01-01',
      },
    ]);
    // A convention never moved on in time goes straight to its status of the day.
    const expired = advance(early, '2028-03-01');
    expect(expired.status).toBe('expired');
    expect(expired.closedOn).toBe('2028-01-01');
    expect(statusAt(expired, '2024-06-01')).toBe('expired');
  });
});

describe('renewal', () => {
  it('is only explicit, and starts a new draft for the next four years', () => {
    const c = advance(signedEarly(), '2027-09-01');
    const next = renew(c, { id: 'ctg-78124-2028', today: '2027-09-01' });
    expect(next.status).toBe('draft');
    expect(next.renewalOf).toBe('ctg-early');
    expect(next.createdOn).toBe('2027-09-01');
    expect(next.content.period).toEqual({ start: '2028-01-01', end: '2031-12-31' });
    expect(next.versions).toEqual([]);
    // The commune must deliberate again; the Caf's board deliberation stands.
    const mayor = next.content.parties.find((p) => p.id === 'commune-78124')!.signatories[0]!;
    expect(mayor.authority).toEqual({ kind: 'municipal_council_deliberation', date: null });
    expect(next.content.parties.find((p) => p.id === 'caf-78')!.signatories[0]!.authority.date).toBe(
      '2022-01-31',
    );
    expect(next.content.annexes.find((a) => a.key === 'deliberation')!.attachments).toEqual([]);
    expect(missingInformation(next.content).map((m) => m.code)).toContain('deliberation_attachment');
    expect(c.status).toBe('in_force');
  });

  it('can follow an expired convention but not a draft, a convention not yet started or a terminated one', () => {
    const c = signedEarly();
    expect(renew(c, { id: 'n', today: '2028-02-01' }).content.period.start).toBe('2028-01-01');
    expect(codeOf(() => renew(draftCarrieres(), { id: 'n', today: '2023-07-01' }))).toBe(
      'CONVENTION_NOT_RENEWABLE',
    );
    expect(codeOf(() => renew(c, { id: 'n', today: '2023-12-01' }))).toBe('CONVENTION_NOT_RENEWABLE');
    const ended = giveNotice(c, {
      id: 'd',
      byPartyId: 'commune-78124',
      sentOn: '2025-03-10',
      reason: 'Choix de la commune',
    });
    expect(codeOf(() => renew(ended, { id: 'n', today: '2025-10-01' }))).toBe('CONVENTION_NOT_RENEWABLE');
  });

  it('computes the following period from any end date', () => {
    expect(followingPeriod({ start: '2024-07-01', end: '2028-06-30' })).toEqual({
      start: '2028-07-01',
      end: '2032-06-30',
    });
    expect(followingPeriod({ start: '2024-03-01', end: '2028-02-29' })).toEqual({
      start: '2028-03-01',
      end: '2032-02-29',
    });
  });
});
