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
  it('lists the signatures still awaited, by name', () => {
    const c = recordSignature(
      submitForSignature(draftCarrieres(), '2024-11-26'),
      'caf-78-director',
      '2024-11-28',
    );
    const items = dueItems([c], '2024-12-01');
    expect(items.map((i) => i.kind)).toEqual(['signatures_missing']);
    expect(labels(items)[0]).toBe(
      'Convention de Carrières-sur-Seine : signatures attendues de Madame Sophie Barrois (Présidente du conseil d’administration, Caisse d’allocations familiales des Yvelines), Monsieur Arnaud de Bourrousse (Maire, Commune de Carrières-sur-Seine).',
    );
    expect(dueItems([draftCarrieres()], '2024-12-01')).toEqual([]);
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
    // Once the month has run out, what is due is recording the termination.
    const after = dueItems([c], '2025-04-10');
    expect(after.map((i) => [i.kind, i.dueOn])).toEqual([['status_change', '2025-04-10']]);
    expect(labels(after)[0]).toBe(
      'Convention de Carrières-sur-Seine : « Résiliée » depuis le 10 avril 2025 (statut enregistré : « En vigueur »).',
    );
  });

  it('flags a status the dates have changed but nobody recorded yet', () => {
    const c = signedCarrieres();
    expect(dueItems([c], '2024-12-06').map((i) => [i.kind, i.dueOn])).toEqual([
      ['status_change', '2024-01-01'],
    ]);
    expect(dueItems([advance(c, '2024-12-06')], '2024-12-06')).toEqual([]);
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
    expect(items.map((i) => [i.conventionId, i.kind])).toEqual([
      ['ctg-a', 'notice_running'],
      ['ctg-b', 'signatures_missing'],
    ]);
  });
});
