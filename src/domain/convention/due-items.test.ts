import { describe, expect, it } from 'vitest';
import { amendArticle, createAvenant, signAvenant, submitAvenant } from './avenant.js';
import { dueItems } from './due-items.js';
import { advance, recordSignature, renew, submitForSignature } from './lifecycle.js';
import type { Convention } from './model.js';
import { giveNotice, sendFormalNotice } from './termination.js';
import { draftCarrieres, signedCarrieres } from './testing.js';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const labels = (items: ReturnType<typeof dueItems>) => items.map((i) => plain(i.label));

describe('dueItems', () => {
  it('lists the signatures still awaited, by name, late once the period has begun', () => {
    const c = recordSignature(
      submitForSignature(draftCarrieres(), '2023-11-26'),
      'caf-78-director',
      '2023-11-28',
    );
    const items = dueItems([c], '2023-12-01');
    expect(items.map((i) => [i.kind, i.dueOn, i.overdue, i.status])).toEqual([
      ['signatures_missing', null, false, 'in_signature'],
    ]);
    expect(labels(items)[0]).toBe(
      'Convention de Carrières-sur-Seine : signatures attendues de Madame Sophie Barrois (Présidente du conseil d’administration, Caisse d’allocations familiales des Yvelines), Monsieur Arnaud de Bourrousse (Maire, Commune de Carrières-sur-Seine).',
    );
    const late = dueItems([c], '2024-01-15');
    expect(late.map((i) => [i.kind, i.dueOn, i.overdue])).toEqual([
      ['signatures_missing', '2024-01-01', true],
    ]);
    expect(labels(late)[0]).toMatch(/Carrières-sur-Seine\) ; sa période a commencé le 1er janvier 2024\.$/);
  });

  it('asks for the signature of a draft whose period has begun, late from the day after its start', () => {
    const draft = draftCarrieres();
    expect(dueItems([draft], '2023-12-31')).toEqual([]);
    const onStart = dueItems([draft], '2024-01-01');
    expect(onStart).toEqual([
      {
        conventionId: 'ctg-78124',
        kind: 'unsigned_period_begun',
        dueOn: '2024-01-01',
        overdue: false,
        status: 'draft',
        label: expect.any(String),
      },
    ]);
    expect(labels(onStart)[0]).toBe(
      'Convention de Carrières-sur-Seine : sa période a commencé le 1er janvier 2024 et le projet n’est pas signé ; il reste à le compléter, à le soumettre et à le faire signer.',
    );
    expect(dueItems([draft], '2024-12-01')[0]).toMatchObject({
      kind: 'unsigned_period_begun',
      overdue: true,
    });
    expect(labels(dueItems([draft], '2028-02-01'))[0]).toBe(
      'Convention de Carrières-sur-Seine : sa période (1er janvier 2024 – 31 décembre 2027) est achevée et le projet n’a jamais été signé.',
    );
  });

  it('warns six months before the end, unless a renewal is already under way', () => {
    const c = advance(signedCarrieres(), '2025-01-01');
    expect(dueItems([c], '2027-06-30')).toEqual([]);
    const items = dueItems([c], '2027-07-01');
    expect(items).toEqual([
      {
        conventionId: 'ctg-78124',
        kind: 'end_approaching',
        dueOn: '2027-12-31',
        overdue: false,
        status: 'in_force',
        label: expect.any(String),
      },
    ]);
    expect(labels(items)[0]).toBe(
      'Convention de Carrières-sur-Seine : elle prend fin le 31 décembre 2027 ; son renouvellement n’est jamais tacite et doit être décidé expressément.',
    );
    const next = renew(c, { id: 'ctg-2028', today: '2027-07-01' });
    expect(dueItems([c, next], '2027-07-01')).toEqual([]);
  });

  it('shows the notices running with the date they take effect', () => {
    let c = advance(signedCarrieres(), '2025-01-01');
    c = sendFormalNotice(c, {
      id: 'md',
      byPartyId: 'caf-78',
      sentOn: '2025-03-10',
      ground: 'contract_breach',
      reason: 'x',
    });
    c = giveNotice(c, { id: 'den', byPartyId: 'commune-78124', sentOn: '2025-03-12', reason: 'y' });
    const items = dueItems([c], '2025-03-20');
    expect(items.map((i) => [i.kind, i.dueOn])).toEqual([
      ['formal_notice_running', '2025-04-10'],
      ['notice_running', '2025-09-12'],
    ]);
    expect(labels(items)).toEqual([
      'Convention de Carrières-sur-Seine : mise en demeure envoyée le 10 mars 2025 ; sans régularisation, la convention sera résiliée le 10 avril 2025.',
      'Convention de Carrières-sur-Seine : dénonciation notifiée le 12 mars 2025 ; la convention prendra fin le 12 septembre 2025.',
    ]);
    // Once the month has run out, the convention reads terminated, stored so or not.
    const after = dueItems([c], '2025-04-10');
    expect(after.map((i) => [i.kind, i.dueOn, i.status, i.overdue])).toEqual([
      ['ended', '2025-04-10', 'terminated', false],
    ]);
    expect(labels(after)[0]).toBe(
      'Convention de Carrières-sur-Seine : « Résiliée » depuis le 10 avril 2025.',
    );
    expect(dueItems([advance(c, '2025-04-10')], '2025-05-01')).toEqual(dueItems([c], '2025-05-01'));
  });

  it('shows an expired convention without a following one for six months, the same whether the expiry is stored or not', () => {
    const c = advance(signedCarrieres(), '2025-01-01');
    const items = dueItems([c], '2028-01-02');
    expect(items.map((i) => [i.kind, i.dueOn, i.status, i.overdue])).toEqual([
      ['ended', '2028-01-01', 'expired', true],
    ]);
    expect(labels(items)[0]).toBe(
      'Convention de Carrières-sur-Seine : « Expirée » depuis le 1er janvier 2028 ; aucune convention suivante n’est en préparation.',
    );
    const stored = advance(c, '2028-01-02');
    expect(stored.status).toBe('expired');
    expect(dueItems([stored], '2028-01-02')).toEqual(items);
    expect(dueItems([c], '2028-06-30')).toHaveLength(1);
    expect(dueItems([c], '2028-07-01')).toEqual([]);
    // A following convention in preparation has its own item instead.
    const next = renew(stored, { id: 'ctg-2028', today: '2028-01-02' });
    expect(dueItems([stored, next], '2028-01-02').map((i) => [i.conventionId, i.kind])).toEqual([
      ['ctg-2028', 'unsigned_period_begun'],
    ]);
  });

  it('flags a text changed without avenant', () => {
    const c = advance(signedCarrieres(), '2025-01-01');
    const tampered: Convention = { ...c, content: { ...c.content, placeOfSignature: 'Poissy' } };
    const items = dueItems([tampered], '2025-02-01');
    expect(items.map((i) => i.kind)).toEqual(['unapproved_change']);
    expect(labels(items)[0]).toContain('modifié sans avenant (Lieu de signature)');
  });

  it('lists the signatures awaited on an avenant', () => {
    let c = advance(signedCarrieres(), '2025-01-01');
    c = createAvenant(c, { id: 'av-1', today: '2025-06-02', purpose: 'Mise à jour' });
    c = amendArticle(c, 'av-1', 'communication', {
      blocks: [{ type: 'paragraph', text: 'Nouvelle rédaction.' }],
    });
    c = signAvenant(submitAvenant(c, 'av-1', '2025-06-03'), 'av-1', 'caf-78-president', '2025-06-04');
    const items = dueItems([c], '2025-06-05');
    expect(items.map((i) => i.kind)).toEqual(['avenant_signatures_missing']);
    expect(labels(items)[0]).toBe(
      'Convention de Carrières-sur-Seine, avenant n° 1 : signatures attendues de Monsieur Didier Grosjean (Directeur, Caisse d’allocations familiales des Yvelines), Monsieur Arnaud de Bourrousse (Maire, Commune de Carrières-sur-Seine).',
    );
  });

  it('puts dated items first, earliest first, across conventions', () => {
    const pending = submitForSignature(draftCarrieres('ctg-b'), '2025-03-01');
    let running = advance(signedCarrieres('ctg-a'), '2025-01-01');
    running = giveNotice(running, { id: 'den', byPartyId: 'caf-78', sentOn: '2025-03-10', reason: 'x' });
    const items = dueItems([pending, running], '2025-03-20');
    // The signatures are late (the period began on 1 January 2024): they come first.
    expect(items.map((i) => [i.conventionId, i.kind, i.dueOn])).toEqual([
      ['ctg-b', 'signatures_missing', '2024-01-01'],
      ['ctg-a', 'notice_running', '2025-09-10'],
    ]);
    let amended = advance(signedCarrieres('ctg-c'), '2025-01-01');
    amended = createAvenant(amended, { id: 'av-1', today: '2025-03-02', purpose: 'Mise à jour' });
    amended = amendArticle(amended, 'av-1', 'communication', {
      blocks: [{ type: 'paragraph', text: 'Nouvelle rédaction.' }],
    });
    amended = submitAvenant(amended, 'av-1', '2025-03-03');
    expect(dueItems([amended, pending, running], '2025-03-20').map((i) => i.conventionId)).toEqual([
      'ctg-b',
      'ctg-a',
      'ctg-c',
    ]);
  });
});
