/**
 * What needs someone's attention on a given day, across conventions: drafts whose period has begun
 * unsigned, signatures awaited, a term approaching without a renewal, termination procedures running,
 * conventions that have ended (expired without a following one, terminated), and signed texts that no
 * longer match their seal. Each item carries the convention's status of the day (`statusOn`, the same
 * as every page shows, whether or not the calendar job has stored it yet) and its French label.
 */

import { addMonths, compareDates, formatFrenchDate, type IsoDate } from '../shared/dates.js';
import { frenchTypography } from '../shared/typography.js';
import { verifyIntegrity } from './integrity.js';
import { functionLabel, STATUS_LABELS, signatoryName, versionLabel } from './labels.js';
import { advance, signedPeriod } from './lifecycle.js';
import { type Convention, type ConventionStatus, currentVersion, RENEWAL_WARNING_MONTHS } from './model.js';
import { pendingSignatories } from './signatures.js';
import { runningProcedures } from './termination.js';

export type DueItemKind =
  | 'unsigned_period_begun'
  | 'signatures_missing'
  | 'avenant_signatures_missing'
  | 'end_approaching'
  | 'formal_notice_running'
  | 'notice_running'
  | 'ended'
  | 'unapproved_change';

/** How long after its last day an ended convention stays on the list. */
export const ENDED_SHOWN_MONTHS = 6;

/** A module's own kinds of item are named `<module>.<kind>` (`plan.action_late`). */
export type ModuleDueItemKind = `${string}.${string}`;

export interface DueItem {
  conventionId: string;
  kind: DueItemKind | ModuleDueItemKind;
  /** The date the item is about (effective date, end date); null when it is simply pending. */
  dueOn: IsoDate | null;
  /** The date has passed: the action is late. */
  overdue: boolean;
  /** The convention's status of the day. */
  status: ConventionStatus;
  label: string;
  /** What kind of item it is, in French, for a module's own kinds (the platform's are in the pages). */
  kindLabel?: string;
}

/** An item as a module gives it: the platform adds the convention's status of the day and lateness. */
export type ModuleDueItem = Omit<DueItem, 'overdue' | 'status' | 'kind' | 'kindLabel'> & {
  kind: ModuleDueItemKind;
  kindLabel: string;
};

type Item = Omit<DueItem, 'overdue' | 'status'>;
type ItemOfDay = Omit<DueItem, 'overdue'>;

const name = (c: Convention) => `Convention de ${c.content.territory.name}`;

function pendingNames(...args: Parameters<typeof pendingSignatories>): string {
  return pendingSignatories(...args)
    .map(({ party, signatory }) => `${signatoryName(signatory)} (${functionLabel(signatory)}, ${party.name})`)
    .join(', ');
}

function itemsOf(stored: Convention, today: IsoDate, renewed: Set<string>): ItemOfDay[] {
  const items: Item[] = [];
  const id = stored.id;
  // The convention as it stands today: status and closing day as every page shows them.
  const convention = advance(stored, today);
  const status = convention.status;
  const { start, end } = signedPeriod(convention);
  const begun = compareDates(start, today) <= 0;

  if (status === 'draft' && begun) {
    items.push({
      conventionId: id,
      kind: 'unsigned_period_begun',
      dueOn: start,
      label:
        compareDates(end, today) < 0
          ? `${name(convention)} : sa période (${formatFrenchDate(start)} – ${formatFrenchDate(end)}) est achevée et le projet n’a jamais été signé.`
          : `${name(convention)} : sa période a commencé le ${formatFrenchDate(start)} et le projet n’est pas signé ; il reste à le compléter, à le soumettre et à le faire signer.`,
    });
  }

  if (status === 'in_signature' && convention.signature) {
    items.push({
      conventionId: id,
      kind: 'signatures_missing',
      dueOn: begun ? start : null,
      label: `${name(convention)} : signatures attendues de ${pendingNames(convention.content, convention.signature)}${begun ? ` ; sa période a commencé le ${formatFrenchDate(start)}` : ''}.`,
    });
  }

  const base = currentVersion(convention)?.content;
  for (const avenant of convention.avenants) {
    if (avenant.status === 'in_signature' && avenant.signature && base) {
      items.push({
        conventionId: id,
        kind: 'avenant_signatures_missing',
        dueOn: null,
        label: `${name(convention)}, ${versionLabel(avenant.number).replace(/^A/, 'a')} : signatures attendues de ${pendingNames(base, avenant.signature)}.`,
      });
    }
  }

  if (status === 'signed' || status === 'in_force') {
    if (!renewed.has(id) && compareDates(end, addMonths(today, RENEWAL_WARNING_MONTHS)) <= 0) {
      items.push({
        conventionId: id,
        kind: 'end_approaching',
        dueOn: end,
        label: `${name(convention)} : elle prend fin le ${formatFrenchDate(end)} ; son renouvellement n’est jamais tacite et doit être décidé expressément.`,
      });
    }
    for (const procedure of runningProcedures(convention, today)) {
      const sent = formatFrenchDate(procedure.startedOn);
      const effective = formatFrenchDate(procedure.effectiveOn);
      items.push(
        procedure.kind === 'formal_notice'
          ? {
              conventionId: id,
              kind: 'formal_notice_running',
              dueOn: procedure.effectiveOn,
              label: `${name(convention)} : mise en demeure envoyée le ${sent} ; sans régularisation, la convention sera résiliée le ${effective}.`,
            }
          : {
              conventionId: id,
              kind: 'notice_running',
              dueOn: procedure.effectiveOn,
              label: `${name(convention)} : dénonciation notifiée le ${sent} ; la convention prendra fin le ${effective}.`,
            },
      );
    }
    const integrity = verifyIntegrity(convention);
    if (integrity.state === 'modified') {
      const what = integrity.differences.map((d) => d.label).join(' ; ') || 'contenu scellé';
      items.push({
        conventionId: id,
        kind: 'unapproved_change',
        dueOn: today,
        label: `${name(convention)} : le texte a été modifié sans avenant (${what}) ; cette modification ouvre droit à résiliation sans mise en demeure.`,
      });
    }
  }

  const closedOn = convention.closedOn;
  const recent = closedOn !== null && compareDates(addMonths(closedOn, ENDED_SHOWN_MONTHS), today) > 0;
  if (recent && status === 'expired' && !renewed.has(id)) {
    items.push({
      conventionId: id,
      kind: 'ended',
      dueOn: closedOn,
      label: `${name(convention)} : « ${STATUS_LABELS.expired} » depuis le ${formatFrenchDate(closedOn)} ; aucune convention suivante n’est en préparation.`,
    });
  }
  if (recent && status === 'terminated') {
    items.push({
      conventionId: id,
      kind: 'ended',
      dueOn: closedOn,
      label: `${name(convention)} : « ${STATUS_LABELS.terminated} » depuis le ${formatFrenchDate(closedOn)}.`,
    });
  }
  return items.map((item) => ({ ...item, status }));
}

/**
 * Everything due on `today`, the dated items first in date order. `conventions` holds the open ones
 * and those ended in the last `ENDED_SHOWN_MONTHS` months (and their renewals).
 */
export function dueItems(conventions: readonly Convention[], today: IsoDate): DueItem[] {
  const renewed = new Set(conventions.flatMap((c) => (c.renewalOf ? [c.renewalOf] : [])));
  return sortDueItems(
    conventions.flatMap((c) => itemsOf(c, today, renewed)).map((item) => ofDay(item, today)),
  );
}

function ofDay(item: ItemOfDay, today: IsoDate): DueItem {
  return {
    ...item,
    // Late: the date of an action has passed (a termination only informs).
    overdue:
      item.dueOn !== null &&
      compareDates(item.dueOn, today) < 0 &&
      !(item.kind === 'ended' && item.status === 'terminated'),
    label: frenchTypography(item.label),
  };
}

/**
 * A module's items (`src/modules/`) completed as the platform's are: the status of the day of the
 * convention each names (one of `conventions`; an item naming another is dropped) and lateness.
 */
export function moduleDueItems(
  items: readonly ModuleDueItem[],
  conventions: readonly Convention[],
  today: IsoDate,
): DueItem[] {
  const byId = new Map(conventions.map((c) => [c.id, c]));
  return items.flatMap((item) => {
    const convention = byId.get(item.conventionId);
    return convention ? [ofDay({ ...item, status: advance(convention, today).status }, today)] : [];
  });
}

/** The dated items first, in date order; undated ones after, in their order. */
export function sortDueItems<T extends DueItem>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.dueOn === b.dueOn) return 0;
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return compareDates(a.dueOn, b.dueOn);
  });
}
