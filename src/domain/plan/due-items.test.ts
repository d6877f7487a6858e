import { describe, expect, it } from 'vitest';
import { type DueFiche, planDueItems } from './due-items.js';

const TODAY = '2026-11-28';
const fiche = (over: Partial<DueFiche> = {}): DueFiche => ({
  id: 'f1',
  conventionId: 'c1',
  reference: '1.2',
  title: 'Accueil de loisirs',
  status: 'in_progress',
  startDate: '2025-01-01',
  endDate: null,
  recurring: false,
  noteDates: ['2026-03-01'],
  ...over,
});
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const kinds = (f: DueFiche, today = TODAY) => planDueItems([f], 'Chatou', today).map((i) => i.kind);

describe('planDueItems', () => {
  it('lists a fiche past its end date, not on its last day', () => {
    const [item] = planDueItems([fiche({ endDate: '2026-11-27' })], 'Chatou', TODAY);
    expect({ ...item, label: plain(item!.label) }).toEqual({
      conventionId: 'c1',
      kind: 'plan.fiche_late',
      kindLabel: 'Fiche action en retard',
      dueOn: '2026-11-27',
      label:
        'Convention de Chatou, fiche 1.2 « Accueil de loisirs » : elle devait être achevée le 27 novembre 2026 et ne l’est pas.',
    });
    expect(kinds(fiche({ endDate: TODAY }))).toEqual([]);
  });

  it('never lists a fiche done or abandoned, nor a recurring one as late', () => {
    for (const status of ['done', 'abandoned'] as const) {
      expect(kinds(fiche({ status, endDate: '2020-01-01', noteDates: [] }))).toEqual([]);
    }
    expect(kinds(fiche({ recurring: true, endDate: '2020-01-01' }))).toEqual([]);
  });

  it('lists a fiche marked late whatever its dates, without a due date', () => {
    const [item] = planDueItems([fiche({ status: 'late', endDate: '2030-01-01' })], 'Chatou', TODAY);
    expect(item).toMatchObject({ kind: 'plan.fiche_late', dueOn: null });
    expect(item!.label).toContain('elle est marquée en retard');
  });

  it('lists a started fiche without a note dated this calendar year', () => {
    expect(kinds(fiche({ noteDates: ['2025-12-31'] }))).toEqual(['plan.fiche_without_note']);
    expect(kinds(fiche({ noteDates: ['2025-12-31'] }), '2026-01-01')).toEqual(['plan.fiche_without_note']);
    expect(kinds(fiche({ noteDates: ['2026-01-01'] }))).toEqual([]);
    expect(kinds(fiche({ noteDates: [], startDate: null }))).toEqual(['plan.fiche_without_note']);
    // Not started yet: nothing to follow up.
    expect(kinds(fiche({ noteDates: [], startDate: '2027-01-01' }))).toEqual([]);
    expect(plain(planDueItems([fiche({ noteDates: [] })], 'Chatou', TODAY)[0]!.label)).toBe(
      'Convention de Chatou, fiche 1.2 « Accueil de loisirs » : aucune note de suivi en 2026.',
    );
  });

  it('gives both items for a late fiche without a note', () => {
    expect(kinds(fiche({ endDate: '2026-06-30', noteDates: [] }))).toEqual([
      'plan.fiche_late',
      'plan.fiche_without_note',
    ]);
  });
});
