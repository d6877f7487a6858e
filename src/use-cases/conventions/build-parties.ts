/**
 * Turns the parties an editor names (organisations and their signatories) into the aggregate's
 * parties: the organisation gives the party's name and kind, the territory its designation.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import { findOrganisation } from '../../db/repositories/organisation.repository.js';
import type { ConventionTerritory, Party, PartyKind, PartyRole } from '../../domain/convention/model.js';
import { AppError } from '../../domain/shared/app-error.js';
import type { partySchema } from './convention-input.js';
import { cafDesignation, localAuthorityParty } from './draft-for-territory.js';

const KINDS: Record<string, PartyKind> = {
  caf: 'caf',
  commune: 'commune',
  epci: 'epci',
  departement: 'departement',
  state: 'state',
  msa: 'msa',
};

export async function buildParties(
  exec: Executor,
  territory: ConventionTerritory,
  inputs: z.output<typeof partySchema>[],
  previous: Party[] = [],
): Promise<Party[]> {
  const parties: Party[] = [];
  for (const [index, input] of inputs.entries()) {
    const org = await findOrganisation(exec, input.organisationId);
    if (!org) {
      throw new AppError('ORGANISATION_NOT_FOUND', {
        details: [{ field: `parties.${index}.organisationId`, message: 'Organisme inconnu.' }],
      });
    }
    const role: PartyRole = input.role === 'other' ? 'partner' : input.role;
    const before = previous.find((p) => p.id === org.id);
    const designation =
      input.designation ||
      before?.designation ||
      (role === 'caf'
        ? cafDesignation(org.name)
        : role === 'local_authority'
          ? localAuthorityParty(territory, org).designation
          : org.name);
    parties.push({
      id: org.id,
      role,
      kind: KINDS[org.kind] ?? 'other',
      name: org.name,
      designation,
      signatories: input.signatories.map((s) => ({
        id: s.id || randomUUID(),
        civility: s.civility,
        firstName: s.firstName,
        lastName: s.lastName,
        function: s.function,
        ...(s.functionText ? { functionText: s.functionText } : {}),
        authority: {
          kind: s.authority.kind,
          date: s.authority.date,
          ...(s.authority.reference ? { reference: s.authority.reference } : {}),
        },
      })),
    });
  }
  return parties;
}
