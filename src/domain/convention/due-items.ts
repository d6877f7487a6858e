/**
 * What needs someone's attention on a given day, across conventions: signatures awaited, a term
 * approaching without a renewal, termination procedures running, status changes the dates have
 * brought about, and signed texts that no longer match their seal. Each item carries its French label.
 */

import { addMonths, compareDates, formatFrenchDate, type IsoDate } from '../shared/dates.js';
import { frenchTypography } from '../shared/typography.js';
import { verifyIntegrity } from './integrity.js';
import { functionLabel, STATUS_LABELS, signatoryName, versionLabel } from './labels.js';
import { dueTransitions, signedPeriod, statusAt } from './lifecycle.js';
import { type Convention, currentVersion, RENEWAL_WARNING_MONTHS } from './model.js';
import { pendingSignatories } from './signatures.js';
import { runningProcedures } from './termination.js';

export type DueItemKind =
  | 'signatures_missing'
  | 'avenant_signatures_missing'
  | 'end_approaching'
  | 'formal_notice_running'
  | 'notice_running'
  | 'status_change'
  | 'unapproved_change';

/** A module's own kinds of item are named `<module>.<kind>` (`plan.action_late`). */
export type ModuleDueItemKind = `${string}.${string}`;

export interface DueItem {
  conventionId: string;
  kind: DueItemKind | ModuleDueItemKind;
  /** The date the item is about (effective date, end date); null when it is simply pending. */
  dueOn: IsoDate | null;
  label: string;
}

const name = (c: Convention) => `Convention de ${c.content.territory.name}`;

function pendingNames(...args: Parameters<typeof pendingSignatories>): string {
  return pendingSignatories(...args)
    .map(({ party, signatory }) => `${signatoryName(signatory)} (${functionLabel(signatory)}, ${party.name})`)
    .join(', ');
}

function itemsOf(convention: Convention, today: IsoDate, renewed: Set<string>): DueItem[] {
  const items: DueItem[] = [];
  const id = convention.id;
  const status = statusAt(convention, today);

  if (convention.status === 'in_signature' && convention.signature) {
    items.push({
      conventionId: id,
      kind: 'signatures_missing',
      dueOn: null,
      label: `${name(convention)} : signatures attendues de ${pendingNames(convention.content, convention.signature)}.`,
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
    const { end } = signedPeriod(convention);
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
  return items;
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

/** Everything due on `today`, the dated items first in date order. */
export function dueItems(conventions: readonly Convention[], today: IsoDate): DueItem[] {
  const renewed = new Set(conventions.flatMap((c) => (c.renewalOf ? [c.renewalOf] : [])));
  const items = conventions.flatMap((c) => itemsOf(c, today, renewed));
  const byId = new Map(conventions.map((c) => [c.id, c]));
  for (const transition of dueTransitions(conventions, today)) {
    const convention = byId.get(transition.conventionId)!;
    items.push({
      conventionId: transition.conventionId,
      kind: 'status_change',
      dueOn: transition.effectiveOn,
      label: `${name(convention)} : « ${STATUS_LABELS[transition.to]} » depuis le ${formatFrenchDate(transition.effectiveOn)} (statut enregistré : « ${STATUS_LABELS[transition.from]} »).`,
    });
  }
  return sortDueItems(items.map((item) => ({ ...item, label: frenchTypography(item.label) })));
}
