/**
 * Maps stored conventions to what pages and the API show: the status of the day, French labels,
 * parties and signatures, what may be done next, avenants with their diff, versions, terminations.
 */
import type { StoredConvention } from '../../db/repositories/convention.repository.js';
import {
  AVENANT_STATUS_LABELS,
  advance,
  avenantModifications,
  BREACH_GROUND_LABELS,
  type ConventionEvent,
  canTransition,
  functionLabel,
  missingInformation,
  pendingSignatories,
  renderText,
  STATUS_LABELS,
  signatoryName,
  statusAt,
  TERMINATION_KIND_LABELS,
  VARIANT_LABELS,
  versionHistory,
} from '../../domain/convention/index.js';
import type { Avenant, Convention, ConventionStatus, PartyRole } from '../../domain/convention/model.js';
import { formatFrenchDate, type IsoDate } from '../../domain/shared/dates.js';
import type { ConventionSummary } from '../../use-cases/conventions/list-conventions.js';

export { STATUS_LABELS, VARIANT_LABELS };

export const PARTY_ROLE_LABELS: Record<PartyRole, string> = {
  caf: 'Caf',
  local_authority: 'Collectivité',
  partner: 'Partenaire signataire',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as ConventionStatus] ?? status;
}

export function periodLabel(c: { startDate: string; endDate: string }): string {
  return `du ${formatFrenchDate(c.startDate)} au ${formatFrenchDate(c.endDate)}`;
}

export function conventionSummaryJson(c: ConventionSummary) {
  return {
    id: c.id,
    territory: { level: c.territoryLevel, code: c.territoryCode, name: c.territoryName },
    status: c.status,
    statusLabel: statusLabel(c.status),
    variant: c.variant,
    startDate: c.startDate,
    endDate: c.endDate,
  };
}

/** The moves the page offers as buttons, given the status of the day. */
export function allowedEvents(convention: Convention, today: IsoDate): ConventionEvent[] {
  const status = statusAt(convention, today);
  const events: ConventionEvent[] = [
    'edit',
    'submit',
    'sign',
    'cancel_signature',
    'amend',
    'send_formal_notice',
    'give_notice',
    'renew',
  ];
  return events.filter((e) => canTransition(status, e));
}

export function signatoriesView(convention: Convention) {
  const round = convention.signature;
  const signed = new Map((round?.signatures ?? []).map((s) => [s.signatoryId, s.signedOn]));
  return convention.content.parties.map((party) => ({
    id: party.id,
    name: party.name,
    designation: party.designation,
    role: party.role,
    roleLabel: PARTY_ROLE_LABELS[party.role],
    signatories: party.signatories.map((s) => ({
      id: s.id,
      civility: s.civility,
      firstName: s.firstName,
      lastName: s.lastName,
      fullName: `${s.firstName} ${s.lastName}`,
      displayName: signatoryName(s),
      function: s.function,
      functionLabel: functionLabel(s),
      authority: s.authority,
      signedOn: signed.get(s.id) ?? null,
    })),
  }));
}

export function avenantView(convention: Convention, avenant: Avenant) {
  const base = convention.versions.at(-1)?.content;
  return {
    id: avenant.id,
    number: avenant.number,
    status: avenant.status,
    statusLabel: AVENANT_STATUS_LABELS[avenant.status],
    purpose: avenant.purpose,
    createdOn: avenant.createdOn,
    signedOn: avenant.signedOn,
    modifications: base ? avenantModifications(convention, avenant.id) : [],
    pending:
      avenant.status === 'in_signature' && avenant.signature && base
        ? pendingSignatories(base, avenant.signature).map(({ party, signatory }) => ({
            id: signatory.id,
            partyId: party.id,
            label: `${signatoryName(signatory)} (${functionLabel(signatory)}, ${party.name})`,
          }))
        : [],
    signatures: avenant.signature?.signatures ?? [],
  };
}

export function terminationsView(convention: Convention) {
  const parties = new Map(convention.content.parties.map((p) => [p.id, p.name]));
  return convention.terminations.map((t) => ({
    ...t,
    kindLabel: TERMINATION_KIND_LABELS[t.kind],
    groundLabel: t.ground ? BREACH_GROUND_LABELS[t.ground] : null,
    byPartyName: parties.get(t.byPartyId) ?? t.byPartyId,
  }));
}

/** The convention as it stands on `today` (status and closing day of the day; nothing is written). */
export function conventionJson(stored: StoredConvention, today: IsoDate) {
  const c = stored.convention;
  const status = statusAt(c, today);
  return {
    id: c.id,
    /** Sent back (`If-Match` or `version`) to save only over what was read. */
    version: stored.version,
    territory: { level: stored.territoryLevel, code: stored.territoryCode, name: c.content.territory.name },
    territories: stored.territories.map(({ level, code, name }) => ({ level, code, name })),
    status,
    statusLabel: statusLabel(status),
    storedStatus: c.status,
    variant: c.content.variant,
    variantLabel: VARIANT_LABELS[c.content.variant],
    startDate: c.content.period.start,
    endDate: c.content.period.end,
    placeOfSignature: c.content.placeOfSignature,
    createdOn: c.createdOn,
    closedOn: advance(c, today).closedOn,
    renewalOf: c.renewalOf,
    parties: signatoriesView(c),
    visas: c.content.visas,
    preamble: c.content.preamble,
    articles: c.content.articles.map((a) => ({ ...a, renderedTitle: renderText(a.title, c.content) })),
    annexes: c.content.annexes.map((a) => ({ ...a, renderedTitle: renderText(a.title, c.content) })),
    signature: c.signature,
    missing: c.status === 'draft' ? missingInformation(c.content) : [],
    allowedEvents: allowedEvents(c, today),
    versions: versionHistory(c),
    avenants: c.avenants.map((a) => ({
      id: a.id,
      number: a.number,
      status: a.status,
      statusLabel: AVENANT_STATUS_LABELS[a.status],
      purpose: a.purpose,
      signedOn: a.signedOn,
    })),
    terminations: terminationsView(c),
  };
}
