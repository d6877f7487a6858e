/** Maps convention records to what pages and the API show, with French labels. */
import type { ConventionRecord, ConventionSummary } from '../../db/repositories/convention.repository.js';
import { formatFrenchDate } from '../../domain/shared/dates.js';

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Projet',
  in_signature: 'En signature',
  signed: 'Signée',
  in_force: 'En vigueur',
  expired: 'Échue',
  terminated: 'Résiliée',
};

export const VARIANT_LABELS: Record<string, string> = {
  commune_over_5000: 'Communes de plus de 5 000 habitants',
  commune_under_5000: 'Communes de moins de 5 000 habitants',
  intercommunality: 'Intercommunalité',
};

export const PARTY_ROLE_LABELS: Record<string, string> = {
  caf: 'Caf',
  local_authority: 'Collectivité',
  other: 'Autre signataire',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
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

export function conventionJson(c: ConventionRecord) {
  return {
    id: c.id,
    territory: { level: c.territoryLevel, code: c.territoryCode, name: c.territoryName },
    territories: c.territories.map(({ level, code, name }) => ({ level, code, name })),
    status: c.status,
    statusLabel: statusLabel(c.status),
    variant: c.variant,
    variantLabel: VARIANT_LABELS[c.variant] ?? c.variant,
    startDate: c.startDate,
    endDate: c.endDate,
    placeOfSignature: c.placeOfSignature,
    parties: c.parties.map((p) => ({
      organisationId: p.organisationId,
      name: p.organisationName,
      role: p.role,
      signatories: p.signatories.map((s) => ({
        civility: s.civility,
        fullName: s.fullName,
        function: s.functionTitle,
        authority: s.authority,
        authorityDate: s.authorityDate,
        signedOn: s.signedOn,
      })),
    })),
  };
}
