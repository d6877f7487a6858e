/**
 * What the action plan puts on the échéances page: fiches past their end date and not done nor
 * abandoned (`plan.fiche_late`), and open fiches with no follow-up note dated this calendar year
 * (`plan.fiche_without_note`) once they have started.
 */
import type { ModuleDueItem } from '../convention/due-items.js';
import { compareDates, formatFrenchDate, type IsoDate, parseIsoDate } from '../shared/dates.js';
import type { FicheFields } from './model.js';
import { isLate } from './rules.js';

export const PLAN_DUE_KIND_LABELS = {
  'plan.fiche_late': 'Fiche action en retard',
  'plan.fiche_without_note': 'Fiche action sans note de suivi cette année',
} as const;

export interface DueFiche extends Pick<FicheFields, 'status' | 'startDate' | 'endDate' | 'recurring'> {
  id: string;
  conventionId: string;
  /** `1.2`: its axe's position and its own. */
  reference: string;
  title: string;
  noteDates: readonly IsoDate[];
}

export function planDueItems(
  fiches: readonly DueFiche[],
  territoryName: string,
  today: IsoDate,
): ModuleDueItem[] {
  const year = parseIsoDate(today).year;
  const items: ModuleDueItem[] = [];
  for (const f of fiches) {
    if (f.status === 'done' || f.status === 'abandoned') continue;
    const name = `Convention de ${territoryName}, fiche ${f.reference} « ${f.title} »`;
    if (isLate({ ...f, pilots: [], budget: [], title: f.title, description: '', priority: null }, today)) {
      items.push({
        conventionId: f.conventionId,
        kind: 'plan.fiche_late',
        kindLabel: PLAN_DUE_KIND_LABELS['plan.fiche_late'],
        dueOn: f.endDate && compareDates(f.endDate, today) < 0 ? f.endDate : null,
        label:
          f.endDate && compareDates(f.endDate, today) < 0
            ? `${name} : elle devait être achevée le ${formatFrenchDate(f.endDate)} et ne l’est pas.`
            : `${name} : elle est marquée en retard.`,
      });
    }
    const started = f.startDate === null || compareDates(f.startDate, today) <= 0;
    if (started && !f.noteDates.some((d) => parseIsoDate(d).year === year)) {
      items.push({
        conventionId: f.conventionId,
        kind: 'plan.fiche_without_note',
        kindLabel: PLAN_DUE_KIND_LABELS['plan.fiche_without_note'],
        dueOn: null,
        label: `${name} : aucune note de suivi en ${year}.`,
      });
    }
  }
  return items;
}
