import { describe, expect, it } from 'vitest';
import {
  type Actor,
  authorLabel,
  authorOf,
  authorRefOf,
  type ConventionAccessFacts,
  conventionScope,
  type Role,
} from './access.js';
import { can } from './permissions.js';

function user(roles: Role[], org: Partial<Extract<Actor, { kind: 'user' }>['organisation']>): Actor {
  return {
    kind: 'user',
    userId: 'u',
    email: 'u@example.fr',
    displayName: 'U',
    roles,
    organisation: { id: 'o', kind: 'commune', name: 'O', territoryLevel: null, territoryCode: null, ...org },
  };
}

const carrieres: ConventionAccessFacts = {
  territories: [{ level: 'commune', code: '78124', departementCodes: ['78'] }],
  partyOrganisationIds: ['caf78', 'commune-78124'],
};
const bezonsEpci: ConventionAccessFacts = {
  territories: [{ level: 'epci', code: '200058519', departementCodes: ['78', '95'] }],
  partyOrganisationIds: [],
};

describe('convention access', () => {
  const caf78 = user(['caf_agent'], { kind: 'caf', territoryLevel: 'departement', territoryCode: '78' });
  const caf95 = user(['caf_agent'], { kind: 'caf', territoryLevel: 'departement', territoryCode: '95' });
  const carrieresAgent = user(['territory_agent'], {
    id: 'commune-78124',
    kind: 'commune',
    territoryLevel: 'commune',
    territoryCode: '78124',
  });
  const chatouAgent = user(['territory_agent'], {
    kind: 'commune',
    territoryLevel: 'commune',
    territoryCode: '78146',
  });
  const partner = user(['partner'], { id: 'caf78', kind: 'partner' });

  it('gives a Caf agent every territory of its département, including an EPCI straddling two', () => {
    expect(conventionScope(caf78)).toEqual({ kind: 'departement', departementCode: '78' });
    expect(can(caf78, 'convention.edit', { convention: carrieres })).toBe(true);
    expect(can(caf95, 'convention.read', { convention: carrieres })).toBe(false);
    expect(can(caf95, 'convention.read', { convention: bezonsEpci })).toBe(true);
  });

  it('gives a territory agent its own territory only', () => {
    expect(can(carrieresAgent, 'convention.edit', { convention: carrieres })).toBe(true);
    expect(can(chatouAgent, 'convention.read', { convention: carrieres })).toBe(false);
  });

  it('lets partners read the conventions they are party to, never edit', () => {
    expect(can(partner, 'convention.read', { convention: carrieres })).toBe(true);
    expect(can(partner, 'convention.edit', { convention: carrieres })).toBe(false);
  });
});

describe('a partner’s access to a convention', () => {
  const partner = user(['partner'], { id: 'assoc', kind: 'partner' });
  it('reaches a convention opened to its organisation, and no other', () => {
    expect(can(partner, 'convention.read', { convention: carrieres })).toBe(false);
    const opened = { ...carrieres, grantedOrganisationIds: ['assoc'] };
    expect(can(partner, 'convention.read', { convention: opened })).toBe(true);
    expect(can(partner, 'convention.edit', { convention: opened })).toBe(false);
    expect(
      can(user(['partner'], { id: 'other', kind: 'partner' }), 'convention.read', { convention: opened }),
    ).toBe(false);
  });
  it('is opened by administrators only', () => {
    expect(can(user(['admin'], { kind: 'caf' }), 'convention.grant')).toBe(true);
    expect(can(user(['caf_agent'], { kind: 'caf' }), 'convention.grant')).toBe(false);
  });
});

describe('authors by reference', () => {
  const row = {
    userId: 'u1',
    system: null,
    displayName: 'Anne',
    email: 'anne@exemple.fr',
    anonymisedAt: null,
  };
  it('stores an account id or a system kind, never a name', () => {
    expect(authorRefOf(user(['caf_agent'], {}))).toEqual({ userId: 'u', system: null });
    expect(authorRefOf({ kind: 'system', system: 'schedule' })).toEqual({ userId: null, system: 'schedule' });
  });
  it('reads the account’s name, or what became of it', () => {
    expect(authorLabel(authorOf(row))).toBe('Anne');
    expect(authorLabel(authorOf(row), { withEmail: true })).toBe('Anne <anne@exemple.fr>');
    expect(authorLabel(authorOf({ ...row, anonymisedAt: new Date() }), { withEmail: true })).toBe(
      'Personne anonymisée',
    );
    expect(authorLabel(authorOf({ ...row, userId: null, displayName: null, email: null }))).toBe(
      'Compte supprimé',
    );
    expect(authorLabel(authorOf({ ...row, userId: null, system: 'cli' }))).toBe('Ligne de commande ctg');
    expect(authorLabel(authorOf({ ...row, userId: null, system: 'inconnu' }))).toBe('La plateforme');
  });
});
