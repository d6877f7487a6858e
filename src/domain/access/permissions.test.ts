import { describe, expect, it } from 'vitest';
import type { Actor, ConventionAccessFacts, Role } from './access.js';
import { actsForParty, can, partiesActedFor } from './permissions.js';

const user = (id: string, kind: 'caf' | 'commune', code: string, roles: Role[]): Actor => ({
  kind: 'user',
  userId: `u-${id}`,
  email: `${id}@test.fr`,
  displayName: id,
  roles,
  organisation: {
    id,
    kind,
    name: id,
    territoryLevel: kind === 'caf' ? 'departement' : 'commune',
    territoryCode: code,
  },
});
const caf78 = user('caf78', 'caf', '78', ['caf_agent']);
const carrieres = user('carrieres', 'commune', '78124', ['territory_agent']);
const admin = user('caf78', 'caf', '78', ['admin']);
const partner = user('dep', 'caf', '00', ['partner']);
const convention: ConventionAccessFacts = {
  territories: [{ level: 'commune', code: '78124', departementCodes: ['78'] }],
  partyOrganisationIds: ['caf78', 'carrieres'],
};
const cafParty = { id: 'caf78', role: 'caf' as const };
const communeParty = { id: 'carrieres', role: 'local_authority' as const };

describe('acting for one’s own party', () => {
  it('lets a Caf agent act for its Caf and a territory agent for its commune, not the other way round', () => {
    expect(can(caf78, 'convention.sign', { convention, party: cafParty })).toBe(true);
    expect(can(caf78, 'convention.sign', { convention, party: communeParty })).toBe(false);
    expect(can(carrieres, 'convention.sign', { convention, party: communeParty })).toBe(true);
    expect(can(carrieres, 'convention.sign', { convention, party: cafParty })).toBe(false);
    expect(can(carrieres, 'convention.terminate', { convention, party: cafParty })).toBe(false);
  });

  it('lets admins and the platform act for any party, and partners for none', () => {
    expect(actsForParty(admin, communeParty)).toBe(true);
    expect(actsForParty({ kind: 'system', system: 'cli' }, cafParty)).toBe(true);
    expect(can(partner, 'convention.sign', { convention, party: cafParty })).toBe(false);
  });

  it('offers only the parties one acts for', () => {
    expect(partiesActedFor(carrieres, [cafParty, communeParty])).toEqual([communeParty]);
  });

  it('refuses when the facts the scope needs are missing', () => {
    expect(can(caf78, 'convention.read')).toBe(false);
    expect(can(caf78, 'convention.sign', { convention })).toBe(false);
    expect(can(carrieres, 'audit.read')).toBe(false);
    expect(can(carrieres, 'public.read')).toBe(true);
  });
});
